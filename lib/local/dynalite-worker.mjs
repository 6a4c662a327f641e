// Runs dynalite on its own thread so DynamoDB work does not share the API's event loop.
// Plain JavaScript: a worker thread starts without the TypeScript loader.
import { EventEmitter } from 'node:events';
import { Buffer } from 'node:buffer';
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';

const server = dynalite({ path: workerData.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
const handleHttp = server.listeners('request')[0];
server.on('error', (error) =>
  parentPort.postMessage({ type: 'error', message: String(error?.message ?? error) }),
);
server.listen(0, '127.0.0.1', () =>
  parentPort.postMessage({ type: 'listening', port: server.address().port }),
);
parentPort.on('message', (message) => {
  if (message?.type === 'request') return handleInProcess(message);
  if (message?.type !== 'close') return;
  // Closing the server closes the LevelDB store: every acknowledged write is on disk.
  server.close((error) =>
    parentPort.postMessage({ type: 'closed', error: error ? String(error.message ?? error) : null }),
  );
});

/**
 * A request from the host's in-process transport (lib/local/worker-transport.ts), handed to
 * dynalite's own HTTP request handler as the request and response it reads and writes: the
 * handler uses only the headers, method, url and body events, and setHeader/statusCode/end.
 */
function handleInProcess({ id, method, url, headers, body }) {
  const request = Object.assign(new EventEmitter(), { method, url, headers });
  const responseHeaders = {};
  const response = {
    statusCode: 200,
    setHeader: (name, value) => {
      responseHeaders[name.toLowerCase()] = String(value);
    },
    end: (payload) =>
      parentPort.postMessage({
        type: 'response',
        id,
        statusCode: response.statusCode,
        headers: responseHeaders,
        body: payload ?? '',
      }),
  };
  handleHttp(request, response);
  if (body !== undefined && body.length > 0) request.emit('data', Buffer.from(body));
  request.emit('end');
}
