import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../lib/api/routes';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Markdown table rows as trimmed cells, with backticks dropped. */
const ROWS = README.split('\n')
  .filter((line) => line.trimStart().startsWith('|'))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim().replaceAll('`', '')),
  );

describe('README route list', () => {
  it.each(ROUTES.map((route) => [route.method, route.path, route.auth]))(
    'lists %s %s with its role %s',
    (method, path, auth) => {
      const row = ROWS.find((cells) => cells[0] === method && cells[1] === path);
      expect(row, `README has no row for ${method} ${path}`).toBeDefined();
      expect(row?.[2]).toBe(auth);
    },
  );

  it('lists no route the API does not have', () => {
    const documented = ROWS.filter((cells) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(cells[0] ?? '')).map(
      (cells) => `${cells[0]} ${cells[1]}`,
    );
    expect(documented.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });
});
