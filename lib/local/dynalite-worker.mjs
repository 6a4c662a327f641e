// Runs dynalite on its own thread so DynamoDB work does not share the API's event loop.
// Plain JavaScript: a worker thread starts without the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';

const server = dynalite({ path: workerData.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.on('error', (error) =>
  parentPort.postMessage({ type: 'error', message: String(error?.message ?? error) }),
);
server.listen(0, '127.0.0.1', () =>
  parentPort.postMessage({ type: 'listening', port: server.address().port }),
);
parentPort.on('message', (message) => {
  if (message?.type !== 'close') return;
  // Closing the server closes the LevelDB store: every acknowledged write is on disk.
  server.close((error) =>
    parentPort.postMessage({ type: 'closed', error: error ? String(error.message ?? error) : null }),
  );
});
