import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Prints an HTML document to a PDF file with the machine's headless Chromium (Debian's package,
 * driven by playwright-core): the report's own print layout (A4, page breaks, backgrounds).
 * The document loads nothing from the network; neither does the browser.
 */
export async function writePdf(html: string, file: string, chromiumPath?: string): Promise<void> {
  const executablePath = [chromiumPath, ...CANDIDATES].find(
    (path): path is string => Boolean(path) && existsSync(path!),
  );
  if (!executablePath)
    throw new Error(
      'A PDF needs Chromium (looked at CHROMIUM_PATH, /usr/bin/chromium): apt-get install -y chromium',
    );
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
