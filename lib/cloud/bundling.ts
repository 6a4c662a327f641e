import type { BuildOptions } from 'esbuild';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * How every Lambda function is bundled, in one place: CDK's NodejsFunction uses these options
 * for `cdk synth`/`deploy`, and the bench builds the very same bundles to measure them.
 *
 * - ESM, minified, for Node 22 on arm64: smallest bundle and fastest module init.
 * - The AWS SDK is bundled rather than taken from the runtime, so what runs in AWS is the
 *   exact, pinned SDK the tests ran against — except the S3 client, which only the functions
 *   that read datasets load (on first use) and which would take three of them past 1 MB
 *   (~150 KB of XML and checksum code): it comes from the Node.js 22 runtime's SDK v3
 *   (docs/decisions/0016-datasets-in-files-and-s3.md).
 * - playwright-core (PDF printing) is left out: a Lambda has no Chromium, so the report archiver
 *   never loads it there (docs/decisions/0019-reports-kept-after-the-close.md).
 * - CommonJS dependencies inside an ESM bundle need `require`; the banner provides it.
 */
const BUNDLING = {
  target: 'node22',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  externalModules: ['@aws-sdk/client-s3', 'playwright-core'] as string[],
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  legalComments: 'none',
} as const;

/** The options for CDK's NodejsFunction. */
export function cdkBundlingOptions(): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    sourceMap: BUNDLING.sourcemap,
    mainFields: [...BUNDLING.mainFields],
    externalModules: [...BUNDLING.externalModules],
    banner: BUNDLING.banner,
    esbuildArgs: { '--legal-comments': BUNDLING.legalComments },
  };
}

/** The same options for calling esbuild directly (what NodejsFunction runs under the hood). */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourcemap,
    mainFields: [...BUNDLING.mainFields],
    external: [...BUNDLING.externalModules],
    banner: { js: BUNDLING.banner },
    legalComments: BUNDLING.legalComments,
    logLevel: 'error',
  };
}
