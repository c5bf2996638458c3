import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CollectionSource,
  type Collector,
  CollectSink,
  CoProcessFunction,
  type CoProcessFunctionContext,
  KeyedCoProcessFunction,
  type KeyedCoProcessFunctionContext,
  type KeyedCoProcessFunctionOnTimerContext,
  type OpenContext,
  OutputTag,
  ProcessFunction,
  type ProcessFunctionContext,
  RichFilterFunction,
  RichFlatMapFunction,
  RichMapFunction,
  type RuntimeContext,
  type SingleOutputStreamOperator,
  StreamExecutionEnvironment,
  simulate,
  TimeDomain,
  type ValueState,
  ValueStateDescriptor,
  WatermarkStrategy,
} from '../src/index.ts';
import { propertyRuns } from './runCount.ts';

/**
 * CoProcessFunction on connected keyed and non-keyed streams, ProcessFunction
 * with side outputs, union, map/filter/flatMap and the rich-function lifecycle,
 * each against a plain model of what Flink does.
 */

const runs = propertyRuns(200);

/** Flink's TimerService messages for non-keyed streams. */
const REGISTER_TIMER_MSG = 'Setting timers is only supported on a keyed streams.';
const DELETE_TIMER_MSG = 'Deleting timers is only supported on a keyed streams.';

const seedArb = fc.nat({ max: 0xffffffff });
const choicesArb = fc.array(fc.nat({ max: 7 }), { maxLength: 80 });

interface Ev {
  readonly id: string;
  readonly key: string;
  readonly ts: number;
  /** What the element asks the function under test to do (timers, routing). */
  readonly op: number;
}

/**
 * Partitions of events for one source: ids `${prefix}${i}`, timestamps
 * non-decreasing per partition (so no element is ever behind the watermark),
 * no empty partition (a CollectionSource partition without elements never
 * finishes).
 */
function partitionsArb(prefix: string, maxLength = 14): fc.Arbitrary<Ev[][]> {
  return fc
    .record({
      partitions: fc.integer({ min: 1, max: 3 }),
      elements: fc.array(
        fc.record({
          partition: fc.nat({ max: 2 }),
          key: fc.constantFrom('a', 'b', 'c', 'd'),
          gap: fc.nat({ max: 6 }),
          op: fc.nat({ max: 99 }),
        }),
        { minLength: 1, maxLength },
      ),
    })
    .map(({ partitions, elements }) => {
      const parts: Ev[][] = Array.from({ length: partitions }, () => []);
      const clock = Array.from({ length: partitions }, () => 0);
      elements.forEach((e, i) => {
        const p = e.partition % partitions;
        clock[p] = (clock[p] as number) + e.gap;
        parts[p]?.push({ id: `${prefix}${i}`, key: e.key, ts: clock[p] as number, op: e.op });
      });
      return parts.filter((p) => p.length > 0);
    });
}

function source(
  env: StreamExecutionEnvironment,
  partitions: Ev[][],
  parallelism: number,
  name: string,
  outOfOrderness = 0,
): SingleOutputStreamOperator<Ev> {
  return (
    env.fromSource(
      new CollectionSource(partitions),
      WatermarkStrategy.forBoundedOutOfOrderness<Ev>(outOfOrderness).withTimestampAssigner((e) => e.ts),
      name,
    ) as SingleOutputStreamOperator<Ev>
  ).setParallelism(parallelism);
}

function sortedStrings(values: readonly string[]): string[] {
  return [...values].sort();
}

/** Index of each element within its partition, by id (the partition order). */
function partitionPositions(partitions: readonly Ev[][]): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  partitions.forEach((p, pi) => {
    p.forEach((e, i) => {
      out.set(e.id, [pi, i]);
    });
  });
  return out;
}

// ---- keyed CoProcessFunction ----------------------------------------------------------

/** What the keyed co-process function logs, per subtask in processing order. */
type CoLog =
  | {
      readonly kind: 'E';
      readonly subtask: number;
      readonly seq: number;
      readonly input: 1 | 2;
      readonly id: string;
      readonly key: string;
      readonly ts: number | undefined;
      readonly count: number;
      readonly registered: number[];
      readonly deleted: number[];
    }
  | {
      readonly kind: 'T';
      readonly subtask: number;
      readonly seq: number;
      readonly key: string;
      readonly timer: number;
      readonly domain: TimeDomain;
      readonly ts: number | undefined;
      readonly watermark: number;
      readonly now: number;
      readonly count: number | undefined;
    };

const countDescriptor = new ValueStateDescriptor<number>('count');
const firedTag = new OutputTag<string>('fired');

/**
 * The per-element behaviour, from `op`: count the element in the key's state
 * (shared by both inputs), register an event-time timer `op % 7` after it,
 * sometimes delete one, sometimes register a processing-time timer.
 */
class SharedCounter extends KeyedCoProcessFunction<string, Ev, Ev, CoLog> {
  private subtask = -1;
  private seq = 0;
  private count!: ValueState<number>;

  override open(): void {
    this.subtask = this.getRuntimeContext().getIndexOfThisSubtask();
    this.count = this.getRuntimeContext().getState(countDescriptor);
  }

  processElement1(value: Ev, ctx: KeyedCoProcessFunctionContext<string>, out: Collector<CoLog>): void {
    this.element(1, value, ctx, out);
  }

  processElement2(value: Ev, ctx: KeyedCoProcessFunctionContext<string>, out: Collector<CoLog>): void {
    this.element(2, value, ctx, out);
  }

  private element(
    input: 1 | 2,
    value: Ev,
    ctx: KeyedCoProcessFunctionContext<string>,
    out: Collector<CoLog>,
  ) {
    const count = (this.count.value() ?? 0) + 1;
    this.count.update(count);
    const timers = ctx.timerService();
    const registered = [value.ts + (value.op % 7)];
    timers.registerEventTimeTimer(registered[0] as number);
    const deleted: number[] = [];
    if (value.op % 5 === 0) {
      // Deletes the timer of an earlier element of this key, if it had that time.
      deleted.push(value.ts + 1);
      timers.deleteEventTimeTimer(value.ts + 1);
    }
    if (value.op % 11 === 0)
      timers.registerProcessingTimeTimer(timers.currentProcessingTime() + (value.op % 3));
    out.collect({
      kind: 'E',
      subtask: this.subtask,
      seq: this.seq++,
      input,
      id: value.id,
      key: ctx.getCurrentKey(),
      ts: ctx.timestamp(),
      count,
      registered,
      deleted,
    });
  }

  override onTimer(
    timestamp: number,
    ctx: KeyedCoProcessFunctionOnTimerContext<string>,
    out: Collector<CoLog>,
  ) {
    ctx.output(firedTag, `${ctx.getCurrentKey()}@${timestamp}/${ctx.timeDomain()}`);
    out.collect({
      kind: 'T',
      subtask: this.subtask,
      seq: this.seq++,
      key: ctx.getCurrentKey(),
      timer: timestamp,
      domain: ctx.timeDomain(),
      ts: ctx.timestamp(),
      watermark: ctx.timerService().currentWatermark(),
      now: ctx.timerService().currentProcessingTime(),
      count: this.count.value(),
    });
  }
}

interface KeyedScenario {
  readonly parallelism: number;
  readonly firstParallelism: number;
  readonly secondParallelism: number;
  readonly first: Ev[][];
  readonly second: Ev[][];
  readonly outOfOrderness: number;
  readonly keyByOnConnected: boolean;
  readonly seed: number;
  readonly choices: number[];
}

const keyedArb: fc.Arbitrary<KeyedScenario> = fc.record({
  parallelism: fc.integer({ min: 1, max: 4 }),
  firstParallelism: fc.integer({ min: 1, max: 4 }),
  secondParallelism: fc.integer({ min: 1, max: 4 }),
  first: partitionsArb('A'),
  second: partitionsArb('B'),
  outOfOrderness: fc.constantFrom(0, 1, 3),
  keyByOnConnected: fc.boolean(),
  seed: seedArb,
  choices: choicesArb,
});

const keyedCoverage = { timersFired: 0, deletedTimers: 0, processingTimers: 0, bothInputsOnAKey: 0 };

function checkKeyedCoProcess(s: KeyedScenario): void {
  const env = StreamExecutionEnvironment.create({ parallelism: s.parallelism, autoWatermarkInterval: 3 });
  const first = source(env, s.first, s.firstParallelism, 'first', s.outOfOrderness);
  const second = source(env, s.second, s.secondParallelism, 'second', s.outOfOrderness);
  const connected = s.keyByOnConnected
    ? first.connect(second).keyBy(
        (e) => e.key,
        (e) => e.key,
      )
    : first.keyBy((e) => e.key).connect(second.keyBy((e) => e.key));
  const counted = connected.process(new SharedCounter() as KeyedCoProcessFunction<unknown, Ev, Ev, CoLog>);
  counted.sinkTo(new CollectSink(), 'log');
  counted.getSideOutput(firedTag).sinkTo(new CollectSink(), 'fired');
  const result = simulate(env, { seed: s.seed, choices: s.choices, maxSteps: 500_000 });
  expect(result.status).toBe('finished');
  const records = result.outputs.log ?? [];
  const all = [...s.first.flat(), ...s.second.flat()];
  const byId = new Map(all.map((e) => [e.id, e]));
  const positions = new Map([...partitionPositions(s.first), ...partitionPositions(s.second)]);

  // As Flink's OnTimerContextImpl: the collector stamps onTimer's outputs with the timer's time for
  // event time and with none for processing time; ctx.timestamp() and side outputs carry it in both.
  for (const r of records) {
    const e = r.value as CoLog;
    if (e.kind === 'T') expect(r.timestamp).toBe(e.domain === TimeDomain.EVENT_TIME ? e.timer : undefined);
    else expect(r.timestamp).toBe(byId.get(e.id)?.ts);
  }
  const fired = result.outputs.fired ?? [];
  expect(fired).toHaveLength(records.filter((r) => (r.value as CoLog).kind === 'T').length);
  for (const r of fired) expect(r.timestamp).toBe(Number(String(r.value).split('@')[1]?.split('/')[0]));

  const bySubtask: CoLog[][] = Array.from({ length: s.parallelism }, () => []);
  for (const r of records) bySubtask[(r.value as CoLog).subtask]?.push(r.value as CoLog);
  const processed: string[] = [];
  for (const [subtask, log] of bySubtask.entries()) {
    log.sort((a, b) => a.seq - b.seq);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i));
    // Sequential model of this subtask: per key a count and the pending timers.
    const counts = new Map<string, number>();
    const eventTimers = new Map<string, Set<number>>();
    const processingTimers = new Map<string, number>();
    const lastPosition = new Map<string, number>();
    const inputsPerKey = new Map<string, Set<number>>();
    for (const e of log) {
      if (e.kind === 'E') {
        const element = byId.get(e.id);
        expect(element, `unknown element ${e.id}`).toBeDefined();
        if (element === undefined) continue;
        processed.push(e.id);
        expect(e.input).toBe(e.id.startsWith('A') ? 1 : 2);
        expect(e.key).toBe(element.key);
        expect(e.ts).toBe(element.ts);
        // One state per key, shared by both inputs.
        const count = (counts.get(e.key) ?? 0) + 1;
        counts.set(e.key, count);
        expect(e.count, `count of ${e.key} at ${e.id}`).toBe(count);
        const keySet = inputsPerKey.get(e.key) ?? new Set<number>();
        keySet.add(e.input);
        inputsPerKey.set(e.key, keySet);
        // Each partition's elements arrive in partition order.
        const [partition, index] = positions.get(e.id) as [number, number];
        const lane = `${e.id[0]}${partition}`;
        expect(index).toBeGreaterThan(lastPosition.get(lane) ?? -1);
        lastPosition.set(lane, index);
        const pending = eventTimers.get(e.key) ?? new Set<number>();
        for (const t of e.registered) pending.add(t);
        for (const t of e.deleted) {
          if (pending.delete(t)) keyedCoverage.deletedTimers++;
        }
        eventTimers.set(e.key, pending);
        if (element.op % 11 === 0) processingTimers.set(e.key, (processingTimers.get(e.key) ?? 0) + 1);
      } else if (e.domain === TimeDomain.EVENT_TIME) {
        // An event-time timer fires once, for a pending (key, time), only when the watermark passed it.
        const pending = eventTimers.get(e.key);
        expect(pending?.has(e.timer), `timer ${e.key}@${e.timer} on subtask ${subtask}`).toBe(true);
        pending?.delete(e.timer);
        expect(e.watermark).toBeGreaterThanOrEqual(e.timer);
        expect(e.ts).toBe(e.timer);
        expect(e.count).toBe(counts.get(e.key));
        keyedCoverage.timersFired++;
      } else {
        // A processing-time timer fires at or after its time, at most once per registration.
        expect(e.ts).toBe(e.timer);
        expect(e.now).toBeGreaterThanOrEqual(e.timer);
        const left = (processingTimers.get(e.key) ?? 0) - 1;
        expect(left).toBeGreaterThanOrEqual(0);
        processingTimers.set(e.key, left);
        keyedCoverage.processingTimers++;
      }
    }
    // The final watermark fires every event-time timer still pending.
    for (const [key, pending] of eventTimers)
      expect([...pending], `timers of ${key} never fired`).toEqual([]);
    for (const inputs of inputsPerKey.values()) if (inputs.size === 2) keyedCoverage.bothInputsOnAKey++;
  }
  expect(sortedStrings(processed)).toEqual(sortedStrings(all.map((e) => e.id)));
}

describe('CoProcessFunction on connected keyed streams', () => {
  it(`state is shared per key across both inputs; event-time timers fire once, after the watermark (${runs} runs)`, () => {
    fc.assert(fc.property(keyedArb, checkKeyedCoProcess), { numRuns: runs });
    expect(keyedCoverage.timersFired).toBeGreaterThan(0);
    expect(keyedCoverage.deletedTimers).toBeGreaterThan(0);
    expect(keyedCoverage.processingTimers).toBeGreaterThan(0);
    expect(keyedCoverage.bothInputsOnAKey).toBeGreaterThan(0);
  });

  it('a plain CoProcessFunction on keyed streams shares keyed state the same way', () => {
    class Plain extends CoProcessFunction<Ev, Ev, string> {
      private count!: ValueState<number>;
      override open(): void {
        this.count = this.getRuntimeContext().getState(countDescriptor);
      }
      processElement1(v: Ev, _ctx: CoProcessFunctionContext, out: Collector<string>): void {
        this.bump(v, out);
      }
      processElement2(v: Ev, _ctx: CoProcessFunctionContext, out: Collector<string>): void {
        this.bump(v, out);
      }
      private bump(v: Ev, out: Collector<string>) {
        const c = (this.count.value() ?? 0) + 1;
        this.count.update(c);
        out.collect(`${v.key}:${c}`);
      }
    }
    const env = StreamExecutionEnvironment.create({ parallelism: 3 });
    const ev = (id: string, key: string): Ev => ({ id, key, ts: 0, op: 1 });
    const a = source(env, [[ev('a1', 'x'), ev('a2', 'y'), ev('a3', 'x')]], 1, 'a');
    const b = source(env, [[ev('b1', 'x'), ev('b2', 'y')]], 2, 'b');
    a.connect(b)
      .keyBy(
        (e) => e.key,
        (e) => e.key,
      )
      .process(new Plain())
      .sinkTo(new CollectSink(), 'out');
    const outputs = (simulate(env, { seed: 11 }).outputs.out ?? []).map((r) => String(r.value));
    expect(sortedStrings(outputs)).toEqual(['x:1', 'x:2', 'x:3', 'y:1', 'y:2']);
  });
});

// ---- non-keyed: timers throw ----------------------------------------------------------

describe('timers on non-keyed streams throw Flink’s messages', () => {
  type TimerCall =
    | 'registerEventTimeTimer'
    | 'registerProcessingTimeTimer'
    | 'deleteEventTimeTimer'
    | 'deleteProcessingTimeTimer';
  const calls: [TimerCall, string][] = [
    ['registerEventTimeTimer', REGISTER_TIMER_MSG],
    ['registerProcessingTimeTimer', REGISTER_TIMER_MSG],
    ['deleteEventTimeTimer', DELETE_TIMER_MSG],
    ['deleteProcessingTimeTimer', DELETE_TIMER_MSG],
  ];

  it.each(calls)('ProcessFunction: %s', (call, message) => {
    class Timers extends ProcessFunction<number, number> {
      processElement(value: number, ctx: ProcessFunctionContext, out: Collector<number>): void {
        // Reading time is allowed on a non-keyed stream.
        expect(typeof ctx.timerService().currentWatermark()).toBe('number');
        expect(typeof ctx.timerService().currentProcessingTime()).toBe('number');
        ctx.timerService()[call](value + 10);
        out.collect(value);
      }
    }
    const env = StreamExecutionEnvironment.create({ parallelism: 2 });
    env.fromElements(1, 2).process(new Timers()).sinkTo(new CollectSink(), 'out');
    expect(() => simulate(env, { seed: 1 })).toThrow(message);
  });

  it.each(calls)('CoProcessFunction on connected non-keyed streams: %s (either input)', (call, message) => {
    for (const input of [1, 2]) {
      class Timers extends CoProcessFunction<number, string, string> {
        processElement1(value: number, ctx: CoProcessFunctionContext): void {
          if (input === 1) ctx.timerService()[call](value);
        }
        processElement2(_value: string, ctx: CoProcessFunctionContext): void {
          if (input === 2) ctx.timerService()[call](5);
        }
      }
      const env = StreamExecutionEnvironment.create({ parallelism: 2 });
      env
        .fromElements(1, 2)
        .connect(env.fromElements('x'))
        .process(new Timers())
        .sinkTo(new CollectSink(), 'out');
      expect(() => simulate(env, { seed: 2 })).toThrow(message);
    }
  });

  it('a KeyedCoProcessFunction needs keyed streams', () => {
    class Keyed extends KeyedCoProcessFunction<string, number, number, number> {
      processElement1(): void {}
      processElement2(): void {}
    }
    const env = StreamExecutionEnvironment.create();
    expect(() =>
      env
        .fromElements(1)
        .connect(env.fromElements(2))
        .process(new Keyed() as KeyedCoProcessFunction<unknown, number, number, number>),
    ).toThrow(/keyBy/);
  });
});

// ---- non-keyed CoProcessFunction ----------------------------------------------------------

describe('CoProcessFunction on connected non-keyed streams', () => {
  it(`processes every element of both inputs exactly once, each input by its own method (${runs} runs)`, () => {
    class Tagger extends CoProcessFunction<Ev, Ev, string> {
      processElement1(v: Ev, ctx: CoProcessFunctionContext, out: Collector<string>): void {
        out.collect(`1:${v.id}@${ctx.timestamp()}`);
      }
      processElement2(v: Ev, ctx: CoProcessFunctionContext, out: Collector<string>): void {
        out.collect(`2:${v.id}@${ctx.timestamp()}`);
      }
    }
    fc.assert(
      fc.property(
        partitionsArb('A'),
        partitionsArb('B'),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        seedArb,
        choicesArb,
        (first, second, parallelism, sourceParallelism, seed, choices) => {
          const env = StreamExecutionEnvironment.create({ parallelism });
          source(env, first, sourceParallelism, 'first')
            .connect(source(env, second, 1, 'second'))
            .process(new Tagger())
            .sinkTo(new CollectSink(), 'out');
          const result = simulate(env, { seed, choices, maxSteps: 500_000 });
          expect(result.status).toBe('finished');
          const expected = [
            ...first.flat().map((e) => `1:${e.id}@${e.ts}`),
            ...second.flat().map((e) => `2:${e.id}@${e.ts}`),
          ];
          expect(sortedStrings((result.outputs.out ?? []).map((r) => String(r.value)))).toEqual(
            sortedStrings(expected),
          );
        },
      ),
      { numRuns: runs },
    );
  });
});

// ---- ProcessFunction with side outputs --------------------------------------------------------

const tagA = new OutputTag<string>('a');
const tagB = new OutputTag<number>('b');
const tagUnread = new OutputTag<string>('unread');

/** Routing by op % 4: 0 main, 1 side a, 2 side b, 3 main and side a; op % 5 === 0 also to an unread tag. */
function routes(op: number): ('main' | 'a' | 'b')[] {
  switch (op % 4) {
    case 0:
      return ['main'];
    case 1:
      return ['a'];
    case 2:
      return ['b'];
    default:
      return ['main', 'a'];
  }
}

class Router extends ProcessFunction<Ev, string> {
  processElement(value: Ev, ctx: ProcessFunctionContext, out: Collector<string>): void {
    for (const route of routes(value.op)) {
      if (route === 'main') out.collect(value.id);
      else if (route === 'a') ctx.output(tagA, value.id);
      else ctx.output(tagB, Number(value.id.slice(1)));
    }
    if (value.op % 5 === 0) ctx.output(tagUnread, value.id);
  }
}

describe('ProcessFunction side outputs', () => {
  it(`every element reaches exactly the outputs it was routed to, once, with its timestamp (${runs} runs)`, () => {
    fc.assert(
      fc.property(
        partitionsArb('E', 20),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        seedArb,
        choicesArb,
        (partitions, parallelism, sourceParallelism, rebalance, seed, choices) => {
          const env = StreamExecutionEnvironment.create({ parallelism });
          const input = source(env, partitions, sourceParallelism, 'events');
          const routed = (rebalance ? input.rebalance() : input).process(new Router());
          routed.sinkTo(new CollectSink(), 'main');
          routed.getSideOutput(tagA).sinkTo(new CollectSink(), 'a');
          // A second reader of the same side output, through an equal tag, gets it all too.
          routed.getSideOutput(new OutputTag<string>('a')).sinkTo(new CollectSink(), 'a-again');
          routed.getSideOutput(tagB).sinkTo(new CollectSink(), 'b');
          const result = simulate(env, { seed, choices, maxSteps: 500_000 });
          expect(result.status).toBe('finished');
          const all = partitions.flat();
          const ts = new Map(all.map((e) => [e.id, e.ts]));
          const expected = (route: 'main' | 'a' | 'b') =>
            sortedStrings(all.filter((e) => routes(e.op).includes(route)).map((e) => e.id));
          const got = (sink: string, toId: (v: unknown) => string) =>
            sortedStrings(
              (result.outputs[sink] ?? []).map((r) => {
                const id = toId(r.value);
                expect(r.timestamp, `timestamp of ${id} in ${sink}`).toBe(ts.get(id));
                return id;
              }),
            );
          expect(got('main', String)).toEqual(expected('main'));
          expect(got('a', String)).toEqual(expected('a'));
          expect(got('a-again', String)).toEqual(expected('a'));
          expect(got('b', (v) => `E${v}`)).toEqual(expected('b'));
          expect(Object.keys(result.outputs)).not.toContain('unread');
        },
      ),
      { numRuns: runs },
    );
  });
});

// ---- union -------------------------------------------------------------------------------

describe('union of several streams', () => {
  it(`carries every element once and keeps each partition's order on every receiving subtask (${runs} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(partitionsArb('S', 8), fc.integer({ min: 1, max: 4 })), {
          minLength: 2,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('forward-or-rebalance' as const, 'rebalance' as const, 'keyBy' as const),
        seedArb,
        choicesArb,
        (streams, parallelism, partitioning, seed, choices) => {
          const env = StreamExecutionEnvironment.create({ parallelism });
          // Distinct ids per stream: prefix with the stream's index.
          const inputs = streams.map(([parts], si) =>
            parts.map((p) => p.map((e) => ({ ...e, id: `${si}${e.id}` }))),
          );
          const sources = inputs.map((parts, si) =>
            source(env, parts, (streams[si] as [Ev[][], number])[1], `s${si}`),
          );
          const [head, ...rest] = sources;
          if (head === undefined) throw new Error('at least two streams');
          const union = head.union(...rest);
          const routed =
            partitioning === 'keyBy'
              ? union.keyBy((e) => e.key)
              : partitioning === 'rebalance'
                ? union.rebalance()
                : union;
          routed.map((e) => e.id).sinkTo(new CollectSink(), 'out');
          const result = simulate(env, { seed, choices, maxSteps: 500_000 });
          expect(result.status).toBe('finished');
          const records = result.outputs.out ?? [];
          const all = inputs.flat(2);
          expect(sortedStrings(records.map((r) => String(r.value)))).toEqual(
            sortedStrings(all.map((e) => e.id)),
          );
          // FIFO per channel: on every sink subtask each source partition's elements keep their order.
          const position = new Map<string, [string, number]>();
          inputs.forEach((parts, si) => {
            parts.forEach((p, pi) => {
              p.forEach((e, i) => {
                position.set(e.id, [`${si}/${pi}`, i]);
              });
            });
          });
          const last = new Map<string, number>();
          for (const r of records) {
            const [lane, index] = position.get(String(r.value)) as [string, number];
            const laneKey = `${r.subtask}:${lane}`;
            expect(index).toBeGreaterThan(last.get(laneKey) ?? -1);
            last.set(laneKey, index);
          }
        },
      ),
      { numRuns: runs },
    );
  });
});

// ---- map / filter / flatMap ---------------------------------------------------------------

interface Transform {
  readonly mul: number;
  readonly add: number;
  readonly modulus: number;
  readonly drop: number;
  readonly copies: number;
  readonly rich: boolean;
  readonly shuffle: 'none' | 'rebalance' | 'keyBy';
}

interface Val {
  readonly id: string;
  readonly v: number;
  readonly ts: number;
}

class RichScale extends RichMapFunction<Ev, Val> {
  constructor(private readonly t: Transform) {
    super();
  }
  map(e: Ev): Val {
    return { id: e.id, v: e.op * this.t.mul + this.t.add, ts: e.ts };
  }
}

class RichKeep extends RichFilterFunction<Val> {
  constructor(private readonly t: Transform) {
    super();
  }
  filter(x: Val): boolean {
    return x.v % this.t.modulus !== this.t.drop;
  }
}

class RichCopies extends RichFlatMapFunction<Val, string> {
  constructor(private readonly t: Transform) {
    super();
  }
  flatMap(x: Val, out: Collector<string>): void {
    for (let i = 0; i < x.v % this.t.copies; i++) out.collect(`${x.id}#${i}@${x.ts}`);
  }
}

describe('map, filter and flatMap', () => {
  const transformArb: fc.Arbitrary<Transform> = fc.record({
    mul: fc.integer({ min: 1, max: 5 }),
    add: fc.nat({ max: 10 }),
    modulus: fc.integer({ min: 2, max: 4 }),
    drop: fc.nat({ max: 3 }),
    copies: fc.integer({ min: 1, max: 4 }),
    rich: fc.boolean(),
    shuffle: fc.constantFrom('none' as const, 'rebalance' as const, 'keyBy' as const),
  });

  it(`compose like the model, keeping each element's timestamp (${runs} runs)`, () => {
    fc.assert(
      fc.property(
        partitionsArb('E', 20),
        transformArb,
        fc.integer({ min: 1, max: 4 }),
        seedArb,
        choicesArb,
        (partitions, t, parallelism, seed, choices) => {
          const env = StreamExecutionEnvironment.create({ parallelism });
          const input = source(env, partitions, 1 + (seed % 4), 'events');
          const mapped = t.rich
            ? input.map(new RichScale(t))
            : input.map((e) => ({ id: e.id, v: e.op * t.mul + t.add, ts: e.ts }));
          const shuffled =
            t.shuffle === 'keyBy'
              ? mapped.keyBy((x) => x.v % 3)
              : t.shuffle === 'rebalance'
                ? mapped.rebalance()
                : mapped;
          const kept = t.rich
            ? shuffled.filter(new RichKeep(t))
            : shuffled.filter((x) => x.v % t.modulus !== t.drop);
          const copies = (x: Val, out: Collector<string>): void => {
            for (let i = 0; i < x.v % t.copies; i++) out.collect(`${x.id}#${i}@${x.ts}`);
          };
          const copied = t.rich ? kept.flatMap(new RichCopies(t)) : kept.flatMap(copies);
          copied.sinkTo(new CollectSink(), 'out');
          const result = simulate(env, { seed, choices, maxSteps: 500_000 });
          expect(result.status).toBe('finished');
          // The model: the same three functions over the input list.
          const expected: string[] = [];
          for (const e of partitions.flat()) {
            const v = e.op * t.mul + t.add;
            if (v % t.modulus === t.drop) continue;
            for (let i = 0; i < v % t.copies; i++) expected.push(`${e.id}#${i}@${e.ts}`);
          }
          const records = result.outputs.out ?? [];
          for (const r of records)
            expect(`@${r.timestamp}`).toBe(String(r.value).slice(String(r.value).indexOf('@')));
          expect(sortedStrings(records.map((r) => String(r.value)))).toEqual(sortedStrings(expected));
        },
      ),
      { numRuns: runs },
    );
  });
});

// ---- rich-function lifecycle ---------------------------------------------------------------

/** A lifecycle event of one function instance, in the order it happened. */
interface LifecycleEvent {
  readonly fn: string;
  readonly instance: object;
  readonly event: 'open' | 'element' | 'close';
  readonly subtask: number;
  readonly parallelism: number;
  readonly attempt: number;
  /** For 'element': how many elements this instance saw so far (an instance field). */
  readonly seen?: number;
}

/** Shared by every copy of a function (copies are shallow), so the test can read what happened. */
class LifecycleLog {
  readonly events: LifecycleEvent[] = [];
  record(
    fn: string,
    instance: object,
    ctxFn: { getRuntimeContext(): RuntimeContext },
    event: LifecycleEvent['event'],
    seen?: number,
  ) {
    const ctx = ctxFn.getRuntimeContext();
    this.events.push({
      fn,
      instance,
      event,
      subtask: ctx.getIndexOfThisSubtask(),
      parallelism: ctx.getNumberOfParallelSubtasks(),
      attempt: ctx.getAttemptNumber(),
      ...(seen === undefined ? {} : { seen }),
    });
  }
}

class LifecycleMap extends RichMapFunction<Ev, Ev> {
  seen = 0;
  opened = false;
  constructor(private readonly log: LifecycleLog) {
    super();
  }
  override open(context: OpenContext): void {
    expect(context.attemptNumber).toBe(0);
    this.opened = true;
    this.log.record('map', this, this, 'open');
  }
  map(e: Ev): Ev {
    this.log.record('map', this, this, 'element', ++this.seen);
    return e;
  }
  override close(): void {
    this.log.record('map', this, this, 'close');
  }
}

class LifecycleProcess extends ProcessFunction<Ev, Ev> {
  seen = 0;
  constructor(private readonly log: LifecycleLog) {
    super();
  }
  override open(): void {
    this.log.record('process', this, this, 'open');
  }
  processElement(e: Ev, _ctx: ProcessFunctionContext, out: Collector<Ev>): void {
    this.log.record('process', this, this, 'element', ++this.seen);
    out.collect(e);
  }
  override close(): void {
    this.log.record('process', this, this, 'close');
  }
}

class LifecycleCoProcess extends CoProcessFunction<Ev, Ev, string> {
  seen = 0;
  constructor(private readonly log: LifecycleLog) {
    super();
  }
  override open(): void {
    this.log.record('coProcess', this, this, 'open');
  }
  processElement1(e: Ev, _ctx: CoProcessFunctionContext, out: Collector<string>): void {
    this.log.record('coProcess', this, this, 'element', ++this.seen);
    out.collect(e.id);
  }
  processElement2(e: Ev, _ctx: CoProcessFunctionContext, out: Collector<string>): void {
    this.log.record('coProcess', this, this, 'element', ++this.seen);
    out.collect(e.id);
  }
  override close(): void {
    this.log.record('coProcess', this, this, 'close');
  }
}

describe('rich-function lifecycle', () => {
  it(`open once per subtask with its index and parallelism, close at the end, one copy per subtask (${runs} runs)`, () => {
    fc.assert(
      fc.property(
        partitionsArb('A', 10),
        partitionsArb('B', 10),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        seedArb,
        choicesArb,
        (first, second, mapParallelism, processParallelism, coParallelism, seed, choices) => {
          const log = new LifecycleLog();
          const originals = {
            map: new LifecycleMap(log),
            process: new LifecycleProcess(log),
            coProcess: new LifecycleCoProcess(log),
          };
          const env = StreamExecutionEnvironment.create({ parallelism: 2 });
          const a = source(env, first, 2, 'a')
            .map(originals.map)
            .setParallelism(mapParallelism)
            .process(originals.process)
            .setParallelism(processParallelism);
          a.connect(source(env, second, 1, 'b'))
            .process(originals.coProcess)
            .setParallelism(coParallelism)
            .sinkTo(new CollectSink(), 'out');
          const result = simulate(env, { seed, choices, maxSteps: 500_000 });
          expect(result.status).toBe('finished');
          const parallelism = { map: mapParallelism, process: processParallelism, coProcess: coParallelism };
          const elements = {
            map: first.flat().length,
            process: first.flat().length,
            coProcess: first.flat().length + second.flat().length,
          };
          for (const fn of ['map', 'process', 'coProcess'] as const) {
            const events = log.events.filter((e) => e.fn === fn);
            const instances = [...new Set(events.map((e) => e.instance))];
            // One copy per subtask; the user's own object is never opened or run.
            expect(instances).toHaveLength(parallelism[fn]);
            expect(instances).not.toContain(originals[fn]);
            expect(originals[fn].seen).toBe(0);
            expect(() => originals[fn].getRuntimeContext()).toThrow(/runtime context is not set/);
            const subtasks = instances.map((instance) => {
              const own = events.filter((e) => e.instance === instance);
              // open, then its elements counted by its own field, then close.
              expect(own.map((e) => e.event)).toEqual([
                'open',
                ...own.filter((e) => e.event === 'element').map(() => 'element'),
                'close',
              ]);
              expect(own.filter((e) => e.event === 'element').map((e) => e.seen)).toEqual(
                own.filter((e) => e.event === 'element').map((_, i) => i + 1),
              );
              expect(new Set(own.map((e) => e.subtask)).size).toBe(1);
              for (const e of own) {
                expect(e.parallelism).toBe(parallelism[fn]);
                expect(e.attempt).toBe(0);
              }
              return own[0]?.subtask as number;
            });
            expect(subtasks.sort()).toEqual([...Array(parallelism[fn]).keys()]);
            expect(events.filter((e) => e.event === 'element')).toHaveLength(elements[fn]);
          }
          expect(originals.map.opened).toBe(false);
        },
      ),
      { numRuns: runs },
    );
  });
});
