import type { TableName } from '../lib/adapters/dynamodb/table-specs';

export type TableAccess = 'read' | 'readwrite';

/** A Lambda function: its entry file and the least table access it needs. */
export interface FunctionSpec {
  readonly entry: string;
  readonly description: string;
  readonly tables: Partial<Record<TableName, TableAccess>>;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
}

/**
 * Every Lambda function of Stratus. CDK deploys one function per entry with exactly these
 * table grants; the local host loads the same entry files; the bench bundles and times them.
 */
export const FUNCTIONS = {
  system: {
    entry: 'functions/http/system.ts',
    description: 'Health (dependency checks), the OpenAPI document, unknown routes',
    tables: { accounts: 'read', idempotency: 'read' },
  },
  portfolio: {
    entry: 'functions/http/portfolio.ts',
    description: 'Cash, buying power, equity, positions and the cash ledger',
    tables: { accounts: 'readwrite' },
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;
