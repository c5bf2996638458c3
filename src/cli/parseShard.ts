import { InvalidArgumentError } from 'commander';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `--shard i/n` (1 <= i <= n), as vitest and Playwright shard. */
export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count || count > 10_000) {
    throw new InvalidArgumentError('expected i/n with 1 <= i <= n, e.g. --shard 1/2');
  }
  return { index, count };
}

/** The cells of shard i/n: every n-th cell from the (i-1)-th, so shards get mixed modes and similar work. */
export function shardOf<T>(cells: readonly T[], shard: Shard | undefined): T[] {
  if (shard === undefined) return [...cells];
  return cells.filter((_, k) => k % shard.count === shard.index - 1);
}
