import { describe, expect, it } from 'vitest';
import { simulate } from '../execution/simulate.ts';
import type { Collector } from '../functions/Collector.ts';
import {
  ProcessAllWindowFunction,
  type ProcessAllWindowFunctionContext,
} from '../functions/ProcessWindowFunction.ts';
import type { OperatorTransformation } from '../graph/Transformation.ts';
import { CollectSink } from '../sink/CollectSink.ts';
import { CollectionSource } from '../source/CollectionSource.ts';
import { WatermarkStrategy } from '../time/WatermarkStrategy.ts';
import { SlidingEventTimeWindows } from '../windowing/SlidingEventTimeWindows.ts';
import type { TimeWindow } from '../windowing/Window.ts';
import { StreamExecutionEnvironment } from './StreamExecutionEnvironment.ts';

interface Ev {
  readonly id: string;
  readonly ts: number;
}

function source(env: StreamExecutionEnvironment) {
  const parts: Ev[][] = [[], [], []];
  for (let i = 0; i < 24; i++) parts[i % 3]?.push({ id: `e${i}`, ts: i * 2 });
  return env.fromSource(
    new CollectionSource(parts),
    WatermarkStrategy.forBoundedOutOfOrderness<Ev>(0).withTimestampAssigner((e) => e.ts),
    'events',
  );
}

class Ids extends ProcessAllWindowFunction<Ev, string, TimeWindow> {
  process(ctx: ProcessAllWindowFunctionContext<TimeWindow>, elements: Ev[], out: Collector<string>): void {
    out.collect(`${ctx.window().start}:${elements.length}`);
  }
}

describe('AllWindowedStream', () => {
  it('is one WindowOperator subtask behind a keyBy on a constant key (Flink: NullByteKeySelector, forceNonParallel)', () => {
    const env = StreamExecutionEnvironment.create({ parallelism: 3 });
    const out = source(env).windowAll(SlidingEventTimeWindows.of(10, 5)).process(new Ids());
    const t = out.transformation as OperatorTransformation;
    expect(t.parallelism).toBe(1);
    expect(t.maxParallelism).toBe(1);
    expect(t.edges.map((e) => e.partitioning.kind)).toEqual(['keyBy']);
    expect(t.keySelectors?.[0]?.({ id: 'a', ts: 1 })).toBe(t.keySelectors?.[0]?.({ id: 'b', ts: 2 }));
  });

  it('windows the whole stream of all upstream subtasks', () => {
    const env = StreamExecutionEnvironment.create({ parallelism: 3 });
    source(env)
      .windowAll(SlidingEventTimeWindows.of(10, 5))
      .process(new Ids())
      .sinkTo(new CollectSink(), 'out');
    const counts = source(env)
      .windowAll(SlidingEventTimeWindows.of(10, 5))
      .reduce((a, b) => ({ id: `${a.id}+${b.id}`, ts: Math.max(a.ts, b.ts) }));
    counts.sinkTo(new CollectSink(), 'reduce');
    const result = simulate(env, { seed: 11 });
    expect(result.status).toBe('finished');
    // Timestamps 0, 2, ..., 46: window [s, s+10) for s = -5, 0, ..., 45 holds the even numbers in it.
    const expected: string[] = [];
    for (let s = -5; s <= 45; s += 5) {
      const n = Array.from({ length: 24 }, (_, i) => i * 2).filter((ts) => ts >= s && ts < s + 10).length;
      if (n > 0) expected.push(`${s}:${n}`);
    }
    expect(result.outputs.out?.map((r) => r.value).sort()).toEqual(expected.sort());
    expect((result.outputs.reduce ?? []).map((r) => (r.value as Ev).id.split('+').length).sort()).toEqual(
      expected.map((line) => Number(line.split(':')[1])).sort(),
    );
  });

  it('process() takes a ProcessAllWindowFunction', () => {
    const env = StreamExecutionEnvironment.create();
    expect(() =>
      source(env)
        .windowAll(SlidingEventTimeWindows.of(10, 5))
        .process({} as unknown as Ids),
    ).toThrow(TypeError);
  });
});
