/**
 * The zod every runtime schema uses: `zod/mini` (tree-shakeable, ~16 KB and ~10 ms of module
 * init, against ~450 KB and ~40 ms for classic zod) with English messages switched on once.
 * Use `import * as z from '<path>/lib/api/zod'`, never 'zod' itself (biome.json enforces it).
 * Re-exported with `export *` so a bundle keeps only the functions it calls.
 */

import { config, meta, type ZodMiniType } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';

/**
 * Attaches OpenAPI metadata: an `id` publishes the schema under components.schemas; `examples`
 * are shown by the document's readers and drawn by the contract test's request generator;
 * `allOf` publishes cross-field rules (JSON Schema `if`/`then`) that the schema's refinements
 * enforce, so the document says them too.
 */
export function described<T extends ZodMiniType>(
  schema: T,
  metadata: {
    id?: string;
    description?: string;
    examples?: readonly unknown[];
    format?: 'dollars' | 'price';
    allOf?: readonly Record<string, unknown>[];
  },
): T {
  return schema.check(meta(metadata)) as T;
}
