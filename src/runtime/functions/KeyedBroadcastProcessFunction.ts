import type { State } from '../state/State.ts';
import type { StateDescriptor } from '../state/StateDescriptor.ts';
import type { TimeDomain } from '../time/TimeDomain.ts';
import { AbstractRichFunction } from './AbstractRichFunction.ts';
import type { BroadcastContext, BroadcastReadOnlyContext } from './BroadcastProcessFunction.ts';
import type { Collector } from './Collector.ts';
import type { TimerService } from './TimerService.ts';

/** Keyed side context: broadcast state read-only, plus timers and the current key. */
export interface KeyedBroadcastReadOnlyContext<KS> extends BroadcastReadOnlyContext {
  timerService(): TimerService;
  getCurrentKey(): KS;
}

/** Broadcast side context: broadcast state read-write, and keyed state of every key. */
export interface KeyedBroadcastContext<KS> extends BroadcastContext {
  /** Runs `fn` on the state of every key of this subtask that has the state (Flink's applyToKeyedState). */
  applyToKeyedState<S extends State>(descriptor: StateDescriptor<S>, fn: (key: KS, state: S) => void): void;
}

export interface KeyedBroadcastOnTimerContext<KS> extends KeyedBroadcastReadOnlyContext<KS> {
  timeDomain(): TimeDomain;
}

/** Flink's KeyedBroadcastProcessFunction: a keyed stream connected with a broadcast stream. */
export abstract class KeyedBroadcastProcessFunction<KS, IN1, IN2, OUT> extends AbstractRichFunction {
  abstract processElement(value: IN1, ctx: KeyedBroadcastReadOnlyContext<KS>, out: Collector<OUT>): void;
  abstract processBroadcastElement(value: IN2, ctx: KeyedBroadcastContext<KS>, out: Collector<OUT>): void;

  onTimer(_timestamp: number, _ctx: KeyedBroadcastOnTimerContext<KS>, _out: Collector<OUT>): void {}
}
