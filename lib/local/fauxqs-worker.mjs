// Runs fauxqs (SQS) on its own thread so queue traffic does not share the API's event loop.
// Plain JavaScript: a worker thread starts without the TypeScript loader.
import { Buffer } from 'node:buffer';
import { parentPort } from 'node:worker_threads';
import { buildApp } from 'fauxqs';

const app = buildApp({ logger: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
parentPort.postMessage({ type: 'listening', address });
parentPort.on('message', async (message) => {
  if (message?.type === 'request') return handleInProcess(message);
  if (message?.type !== 'close') return;
  await app.close();
  parentPort.postMessage({ type: 'closed' });
});

/** A request from the host's in-process transport (lib/local/in-process-transport.ts), injected into fauxqs's routes. */
async function handleInProcess({ id, method, url, headers, body }) {
  try {
    const payload = body === undefined ? undefined : Buffer.from(body);
    const response = await app.inject({ method, url, headers, payload });
    parentPort.postMessage({
      type: 'response',
      id,
      statusCode: response.statusCode,
      headers: Object.fromEntries(
        Object.entries(response.headers).map(([name, value]) => [name, String(value)]),
      ),
      body: response.rawPayload,
    });
  } catch (error) {
    parentPort.postMessage({
      type: 'response',
      id,
      statusCode: 500,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify({ __type: 'InternalFailure', message: String(error?.message ?? error) }),
    });
  }
}
