import { describe, expect, it } from 'vitest';
import { simulate } from '../execution/simulate.ts';
import type { Collector } from '../functions/Collector.ts';
import {
  ProcessWindowFunction,
  type ProcessWindowFunctionContext,
} from '../functions/ProcessWindowFunction.ts';
import type { OperatorTransformation } from '../graph/Transformation.ts';
import { OutputTag } from '../OutputTag.ts';
import { WindowOperator } from '../operators/WindowOperator.ts';
import { CollectSink } from '../sink/CollectSink.ts';
import { CollectionSource } from '../source/CollectionSource.ts';
import { WatermarkStrategy } from '../time/WatermarkStrategy.ts';
import { CountTrigger } from '../windowing/CountTrigger.ts';
import { EventTimeSessionWindows } from '../windowing/EventTimeSessionWindows.ts';
import { NeverTrigger } from '../windowing/NeverTrigger.ts';
import { TumblingEventTimeWindows } from '../windowing/TumblingEventTimeWindows.ts';
import type { TimeWindow } from '../windowing/Window.ts';
import { StreamExecutionEnvironment } from './StreamExecutionEnvironment.ts';

interface Ev {
  readonly id: string;
  readonly key: string;
  readonly ts: number;
  readonly n: number;
}

/** Three partitions with ascending timestamps each, so nothing is ever late. */
function events(): Ev[][] {
  const parts: Ev[][] = [[], [], []];
  for (let i = 0; i < 30; i++) parts[i % 3]?.push({ id: `e${i}`, key: `k${i % 4}`, ts: i * 3, n: i });
  return parts;
}

function keyedWindows(parallelism = 2) {
  const env = StreamExecutionEnvironment.create({ parallelism });
  const stream = env.fromSource(
    new CollectionSource(events()),
    WatermarkStrategy.forBoundedOutOfOrderness<Ev>(0).withTimestampAssigner((e) => e.ts),
    'events',
  );
  return { env, windowed: stream.keyBy((e) => e.key).window(TumblingEventTimeWindows.of(20)) };
}

/** Flink-free expectation: per key and 20 ms window, what a function of the elements gives. */
function expected(f: (evs: Ev[]) => string): string[] {
  const panes = new Map<string, Ev[]>();
  for (const e of events().flat()) {
    const id = `${e.key}@${Math.floor(e.ts / 20) * 20}`;
    panes.set(id, [...(panes.get(id) ?? []), e]);
  }
  return [...panes].map(([id, evs]) => `${id}:${f(evs)}`).sort();
}

class Ids extends ProcessWindowFunction<Ev, string, string, TimeWindow> {
  process(
    key: string,
    ctx: ProcessWindowFunctionContext<TimeWindow>,
    elements: Ev[],
    out: Collector<string>,
  ): void {
    out.collect(`${key}@${ctx.window().start}:${elements.map((e) => e.id).sort()}`);
  }
}

describe('WindowedStream', () => {
  it('process() evaluates every window of every key once, whatever the seed', () => {
    for (const seed of [1, 2, 3]) {
      const { env, windowed } = keyedWindows();
      windowed.process(new Ids()).sinkTo(new CollectSink(), 'out');
      const result = simulate(env, { seed });
      expect(result.status).toBe('finished');
      expect(result.outputs.out?.map((r) => r.value).sort()).toEqual(
        expected((evs) => String(evs.map((e) => e.id).sort())),
      );
      // Results carry the window's max timestamp.
      for (const r of result.outputs.out ?? []) {
        expect((r.timestamp as number) % 20).toBe(19);
      }
    }
  });

  it('reduce() and aggregate() emit one value per window, alone or through a window function', () => {
    const { env, windowed } = keyedWindows();
    windowed
      .reduce((a, b) => ({ id: a.id, key: a.key, ts: a.ts, n: a.n + b.n }))
      .sinkTo(new CollectSink(), 'reduce');
    class Label extends ProcessWindowFunction<number, string, string, TimeWindow> {
      process(
        key: string,
        ctx: ProcessWindowFunctionContext<TimeWindow>,
        values: number[],
        out: Collector<string>,
      ): void {
        out.collect(`${key}@${ctx.window().start}:${values.join('|')}`);
      }
    }
    const count = {
      createAccumulator: () => 0,
      add: (_e: Ev, acc: number) => acc + 1,
      getResult: (acc: number) => acc,
      merge: (a: number, b: number) => a + b,
    };
    windowed.aggregate(count, new Label()).sinkTo(new CollectSink(), 'aggregate');
    const result = simulate(env, { seed: 7 });
    const sums = (result.outputs.reduce ?? [])
      .map((r) => r.value as Ev)
      .map((e) => `${e.key}@${Math.floor(e.ts / 20) * 20}:${e.n}`);
    expect(sums.sort()).toEqual(expected((evs) => String(evs.reduce((s, e) => s + e.n, 0))));
    expect(result.outputs.aggregate?.map((r) => r.value).sort()).toEqual(
      expected((evs) => String(evs.length)),
    );
  });

  it('builds a keyed WindowOperator behind a keyBy edge with the configured lateness, trigger and late tag', () => {
    const { env, windowed } = keyedWindows(3);
    const late = new OutputTag<Ev>('late');
    const out = windowed
      .allowedLateness(50)
      .sideOutputLateData(late)
      .trigger(CountTrigger.of(2))
      .process(new Ids());
    out.sinkTo(new CollectSink(), 'out');
    out.getSideOutput(late).sinkTo(new CollectSink(), 'late');
    const t = out.transformation as OperatorTransformation;
    expect(t.parallelism).toBe(3);
    expect(t.edges.map((e) => e.partitioning.kind)).toEqual(['keyBy']);
    expect(t.keySelectors?.[0]?.({ key: 'k7' })).toBe('k7');
    expect(t.name).toBe('Window(TumblingEventTimeWindows(20), CountTrigger(2), Ids)');
    const a = t.createOperator();
    const b = t.createOperator();
    expect(a).toBeInstanceOf(WindowOperator);
    // Each subtask gets its own copy of the user function.
    expect((a as WindowOperator<string, Ev, Ev, string, TimeWindow>).userFunction).not.toBe(
      (b as WindowOperator<string, Ev, Ev, string, TimeWindow>).userFunction,
    );
    // With CountTrigger(2) every second element of a pane fires it (and never again at the window end).
    const result = simulate(env, { seed: 3 });
    const fired = (result.outputs.out ?? []).length;
    expect(fired).toBe(
      expected((evs) => String(evs.length)).reduce(
        (s, line) => s + Math.floor(Number(line.split(':')[1]) / 2),
        0,
      ),
    );
  });

  it('checks its settings as Flink does', () => {
    const { windowed } = keyedWindows();
    expect(() => windowed.allowedLateness(-1)).toThrow('The allowed lateness cannot be negative');
    expect(() => windowed.process({} as unknown as Ids)).toThrow(TypeError);
    const env = StreamExecutionEnvironment.create();
    const sessions = env
      .fromSource(CollectionSource.of<Ev>(), WatermarkStrategy.noWatermarks<Ev>(), 's')
      .keyBy((e) => e.key)
      .window(EventTimeSessionWindows.withGap(5));
    class NonMerging extends NeverTrigger {
      override canMerge(): boolean {
        return false;
      }
    }
    expect(() => sessions.trigger(new NonMerging())).toThrow(
      'A merging window assigner cannot be used with a trigger that does not support merging.',
    );
  });
});
