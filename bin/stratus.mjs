#!/usr/bin/env node
// `npx stratus`: the CLI. A backtest runs from a bundle of the sources (esbuild), rebuilt
// whenever a source is newer than it, so the command starts in tens of milliseconds instead of
// compiling TypeScript on every run. Every other command (serve above all: it loads the Lambda
// functions' TypeScript entries by path) runs the sources through tsx.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['bin', 'lib'];
// Where the bundle is kept: inside the project, so it finds the packages it leaves out (tests
// give it a folder of their own).
const CACHE = process.env.STRATUS_CLI_CACHE ?? join(ROOT, 'node_modules', '.cache', 'stratus-cli');
const ENTRY = join(CACHE, 'stratus.mjs');

/** The newest modification time of any source file, in ms. */
function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

async function bundled() {
  const built = existsSync(ENTRY) ? statSync(ENTRY).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map((folder) => newestSource(join(ROOT, folder))))) return ENTRY;
  const { build } = await import('esbuild');
  // Built beside the cache and moved in whole: two commands starting at once never see half a bundle.
  const staging = `${CACHE}.${process.pid}`;
  await build({
    entryPoints: [join(ROOT, 'bin', 'stratus.ts')],
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    logLevel: 'error',
  });
  mkdirSync(dirname(CACHE), { recursive: true });
  rmSync(CACHE, { recursive: true, force: true });
  renameSync(staging, CACHE);
  return ENTRY;
}

if (process.argv[2] === 'backtest') {
  await import(pathToFileURL(await bundled()).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(ROOT, 'bin', 'stratus.ts')).href);
}
