// Builds the CLI and the functions the local host runs into JavaScript (dist/cli), so
// `npx stratus` and `npm start` start on Node alone, without compiling TypeScript on every run:
// one ESM file per entry (bin/stratus.ts and every function under functions/), the code they
// share in chunks, each command loading only the chunks it imports. Run by `npm install`
// (postinstall) and again by bin/stratus.mjs whenever a source is newer than the build.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['bin', 'lib', 'functions'];

/** Where the build is kept (tests give it a folder of their own, inside the project). */
export function buildFolder() {
  return join(ROOT, process.env.STRATUS_CLI_BUILD ?? join('dist', 'cli'));
}

function files(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** Whether the build is older than any source (or absent). */
export function stale() {
  const built = join(buildFolder(), 'bin', 'stratus.mjs');
  let builtAt;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((folder) =>
    files(join(ROOT, folder)).some((path) => statSync(path).mtimeMs >= builtAt),
  );
}

export async function build() {
  const { build: esbuild } = await import('esbuild');
  const target = buildFolder();
  // Built beside and moved in whole: two commands starting at once never see half a build.
  const staging = `${target}.${process.pid}`;
  const functions = files(join(ROOT, 'functions')).filter(
    (path) => path.endsWith('.ts') && !relative(ROOT, path).startsWith(join('functions', 'shared')),
  );
  await esbuild({
    entryPoints: [join(ROOT, 'bin', 'stratus.ts'), ...functions],
    outbase: ROOT,
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    logLevel: 'error',
  });
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build();
