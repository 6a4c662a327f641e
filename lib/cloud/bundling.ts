/**
 * How every Lambda function is bundled, in one place: CDK's NodejsFunction uses these options
 * for `cdk synth`/`deploy`, and the bench builds the very same bundles to measure them.
 *
 * - ESM, minified, for Node 22 on arm64: smallest bundle and fastest module init.
 * - The AWS SDK is bundled rather than taken from the runtime, so what runs in AWS is the
 *   exact, pinned SDK the tests ran against.
 * - CommonJS dependencies inside an ESM bundle need `require`; the banner provides it.
 */
export const BUNDLING = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  externalModules: [] as string[],
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  legalComments: 'none',
} as const;
