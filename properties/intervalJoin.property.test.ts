import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CollectionSource,
  type Collector,
  CollectSink,
  KeyGroupRange,
  MAX_WATERMARK,
  OutputTag,
  ProcessJoinFunction,
  type ProcessJoinFunctionContext,
  RunServices,
  type SingleOutputStreamOperator,
  StreamExecutionEnvironment,
  simulate,
  WatermarkStrategy,
} from '../src/index.ts';
import {
  IntervalJoinOperator,
  type IntervalJoinOptions,
} from '../src/runtime/operators/IntervalJoinOperator.ts';
import type { Output } from '../src/runtime/operators/Output.ts';
import { record } from '../src/runtime/StreamElement.ts';
import { propertyRuns } from './runCount.ts';

/**
 * Interval join (Flink's IntervalJoinOperator) against a nested-loop reference:
 * pairs (l, r) of equal key with r.ts in [l.ts + lower, l.ts + upper] (bounds
 * moved by one when exclusive), stamped max(l.ts, r.ts); elements behind the
 * watermark go to the late side outputs and join nothing. Two levels:
 * - whole jobs under the simulator, with lateness made well defined by the
 *   inputs (below);
 * - the operator alone, driven step by step with exact watermarks, against a
 *   model of Flink's algorithm including its buffer cleanup timers.
 */

const runs = propertyRuns(300);
const operatorRuns = propertyRuns(500);

interface Ev {
  readonly id: string;
  readonly key: string;
  readonly ts: number;
}

interface Pair {
  readonly l: string;
  readonly r: string;
  readonly ts: number;
  readonly lts: number;
  readonly rts: number;
}

const pairsTag = new OutputTag<string>('pairs-on-a-multiple-of-4');

class PairJoin extends ProcessJoinFunction<Ev, Ev, Pair> {
  processElement(left: Ev, right: Ev, ctx: ProcessJoinFunctionContext, out: Collector<Pair>): void {
    const pair = {
      l: left.id,
      r: right.id,
      ts: ctx.getTimestamp(),
      lts: ctx.getLeftTimestamp(),
      rts: ctx.getRightTimestamp(),
    };
    out.collect(pair);
    if (pair.ts % 4 === 0) ctx.output(pairsTag, `${left.id}|${right.id}`);
  }
}

/** Effective inclusive bounds, as Flink moves exclusive ones by one. */
function effectiveBounds(b: Bounds): { lower: number; upper: number } {
  return { lower: b.lower + (b.lowerExclusive ? 1 : 0), upper: b.upper - (b.upperExclusive ? 1 : 0) };
}

interface Bounds {
  readonly lower: number;
  readonly upper: number;
  readonly lowerExclusive: boolean;
  readonly upperExclusive: boolean;
}

/** The reference: a nested-loop join, as sorted "l|r@ts" strings. */
function nestedLoopJoin(left: readonly Ev[], right: readonly Ev[], bounds: Bounds): string[] {
  const { lower, upper } = effectiveBounds(bounds);
  const out: string[] = [];
  for (const l of left) {
    for (const r of right) {
      if (l.key === r.key && r.ts >= l.ts + lower && r.ts <= l.ts + upper) {
        out.push(`${l.id}|${r.id}@${Math.max(l.ts, r.ts)}`);
      }
    }
  }
  return out.sort();
}

const boundsArb: fc.Arbitrary<Bounds> = fc
  .record({
    lower: fc.integer({ min: -12, max: 12 }),
    width: fc.nat({ max: 16 }),
    lowerExclusive: fc.boolean(),
    upperExclusive: fc.boolean(),
  })
  .map((b) => ({
    lower: b.lower,
    upper: b.lower + b.width,
    lowerExclusive: b.lowerExclusive,
    upperExclusive: b.upperExclusive,
  }));

// ---- whole jobs -----------------------------------------------------------------

/**
 * Lateness is well defined when no element can have a timestamp equal to a
 * watermark: timestamps are even and the out-of-orderness bound is even, so
 * every watermark (max ts - bound - 1) is odd. Then an element that is not late
 * (ts > watermark) still finds every partner it matches in the other buffer,
 * because a partner is only cleaned up once the watermark passed the last
 * timestamp it could match. An element can only be late when it is more than
 * `bound` behind an earlier element of its own partition (the watermark at the
 * join is at most that partition's), so in-order partitions have no late data.
 */
interface JobScenario {
  readonly parallelism: number;
  readonly leftParallelism: number;
  readonly rightParallelism: number;
  readonly left: Ev[][];
  readonly right: Ev[][];
  readonly inOrder: boolean;
  readonly outOfOrderness: number;
  readonly watermarkInterval: number;
  readonly bounds: Bounds;
  readonly seed: number;
  readonly choices: number[];
}

function sideArb(prefix: string) {
  return fc
    .record({
      partitions: fc.integer({ min: 1, max: 3 }),
      elements: fc.array(
        fc.record({
          partition: fc.nat({ max: 2 }),
          key: fc.constantFrom('a', 'b'),
          half: fc.nat({ max: 16 }),
        }),
        { minLength: 1, maxLength: 16 },
      ),
    })
    .map(({ partitions, elements }) => {
      const parts: Ev[][] = Array.from({ length: partitions }, () => []);
      elements.forEach((e, i) => {
        parts[e.partition % partitions]?.push({ id: `${prefix}${i}`, key: e.key, ts: 2 * e.half });
      });
      // No empty partitions: a CollectionSource partition without elements never finishes.
      return parts.filter((p) => p.length > 0);
    });
}

const jobArb: fc.Arbitrary<JobScenario> = fc
  .record({
    parallelism: fc.integer({ min: 1, max: 4 }),
    leftParallelism: fc.integer({ min: 1, max: 4 }),
    rightParallelism: fc.integer({ min: 1, max: 4 }),
    left: sideArb('L'),
    right: sideArb('R'),
    inOrder: fc.boolean(),
    outOfOrderness: fc.constantFrom(0, 2, 4, 6),
    watermarkInterval: fc.constantFrom(1, 3, 10, 200),
    bounds: boundsArb,
    seed: fc.nat({ max: 0xffffffff }),
    choices: fc.array(fc.nat({ max: 7 }), { maxLength: 80 }),
  })
  .map((s) => {
    if (!s.inOrder) return s;
    const sortPartitions = (parts: Ev[][]) => parts.map((p) => [...p].sort((a, b) => a.ts - b.ts));
    return { ...s, left: sortPartitions(s.left), right: sortPartitions(s.right) };
  });

const leftLate = new OutputTag<Ev>('left-late');
const rightLate = new OutputTag<Ev>('right-late');

function runJob(s: JobScenario) {
  const env = StreamExecutionEnvironment.create({
    parallelism: s.parallelism,
    autoWatermarkInterval: s.watermarkInterval,
  });
  const strategy = WatermarkStrategy.forBoundedOutOfOrderness<Ev>(s.outOfOrderness).withTimestampAssigner(
    (e) => e.ts,
  );
  const left = (
    env.fromSource(new CollectionSource(s.left), strategy, 'left') as SingleOutputStreamOperator<Ev>
  ).setParallelism(s.leftParallelism);
  const right = (
    env.fromSource(new CollectionSource(s.right), strategy, 'right') as SingleOutputStreamOperator<Ev>
  ).setParallelism(s.rightParallelism);
  let joined = left
    .keyBy((e) => e.key)
    .intervalJoin(right.keyBy((e) => e.key))
    .between(s.bounds.lower, s.bounds.upper);
  if (s.bounds.lowerExclusive) joined = joined.lowerBoundExclusive();
  if (s.bounds.upperExclusive) joined = joined.upperBoundExclusive();
  const result = joined
    .sideOutputLeftLateData(leftLate)
    .sideOutputRightLateData(rightLate)
    .process(new PairJoin());
  result.sinkTo(new CollectSink(), 'joined');
  result.getSideOutput(pairsTag).sinkTo(new CollectSink(), 'pairs');
  result.getSideOutput(leftLate).sinkTo(new CollectSink(), 'leftLate');
  result.getSideOutput(rightLate).sinkTo(new CollectSink(), 'rightLate');
  return simulate(env, { seed: s.seed, choices: s.choices, maxSteps: 500_000 });
}

const jobCoverage = { late: 0, joinedWithLateAround: 0, pairs: 0 };

/** Ids of elements more than `bound` behind an earlier element of their partition. */
function beyondBound(partitions: readonly Ev[][], bound: number): Set<string> {
  const out = new Set<string>();
  for (const p of partitions) {
    let max = Number.NEGATIVE_INFINITY;
    for (const e of p) {
      if (e.ts + bound + 1 < max) out.add(e.id);
      max = Math.max(max, e.ts);
    }
  }
  return out;
}

function checkJob(s: JobScenario): void {
  const result = runJob(s);
  expect(result.status).toBe('finished');
  const outputs = result.outputs;
  const lateLeft = (outputs.leftLate ?? []).map((r) => {
    expect(r.timestamp).toBe((r.value as Ev).ts);
    return r.value as Ev;
  });
  const lateRight = (outputs.rightLate ?? []).map((r) => {
    expect(r.timestamp).toBe((r.value as Ev).ts);
    return r.value as Ev;
  });
  const allLeft = s.left.flat();
  const allRight = s.right.flat();
  // Late data: each at most once, on its own side's tag, and only elements beyond the bound.
  const lateIds = [...lateLeft, ...lateRight].map((e) => e.id);
  expect(new Set(lateIds).size).toBe(lateIds.length);
  for (const e of lateLeft) expect(e.id.startsWith('L')).toBe(true);
  for (const e of lateRight) expect(e.id.startsWith('R')).toBe(true);
  const possible = beyondBound([...s.left, ...s.right], s.outOfOrderness);
  for (const id of lateIds) expect(possible.has(id), `${id} is late but within the bound`).toBe(true);
  if (s.inOrder) expect(lateIds).toEqual([]);
  // The join of everything that was not late, pair by pair, with Flink's timestamps.
  const late = new Set(lateIds);
  const expected = nestedLoopJoin(
    allLeft.filter((e) => !late.has(e.id)),
    allRight.filter((e) => !late.has(e.id)),
    s.bounds,
  );
  const byId = new Map([...allLeft, ...allRight].map((e) => [e.id, e]));
  const actual = (outputs.joined ?? []).map((r) => {
    const p = r.value as Pair;
    expect(p.lts).toBe(byId.get(p.l)?.ts);
    expect(p.rts).toBe(byId.get(p.r)?.ts);
    expect(p.ts).toBe(Math.max(p.lts, p.rts));
    expect(r.timestamp).toBe(p.ts);
    return `${p.l}|${p.r}@${p.ts}`;
  });
  expect(actual.sort()).toEqual(expected);
  // The context's side output sees the same pairs, stamped like them.
  const side = (outputs.pairs ?? []).map((r) => {
    expect((r.timestamp as number) % 4).toBe(0);
    return `${r.value}@${r.timestamp}`;
  });
  expect(side.sort()).toEqual(expected.filter((p) => Number(p.split('@')[1]) % 4 === 0));
  jobCoverage.late += late.size;
  jobCoverage.pairs += expected.length;
  if (late.size > 0 && expected.length > 0) jobCoverage.joinedWithLateAround++;
}

describe('interval join of two keyed streams against a nested-loop join', () => {
  it(`joins exactly the matching pairs of non-late elements; late elements go to their side output (${runs} runs)`, () => {
    fc.assert(fc.property(jobArb, checkJob), { numRuns: runs });
    // Not vacuous: runs had pairs, late data, and both together.
    expect(jobCoverage.pairs).toBeGreaterThan(0);
    expect(jobCoverage.late).toBeGreaterThan(0);
    expect(jobCoverage.joinedWithLateAround).toBeGreaterThan(0);
  });
});

// ---- the operator alone ------------------------------------------------------------

type Step =
  | { readonly kind: 'L' | 'R'; readonly key: string; readonly ts: number }
  | { readonly kind: 'W'; readonly watermark: number };

interface Emitted {
  readonly main: string[];
  readonly late: string[];
}

/** Drives an IntervalJoinOperator directly (like Flink's KeyedTwoInputStreamOperatorTestHarness). */
function operatorHarness(options: IntervalJoinOptions) {
  const emitted: Emitted = { main: [], late: [] };
  const output: Output = {
    collect: (r) => {
      const p = r.value as Pair;
      emitted.main.push(`${p.l}|${p.r}@${r.timestamp}`);
    },
    collectSide: (tag, r) => {
      if (tag.id !== pairsTag.id) emitted.late.push(`${tag.id}:${(r.value as Ev).id}@${r.timestamp}`);
    },
    emitWatermark: () => {},
    emitWatermarkStatus: () => {},
  };
  const operator = new IntervalJoinOperator<string, Ev, Ev, Pair>(new PairJoin(), options);
  const byKey = (e: unknown) => (e as Ev).key;
  operator.setup({
    output,
    taskName: 'Interval Join',
    subtaskIndex: 0,
    parallelism: 1,
    maxParallelism: 128,
    attemptNumber: 0,
    processingTime: { now: () => 0, registerTimer: () => ({ cancel: () => {} }) },
    services: new RunServices(),
    keyGroupRange: KeyGroupRange.of(0, 127),
    keySelectors: [byKey, byKey],
  });
  operator.initializeState();
  operator.open();
  /** Buffered elements per side, as sorted "key@ts#id". */
  const buffers = () => {
    const snapshot = operator.snapshotState(0);
    const out = { LEFT_BUFFER: [] as string[], RIGHT_BUFFER: [] as string[] };
    for (const group of Object.values(snapshot.keyed ?? {})) {
      for (const name of ['LEFT_BUFFER', 'RIGHT_BUFFER'] as const) {
        for (const [key, , cells] of group[name] ?? []) {
          for (const [ts, values] of Object.values(cells as Record<string, [number, Ev[]]>)) {
            for (const v of values) out[name].push(`${key}@${ts}#${v.id}`);
          }
        }
      }
    }
    return { left: out.LEFT_BUFFER.sort(), right: out.RIGHT_BUFFER.sort() };
  };
  const timers = () =>
    Object.values(operator.snapshotState(0).timers ?? {}).flatMap((g) =>
      g.eventTime.map(([ts, key, ns]) => `${ns}:${key}@${ts}`),
    );
  return { operator, emitted, buffers, timers };
}

/** Flink's algorithm as a plain model: late iff ts < watermark; buffer until the watermark passes cleanup time. */
class IntervalJoinModel {
  watermark = Number.MIN_SAFE_INTEGER;
  readonly left: Ev[] = [];
  readonly right: Ev[] = [];

  constructor(
    readonly lower: number,
    readonly upper: number,
  ) {}

  element(side: 'L' | 'R', e: Ev): Emitted {
    if (e.ts < this.watermark)
      return { main: [], late: [`${side === 'L' ? 'left' : 'right'}-late:${e.id}@${e.ts}`] };
    const main: string[] = [];
    if (side === 'L') {
      this.left.push(e);
      for (const r of this.right) {
        if (r.key === e.key && r.ts >= e.ts + this.lower && r.ts <= e.ts + this.upper) {
          main.push(`${e.id}|${r.id}@${Math.max(e.ts, r.ts)}`);
        }
      }
    } else {
      this.right.push(e);
      for (const l of this.left) {
        if (l.key === e.key && e.ts >= l.ts + this.lower && e.ts <= l.ts + this.upper) {
          main.push(`${l.id}|${e.id}@${Math.max(l.ts, e.ts)}`);
        }
      }
    }
    return { main, late: [] };
  }

  leftCleanup(ts: number): number {
    return this.upper > 0 ? ts + this.upper : ts;
  }

  rightCleanup(ts: number): number {
    return -this.lower > 0 ? ts - this.lower : ts;
  }

  advance(watermark: number): void {
    if (watermark <= this.watermark) return;
    this.watermark = watermark;
    const keep = (list: Ev[], cleanup: (ts: number) => number) => {
      const kept = list.filter((e) => cleanup(e.ts) > watermark);
      list.length = 0;
      list.push(...kept);
    };
    keep(this.left, (ts) => this.leftCleanup(ts));
    keep(this.right, (ts) => this.rightCleanup(ts));
  }

  buffers() {
    const show = (list: Ev[]) => list.map((e) => `${e.key}@${e.ts}#${e.id}`).sort();
    return { left: show(this.left), right: show(this.right) };
  }

  /** One pending cleanup timer per (side, key, cleanup time) of a buffered element. */
  timers(): string[] {
    const set = new Set<string>();
    for (const e of this.left) set.add(`CLEANUP_LEFT:${e.key}@${this.leftCleanup(e.ts)}`);
    for (const e of this.right) set.add(`CLEANUP_RIGHT:${e.key}@${this.rightCleanup(e.ts)}`);
    return [...set].sort();
  }
}

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('L' as const, 'R' as const),
    key: fc.constantFrom('a', 'b'),
    ts: fc.nat({ max: 40 }),
  }),
  fc.record({ kind: fc.constant('W' as const), watermark: fc.integer({ min: -2, max: 44 }) }),
);

describe('IntervalJoinOperator step by step against a model of its algorithm', () => {
  it(`outputs, late data, buffers and cleanup timers match after every step; all state is gone after the final watermark (${operatorRuns} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 40 }),
        fc.integer({ min: -10, max: 10 }),
        fc.integer({ min: -2, max: 12 }),
        (steps, lower, width) => {
          // width down to -2: what exclusive bounds make of between(x, x) or between(x, x + 1).
          const upper = lower + width;
          const h = operatorHarness({
            lowerBound: lower,
            upperBound: upper,
            leftLateDataTag: leftLate as OutputTag<unknown>,
            rightLateDataTag: rightLate as OutputTag<unknown>,
          });
          const model = new IntervalJoinModel(lower, upper);
          steps.forEach((step, i) => {
            h.emitted.main.length = 0;
            h.emitted.late.length = 0;
            let expected: Emitted = { main: [], late: [] };
            if (step.kind === 'W') {
              // Only a watermark above the current one moves event time (both inputs get it).
              if (step.watermark > model.watermark) {
                h.operator.processWatermark(step.watermark, 0);
                h.operator.processWatermark(step.watermark, 1);
              }
              model.advance(step.watermark);
            } else {
              const e: Ev = { id: `${step.kind}${i}`, key: step.key, ts: step.ts };
              h.operator.processElement(record(e, e.ts), step.kind === 'L' ? 0 : 1);
              expected = model.element(step.kind, e);
            }
            expect([...h.emitted.main].sort(), `pairs at step ${i}`).toEqual([...expected.main].sort());
            expect(h.emitted.late, `late data at step ${i}`).toEqual(expected.late);
            expect(h.buffers(), `buffers after step ${i}`).toEqual(model.buffers());
            expect([...h.timers()].sort(), `timers after step ${i}`).toEqual(model.timers());
          });
          h.operator.processWatermark(MAX_WATERMARK, 0);
          h.operator.processWatermark(MAX_WATERMARK, 1);
          expect(h.buffers()).toEqual({ left: [], right: [] });
          expect(h.timers()).toEqual([]);
          expect(h.operator.snapshotState(0).keyed).toEqual({});
        },
      ),
      { numRuns: operatorRuns },
    );
  });
});

describe('interval join: deterministic cases', () => {
  function harness(lower: number, upper: number, tags = true) {
    return operatorHarness({
      lowerBound: lower,
      upperBound: upper,
      ...(tags
        ? {
            leftLateDataTag: leftLate as OutputTag<unknown>,
            rightLateDataTag: rightLate as OutputTag<unknown>,
          }
        : {}),
    });
  }
  const watermark = (h: ReturnType<typeof harness>, w: number) => {
    h.operator.processWatermark(w, 0);
    h.operator.processWatermark(w, 1);
  };
  const el = (h: ReturnType<typeof harness>, side: 0 | 1, id: string, ts: number, key = 'k') =>
    h.operator.processElement(record({ id, key, ts }, ts), side);

  it('an element behind the watermark is late: to its side output, not buffered, not joined', () => {
    const h = harness(-5, 5);
    el(h, 0, 'l1', 10);
    watermark(h, 12);
    el(h, 1, 'r-late', 11);
    el(h, 0, 'l-late', 3);
    el(h, 1, 'r1', 12);
    expect(h.emitted.late).toEqual(['right-late:r-late@11', 'left-late:l-late@3']);
    expect(h.emitted.main).toEqual(['l1|r1@12']);
    expect(h.buffers()).toEqual({ left: ['k@10#l1'], right: ['k@12#r1'] });
  });

  it('without late-data tags late elements are dropped silently', () => {
    const h = harness(0, 0, false);
    watermark(h, 10);
    el(h, 0, 'l', 9);
    el(h, 1, 'r', 9);
    expect(h.emitted).toEqual({ main: [], late: [] });
    expect(h.buffers()).toEqual({ left: [], right: [] });
  });

  it('buffers empty once the watermark passed the last timestamp each element can match', () => {
    // lower -3, upper 4: a left element at 10 can match right elements up to 14, a right
    // element at 10 left elements up to 13.
    const h = harness(-3, 4);
    el(h, 0, 'l', 10);
    el(h, 1, 'r', 10);
    expect(h.timers().sort()).toEqual(['CLEANUP_LEFT:k@14', 'CLEANUP_RIGHT:k@13']);
    watermark(h, 12);
    expect(h.buffers()).toEqual({ left: ['k@10#l'], right: ['k@10#r'] });
    watermark(h, 13);
    expect(h.buffers()).toEqual({ left: ['k@10#l'], right: [] });
    watermark(h, 14);
    expect(h.buffers()).toEqual({ left: [], right: [] });
    expect(h.timers()).toEqual([]);
    expect(h.operator.snapshotState(0).keyed).toEqual({});
  });

  it("an element exactly at the watermark is not late, yet its partner may be gone (Flink's boundary)", () => {
    // Flink's isLate is ts < watermark, while cleanup fires at watermark >= cleanup time.
    const h = harness(0, 5);
    el(h, 0, 'l', 10);
    watermark(h, 15);
    el(h, 1, 'r', 15);
    expect(h.emitted).toEqual({ main: [], late: [] });
    expect(h.buffers()).toEqual({ left: [], right: ['k@15#r'] });
  });

  it('keys are joined separately', () => {
    const h = harness(-1, 1);
    el(h, 0, 'la', 5, 'a');
    el(h, 1, 'rb', 5, 'b');
    el(h, 1, 'ra', 6, 'a');
    expect(h.emitted.main).toEqual(['la|ra@6']);
  });

  function job(
    configure: (left: SingleOutputStreamOperator<Ev>, right: SingleOutputStreamOperator<Ev>) => void,
  ) {
    const env = StreamExecutionEnvironment.create({ parallelism: 2 });
    const strategy = WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts);
    const left = env.fromSource(
      new CollectionSource([[{ id: 'l', key: 'k', ts: 10 }]]),
      strategy,
      'left',
    ) as SingleOutputStreamOperator<Ev>;
    const right = env.fromSource(
      new CollectionSource([
        [
          { id: 'r10', key: 'k', ts: 10 },
          { id: 'r14', key: 'k', ts: 14 },
          { id: 'r15', key: 'k', ts: 15 },
        ],
      ]),
      strategy,
      'right',
    ) as SingleOutputStreamOperator<Ev>;
    configure(left, right);
    return env;
  }

  it('between(lower, upper) with lower > upper throws', () => {
    job((left, right) => {
      expect(() =>
        left
          .keyBy((e) => e.key)
          .intervalJoin(right.keyBy((e) => e.key))
          .between(5, 4),
      ).toThrow(RangeError);
    });
  });

  it('exclusive bounds: between(4, 5) matches 14 and 15, exclusive lower 15 only, both exclusive nothing (no error)', () => {
    const joinWith = (lowerExclusive: boolean, upperExclusive: boolean) => {
      const env = job((left, right) => {
        let j = left
          .keyBy((e) => e.key)
          .intervalJoin(right.keyBy((e) => e.key))
          .between(4, 5);
        if (lowerExclusive) j = j.lowerBoundExclusive();
        if (upperExclusive) j = j.upperBoundExclusive();
        j.process(new PairJoin()).sinkTo(new CollectSink(), 'joined');
      });
      const result = simulate(env, { seed: 9 });
      expect(result.status).toBe('finished');
      return (result.outputs.joined ?? []).map((r) => (r.value as Pair).r).sort();
    };
    expect(joinWith(false, false)).toEqual(['r14', 'r15']);
    expect(joinWith(true, false)).toEqual(['r15']);
    expect(joinWith(false, true)).toEqual(['r14']);
    expect(joinWith(true, true)).toEqual([]);
  });

  it("elements without timestamps fail with Flink's message", () => {
    const env = StreamExecutionEnvironment.create({ parallelism: 1 });
    const left = env.fromElements<Ev>({ id: 'l', key: 'k', ts: 1 });
    const right = env.fromElements<Ev>({ id: 'r', key: 'k', ts: 1 });
    left
      .keyBy((e) => e.key)
      .intervalJoin(right.keyBy((e) => e.key))
      .between(0, 0)
      .process(new PairJoin())
      .sinkTo(new CollectSink(), 'joined');
    expect(() => simulate(env, { seed: 1 })).toThrow(
      'Long.MIN_VALUE timestamp: Elements used in interval stream joins need to have timestamps meaningful timestamps.',
    );
  });
});
