import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { startTestHost } from '../support/local-host';

const run = promisify(execFile);

/** The README's ```bash blocks that call the API with curl, in order; each a script. */
function curlBlocks(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  return [...readme.matchAll(/```bash\n([\s\S]*?)```/g)]
    .map((match) => match[1]!)
    .filter((block) => /^(\S+=\$\()?curl /m.test(block) && block.includes('http://localhost:5000'));
}

/**
 * Every curl example of the README, pasted as a reader would — in bash, with the real curl —
 * against a fresh local host (only its address differs). Each request must succeed: curl runs
 * with --fail-with-body, so a 4xx or 5xx fails the block and prints its body.
 */
describe('the README’s curl examples run verbatim', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ startingCash: 1_000_000, waitOverrideMs: 0 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('every block answers without an error', async () => {
    await run('curl', ['--version']).catch(() => {
      throw new Error('curl is not installed: the README examples need it (apt-get install -y curl)');
    });
    const blocks = curlBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    for (const block of blocks) {
      const script = [
        'set -euo pipefail',
        'curl() { command curl --silent --show-error --fail-with-body "$@"; echo; }',
        block.replaceAll('http://localhost:5000', host.url),
      ].join('\n');
      await run('bash', ['-c', script]).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`README block failed:\n${block}\n${error.stderr ?? ''}\n${error.stdout ?? ''}`);
      });
      await host.settle();
    }
  });
});
