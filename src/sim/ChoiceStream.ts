import type { Rng } from './Rng.ts';

/**
 * Where the scheduler's choices come from: first a given list of small integers
 * (generated and shrunk by fast-check), then, past its end, a seeded generator.
 *
 * A listed value v picks option `v % n`, so every integer is a legal choice and
 * fast-check shrinking every value toward 0 shrinks the schedule toward "always
 * the oldest ready event", i.e. plain FIFO order (DESIGN §3).
 */
export class ChoiceStream {
  private readonly list: readonly number[];
  private readonly rng: Rng;
  private position = 0;

  constructor(list: readonly number[], rng: Rng) {
    for (const v of list) {
      if (!Number.isInteger(v) || v < 0) {
        throw new RangeError(`ChoiceStream: choices must be non-negative integers, got ${v}`);
      }
    }
    this.list = list;
    this.rng = rng;
  }

  /** An option in [0, n). Call only when there is a real choice (n >= 2). */
  next(n: number): number {
    if (this.position < this.list.length) {
      return (this.list[this.position++] as number) % n;
    }
    this.position++;
    return this.rng.int(n);
  }

  /** How many choices were taken so far (from the list and from the generator). */
  get taken(): number {
    return this.position;
  }

  /** How many of the given choices were used. */
  get fromList(): number {
    return Math.min(this.position, this.list.length);
  }
}
