import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../properties/runCount.ts';
import {
  CollectionSource,
  type Collector,
  CollectSink,
  KeyedProcessFunction,
  type KeyedProcessFunctionContext,
  StreamExecutionEnvironment,
  simulate,
  WatermarkStrategy,
} from '../index.ts';
import { computeDefaultMaxParallelism } from './execution/EnvironmentConfig.ts';
import { javaHashCode, javaStringHashCode } from './JavaHashCode.ts';
import {
  assignKeyToParallelOperator,
  assignToKeyGroup,
  computeKeyGroupForKeyHash,
  computeKeyGroupRangeForOperatorIndex,
  computeOperatorIndexForKeyGroup,
  KeyGroupRange,
  murmurHash,
} from './KeyGroupRangeAssignment.ts';

const runs = propertyRuns(100);

/**
 * MurmurHash3 x86_32 over bytes, written from Appleby's specification (not
 * from Flink): the independent oracle for Flink's MathUtils.murmurHash, which
 * is this hash of the int's 4 little-endian bytes with seed 0, made
 * non-negative (negated, Integer.MIN_VALUE -> 0).
 */
function murmur3x86_32(bytes: readonly number[], seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed | 0;
  const blocks = bytes.length - (bytes.length % 4);
  const mixK = (k: number) => Math.imul((Math.imul(k, c1) << 15) | (Math.imul(k, c1) >>> 17) | 0, c2);
  for (let i = 0; i < blocks; i += 4) {
    const k =
      (bytes[i] as number) |
      ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) |
      ((bytes[i + 3] as number) << 24);
    h ^= mixK(k);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let tail = 0;
  const rest = bytes.length - blocks;
  if (rest >= 3) tail ^= (bytes[blocks + 2] as number) << 16;
  if (rest >= 2) tail ^= (bytes[blocks + 1] as number) << 8;
  if (rest >= 1) {
    tail ^= bytes[blocks] as number;
    h ^= mixK(tail);
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
/** Java's view of a uint32 as an int, then Flink's "non-negative" step. */
const flinkNonNegative = (u: number) => {
  const i = u | 0;
  return i >= 0 ? i : i === -2147483648 ? 0 : -i;
};

describe('MurmurHash3 oracle', () => {
  // Published MurmurHash3_x86_32 test vectors (Ian Boyd's list, used by mmh3 and many ports).
  it.each([
    [[], 0, 0],
    [[], 1, 0x514e28b7],
    [[], 0xffffffff, 0x81f16f39],
    [[0xff, 0xff, 0xff, 0xff], 0, 0x76293b50],
    [[0x21, 0x43, 0x65, 0x87], 0, 0xf55b516b],
    [[0x21, 0x43, 0x65, 0x87], 0x5082edee, 0x2362f9de],
    [[0x21, 0x43, 0x65], 0, 0x7e4a8634],
    [[0x21, 0x43], 0, 0xa0f7b07a],
    [[0x21], 0, 0x72661cf4],
    [[0, 0, 0, 0], 0, 0x2362f9de],
    [[0, 0, 0], 0, 0x85f0b427],
    [[0, 0], 0, 0x30f4c306],
    [[0], 0, 0x514e28b7],
    [ascii('aaaa'), 0x9747b28c, 0x5a97808a],
    [ascii('abcd'), 0x9747b28c, 0xf0478627],
  ])('murmur3(%j, seed %i) = %i', (bytes, seed, expected) => {
    expect(murmur3x86_32(bytes as number[], seed as number)).toBe(expected);
  });
});

describe("Flink's MathUtils.murmurHash", () => {
  it('matches known values (MurmurHash3 of the int as 4 little-endian bytes, seed 0)', () => {
    expect(murmurHash(0)).toBe(0x2362f9de); // bytes 00 00 00 00
    expect(murmurHash(-1)).toBe(0x76293b50); // bytes ff ff ff ff
    expect(murmurHash(0x87654321 | 0)).toBe(2 ** 32 - 0xf55b516b); // bytes 21 43 65 87, negative -> negated
  });

  it(`equals the non-negative MurmurHash3 of the int for any int32 (${runs * 10} ints)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: -2147483648, max: 2147483647 }), (code) => {
        expect(murmurHash(code)).toBe(flinkNonNegative(murmur3x86_32(le32(code), 0)));
      }),
      { numRuns: runs * 10 },
    );
  });

  it('is never negative and fits an int', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2147483648, max: 2147483647 }), (code) => {
        const h = murmurHash(code);
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(2147483647);
        expect(Number.isInteger(h)).toBe(true);
      }),
      { numRuns: runs * 10 },
    );
  });
});

describe("Java's hashCode for keys", () => {
  it('String.hashCode reference values', () => {
    expect(javaHashCode('hello')).toBe(99162322);
    expect(javaHashCode('')).toBe(0);
    expect(javaHashCode('a')).toBe(97);
    // The classic collision: equal hashes, hence equal key groups.
    expect(javaHashCode('Aa')).toBe(2112);
    expect(javaHashCode('BB')).toBe(2112);
    expect(assignToKeyGroup('Aa', 128)).toBe(assignToKeyGroup('BB', 128));
    // UTF-16 code units, as Java: a surrogate pair counts as two chars.
    expect(javaStringHashCode('\u{1F600}')).toBe(Math.imul(31, 0xd83d) + 0xde00);
  });

  it('Integer, Boolean, Double and Long hashCode reference values', () => {
    expect(javaHashCode(42)).toBe(42);
    expect(javaHashCode(-7)).toBe(-7);
    expect(javaHashCode(true)).toBe(1231);
    expect(javaHashCode(false)).toBe(1237);
    // Double.hashCode = hi ^ lo of doubleToLongBits (JS numbers that are not int32 hash as doubles).
    expect(javaHashCode(2.5)).toBe(1074003968);
    expect(javaHashCode(0.1)).toBe(-1507852285);
    expect(javaHashCode(-0)).toBe(-2147483648);
    expect(javaHashCode(Number.NaN)).toBe(2146959360);
    expect(javaHashCode(Number.POSITIVE_INFINITY)).toBe(2146435072);
    expect(javaHashCode(Number.NEGATIVE_INFINITY)).toBe(-1048576);
    expect(javaHashCode(4.9e-324)).toBe(1);
    expect(javaHashCode(Number.MAX_VALUE)).toBe(-2146435072);
    // Long.hashCode = (int)(v ^ (v >>> 32)).
    expect(javaHashCode(1n << 32n)).toBe(1);
    expect(javaHashCode(-1n)).toBe(0);
    expect(javaHashCode(-(1n << 63n))).toBe(-2147483648);
    expect(javaHashCode(5n)).toBe(5);
  });

  it("arrays hash like Flink's TupleN (31 * previous + field, starting from the first field)", () => {
    // Flink's Tuple2.hashCode: 31 * f0.hashCode() + f1.hashCode().
    expect(javaHashCode(['a', 1])).toBe(31 * 97 + 1);
    expect(javaHashCode(['hello', 'a'])).toBe((Math.imul(31, 99162322) + 97) | 0);
    // Tuple3: ((31 * h0) + h1) * 31 + h2; a null field hashes 0.
    expect(javaHashCode([1, null, 3])).toBe(31 * 31 * 1 + 31 * 0 + 3);
    expect(javaHashCode(['x'])).toBe(javaHashCode('x'));
  });
});

describe('key group ranges', () => {
  /** Flink's definition: subtask i owns [ceil(i * max / p), ceil((i + 1) * max / p) - 1]. */
  const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);

  /** Throws (cheaply, no expect in the hot loop) unless the ranges of (max, p) tile [0, max) as Flink's. */
  function checkPartition(max: number, p: number): void {
    let next = 0;
    for (let i = 0; i < p; i++) {
      const r = computeKeyGroupRangeForOperatorIndex(max, p, i);
      const where = `max ${max}, p ${p}, subtask ${i}: ${r}`;
      if (r.startKeyGroup !== next) throw new Error(`${where} does not start at ${next}`);
      if (r.startKeyGroup !== ceilDiv(i * max, p) || r.endKeyGroup !== ceilDiv((i + 1) * max, p) - 1) {
        throw new Error(`${where} differs from Flink's [ceil(i*max/p), ceil((i+1)*max/p) - 1]`);
      }
      // Non-empty (p <= max) and balanced: floor(max / p) or ceil(max / p) groups.
      if (r.numberOfKeyGroups < Math.floor(max / p) || r.numberOfKeyGroups > ceilDiv(max, p)) {
        throw new Error(`${where} is unbalanced`);
      }
      for (let g = r.startKeyGroup; g <= r.endKeyGroup; g++) {
        const owner = computeOperatorIndexForKeyGroup(max, p, g);
        if (owner !== i) throw new Error(`${where}: key group ${g} routes to subtask ${owner}`);
      }
      next = r.endKeyGroup + 1;
    }
    if (next !== max) throw new Error(`max ${max}, p ${p}: the ranges end at ${next - 1}, not ${max - 1}`);
  }

  it('partition [0, max) contiguously for every parallelism, max <= 130 exhaustively', () => {
    for (let max = 1; max <= 130; max++) for (let p = 1; p <= max; p++) checkPartition(max, p);
  });

  it(`partition [0, max) contiguously for random (max, parallelism) up to 32768 (${runs} cases)`, () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 1 << 15 })
          .chain((max) => fc.tuple(fc.constant(max), fc.integer({ min: 1, max }))),
        ([max, p]) => checkPartition(max, p),
      ),
      { numRuns: runs },
    );
  });

  it('Flink examples: 128 key groups over 3 subtasks, over 1 and over 128', () => {
    expect(computeKeyGroupRangeForOperatorIndex(128, 3, 0)).toEqual(KeyGroupRange.of(0, 42));
    expect(computeKeyGroupRangeForOperatorIndex(128, 3, 1)).toEqual(KeyGroupRange.of(43, 85));
    expect(computeKeyGroupRangeForOperatorIndex(128, 3, 2)).toEqual(KeyGroupRange.of(86, 127));
    expect(computeKeyGroupRangeForOperatorIndex(128, 1, 0)).toEqual(KeyGroupRange.of(0, 127));
    expect(computeKeyGroupRangeForOperatorIndex(128, 128, 77)).toEqual(KeyGroupRange.of(77, 77));
  });

  it('rejects a parallelism above max parallelism, as Flink does', () => {
    expect(() => computeKeyGroupRangeForOperatorIndex(4, 5, 0)).toThrow(RangeError);
    expect(() => computeKeyGroupRangeForOperatorIndex(4, 0, 0)).toThrow(RangeError);
  });

  it('an empty range holds nothing', () => {
    const empty = KeyGroupRange.of(5, 4);
    expect(empty.numberOfKeyGroups).toBe(0);
    expect([...empty]).toEqual([]);
    expect(empty.contains(5)).toBe(false);
  });

  it("Flink's default max parallelism: roundUpToPowerOfTwo(1.5 p) clamped to [128, 32768]", () => {
    expect(computeDefaultMaxParallelism(1)).toBe(128);
    expect(computeDefaultMaxParallelism(85)).toBe(128);
    expect(computeDefaultMaxParallelism(86)).toBe(256);
    expect(computeDefaultMaxParallelism(1000)).toBe(2048);
    expect(computeDefaultMaxParallelism(30000)).toBe(32768);
  });
});

describe('keys to key groups to subtasks', () => {
  const keyArb = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
    fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 3 }),
  );

  it(`a key's group is murmurHash(hashCode) % max and its subtask owns that group (${runs * 10} keys)`, () => {
    fc.assert(
      fc.property(keyArb, fc.integer({ min: 1, max: 1 << 15 }), fc.nat(), (key, max, pSeed) => {
        const p = 1 + (pSeed % max);
        const group = assignToKeyGroup(key, max);
        expect(group).toBe(murmurHash(javaHashCode(key)) % max);
        expect(group).toBe(computeKeyGroupForKeyHash(javaHashCode(key), max));
        expect(group).toBeGreaterThanOrEqual(0);
        expect(group).toBeLessThan(max);
        const subtask = assignKeyToParallelOperator(key, max, p);
        expect(computeKeyGroupRangeForOperatorIndex(max, p, subtask).contains(group)).toBe(true);
      }),
      { numRuns: runs * 10 },
    );
  });
});

interface Keyed {
  readonly id: number;
  readonly key: string;
}

/** Tags every record with the subtask and key group it was processed on. */
class WhereAmI extends KeyedProcessFunction<string, Keyed, [number, string, number, number]> {
  processElement(
    value: Keyed,
    ctx: KeyedProcessFunctionContext<string>,
    out: Collector<[number, string, number, number]>,
  ): void {
    const rc = this.getRuntimeContext();
    out.collect([
      value.id,
      ctx.getCurrentKey(),
      rc.getIndexOfThisSubtask(),
      assignToKeyGroup(ctx.getCurrentKey(), rc.getMaxNumberOfParallelSubtasks()),
    ]);
  }
}

describe('keyBy routes every record of a key to the subtask that owns its key group', () => {
  it(`end to end through keyBy (${runs} jobs)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 12 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(undefined, 4, 7, 128, 300),
        fc.nat({ max: 0xffffffff }),
        fc.array(fc.nat({ max: 7 }), { maxLength: 40 }),
        (keysPerPartition, parallelism, maxParallelism, seed, choices) => {
          fc.pre(maxParallelism === undefined || parallelism <= maxParallelism);
          let id = 0;
          const partitions = keysPerPartition.map((keys) => keys.map((key) => ({ id: id++, key })));
          const env = StreamExecutionEnvironment.create({
            parallelism,
            ...(maxParallelism === undefined ? {} : { maxParallelism }),
          });
          env
            .fromSource(new CollectionSource(partitions), WatermarkStrategy.noWatermarks<Keyed>(), 'keys')
            .keyBy((e) => e.key)
            .process(new WhereAmI())
            .sinkTo(new CollectSink(), 'where');
          const result = simulate(env, { seed, choices });
          expect(result.status).toBe('finished');
          const rows = (result.outputs.where ?? []).map((r) => r.value as [number, string, number, number]);
          expect(rows.map((r) => r[0]).sort((a, b) => a - b)).toEqual([...Array(id).keys()]);
          const max = maxParallelism ?? computeDefaultMaxParallelism(parallelism);
          const subtaskOfKey = new Map<string, number>();
          for (const [, key, subtask, group] of rows) {
            expect(subtask).toBe(assignKeyToParallelOperator(key, max, parallelism));
            expect(computeKeyGroupRangeForOperatorIndex(max, parallelism, subtask).contains(group)).toBe(
              true,
            );
            const seen = subtaskOfKey.get(key);
            if (seen !== undefined) expect(subtask).toBe(seen);
            subtaskOfKey.set(key, subtask);
          }
        },
      ),
      { numRuns: runs },
    );
  });
});
