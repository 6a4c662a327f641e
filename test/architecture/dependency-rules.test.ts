import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);

function sourceFiles(folder: string): string[] {
  const absolute = join(ROOT, folder);
  return readdirSync(absolute).flatMap((name) => {
    const path = join(absolute, name);
    if (statSync(path).isDirectory()) return sourceFiles(relative(ROOT, path));
    return name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

/** Every module a file imports (static, dynamic and type imports; re-exports). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found = [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm,
    ),
  ];
  return found.map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

/** The project folder an import lands in, or the package name for a dependency. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return relative(ROOT, resolve(ROOT, file, '..', specifier));
}

const CORE = sourceFiles('lib/core');
/** Pure, I/O-free libraries the core may use. */
const CORE_ALLOWED_PACKAGES = new Set(['luxon', 'zod/mini']);

describe('lib/core purity', () => {
  it('finds the core files it checks', () => {
    expect(CORE.length).toBeGreaterThan(3);
  });

  it.each(CORE)('%s imports only other core modules and pure libraries', (file) => {
    const outside = importsOf(file)
      .map((specifier) => target(file, specifier))
      .filter((module) => !module.startsWith('lib/core/') && !CORE_ALLOWED_PACKAGES.has(module));
    expect(outside).toEqual([]);
  });

  it.each(CORE)('%s never reads the environment, the system clock or global randomness', (file) => {
    const code = readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/process\.env/);
    expect(code).not.toMatch(/Date\.now\s*\(/);
    expect(code).not.toMatch(/new Date\s*\(\s*\)/);
    expect(code).not.toMatch(/Math\.random\s*\(/);
    expect(code).not.toMatch(/\bperformance\.now\s*\(/);
    expect(code).not.toMatch(/\brequire\s*\(/);
  });
});

describe('layer boundaries', () => {
  const rules: { folder: string; forbidden: RegExp; why: string }[] = [
    {
      folder: 'lib/app',
      forbidden:
        /^(lib\/(adapters|local|cloud|api)|functions)\/|^@aws-sdk|^aws-cdk-lib|^@middy|^@aws-lambda-powertools|^node:fs|^node:http/,
      why: 'use cases see only ports and the core',
    },
    {
      folder: 'lib/adapters',
      forbidden: /^(lib\/(local|cloud|api)|functions)\/|^aws-cdk-lib/,
      why: 'adapters implement ports; they do not host or deploy',
    },
    { folder: 'lib/cloud', forbidden: /^lib\/core\//, why: 'infrastructure never depends on the domain' },
    {
      folder: 'lib',
      forbidden: /^(functions|web)\//,
      why: 'the library is what entry points and the UI are built on, never the other way round (the hosts load function entries by their catalog path)',
    },
    {
      folder: 'lib/api',
      forbidden: /^lib\/(local|cloud)\/|^aws-cdk-lib/,
      why: 'the HTTP contract is host-neutral',
    },
  ];

  for (const rule of rules) {
    it.each(sourceFiles(rule.folder))(`%s respects: ${rule.why}`, (file) => {
      const violations = importsOf(file)
        .map((specifier) => target(file, specifier))
        .filter((module) => rule.forbidden.test(module));
      expect(violations).toEqual([]);
    });
  }

  it('the import scanner sees the imports it is meant to police', () => {
    // Guards the guard: a scanner that found nothing would pass every rule above.
    expect(
      importsOf('lib/app/use-cases/get-portfolio.ts').map((s) =>
        target('lib/app/use-cases/get-portfolio.ts', s),
      ),
    ).toContain('lib/core/portfolio/valuation');
    expect(importsOf('lib/local/local-host.ts')).toContain('./embedded-dynamodb');
  });
});

describe('each function reads its own environment only', () => {
  /**
   * The local host gives every function its own environment (lib/platform/function-scope.ts)
   * and keeps the platform's variables out of `process.env`; code that read `process.env` would
   * work in Lambda and find nothing locally — or worse, another function's value. Only the
   * composition root's Lambda path and the Powertools singletons read it.
   */
  const READERS = new Set(['functions/shared/dependencies.ts', 'lib/api/observability.ts']);
  const files = [
    ...sourceFiles('lib/app'),
    ...sourceFiles('lib/adapters'),
    ...sourceFiles('lib/api'),
    ...sourceFiles('functions'),
  ];

  it.each(files.filter((file) => !READERS.has(file)))('%s never reads process.env', (file) => {
    const code = readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/process\.env/);
  });

  it('finds the readers it allows, so the rule above is not vacuous', () => {
    for (const file of READERS) expect(readFileSync(join(ROOT, file), 'utf8')).toMatch(/process\.env/);
  });
});
