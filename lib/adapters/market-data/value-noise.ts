/**
 * Smooth, stateless pseudo-random noise in [-1, 1]: the same (seed, key, t) always gives the
 * same value, so any process (a Lambda cold start, a restarted local host) sees the same
 * simulated price path without sharing state.
 */
export function valueNoise(seed: number, key: number, t: number): number {
  const cell = Math.floor(t);
  const fraction = t - cell;
  const smooth = (1 - Math.cos(Math.PI * fraction)) / 2;
  const a = latticeValue(seed, key, cell);
  const b = latticeValue(seed, key, cell + 1);
  return a + (b - a) * smooth;
}

/** A uniform value in [-1, 1] for one lattice point (SplitMix32-style integer hash). */
function latticeValue(seed: number, key: number, cell: number): number {
  let h = (seed ^ Math.imul(key, 0x9e3779b1) ^ Math.imul(cell | 0, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x21f0aaad);
  h = Math.imul(h ^ (h >>> 15), 0x735a2d97);
  h = (h ^ (h >>> 15)) >>> 0;
  return (h / 0xffffffff) * 2 - 1;
}

/** A stable 32-bit hash of a string (FNV-1a), to key noise by symbol. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
