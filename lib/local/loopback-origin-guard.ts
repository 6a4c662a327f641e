import type { IncomingHttpHeaders } from 'node:http';

/**
 * What keeps a web page the trader happens to visit from driving the local host (bound to
 * loopback, often with no token: paper trading on one's own machine).
 *
 * - **Host** must be a loopback name of this host with its port. A DNS-rebinding page reaches
 *   127.0.0.1 under its own name (`Host: evil.example:5000`), so reading the account needs this
 *   check.
 * - **Origin**, when a browser sends it, must be this host's own origin. A cross-site form POST
 *   or a `no-cors` fetch is a "simple request" that browsers send without asking, with the
 *   page's Origin (or `null` from a sandbox). Tools such as curl send no Origin and keep working.
 *
 * Returns why a request is refused, or null when it may go on.
 */
export function loopbackRefusal(headers: IncomingHttpHeaders, port: number): string | null {
  const host = (headers.host ?? '').toLowerCase();
  const names = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  if (!names.includes(host))
    return `Host ${JSON.stringify(headers.host ?? '')} is not this host (${names.join(', ')})`;
  const origin = headers.origin;
  if (origin !== undefined && !names.some((name) => origin.toLowerCase() === `http://${name}`))
    return `Origin ${JSON.stringify(origin)} is not this host's own origin: requests from other sites are refused`;
  return null;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;
