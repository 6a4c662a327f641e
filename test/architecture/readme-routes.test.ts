import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../lib/api/routes';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README route list', () => {
  it.each(ROUTES.map((route) => [route.method, route.path, route.auth]))(
    'lists %s %s with its role %s',
    (method, path, auth) => {
      const row = README.split('\n').find((line) => line.startsWith(`| ${method} | \`${path}\` |`));
      expect(row, `README has no row for ${method} ${path}`).toBeDefined();
      expect(row).toContain(`| ${auth} |`);
    },
  );
});
