import { javaHashCode } from './JavaHashCode.ts';

/**
 * Flink's KeyGroupRangeAssignment: a key belongs to key group
 * murmurHash(key.hashCode()) % maxParallelism, and operator subtask i owns the
 * contiguous key groups [ceil(i*max/p), ceil((i+1)*max/p) - 1]; a key group
 * goes to subtask keyGroup * parallelism / maxParallelism.
 */

export const DEFAULT_MAX_PARALLELISM = 128;
export const UPPER_BOUND_MAX_PARALLELISM = 1 << 15;

/** Flink's MathUtils.murmurHash(int): one MurmurHash3 round + fmix, made non-negative. */
export function murmurHash(code: number): number {
  code = Math.imul(code, 0xcc9e2d51);
  code = (code << 15) | (code >>> 17);
  code = Math.imul(code, 0x1b873593);
  code = (code << 13) | (code >>> 19);
  code = (Math.imul(code, 5) + 0xe6546b64) | 0;
  code ^= 4;
  code ^= code >>> 16;
  code = Math.imul(code, 0x85ebca6b);
  code ^= code >>> 13;
  code = Math.imul(code, 0xc2b2ae35);
  code ^= code >>> 16;
  if (code >= 0) return code;
  if (code !== -2147483648) return -code;
  return 0;
}

export function assignToKeyGroup(key: unknown, maxParallelism: number): number {
  return computeKeyGroupForKeyHash(javaHashCode(key), maxParallelism);
}

export function computeKeyGroupForKeyHash(keyHash: number, maxParallelism: number): number {
  return murmurHash(keyHash) % maxParallelism;
}

export function computeOperatorIndexForKeyGroup(
  maxParallelism: number,
  parallelism: number,
  keyGroupId: number,
): number {
  return Math.floor((keyGroupId * parallelism) / maxParallelism);
}

export function assignKeyToParallelOperator(
  key: unknown,
  maxParallelism: number,
  parallelism: number,
): number {
  return computeOperatorIndexForKeyGroup(maxParallelism, parallelism, assignToKeyGroup(key, maxParallelism));
}

/** An inclusive range of key groups [start, end]; empty when end < start. */
export class KeyGroupRange {
  constructor(
    readonly startKeyGroup: number,
    readonly endKeyGroup: number,
  ) {}

  static of(start: number, end: number): KeyGroupRange {
    return new KeyGroupRange(start, end);
  }

  get numberOfKeyGroups(): number {
    return Math.max(0, this.endKeyGroup - this.startKeyGroup + 1);
  }

  contains(keyGroup: number): boolean {
    return keyGroup >= this.startKeyGroup && keyGroup <= this.endKeyGroup;
  }

  *[Symbol.iterator](): IterableIterator<number> {
    for (let g = this.startKeyGroup; g <= this.endKeyGroup; g++) yield g;
  }

  toString(): string {
    return `KeyGroupRange{${this.startKeyGroup}..${this.endKeyGroup}}`;
  }
}

export function computeKeyGroupRangeForOperatorIndex(
  maxParallelism: number,
  parallelism: number,
  operatorIndex: number,
): KeyGroupRange {
  if (parallelism < 1 || parallelism > maxParallelism) {
    throw new RangeError(`parallelism ${parallelism} must be in [1, maxParallelism ${maxParallelism}]`);
  }
  const start = Math.floor((operatorIndex * maxParallelism + parallelism - 1) / parallelism);
  const end = Math.floor(((operatorIndex + 1) * maxParallelism - 1) / parallelism);
  return new KeyGroupRange(start, end);
}
