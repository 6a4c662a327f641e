// Starts a worker thread on a TypeScript module (the local host and tests run the sources
// through tsx; a deployed bundle is JavaScript and needs none of this).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
