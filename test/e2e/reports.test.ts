import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { runCli } from '../support/cli-process';
import { call, sendJson, startTestHost } from '../support/local-host';
import { readPdf } from '../support/pdf';

describe('performance reports: HTML from the API, PDF printed by Chromium (read back from the PDF)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-reports-'));
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: 3_600_000, cycleIntervalMs: 3_600_000 });
    // A filled order and an emergency stop: the day has a trade and a critical alert to report.
    expect(
      (await sendJson(host, 'POST', '/api/orders', { symbol: 'AAPL', side: 'buy', quantity: 10 })).status,
    ).toBe(201);
    expect((await sendJson(host, 'POST', '/api/risk/emergency-stop', { reason: 'report test' })).status).toBe(
      200,
    );
    await host.settle();
  });
  afterAll(async () => {
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a daily report as HTML with the day’s alert, and names a bad date', async () => {
    const report = await call(`${host.url}/api/reports/performance?period=daily`);
    expect(report.status, report.text).toBe(200);
    const body = report.body as { period: string; label: string; from: string; to: string; html: string };
    expect(body.period).toBe('daily');
    expect(body.to).toBe(body.label);
    expect(body.html).toContain('Stratus performance report — day');
    expect(body.html).toContain('EMERGENCY_STOP');
    const bad = await call(`${host.url}/api/reports/performance?period=monthly&date=2026-13`);
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe('date');
  });

  it('prints the report to a PDF of three pages: summary, strategies and trades, risk and alerts', async () => {
    const file = join(dir, 'daily.pdf');
    const made = await runCli(['report', '--period', 'daily', '--url', host.url, '--out', file]);
    expect(made.code, made.stderr).toBe(0);
    const { pages, text } = readPdf(file);
    expect(pages).toBe(3);
    for (const words of [
      'Stratus performance report',
      'Account paper',
      'Sharpe',
      'Strategies',
      'Trades',
      'Risk',
      'Alerts',
      'EMERGENCY_STOP',
    ])
      expect(text).toContain(words);
  });

  it('exports a backtest’s report as a PDF with its metrics, charts and trades', async () => {
    const file = join(dir, 'backtest.pdf');
    const run = await runCli([
      'backtest',
      '--strategy',
      'ma_crossover',
      '--synthetic',
      'gbm:bars=1500,seed=5,vol=0.3,start=2024-01-02',
      '--report',
      file,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const { pages, text } = readPdf(file);
    expect(pages).toBeGreaterThanOrEqual(1);
    for (const words of [
      'ma_crossover backtest',
      'Sharpe',
      'Equity',
      'Drawdown',
      'Monthly returns',
      'Trades',
    ])
      expect(text).toContain(words);
  });
});
