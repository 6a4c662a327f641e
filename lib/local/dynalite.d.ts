// dynalite ships no types: what the local host uses of it.
declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** LevelDB folder; in memory when absent. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
  }

  /** An HTTP server speaking DynamoDB's protocol; closing it closes the store. */
  export default function dynalite(options?: DynaliteOptions): Server;
}
