/** 2^-32 */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/**
 * Johannes Baagøe's Mash: folds a string into the running state `n` (kept
 * between calls by the caller) and returns a fraction in [0, 1).
 */
function mash(data: string, state: { n: number }): number {
  let n = state.n;
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000;
  }
  state.n = n;
  return (n >>> 0) * TWO_POW_MINUS_32;
}

/**
 * The one source of randomness in a simulation: a seeded generator that
 * splits into named, independent sub-streams.
 *
 * The generator is Baagøe's Alea (a lagged multiply-with-carry on three
 * fractions, seeded with Mash), written out as methods here rather than called
 * through seedrandom: seedrandom hands out a new closure per generator, and
 * the optimizing compiler cannot inline a call whose target is a different
 * closure in every run, so each of the scheduler's draws (one per step) was a
 * full call that boxed its result, about half of a step's own cost. The
 * draws are seedrandom's `alea(seed).quick()` to the bit (Rng.test.ts
 * compares them), so every seed keeps its runs.
 *
 * `fork(name)` derives the child from the parent's seed and the name only, never
 * from how many numbers the parent has drawn, so adding a fault (drawing from
 * `fork('faults')`) cannot reshuffle the scheduler's choices (`fork('scheduler')`).
 */
export class Rng {
  readonly seed: string;
  private seeded = false;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private c = 1;

  constructor(seed: number | string) {
    this.seed = String(seed);
  }

  /**
   * Seeded on the first draw: many generators only ever fork. The draws depend
   * on the seed alone, so when it happens does not matter.
   */
  private seedState(): void {
    const state = { n: 0xefc8249d };
    this.s0 = mash(' ', state);
    this.s1 = mash(' ', state);
    this.s2 = mash(' ', state);
    this.s0 -= mash(this.seed, state);
    if (this.s0 < 0) this.s0 += 1;
    this.s1 -= mash(this.seed, state);
    if (this.s1 < 0) this.s1 += 1;
    this.s2 -= mash(this.seed, state);
    if (this.s2 < 0) this.s2 += 1;
    this.c = 1;
    this.seeded = true;
  }

  /** An independent generator for one concern, e.g. `rng.fork('faults')`. */
  fork(name: string): Rng {
    return new Rng(`${this.seed}/${name}`);
  }

  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number {
    if (!this.seeded) this.seedState();
    const t = 2091639 * this.s0 + this.c * TWO_POW_MINUS_32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    this.s2 = t - this.c;
    return this.s2;
  }

  /** An integer in [0, n); n must be a positive integer. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi], both inclusive. */
  intBetween(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: cannot pick from an empty array');
    return items[this.int(items.length)] as T;
  }
}
