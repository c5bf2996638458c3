import type {
  BroadcastContext,
  BroadcastProcessFunction,
  BroadcastReadOnlyContext,
} from '../functions/BroadcastProcessFunction.ts';
import type { OutputTag } from '../OutputTag.ts';
import type { StreamRecord } from '../StreamElement.ts';
import { record } from '../StreamElement.ts';
import type { MapStateDescriptor } from '../state/StateDescriptor.ts';
import { AbstractUdfStreamOperator } from './AbstractUdfStreamOperator.ts';
import { broadcastStateFor } from './BroadcastStateAccess.ts';
import { TimestampedCollector } from './TimestampedCollector.ts';

/**
 * Flink's CoBroadcastWithNonKeyedOperator: input 0 is the non-broadcast
 * stream (read-only broadcast state), input 1 the broadcast stream
 * (read-write broadcast state).
 */
export class CoBroadcastWithNonKeyedOperator<IN1, IN2, OUT> extends AbstractUdfStreamOperator<
  BroadcastProcessFunction<IN1, IN2, OUT>
> {
  readonly numInputs = 2;
  private collector!: TimestampedCollector<OUT>;
  private timestamp: number | undefined;
  private readOnlyContext!: BroadcastReadOnlyContext;
  private context!: BroadcastContext;

  constructor(
    fn: BroadcastProcessFunction<IN1, IN2, OUT>,
    private readonly descriptors: readonly MapStateDescriptor<unknown, unknown>[],
  ) {
    super(fn);
  }

  override open(): void {
    this.collector = new TimestampedCollector<OUT>(this.output);
    const base = {
      timestamp: () => this.timestamp,
      currentProcessingTime: () => this.setupInfo.processingTime.now(),
      currentWatermark: () => this.currentWatermark(),
      output: <X>(tag: OutputTag<X>, value: X) =>
        this.output.collectSide(tag as OutputTag<unknown>, record(value, this.timestamp)),
    };
    this.context = {
      ...base,
      getBroadcastState: (d) => broadcastStateFor(this.operatorState, this.descriptors, d),
    };
    this.readOnlyContext = {
      ...base,
      getBroadcastState: (d) => broadcastStateFor(this.operatorState, this.descriptors, d),
    };
    super.open();
  }

  processElement(r: StreamRecord, input: number): void {
    this.timestamp = r.timestamp;
    this.collector.setTimestamp(r.timestamp);
    if (input === 0) this.userFunction.processElement(r.value as IN1, this.readOnlyContext, this.collector);
    else this.userFunction.processBroadcastElement(r.value as IN2, this.context, this.collector);
  }
}
