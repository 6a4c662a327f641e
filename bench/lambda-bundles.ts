import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { FUNCTIONS, type FunctionName } from '../lib/platform/function-catalog';
import { ALL_TABLES } from '../lib/adapters/dynamodb/table-specs';
import { esbuildOptions } from '../lib/cloud/bundling';
import { quantile } from './machine';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const RUNS = 15;
const SIZE_TARGET = 1024 * 1024;
const INIT_TARGET_MS = 150;

export interface BundleFigures {
  name: FunctionName;
  bytes: number;
  initMs: { median: number; p90: number; min: number; max: number };
}

/** Builds a function exactly as CDK does (lib/cloud/bundling.ts) into a temporary folder. */
async function bundle(name: FunctionName, outdir: string): Promise<string> {
  const outfile = join(outdir, name, 'index.mjs');
  await build(esbuildOptions(join(ROOT, FUNCTIONS[name].entry), outfile));
  return outfile;
}

/**
 * Cold module init: a fresh Node process per run imports the bundle and reports how long the
 * import took, measured inside the process (so process start-up, and the ~120 ms that
 * NODE_EXTRA_CA_CERTS adds to it on these machines, are not counted). The environment is
 * Lambda's as far as the code can tell: function name, region, table names, Powertools settings.
 */
function coldInitMs(file: string, name: FunctionName): number[] {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: `stratus-${name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_SERVICE_NAME: 'stratus',
    POWERTOOLS_METRICS_NAMESPACE: 'Stratus',
    STRATUS_VERSION: 'bench',
    ...Object.fromEntries(ALL_TABLES.map((table) => [table.envVar, `bench-${table.name}`])),
  };
  const script = `const t=performance.now();await import(${JSON.stringify(`file://${file}`)});process.stdout.write(String(performance.now()-t));`;
  return Array.from({ length: RUNS }, () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' })),
  );
}

export async function benchLambdaBundles(): Promise<BundleFigures[]> {
  const outdir = mkdtempSync(join(tmpdir(), 'stratus-bench-'));
  const figures: BundleFigures[] = [];
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const file = await bundle(name, outdir);
    const samples = coldInitMs(file, name);
    figures.push({
      name,
      bytes: statSync(file).size,
      initMs: {
        median: quantile(samples, 0.5),
        p90: quantile(samples, 0.9),
        min: Math.min(...samples),
        max: Math.max(...samples),
      },
    });
  }
  return figures;
}

export function printLambdaBundles(figures: readonly BundleFigures[]): void {
  console.log(
    `\nLambda bundles (minified ESM, Node 22 target) and cold module init (${RUNS} fresh processes each)`,
  );
  console.log('  function      bundle      init median   p90        min–max          targets');
  for (const { name, bytes, initMs } of figures) {
    const ok = bytes <= SIZE_TARGET && initMs.median <= INIT_TARGET_MS ? 'met' : 'MISSED';
    console.log(
      `  ${name.padEnd(12)}  ${`${(bytes / 1024).toFixed(1)} KB`.padStart(9)}   ${`${initMs.median.toFixed(1)} ms`.padStart(9)}   ${`${initMs.p90.toFixed(1)} ms`.padStart(8)}   ${`${initMs.min.toFixed(1)}–${initMs.max.toFixed(1)} ms`.padStart(14)}   ≤1 MB, ≤${INIT_TARGET_MS} ms: ${ok}`,
    );
  }
}

// Allows `tsx bench/lambda-bundles.ts` on its own.
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  printLambdaBundles(await benchLambdaBundles());
}
