import { buildSync } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from './project-root';

/** The browser UI's sources: web/ at the project's root. */
const WEB_ROOT = join(projectRoot(import.meta.url), 'web');

/** One file of the built UI: its path under the site root, its bytes and its content type. */
export interface WebAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

const STATIC_FILES: Record<string, string> = {
  '/index.html': 'text/html; charset=utf-8',
  '/styles.css': 'text/css; charset=utf-8',
};

/**
 * Builds the browser UI: `web/src/main.ts` and what it imports (lightweight-charts included)
 * bundled by esbuild into one `app.js`, beside the static page and styles. The local host serves
 * the result from memory; CDK writes it to a folder and deploys it to S3. One build, two hosts.
 */
export function buildWebAssets(): Map<string, WebAsset> {
  const result = buildSync({
    entryPoints: [join(WEB_ROOT, 'src', 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    write: false,
    legalComments: 'none',
    outfile: 'app.js',
  });
  const assets = new Map<string, WebAsset>();
  for (const file of result.outputFiles)
    assets.set('/app.js', {
      body: Buffer.from(file.contents),
      contentType: 'text/javascript; charset=utf-8',
    });
  for (const [path, contentType] of Object.entries(STATIC_FILES))
    assets.set(path, { body: readFileSync(join(WEB_ROOT, path.slice(1))), contentType });
  return assets;
}

/** Writes the built UI into a folder (CDK's asset for the site bucket). */
export function writeWebAssets(outDir: string, extra: Record<string, string> = {}): string {
  const assets = buildWebAssets();
  for (const [path, asset] of assets) {
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    writeFileSync(join(outDir, path), asset.body);
  }
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(outDir, name), text);
  return outDir;
}
