import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../lib/platform/function-catalog';
import type { RiskMetricName } from '../../lib/app/risk/risk-alarms';
import { synthTemplate } from '../support/synth';

/**
 * docs/deploy.md prices the stack from its counts: they must be the template's. A change that
 * adds alarms, keys, functions or metrics fails here until the cost table says so.
 */
const doc = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
const row = (label: string) => {
  const line = doc.split('\n').find((candidate) => candidate.startsWith(`| ${label}`));
  if (!line) throw new Error(`docs/deploy.md has no cost row starting "${label}"`);
  return line.split('|').map((cell) => cell.trim());
};
const count = (label: string) => Number(/^(\d+)/.exec(row(label)[2] ?? '')?.[1]);

describe('docs/deploy.md: the cost table counts what the template deploys', () => {
  const { template } = synthTemplate();
  const resources = (type: string) => Object.keys(template.findResources(type)).length;

  it.each([
    ['CloudWatch alarms', 'AWS::CloudWatch::Alarm'],
    ['KMS customer managed key', 'AWS::KMS::Key'],
    ['Periodic jobs', 'AWS::Events::Rule'],
    ['Engine minute', 'AWS::Scheduler::Schedule'],
    ['DynamoDB storage', 'AWS::DynamoDB::Table'],
  ])('%s', (label, type) => {
    expect(count(label)).toBe(resources(type));
  });

  it('prices the risk metrics the monitor publishes', () => {
    const metrics: Record<RiskMetricName, true> = {
      DailyPnl: true,
      DailyLossLimitUtilization: true,
      DrawdownPercent: true,
      VarLimitUtilization: true,
      MaxConcentrationUtilization: true,
      LimitBreaches: true,
    };
    expect(count('Custom metrics')).toBe(Object.keys(metrics).length);
  });

  it('names the number of functions the alarms watch', () => {
    expect(doc).toContain(`each of the ${Object.keys(FUNCTIONS).length} functions`);
  });

  it('adds up its idle total', () => {
    const rows = doc.split('**Idle**')[1]!.split('**A trading day**')[0]!;
    const monthly = rows
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.includes('**Total**') && !line.startsWith('| item'))
      .map((line) => line.split('|').at(-2)!.trim())
      .map((cell) => Number(/\$(\d+\.\d+)/.exec(cell)?.[1] ?? 0));
    const total = Number(/\*\*≈ \$(\d+\.\d+)\*\*/.exec(row('**Total**').at(-2)!)?.[1]);
    expect(Math.abs(monthly.reduce((sum, value) => sum + value, 0) - total)).toBeLessThan(0.05);
  });
});
