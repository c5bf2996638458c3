import type { OutputTag } from '../OutputTag.ts';
import type { TimeDomain } from '../time/TimeDomain.ts';
import { AbstractRichFunction } from './AbstractRichFunction.ts';
import type { Collector } from './Collector.ts';
import type { TimerService } from './TimerService.ts';

/** Flink's KeyedProcessFunction.Context. */
export interface KeyedProcessFunctionContext<K> {
  timestamp(): number | undefined;
  timerService(): TimerService;
  output<X>(tag: OutputTag<X>, value: X): void;
  getCurrentKey(): K;
}

export interface KeyedProcessFunctionOnTimerContext<K> extends KeyedProcessFunctionContext<K> {
  timeDomain(): TimeDomain;
}

/**
 * Flink's KeyedProcessFunction, after keyBy: keyed state and timers per key.
 * `onTimer` runs with the timer's key as current key; its collector stamps
 * outputs with the timer's timestamp (event time) or none (processing time).
 */
export abstract class KeyedProcessFunction<K, I, O> extends AbstractRichFunction {
  abstract processElement(value: I, ctx: KeyedProcessFunctionContext<K>, out: Collector<O>): void;

  onTimer(_timestamp: number, _ctx: KeyedProcessFunctionOnTimerContext<K>, _out: Collector<O>): void {}
}
