import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CollectionSource,
  type Collector,
  CollectSink,
  checkDeterminism,
  KeyedCoProcessFunction,
  type KeyedCoProcessFunctionContext,
  type KeyedCoProcessFunctionOnTimerContext,
  KeyedProcessFunction,
  type KeyedProcessFunctionContext,
  type KeyedProcessFunctionOnTimerContext,
  type ListState,
  ListStateDescriptor,
  OutputTag,
  ProcessFunction,
  type ProcessFunctionContext,
  type SingleOutputStreamOperator,
  StreamExecutionEnvironment,
  simulate,
  type ValueState,
  ValueStateDescriptor,
  WatermarkStrategy,
} from '../src/index.ts';
import { propertyRuns } from './runCount.ts';

/**
 * Determinism of the runtime (DESIGN §3): the same job, seed and scheduler
 * choices give the same trace hash, byte for byte, and the same outputs, for
 * a pipeline that uses ProcessFunction with side outputs, union,
 * KeyedProcessFunction with state and both kinds of timers, and a keyed
 * CoProcessFunction on connected streams, at parallelism 1-3.
 */

const runs = propertyRuns(100);

interface Ev {
  readonly id: string;
  readonly key: string;
  readonly ts: number;
  readonly n: number;
}

const ODD = new OutputTag<Ev>('odd');
const TIMERS = new OutputTag<string>('timers');

/** Routes odd n to a side output, even n to the main output. */
class Splitter extends ProcessFunction<Ev, Ev> {
  processElement(e: Ev, ctx: ProcessFunctionContext, out: Collector<Ev>): void {
    if (e.n % 2 === 1) ctx.output(ODD, e);
    else out.collect(e);
  }
}

/** Keeps ids per key, registers an event-time and sometimes a processing-time timer. */
class Accumulate extends KeyedProcessFunction<string, Ev, string> {
  private ids!: ListState<string>;

  constructor(private readonly jitter: (() => number) | undefined) {
    super();
  }

  override open(): void {
    this.ids = this.getRuntimeContext().getListState(new ListStateDescriptor<string>('ids'));
  }

  processElement(e: Ev, ctx: KeyedProcessFunctionContext<string>, out: Collector<string>): void {
    this.ids.add(e.id);
    const timers = ctx.timerService();
    timers.registerEventTimeTimer(e.ts + (e.n % 4));
    if (e.n % 3 === 0)
      timers.registerProcessingTimeTimer(timers.currentProcessingTime() + (this.jitter?.() ?? e.n));
    out.collect(`${ctx.getCurrentKey()}:${this.ids.get().join(',')}@${timers.currentWatermark()}`);
  }

  override onTimer(
    ts: number,
    ctx: KeyedProcessFunctionOnTimerContext<string>,
    out: Collector<string>,
  ): void {
    ctx.output(TIMERS, `${ctx.getCurrentKey()}@${ts}/${ctx.timeDomain()}`);
    out.collect(`timer ${ctx.getCurrentKey()}@${ts} now ${ctx.timerService().currentProcessingTime()}`);
  }
}

/** Counts per key over both inputs and reports it on an event-time timer. */
class Join extends KeyedCoProcessFunction<string, Ev, string, string> {
  private count!: ValueState<number>;

  override open(): void {
    this.count = this.getRuntimeContext().getState(new ValueStateDescriptor<number>('count'));
  }

  processElement1(e: Ev, ctx: KeyedCoProcessFunctionContext<string>, out: Collector<string>): void {
    this.bump(ctx, out, `odd ${e.id}`);
    ctx.timerService().registerEventTimeTimer(e.ts + 1);
  }

  processElement2(s: string, ctx: KeyedCoProcessFunctionContext<string>, out: Collector<string>): void {
    this.bump(ctx, out, s);
  }

  override onTimer(
    ts: number,
    ctx: KeyedCoProcessFunctionOnTimerContext<string>,
    out: Collector<string>,
  ): void {
    out.collect(`join timer ${ctx.getCurrentKey()}@${ts} count ${this.count.value()}`);
  }

  private bump(ctx: KeyedCoProcessFunctionContext<string>, out: Collector<string>, what: string): void {
    const count = (this.count.value() ?? 0) + 1;
    this.count.update(count);
    out.collect(`${ctx.getCurrentKey()} #${count} ${what} wm ${ctx.timerService().currentWatermark()}`);
  }
}

interface Spec {
  readonly parallelism: number;
  readonly a: Ev[][];
  readonly b: Ev[][];
  readonly outOfOrderness: number;
  readonly watermarkInterval: number;
}

function partitionsArb(prefix: string): fc.Arbitrary<Ev[][]> {
  return fc
    .array(
      fc.record({ partition: fc.nat(2), key: fc.constantFrom('a', 'b', 'c'), gap: fc.nat(5), n: fc.nat(20) }),
      { maxLength: 14, size: 'max' },
    )
    .map((records) => {
      const parts: Ev[][] = [[], [], []];
      const clock = [0, 0, 0];
      records.forEach((r, i) => {
        clock[r.partition] = (clock[r.partition] as number) + r.gap;
        parts[r.partition]?.push({
          id: `${prefix}${i}`,
          key: r.key,
          ts: clock[r.partition] as number,
          n: r.n,
        });
      });
      return parts;
    });
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  parallelism: fc.integer({ min: 1, max: 3 }),
  a: partitionsArb('a'),
  b: partitionsArb('b'),
  outOfOrderness: fc.nat(3),
  watermarkInterval: fc.constantFrom(1, 7, 50),
});
const seedArb = fc.nat({ max: 0xffffffff });
const choicesArb = fc.array(fc.nat(7), { maxLength: 80 });

function build(spec: Spec, jitter?: () => number): StreamExecutionEnvironment {
  const env = StreamExecutionEnvironment.create({
    parallelism: spec.parallelism,
    autoWatermarkInterval: spec.watermarkInterval,
  });
  const strategy = WatermarkStrategy.forBoundedOutOfOrderness<Ev>(spec.outOfOrderness).withTimestampAssigner(
    (e) => e.ts,
  );
  const a = env.fromSource(new CollectionSource(spec.a), strategy, 'a');
  const b = env.fromSource(new CollectionSource(spec.b), strategy, 'b');
  const split = a.process(new Splitter());
  const accumulated = split
    .union(b)
    .keyBy((e) => e.key)
    .process(new Accumulate(jitter)) as SingleOutputStreamOperator<string>;
  const joined = split
    .getSideOutput(ODD)
    .connect(accumulated)
    .keyBy(
      (e) => e.key,
      (s) => s.slice(0, 1),
    )
    .process(new Join());
  accumulated.getSideOutput(TIMERS).sinkTo(new CollectSink(), 'timers');
  accumulated.sinkTo(new CollectSink(), 'accumulated');
  joined.sinkTo(new CollectSink(), 'joined');
  return env;
}

/** Same spec, seed and choices, two fresh environments: the same trace and outputs. */
function sameRunTwice(jitter?: () => number) {
  return fc.property(specArb, seedArb, choicesArb, (spec, seed, choices) => {
    const first = simulate(build(spec, jitter), { seed, choices, keepTrace: true });
    const second = simulate(build(spec, jitter), { seed, choices, keepTrace: true });
    const verdict = checkDeterminism(first.trace, second.trace);
    if (!verdict.deterministic) throw new Error(verdict.explanation);
    expect(second.outputs).toEqual(first.outputs);
    expect(second.steps).toBe(first.steps);
    expect(second.endTime).toBe(first.endTime);
    expect(first.status).toBe('finished');
  });
}

describe('runtime determinism', () => {
  it(`same job + seed + choices => same trace hash and outputs (${runs} jobs)`, () => {
    fc.assert(sameRunTwice(), { numRuns: runs });
  });

  it('running one environment twice gives the same result as a fresh one (no state leaks across runs)', () => {
    fc.assert(
      fc.property(specArb, seedArb, choicesArb, (spec, seed, choices) => {
        const env = build(spec);
        const first = simulate(env, { seed, choices });
        const again = simulate(env, { seed, choices });
        const fresh = simulate(build(spec), { seed, choices });
        expect(again.trace.hash).toBe(first.trace.hash);
        expect(fresh.trace.hash).toBe(first.trace.hash);
        expect(again.outputs).toEqual(first.outputs);
      }),
      { numRuns: Math.ceil(runs / 2) },
    );
  });

  it('the seed and the choices decide the interleaving: different ones give different traces', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        fc.pre(spec.parallelism > 1 && spec.a.flat().length + spec.b.flat().length > 6);
        const hashes = new Set<string>();
        for (let seed = 0; seed < 8; seed++) hashes.add(simulate(build(spec), { seed }).trace.hash);
        expect(hashes.size).toBeGreaterThan(1);
        const byChoices = new Set<string>();
        for (let c = 0; c < 8; c++)
          byChoices.add(simulate(build(spec), { seed: 1, choices: [c, c + 1, c + 2, c, c] }).trace.hash);
        expect(byChoices.size).toBeGreaterThan(1);
      }),
      { numRuns: Math.ceil(runs / 4) },
    );
  });

  it('catches a function that draws from Math.random (the property has teeth)', () => {
    const result = fc.check(
      sameRunTwice(() => Math.floor(Math.random() * 50)),
      { numRuns: runs },
    );
    expect(result.failed).toBe(true);
  });
});
