import type {
  KeyedBroadcastContext,
  KeyedBroadcastOnTimerContext,
  KeyedBroadcastProcessFunction,
  KeyedBroadcastReadOnlyContext,
} from '../functions/KeyedBroadcastProcessFunction.ts';
import type { TimerService } from '../functions/TimerService.ts';
import type { OutputTag } from '../OutputTag.ts';
import type { StreamRecord } from '../StreamElement.ts';
import { record } from '../StreamElement.ts';
import { VOID_NAMESPACE } from '../state/KeyedStateBackend.ts';
import type { State } from '../state/State.ts';
import type { MapStateDescriptor, StateDescriptor } from '../state/StateDescriptor.ts';
import type { InternalTimer } from '../time/InternalTimer.ts';
import { TimeDomain } from '../time/TimeDomain.ts';
import { AbstractUdfStreamOperator } from './AbstractUdfStreamOperator.ts';
import { broadcastStateFor } from './BroadcastStateAccess.ts';
import { TimestampedCollector } from './TimestampedCollector.ts';

/**
 * Flink's CoBroadcastWithKeyedOperator: input 0 is the keyed stream (keyed
 * state, timers, read-only broadcast state), input 1 the broadcast stream
 * (read-write broadcast state, and applyToKeyedState over every key this
 * subtask holds).
 */
export class CoBroadcastWithKeyedOperator<KS, IN1, IN2, OUT> extends AbstractUdfStreamOperator<
  KeyedBroadcastProcessFunction<KS, IN1, IN2, OUT>
> {
  readonly numInputs = 2;
  private collector!: TimestampedCollector<OUT>;
  private timestamp: number | undefined;
  private domain: TimeDomain | undefined;
  private readOnlyContext!: KeyedBroadcastReadOnlyContext<KS>;
  private onTimerContext!: KeyedBroadcastOnTimerContext<KS>;
  private context!: KeyedBroadcastContext<KS>;

  constructor(
    fn: KeyedBroadcastProcessFunction<KS, IN1, IN2, OUT>,
    private readonly descriptors: readonly MapStateDescriptor<unknown, unknown>[],
  ) {
    super(fn);
  }

  override open(): void {
    this.collector = new TimestampedCollector<OUT>(this.output);
    const timers: TimerService = this.userTimerService();
    const base = {
      timestamp: () => this.timestamp,
      currentProcessingTime: () => this.setupInfo.processingTime.now(),
      currentWatermark: () => this.currentWatermark(),
      output: <X>(tag: OutputTag<X>, value: X) =>
        this.output.collectSide(tag as OutputTag<unknown>, record(value, this.timestamp)),
    };
    this.readOnlyContext = {
      ...base,
      getBroadcastState: (d) => broadcastStateFor(this.operatorState, this.descriptors, d),
      timerService: () => timers,
      getCurrentKey: () => this.getCurrentKey() as KS,
    };
    // Object.assign, not a spread followed by more properties: V8's slow path (see KeyedProcessOperator).
    this.onTimerContext = Object.assign({}, this.readOnlyContext, {
      timeDomain: () => this.domain as TimeDomain,
    });
    this.context = {
      ...base,
      getBroadcastState: (d) => broadcastStateFor(this.operatorState, this.descriptors, d),
      applyToKeyedState: <S extends State>(d: StateDescriptor<S>, fn: (key: KS, state: S) => void) =>
        this.applyToKeyedState(d, fn),
    };
    super.open();
  }

  processElement(r: StreamRecord, input: number): void {
    this.timestamp = r.timestamp;
    this.collector.setTimestamp(r.timestamp);
    if (input === 0) {
      this.setKeyContextElement(r, 0);
      this.userFunction.processElement(r.value as IN1, this.readOnlyContext, this.collector);
    } else {
      this.userFunction.processBroadcastElement(r.value as IN2, this.context, this.collector);
    }
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
    this.timestamp = timer.timestamp;
    this.collector.setTimestamp(stamp);
    this.userFunction.onTimer(timer.timestamp, this.onTimerContext, this.collector);
    this.domain = undefined;
  }

  private applyToKeyedState<S extends State>(d: StateDescriptor<S>, fn: (key: KS, state: S) => void): void {
    const backend = this.keyedBackend;
    const store = this.keyedStore;
    if (backend === undefined || store === undefined)
      throw new Error('applyToKeyedState needs a keyed stream');
    const handle = store.internalHandle(d as StateDescriptor<unknown>) as unknown as S;
    const keys = backend
      .entries(d.name)
      .filter((e) => e.namespace === VOID_NAMESPACE)
      .map((e) => e.key);
    const previous = backend.hasCurrentKey() ? backend.getCurrentKey() : undefined;
    for (const key of keys) {
      backend.setCurrentKey(key);
      fn(key as KS, handle);
    }
    if (previous !== undefined) backend.setCurrentKey(previous);
  }
}
