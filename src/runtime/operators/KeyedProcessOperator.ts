import type {
  KeyedProcessFunction,
  KeyedProcessFunctionContext,
  KeyedProcessFunctionOnTimerContext,
} from '../functions/KeyedProcessFunction.ts';
import type { TimerService } from '../functions/TimerService.ts';
import type { OutputTag } from '../OutputTag.ts';
import type { StreamRecord } from '../StreamElement.ts';
import { record } from '../StreamElement.ts';
import type { InternalTimer } from '../time/InternalTimer.ts';
import { TimeDomain } from '../time/TimeDomain.ts';
import { AbstractUdfStreamOperator } from './AbstractUdfStreamOperator.ts';
import { TimestampedCollector } from './TimestampedCollector.ts';

/**
 * Flink's KeyedProcessOperator: processElement with the record's key as the
 * current key; onTimer with the timer's key; outputs of an event-time timer
 * carry the timer's timestamp, those of a processing-time timer none (side
 * outputs and ctx.timestamp() carry the timer's timestamp in both).
 */
export class KeyedProcessOperator<K, I, O> extends AbstractUdfStreamOperator<KeyedProcessFunction<K, I, O>> {
  readonly numInputs = 1;
  private collector!: TimestampedCollector<O>;
  private elementTimestamp: number | undefined;
  private domain: TimeDomain | undefined;
  private onTimerContext!: KeyedProcessFunctionOnTimerContext<K>;
  private context!: KeyedProcessFunctionContext<K>;

  override open(): void {
    this.collector = new TimestampedCollector<O>(this.output);
    const timers: TimerService = this.userTimerService();
    const base = {
      timestamp: () => this.elementTimestamp,
      timerService: () => timers,
      output: <X>(tag: OutputTag<X>, value: X) => {
        this.output.collectSide(tag as OutputTag<unknown>, record(value, this.elementTimestamp));
      },
      getCurrentKey: () => this.getCurrentKey() as K,
    };
    this.context = base;
    // Object.assign, not `{ ...base, timeDomain }`: in Node 20's V8 a spread followed by more
    // properties takes a slow path (about 1 µs an object, against tens of ns), and every deploy
    // opens every operator again.
    this.onTimerContext = Object.assign({}, base, { timeDomain: () => this.domain as TimeDomain });
    super.open();
  }

  processElement(r: StreamRecord): void {
    this.setKeyContextElement(r, 0);
    this.elementTimestamp = r.timestamp;
    this.collector.setTimestamp(r.timestamp);
    this.userFunction.processElement(r.value as I, this.context, this.collector);
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
    this.elementTimestamp = undefined;
  }
}
