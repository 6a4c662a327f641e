import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileReportArchive } from '../../../lib/adapters/reports/file-report-archive';
import { archiveReports } from '../../../lib/app/reports/archive-reports';
import { placeOrder } from '../../../lib/app/orders/place-order';
import { marketBuy, orderHarness } from '../../support/order-harness';

describe('archiveReports where the host has no Chromium (a Lambda): the HTML alone', () => {
  const folder = mkdtempSync(join(tmpdir(), 'stratus-archive-'));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps the daily report as HTML, sends the summary once, and does nothing when asked again', async () => {
    const h = orderHarness();
    await placeOrder(h.deps, 'acct', marketBuy(5, { clientOrderId: 'c-archive' }));
    await h.deliver();
    const archive = new FileReportArchive(folder);
    const deps = { ...h.deps, history: h.market, archive };
    const first = await archiveReports(deps);
    expect(first.stored.length).toBeGreaterThan(0);
    expect(first.stored.every((key) => key.endsWith('.html'))).toBe(true);
    expect(first.stored).toContain(`acct/daily/${first.date}.html`);
    expect(h.deps.alertPublisher.published.map((alert) => alert.code)).toEqual(['DAILY_SUMMARY']);
    expect((await archiveReports(deps)).stored).toEqual([]);
    expect(h.deps.alertPublisher.published).toHaveLength(1);
  });
});
