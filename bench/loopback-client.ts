import { Agent, request } from 'node:http';

/**
 * A lean HTTP/1.1 client for load on loopback: node's own `http` over kept-alive sockets.
 * The bench shares the machine's two cores with the server it measures; `fetch` (undici)
 * spent 2–3× the CPU per request (0.45–1.1 ms vs 0.2–0.3 ms, docs/benchmarks.md), time the
 * load generator took from the server under test.
 */
export class LoopbackClient {
  private readonly agent = new Agent({ keepAlive: true });
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
  }

  /** Sends `body` as JSON and resolves with the status once the whole answer has arrived. */
  send(method: string, path: string, body: unknown): Promise<number> {
    const payload = Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: this.host,
          port: this.port,
          path,
          method,
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': payload.length },
        },
        (response) => {
          response.on('error', reject);
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.resume();
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
