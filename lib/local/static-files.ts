import type { ServerResponse } from 'node:http';
import { extname } from 'node:path';
import type { WebAsset } from '../platform/web-assets';

/** What CloudFront's response-headers policy sends in AWS; the same here. */
const WEB_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
} as const;

/**
 * Serves the built web UI (`lib/platform/web-assets.ts`) from memory, as S3 + CloudFront do in AWS. Unknown
 * paths without an extension get index.html (the single-page app routes them); nothing else is
 * reachable — there is no file system path to escape.
 */
export function serveStatic(
  assets: ReadonlyMap<string, WebAsset>,
  urlPath: string,
  response: ServerResponse,
): boolean {
  const asset =
    assets.get(urlPath) ??
    (urlPath === '/' || extname(urlPath) === '' ? assets.get('/index.html') : undefined);
  if (!asset) return false;
  response.writeHead(200, {
    'content-type': asset.contentType,
    'cache-control': 'no-cache',
    ...WEB_SECURITY_HEADERS,
  });
  response.end(asset.body);
  return true;
}
