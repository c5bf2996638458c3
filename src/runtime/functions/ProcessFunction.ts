import type { OutputTag } from '../OutputTag.ts';
import type { TimeDomain } from '../time/TimeDomain.ts';
import { AbstractRichFunction } from './AbstractRichFunction.ts';
import type { Collector } from './Collector.ts';
import type { TimerService } from './TimerService.ts';

/** Flink's ProcessFunction.Context. */
export interface ProcessFunctionContext {
  /** The element's timestamp, or undefined when it has none. */
  timestamp(): number | undefined;
  timerService(): TimerService;
  output<X>(tag: OutputTag<X>, value: X): void;
}

export interface ProcessFunctionOnTimerContext extends ProcessFunctionContext {
  timeDomain(): TimeDomain;
}

/**
 * Flink's ProcessFunction on a non-keyed stream. Timers throw here, as in
 * Flink ("Setting timers is only supported on a keyed streams.").
 */
export abstract class ProcessFunction<I, O> extends AbstractRichFunction {
  abstract processElement(value: I, ctx: ProcessFunctionContext, out: Collector<O>): void;

  onTimer(_timestamp: number, _ctx: ProcessFunctionOnTimerContext, _out: Collector<O>): void {}
}
