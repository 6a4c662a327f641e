import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Prints an HTML document to a PDF file with the machine's headless Chromium (Debian's package,
 * driven by playwright-core): the report's own print layout (A4, page breaks, backgrounds).
 * The document loads nothing from the network; neither does the browser.
 */
export async function writePdf(html: string, file: string, chromiumPath?: string): Promise<void> {
  await writeFile(file, await printPdf(html, chromiumPath));
}

/** The machine's Chromium (the given path, then Debian's), or null where there is none (a Lambda). */
export function findChromium(chromiumPath?: string): string | null {
  return (
    [chromiumPath, ...CANDIDATES].find((path): path is string => Boolean(path) && existsSync(path!)) ?? null
  );
}

/** The HTML document printed to PDF, as bytes. */
export async function printPdf(html: string, chromiumPath?: string): Promise<Uint8Array> {
  const executablePath = findChromium(chromiumPath);
  if (!executablePath)
    throw new Error(
      'A PDF needs Chromium (looked at CHROMIUM_PATH, /usr/bin/chromium): apt-get install -y chromium',
    );
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    // The host owns its signals: Playwright's own Ctrl-C handler would end the process (exit 130)
    // in the middle of the host's clean shutdown.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
