import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../lib/platform/function-catalog';
import { applyNag } from '../../lib/cloud/nag';
import { StratusStack } from '../../lib/cloud/stratus-stack';

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; severity?: string; violatingResources: unknown[] }[];
  }[];
}

function findingsIn(outdir: string): string[] {
  const reportPath = join(outdir, 'validation-report.json');
  const report: ValidationReport = existsSync(reportPath)
    ? JSON.parse(readFileSync(reportPath, 'utf8'))
    : { pluginReports: [] };
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.map((violation) => `${plugin.pluginName}: ${violation.ruleName}`),
  );
}

/**
 * The one fully validated synth of the suite: real esbuild bundling of every function,
 * CloudFormation validation, and cdk-nag's AwsSolutions pack.
 */
describe('a fully validated synth', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'stratus-synth-'));
  const app = new App({ outdir });
  const stack = new StratusStack(app, 'Stratus', { version: '1.0.0' });
  applyNag(app, stack);
  let failure: unknown;
  try {
    app.synth();
  } catch (error) {
    failure = error;
  }

  it('has zero unacknowledged cdk-nag AwsSolutions findings', () => {
    expect(findingsIn(outdir)).toEqual([]);
    expect(failure).toBeUndefined();
  });

  it('would report findings: the same check fails a stack with a bare queue', () => {
    const badOutdir = mkdtempSync(join(tmpdir(), 'stratus-nag-'));
    const badApp = new App({ outdir: badOutdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const badStack = new Stack(badApp, 'Bad');
    new Queue(badStack, 'NoDlqNoTls');
    applyNag(badApp, badStack);
    let message = '';
    try {
      badApp.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/AwsSolutions-SQS3/);
    expect(message).toMatch(/AwsSolutions-SQS4/);
  });

  it('bundles every function as one minified ESM file under 1 MB', () => {
    const manifest = JSON.parse(readFileSync(join(outdir, 'Stratus.assets.json'), 'utf8')) as {
      files: Record<string, { source: { path: string; packaging?: string } }>;
    };
    const bundles = Object.values(manifest.files)
      .filter((file) => file.source.packaging === 'zip')
      .map((file) => join(outdir, file.source.path, 'index.mjs'))
      // The other zip assets are the web UI and CDK's own bucket-deployment handler.
      .filter((bundle) => existsSync(bundle));
    expect(bundles.length).toBe(Object.keys(FUNCTIONS).length);
    for (const bundle of bundles) {
      const code = readFileSync(bundle, 'utf8');
      expect(code.length).toBeLessThan(1024 * 1024);
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{\s*handler/);
      expect(code).not.toMatch(/\bmodule\.exports\s*=\s*\{?\s*handler/);
      const lines = code.split('\n').length;
      expect(code.length / lines).toBeGreaterThan(2_000); // minified: few, very long lines
    }
  });
});
