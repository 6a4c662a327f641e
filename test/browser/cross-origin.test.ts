import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { launchChromium } from '../support/chromium';
import { call, startTestHost } from '../support/local-host';

/**
 * A page on another site, in a real browser, tries to drive the trader's open local host: a form
 * POST and a `no-cors` fetch (CORS "simple requests", sent without asking) to the emergency stop,
 * and a DNS-rebinding read under the attacker's own name. Nothing changes; nothing is read.
 */
describe('web pages on other origins cannot drive the local host (Chromium)', () => {
  let host: LocalHost;
  let browser: Browser;
  let attacker: Server;
  let attackerUrl: string;
  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: 3_600_000 });
    const target = `${host.url}/api/risk/emergency-stop`;
    attacker = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><title>page</title>
        <form id="stop" method="POST" action="${target}"><input name="flatten" value="true"></form>
        <script>
          window.fetched = fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors' })
            .then(() => 'sent', () => 'failed');
        </script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    // evil.example resolves to this machine, as a rebinding attacker's DNS would make it.
    browser = await launchChromium(['--host-resolver-rules=MAP evil.example 127.0.0.1']);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
    await host?.stop();
  });
  const tradingState = async () =>
    ((await call(`${host.url}/api/risk`)).body as { trading_state: string }).trading_state;

  it('refuses the no-cors fetch and the form POST of a page on another origin', async () => {
    const page = await browser.newPage();
    await page.goto(attackerUrl);
    expect(await page.evaluate(() => (window as unknown as { fetched: Promise<string> }).fetched)).toBe(
      'sent',
    );
    const [posted] = await Promise.all([
      page.waitForNavigation(),
      page.evaluate(() => (document.getElementById('stop') as HTMLFormElement).submit()),
    ]);
    expect(posted?.status()).toBe(403);
    expect(await page.content()).toContain('FOREIGN_ORIGIN');
    expect(await tradingState()).toBe('ACTIVE');
    await page.close();
  });

  it('refuses a page served under another name that resolves here (DNS rebinding)', async () => {
    const page = await browser.newPage();
    const port = new URL(host.url).port;
    const response = await page.goto(`http://evil.example:${port}/api/portfolio`);
    expect(response?.status()).toBe(403);
    expect(await page.content()).not.toContain('buying_power');
    await page.close();
  });

  it('still serves the UI on its own origin', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${host.url}/`);
    expect(response?.status()).toBe(200);
    const fromUi = await page.evaluate(async () => (await fetch('/api/risk')).status);
    expect(fromUi).toBe(200);
    await page.close();
  });
});
