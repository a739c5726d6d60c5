/**
 * A small seeded PRNG (mulberry32) and the helpers every mutator uses. Input `i` of a run
 * gets its own stream derived from (seed, target, i), so any input can be rebuilt alone
 * from those three numbers: a crash report needs no replay of the inputs before it.
 */

/** A source of uniform numbers in [0, 1) with the helpers mutators need. */
export interface Rng {
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: folds a target name into a seed. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The generator of input `index` of `target` in the run seeded with `seed`. */
export function inputRng(seed: number, target: string, index: number): Rng {
  const next = mulberry32((seed ^ fnv1a(target) ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (p) => next() < p,
  };
  return rng;
}
