import type { OutputTag } from '../OutputTag.ts';
import type { TimeDomain } from '../time/TimeDomain.ts';
import { AbstractRichFunction } from './AbstractRichFunction.ts';
import type { Collector } from './Collector.ts';
import type { TimerService } from './TimerService.ts';

/** Flink's CoProcessFunction.Context. */
export interface CoProcessFunctionContext {
  timestamp(): number | undefined;
  timerService(): TimerService;
  output<X>(tag: OutputTag<X>, value: X): void;
}

export interface CoProcessFunctionOnTimerContext extends CoProcessFunctionContext {
  timeDomain(): TimeDomain;
}

/**
 * Flink's CoProcessFunction on two connected streams. On connected keyed
 * streams it runs keyed (state and timers per key, like KeyedCoProcessOperator);
 * on non-keyed ones timers throw, as in Flink.
 */
export abstract class CoProcessFunction<I1, I2, O> extends AbstractRichFunction {
  abstract processElement1(value: I1, ctx: CoProcessFunctionContext, out: Collector<O>): void;
  abstract processElement2(value: I2, ctx: CoProcessFunctionContext, out: Collector<O>): void;

  onTimer(_timestamp: number, _ctx: CoProcessFunctionOnTimerContext, _out: Collector<O>): void {}
}

/** Flink's KeyedCoProcessFunction: a CoProcessFunction whose contexts know the current key. */
export interface KeyedCoProcessFunctionContext<K> extends CoProcessFunctionContext {
  getCurrentKey(): K;
}

export interface KeyedCoProcessFunctionOnTimerContext<K> extends KeyedCoProcessFunctionContext<K> {
  timeDomain(): TimeDomain;
}

export abstract class KeyedCoProcessFunction<K, I1, I2, O> extends AbstractRichFunction {
  abstract processElement1(value: I1, ctx: KeyedCoProcessFunctionContext<K>, out: Collector<O>): void;
  abstract processElement2(value: I2, ctx: KeyedCoProcessFunctionContext<K>, out: Collector<O>): void;

  onTimer(_timestamp: number, _ctx: KeyedCoProcessFunctionOnTimerContext<K>, _out: Collector<O>): void {}
}
