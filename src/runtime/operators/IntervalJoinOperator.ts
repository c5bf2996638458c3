import type { ProcessJoinFunction, ProcessJoinFunctionContext } from '../functions/ProcessJoinFunction.ts';
import type { OutputTag } from '../OutputTag.ts';
import { MIN_WATERMARK, record, type StreamRecord } from '../StreamElement.ts';
import type { MapState } from '../state/State.ts';
import { MapStateDescriptor } from '../state/StateDescriptor.ts';
import type { InternalTimer } from '../time/InternalTimer.ts';
import { AbstractUdfStreamOperator } from './AbstractUdfStreamOperator.ts';
import { TimestampedCollector } from './TimestampedCollector.ts';

const CLEANUP_LEFT = 'CLEANUP_LEFT';
const CLEANUP_RIGHT = 'CLEANUP_RIGHT';

export interface IntervalJoinOptions {
  /** Inclusive lower bound: right.ts >= left.ts + lowerBound. */
  readonly lowerBound: number;
  /** Inclusive upper bound: right.ts <= left.ts + upperBound. */
  readonly upperBound: number;
  readonly leftLateDataTag?: OutputTag<unknown>;
  readonly rightLateDataTag?: OutputTag<unknown>;
}

/**
 * Flink's IntervalJoinOperator: both sides buffered per key in map state
 * (timestamp -> elements); each new element is joined with the other side's
 * buffered elements whose timestamps fall in the interval; pairs are stamped
 * with the larger timestamp; elements behind the watermark are late (dropped,
 * or sent to a side output); buffers are cleaned by event-time timers once no
 * future element can match them.
 */
export class IntervalJoinOperator<_K, L, R, O> extends AbstractUdfStreamOperator<
  ProcessJoinFunction<L, R, O>
> {
  readonly numInputs = 2;
  private collector!: TimestampedCollector<O>;
  private leftBuffer!: MapState<number, L[]>;
  private rightBuffer!: MapState<number, R[]>;
  private leftTs = 0;
  private rightTs = 0;
  private context!: ProcessJoinFunctionContext;

  constructor(
    fn: ProcessJoinFunction<L, R, O>,
    private readonly options: IntervalJoinOptions,
  ) {
    // No lowerBound <= upperBound check here: Flink checks the user's bounds before moving an
    // exclusive bound by one (IntervalJoin.between does that), so between(0, 0) with an exclusive
    // bound is a legal join that never matches.
    super(fn);
  }

  override open(): void {
    this.collector = new TimestampedCollector<O>(this.output);
    const store = this.keyedStore;
    if (store === undefined) throw new Error('an interval join needs two keyed streams');
    this.leftBuffer = store.getMapState(new MapStateDescriptor<number, L[]>('LEFT_BUFFER'));
    this.rightBuffer = store.getMapState(new MapStateDescriptor<number, R[]>('RIGHT_BUFFER'));
    this.context = {
      getLeftTimestamp: () => this.leftTs,
      getRightTimestamp: () => this.rightTs,
      getTimestamp: () => Math.max(this.leftTs, this.rightTs),
      output: <X>(tag: OutputTag<X>, value: X) =>
        this.output.collectSide(
          tag as OutputTag<unknown>,
          record(value, Math.max(this.leftTs, this.rightTs)),
        ),
    };
    super.open();
  }

  processElement(r: StreamRecord, input: number): void {
    this.setKeyContextElement(r, input);
    const ts = r.timestamp;
    if (ts === undefined || ts === MIN_WATERMARK) {
      throw new Error(
        'Long.MIN_VALUE timestamp: Elements used in interval stream joins need to have timestamps meaningful timestamps.',
      );
    }
    const { lowerBound, upperBound } = this.options;
    const left = input === 0;
    const watermark = this.currentWatermark();
    if (watermark !== MIN_WATERMARK && ts < watermark) {
      const tag = left ? this.options.leftLateDataTag : this.options.rightLateDataTag;
      if (tag !== undefined) this.output.collectSide(tag, r);
      return;
    }
    const relLower = left ? lowerBound : -upperBound;
    const relUpper = left ? upperBound : -lowerBound;
    const ours = (left ? this.leftBuffer : this.rightBuffer) as MapState<number, unknown[]>;
    const other = (left ? this.rightBuffer : this.leftBuffer) as MapState<number, unknown[]>;
    const bucket = ours.get(ts);
    if (bucket === undefined) ours.put(ts, [r.value]);
    else bucket.push(r.value);
    for (const [otherTs, values] of other.entries()) {
      if (otherTs < ts + relLower || otherTs > ts + relUpper) continue;
      for (const v of values) {
        if (left) this.emit(r.value as L, ts, v as R, otherTs);
        else this.emit(v as L, otherTs, r.value as R, ts);
      }
    }
    const cleanupTime = relUpper > 0 ? ts + relUpper : ts;
    this.timerService?.registerEventTimeTimer(left ? CLEANUP_LEFT : CLEANUP_RIGHT, cleanupTime);
  }

  private emit(left: L, leftTs: number, right: R, rightTs: number): void {
    this.leftTs = leftTs;
    this.rightTs = rightTs;
    this.collector.setTimestamp(Math.max(leftTs, rightTs));
    this.userFunction.processElement(left, right, this.context, this.collector);
  }

  override onEventTime(timer: InternalTimer): void {
    const { lowerBound, upperBound } = this.options;
    if (timer.namespace === CLEANUP_LEFT) {
      const ts = upperBound <= 0 ? timer.timestamp : timer.timestamp - upperBound;
      this.leftBuffer.remove(ts);
    } else if (timer.namespace === CLEANUP_RIGHT) {
      const ts = lowerBound <= 0 ? timer.timestamp + lowerBound : timer.timestamp;
      this.rightBuffer.remove(ts);
    }
  }
}
