// Runs fauxqs (SQS) on its own thread so queue traffic does not share the API's event loop.
// Plain JavaScript: a worker thread starts without the TypeScript loader.
import { parentPort } from 'node:worker_threads';
import { buildApp } from 'fauxqs';

const app = buildApp({ logger: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
parentPort.postMessage({ type: 'listening', address });
parentPort.on('message', async (message) => {
  if (message?.type !== 'close') return;
  await app.close();
  parentPort.postMessage({ type: 'closed' });
});
