import { existsSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (path): path is string => Boolean(path),
);

/**
 * Starts the machine's Chromium (Debian's package; `.ci/run` installs it). A missing browser is a
 * failure with instructions — never a silently skipped test.
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = CANDIDATES.find((path) => existsSync(path));
  if (!executablePath) {
    throw new Error(
      'Chromium is required for this test and was not found (looked at CHROMIUM_PATH, /usr/bin/chromium). Install it: apt-get install -y chromium',
    );
  }
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', ...extraArgs] });
}

/**
 * How many pixels of an element's rendered screenshot are near `rgb` (a chart's stroke colour):
 * proof that a chart drew, whether it is SVG or canvas.
 */
export async function inkedPixels(
  page: Page,
  element: Locator,
  rgb: readonly [number, number, number],
): Promise<number> {
  const shot = await element.screenshot();
  return page.evaluate(
    async ({ png, rgb }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (
          Math.abs(data[i]! - rgb[0]) + Math.abs(data[i + 1]! - rgb[1]) + Math.abs(data[i + 2]! - rgb[2]) <
          60
        )
          count++;
      }
      return count;
    },
    { png: shot.toString('base64'), rgb },
  );
}

/**
 * Collects what the page reports as errors: uncaught exceptions and console errors. The browser
 * also logs every HTTP error response as "Failed to load resource"; those are the API answering
 * 4xx to a request the UI then handles (a validation error, no report yet), so they are kept apart.
 */
export function watchErrors(page: Page): { errors: string[]; httpErrors: string[] } {
  const seen = { errors: [] as string[], httpErrors: [] as string[] };
  page.on('pageerror', (error) => seen.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()))
      seen.httpErrors.push(message.text());
    else seen.errors.push(message.text());
  });
  return seen;
}
