import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
      'Execution quality',
      'Slippage vs arrival',
      'Limits used',
    ])
      expect(text).toContain(words);
    // The day's one order, filled, its commission paid.
    expect(text).toMatch(/Orders\s+Filled\s+Fill rate.*\n\s*1\s+1\s+100\.00%/s);
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

describe('the report archiver after the close (the reports bucket’s folder locally)', () => {
  it('keeps the session’s daily and, on a month’s last session, monthly report as HTML and PDF, sends the daily summary once, and lists them', async () => {
    // Monday 2026-11-30, 16:20 New York: the last session of November has closed.
    const host = await startTestHost({
      clockStart: new Date('2026-11-30T21:20:00Z'),
      scheduleIntervalMs: 3_600_000,
      cycleIntervalMs: 3_600_000,
    });
    try {
      expect((await call(`${host.url}/api/portfolio`)).status).toBe(200); // the paper account opens
      await host.runScheduled('riskMonitor'); // each minute: it records the day's equity
      const run = (await host.runScheduled('reportArchiver')) as { date: string; stored: string[] };
      expect(run.date).toBe('2026-11-30');
      expect([...run.stored].sort()).toEqual([
        'paper/daily/2026-11-30.html',
        'paper/daily/2026-11-30.pdf',
        'paper/monthly/2026-11.html',
        'paper/monthly/2026-11.pdf',
      ]);
      const folder = fileURLToPath(host.environmentOf('reportArchiver').STRATUS_REPORTS!);
      const { pages, text } = readPdf(join(folder, 'paper/daily/2026-11-30.pdf'));
      expect(pages).toBe(3);
      expect(text).toContain('Stratus performance report');
      expect(readFileSync(join(folder, 'paper/monthly/2026-11.html'), 'utf8')).toContain('— month');
      const summary = host.alerts.filter((message) => message.subject?.includes('DAILY_SUMMARY'));
      expect(summary).toHaveLength(1);
      expect(summary[0]!.message).toMatch(/^2026-11-30: equity \$100,000\.00, 0 round trips/);
      // Asked again (every 5 minutes until late evening): nothing written twice, no second summary.
      expect(((await host.runScheduled('reportArchiver')) as { stored: string[] }).stored).toEqual([]);
      expect(host.alerts.filter((message) => message.subject?.includes('DAILY_SUMMARY'))).toHaveLength(1);
      const listed = await call(`${host.url}/api/reports`);
      expect(listed.status, listed.text).toBe(200);
      expect(
        (listed.body as { reports: { key: string; format: string }[] }).reports.map((r) => r.key),
      ).toEqual([
        'paper/monthly/2026-11.pdf',
        'paper/monthly/2026-11.html',
        'paper/daily/2026-11-30.pdf',
        'paper/daily/2026-11-30.html',
      ]);
      // Downloaded through the API: the very bytes kept; another account's key is not found.
      const file = await call(`${host.url}/api/reports/file?key=paper/daily/2026-11-30.pdf`);
      expect(file.status, file.text).toBe(200);
      const pdf = Buffer.from((file.body as { base64: string }).base64, 'base64');
      expect(pdf.equals(readFileSync(join(folder, 'paper/daily/2026-11-30.pdf')))).toBe(true);
      expect((await call(`${host.url}/api/reports/file?key=other/daily/2026-11-30.pdf`)).status).toBe(404);
      expect((await call(`${host.url}/api/reports/file?key=../etc/passwd`)).status).toBe(400);
    } finally {
      await host.stop();
    }
  });
});
