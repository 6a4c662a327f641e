import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../lib/platform/function-catalog';
import { createDocumentClient } from '../../lib/adapters/dynamodb/document-client';
import { DynamoDbBacktestStore } from '../../lib/adapters/dynamodb/dynamodb-backtest-store';
import { TABLES } from '../../lib/adapters/dynamodb/table-specs';
import { esbuildOptions } from '../../lib/cloud/bundling';
import type { LocalHost } from '../../lib/local/local-host';
import { call, startTestHost } from '../support/local-host';

const run = promisify(execFile);

/**
 * The runner as Lambda runs it: the very bundle CDK deploys (esbuild, the same options), loaded by
 * plain Node in a process of its own with only the function's environment, handed the SQS event
 * Lambda would send. Its compute worker is started from the bundle itself — no TypeScript, no
 * tsx — which is what this proves works.
 */
describe('the backtest runner’s deployed bundle', () => {
  let host: LocalHost;
  let bundle: string;

  beforeAll(async () => {
    bundle = join(mkdtempSync(join(tmpdir(), 'stratus-runner-')), 'index.mjs');
    await build(esbuildOptions(FUNCTIONS.backtestRunner.entry, bundle));
    host = await startTestHost({ scheduleIntervalMs: 3_600_000 });
  }, 120_000);
  afterAll(async () => {
    await host?.stop();
  });

  it('runs a queued backtest on a worker started from the bundle and stores it completed', async () => {
    // Stored queued by an operator, not sent to the queue: the host's own runner never sees it.
    const operator = host.operatorEnvironment();
    const store = new DynamoDbBacktestStore(
      createDocumentClient(operator),
      operator[TABLES.backtests.envVar]!,
    );
    await store.save({
      backtestId: 'bt-b0d1e0000001',
      accountId: 'paper',
      status: 'queued',
      createdAt: '2026-12-07T15:00:00.000Z',
      createdBy: 'local-trader',
      request: {
        type: 'ma_crossover',
        parameters: {},
        data: { synthetic: 'gbm:bars=3000,seed=2' },
        capital: 100_000,
        commission: { kind: 'none' },
        slippageBps: 5,
        sizing: { kind: 'equity_fraction', fraction: 0.95 },
        sweep: { fast_period: [5, 10] },
        rankBy: 'sharpe',
      },
      runs: [],
    });
    const event = {
      Records: [
        { messageId: 'm-1', body: JSON.stringify({ accountId: 'paper', backtestId: 'bt-b0d1e0000001' }) },
      ],
    };
    const script = `const { handler } = await import(${JSON.stringify(bundle)});
      const answer = await handler(${JSON.stringify(event)}, { memoryLimitInMB: '1024', awsRequestId: 'r-1', functionName: 'stratus-backtestRunner', getRemainingTimeInMillis: () => 900000 });
      process.stdout.write(JSON.stringify(answer));`;
    const invoke = join(dirname(bundle), 'invoke.mjs');
    writeFileSync(invoke, script);
    const { stdout, stderr: stderrOf } = await run(process.execPath, [invoke], {
      env: { ...host.environmentOf('backtestRunner'), PATH: process.env.PATH ?? '' } as NodeJS.ProcessEnv,
      cwd: tmpdir(),
    });
    expect(JSON.parse(stdout), stderrOf).toEqual({ batchItemFailures: [] });
    const stored = await call(`${host.url}/api/strategies/backtest/bt-b0d1e0000001`);
    expect(stored.body).toMatchObject({ status: 'completed', error: null });
    expect((stored.body as { runs: unknown[] }).runs).toHaveLength(2);
  }, 120_000);
});
