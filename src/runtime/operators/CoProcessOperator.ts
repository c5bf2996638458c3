import type {
  CoProcessFunction,
  KeyedCoProcessFunction,
  KeyedCoProcessFunctionContext,
  KeyedCoProcessFunctionOnTimerContext,
} from '../functions/CoProcessFunction.ts';
import type { TimerService } from '../functions/TimerService.ts';
import type { OutputTag } from '../OutputTag.ts';
import type { StreamRecord } from '../StreamElement.ts';
import { record } from '../StreamElement.ts';
import type { InternalTimer } from '../time/InternalTimer.ts';
import { TimeDomain } from '../time/TimeDomain.ts';
import { AbstractUdfStreamOperator } from './AbstractUdfStreamOperator.ts';
import { TimestampedCollector } from './TimestampedCollector.ts';

type AnyCoProcessFunction<I1, I2, O> =
  | CoProcessFunction<I1, I2, O>
  | KeyedCoProcessFunction<unknown, I1, I2, O>;

/**
 * Flink's CoProcessOperator and KeyedCoProcessOperator in one: two inputs, one
 * function; keyed when both inputs were keyed (then timers work and contexts
 * know the key), otherwise timers throw as in Flink.
 */
export class CoProcessOperator<I1, I2, O> extends AbstractUdfStreamOperator<AnyCoProcessFunction<I1, I2, O>> {
  readonly numInputs = 2;
  private collector!: TimestampedCollector<O>;
  private elementTimestamp: number | undefined;
  private domain: TimeDomain | undefined;
  private context!: KeyedCoProcessFunctionContext<unknown>;
  private onTimerContext!: KeyedCoProcessFunctionOnTimerContext<unknown>;

  override open(): void {
    this.collector = new TimestampedCollector<O>(this.output);
    const timers: TimerService = this.userTimerService();
    this.context = {
      timestamp: () => this.elementTimestamp,
      timerService: () => timers,
      output: <X>(tag: OutputTag<X>, value: X) => {
        this.output.collectSide(tag as OutputTag<unknown>, record(value, this.elementTimestamp));
      },
      getCurrentKey: () => {
        if (this.keyedBackend === undefined) throw new Error('getCurrentKey() needs connected keyed streams');
        return this.getCurrentKey();
      },
    };
    // Object.assign, not a spread followed by more properties: V8's slow path (see KeyedProcessOperator).
    this.onTimerContext = Object.assign({}, this.context, { timeDomain: () => this.domain as TimeDomain });
    super.open();
  }

  processElement(r: StreamRecord, input: number): void {
    this.setKeyContextElement(r, input);
    this.elementTimestamp = r.timestamp;
    this.collector.setTimestamp(r.timestamp);
    if (input === 0) this.userFunction.processElement1(r.value as I1, this.context, this.collector);
    else this.userFunction.processElement2(r.value as I2, this.context, this.collector);
  }

  override onEventTime(timer: InternalTimer): void {
    this.fire(timer, TimeDomain.EVENT_TIME, timer.timestamp);
  }

  override onProcessingTime(timer: InternalTimer): void {
    this.fire(timer, TimeDomain.PROCESSING_TIME, undefined);
  }

  private fire(timer: InternalTimer, domain: TimeDomain, stamp: number | undefined): void {
    this.domain = domain;
    // As Flink's OnTimerContextImpl: ctx.timestamp() and side outputs carry the timer's time in
    // both domains; only the collector drops it for processing-time timers.
    this.elementTimestamp = timer.timestamp;
    this.collector.setTimestamp(stamp);
    this.userFunction.onTimer(timer.timestamp, this.onTimerContext, this.collector);
    this.domain = undefined;
  }
}
