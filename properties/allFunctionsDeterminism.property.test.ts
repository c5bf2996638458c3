import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BroadcastContext,
  BroadcastProcessFunction,
  type BroadcastReadOnlyContext,
  CheckpointingMode,
  CollectionSource,
  type Collector,
  CollectSink,
  CoProcessFunction,
  type CoProcessFunctionContext,
  checkDeterminism,
  type KeyedBroadcastContext,
  KeyedBroadcastProcessFunction,
  type KeyedBroadcastReadOnlyContext,
  KeyedProcessFunction,
  type KeyedProcessFunctionContext,
  MapStateDescriptor,
  OutputTag,
  ProcessAllWindowFunction,
  type ProcessAllWindowFunctionContext,
  ProcessFunction,
  type ProcessFunctionContext,
  ProcessJoinFunction,
  ProcessWindowFunction,
  type ProcessWindowFunctionContext,
  StreamExecutionEnvironment,
  simulate,
  type TimeWindow,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '../src/index.ts';
import { propertyRuns } from './runCount.ts';

interface Ev {
  readonly k: string;
  readonly v: number;
  readonly ts: number;
}

const runs = propertyRuns(40);
const rules = new MapStateDescriptor<string, number>('rules');
const odd = new OutputTag<string>('odd');

class Tag extends ProcessFunction<Ev, Ev> {
  processElement(e: Ev, ctx: ProcessFunctionContext, out: Collector<Ev>): void {
    if (e.v % 2 === 1) ctx.output(odd, `odd ${e.v}`);
    out.collect(e);
  }
}
class Count extends KeyedProcessFunction<string, Ev, string> {
  processElement(e: Ev, ctx: KeyedProcessFunctionContext<string>, out: Collector<string>): void {
    ctx.timerService().registerEventTimeTimer(e.ts + 5);
    out.collect(`seen ${e.k}${e.v}`);
  }
  override onTimer(ts: number, _ctx: unknown, out: Collector<string>): void {
    out.collect(`timer ${ts}`);
  }
}
class Merge extends CoProcessFunction<Ev, Ev, string> {
  processElement1(e: Ev, _c: CoProcessFunctionContext, out: Collector<string>): void {
    out.collect(`L${e.v}`);
  }
  processElement2(e: Ev, _c: CoProcessFunctionContext, out: Collector<string>): void {
    out.collect(`R${e.v}`);
  }
}
class Pair extends ProcessJoinFunction<Ev, Ev, string> {
  processElement(l: Ev, r: Ev, _c: unknown, out: Collector<string>): void {
    out.collect(`${l.v}~${r.v}`);
  }
}
class Rule extends BroadcastProcessFunction<Ev, Ev, string> {
  processElement(e: Ev, ctx: BroadcastReadOnlyContext, out: Collector<string>): void {
    out.collect(`${e.v}@${ctx.getBroadcastState(rules).get('last') ?? '-'}`);
  }
  processBroadcastElement(e: Ev, ctx: BroadcastContext): void {
    ctx.getBroadcastState(rules).put('last', e.v);
  }
}
class KeyedRule extends KeyedBroadcastProcessFunction<string, Ev, Ev, string> {
  processElement(e: Ev, ctx: KeyedBroadcastReadOnlyContext<string>, out: Collector<string>): void {
    out.collect(`${ctx.getCurrentKey()}${e.v}@${ctx.getBroadcastState(rules).get('last') ?? '-'}`);
  }
  processBroadcastElement(e: Ev, ctx: KeyedBroadcastContext<string>): void {
    ctx.getBroadcastState(rules).put('last', e.v);
  }
}
class Sum extends ProcessWindowFunction<Ev, string, string, TimeWindow> {
  process(
    key: string,
    ctx: ProcessWindowFunctionContext<TimeWindow>,
    items: Ev[],
    out: Collector<string>,
  ): void {
    out.collect(`${key}[${ctx.window().start}]=${items.reduce((s, e) => s + e.v, 0)}`);
  }
}
class SumAll extends ProcessAllWindowFunction<Ev, string, TimeWindow> {
  process(ctx: ProcessAllWindowFunctionContext<TimeWindow>, items: Ev[], out: Collector<string>): void {
    out.collect(`all[${ctx.window().start}]=${items.length}`);
  }
}

/** One job that uses all eight process functions, with checkpoints. */
function build(input: Ev[][], parallelism: number) {
  const env = StreamExecutionEnvironment.create({ parallelism, autoWatermarkInterval: 5 });
  env.enableCheckpointing(7, CheckpointingMode.EXACTLY_ONCE);
  const wm = WatermarkStrategy.forBoundedOutOfOrderness<Ev>(2).withTimestampAssigner((e) => e.ts);
  const a = env.fromSource(new CollectionSource(input), wm, 'a').process(new Tag());
  const b = env.fromSource(new CollectionSource(input.slice().reverse()), wm, 'b');
  const sink = (s: { sinkTo: (x: CollectSink<string>, n: string) => unknown }, n: string) =>
    s.sinkTo(new CollectSink<string>(), n);
  sink(a.keyBy((e) => e.k).process(new Count()), 'keyed');
  sink(a.connect(b).process(new Merge()), 'co');
  sink(
    a
      .keyBy((e) => e.k)
      .intervalJoin(b.keyBy((e) => e.k))
      .between(-3, 3)
      .process(new Pair()),
    'join',
  );
  sink(a.connect(b.broadcast(rules)).process(new Rule()), 'broadcast');
  sink(
    a
      .keyBy((e) => e.k)
      .connect(b.broadcast(rules))
      .process(new KeyedRule()),
    'keyedBroadcast',
  );
  sink(
    a
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(10))
      .process(new Sum()),
    'window',
  );
  sink(a.windowAll(TumblingEventTimeWindows.of(10)).process(new SumAll()), 'windowAll');
  sink(a.getSideOutput(odd), 'odd');
  return env;
}

const inputArb = fc
  .array(fc.array(fc.record({ k: fc.constantFrom('a', 'b', 'c'), v: fc.nat(50) }), { maxLength: 8 }), {
    minLength: 1,
    maxLength: 3,
  })
  .map((parts) => parts.map((p) => p.map((e, i) => ({ ...e, ts: i * 3 }))));

describe('determinism for pipelines using every process function', () => {
  it(`same seed, choices and crashes give the same trace hash and outputs (${runs} runs)`, () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.integer({ min: 1, max: 3 }),
        fc.nat({ max: 0xffffffff }),
        fc.array(fc.nat({ max: 7 }), { maxLength: 60 }),
        fc.array(fc.record({ atStep: fc.nat({ max: 300 }), task: fc.nat({ max: 20 }) }), { maxLength: 2 }),
        (input, parallelism, seed, choices, crashes) => {
          const one = simulate(build(input, parallelism), { seed, choices, crashes, keepTrace: 5000 });
          const two = simulate(build(input, parallelism), { seed, choices, crashes, keepTrace: 5000 });
          const verdict = checkDeterminism(one.trace, two.trace);
          if (!verdict.deterministic) throw new Error(verdict.explanation);
          expect(one.outputs).toEqual(two.outputs);
          expect(one.status).toBe('finished');
        },
      ),
      { numRuns: runs },
    );
  });
});
