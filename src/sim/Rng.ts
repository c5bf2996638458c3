import seedrandom from 'seedrandom';

/**
 * The one source of randomness in a simulation: a seeded generator (seedrandom's
 * Alea) that splits into named, independent sub-streams.
 *
 * `fork(name)` derives the child from the parent's seed and the name only, never
 * from how many numbers the parent has drawn, so adding a fault (drawing from
 * `fork('faults')`) cannot reshuffle the scheduler's choices (`fork('scheduler')`).
 */
export class Rng {
  readonly seed: string;
  private generator: seedrandom.PRNG | undefined;

  constructor(seed: number | string) {
    this.seed = String(seed);
  }

  /**
   * Seeded on the first draw: seeding costs microseconds, and many generators
   * only ever fork. The draws depend on the seed alone, so when it happens does not matter.
   */
  private get prng(): seedrandom.PRNG {
    if (this.generator === undefined) this.generator = seedrandom.alea(this.seed);
    return this.generator;
  }

  /** An independent generator for one concern, e.g. `rng.fork('faults')`. */
  fork(name: string): Rng {
    return new Rng(`${this.seed}/${name}`);
  }

  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number {
    return this.prng.quick();
  }

  /** An integer in [0, n); n must be a positive integer. */
  int(n: number): number {
    return Math.floor(this.prng.quick() * n);
  }

  /** An integer in [lo, hi], both inclusive. */
  intBetween(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.prng.quick() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: cannot pick from an empty array');
    return items[this.int(items.length)] as T;
  }
}
