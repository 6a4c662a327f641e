/**
 * mulberry32: a small, fast, seeded generator of 32-bit integers — the same seed always gives the
 * same sequence, which is what repeatable Monte Carlo figures and synthetic markets need.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
