import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (path): path is string => Boolean(path),
);

/**
 * Starts the machine's Chromium (Debian's package; `.ci/run` installs it). A missing browser is a
 * failure with instructions — never a silently skipped test.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = CANDIDATES.find((path) => existsSync(path));
  if (!executablePath) {
    throw new Error(
      'Chromium is required for this test and was not found (looked at CHROMIUM_PATH, /usr/bin/chromium). Install it: apt-get install -y chromium',
    );
  }
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
}
