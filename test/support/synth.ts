import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { StratusStack, type StratusStackProps } from '../../lib/cloud/stratus-stack';

/** Synthesizes the stack without bundling the functions (fast), for template assertions. */
export function synthTemplate(props: Partial<StratusStackProps> = {}): {
  template: Template;
  stack: StratusStack;
} {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'stratus-cdk-')),
    context: { 'aws:cdk:bundling-stacks': [] },
  });
  const stack = new StratusStack(app, 'Test', { version: '9.9.9', ...props });
  return { template: Template.fromStack(stack), stack };
}
