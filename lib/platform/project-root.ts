import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (where package.json is), found from a module's own URL: the same answer
 * whether the module runs from the sources (tsx) or from the CLI's build under dist/, at any depth.
 */
export function projectRoot(moduleUrl: string): string {
  let folder = dirname(fileURLToPath(moduleUrl));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${fileURLToPath(moduleUrl)}`);
    folder = parent;
  }
  return folder;
}

/** Whether this code runs from the TypeScript sources (tsx, vitest) rather than a build. */
export function runningFromSources(moduleUrl: string): boolean {
  return moduleUrl.endsWith('.ts');
}
