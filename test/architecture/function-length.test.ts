import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LIMIT = 80;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every function of a file longer than the limit, unless its comment says why it must be. */
function longFunctions(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const comment = text.slice(node.getFullStart(), node.getStart());
      if (last - first + 1 > LIMIT && !/Long because/.test(comment)) {
        const name = ts.isVariableDeclaration(node.parent)
          ? node.parent.name.getText()
          : (node.name?.getText() ?? '(anonymous)');
        found.push(`${relative(ROOT, file)}:${first + 1} ${name} (${last - first + 1} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('use cases read in one screen', () => {
  it(`has no function in lib/app over ${LIMIT} lines without a "Long because" in its comment`, () => {
    expect(sourceFiles(join(ROOT, 'lib/app')).flatMap(longFunctions)).toEqual([]);
  });

  it('would find one: the rule sees a long function', () => {
    const body = Array.from({ length: LIMIT + 5 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const file = join(ROOT, 'node_modules', '.cache', `long-function-${process.pid}.ts`);
    mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
    writeFileSync(file, `export function tooLong() {\n${body}\n}\n`);
    try {
      expect(longFunctions(file)).toHaveLength(1);
    } finally {
      rmSync(file);
    }
  });
});
