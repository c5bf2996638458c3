import type { Collector } from '../functions/Collector.ts';
import {
  KeyedProcessFunction,
  type KeyedProcessFunctionContext,
  type KeyedProcessFunctionOnTimerContext,
} from '../functions/KeyedProcessFunction.ts';
import type { ListState, ValueState } from '../state/State.ts';
import { ListStateDescriptor, ValueStateDescriptor } from '../state/StateDescriptor.ts';
import { WatermarkStrategy } from '../time/WatermarkStrategy.ts';
import type { ListAppendOutput, ListAppendRecord } from './ListAppend.ts';

/** The uid of the event-time buffer operator. */
export const EVENT_TIME_BUFFER_UID = 'buffer';

/** Event-time delay (ms) between a record's timestamp and the timer that releases it. */
export const EVENT_TIME_BUFFER_DELAY = 3;

/** How often sources emit watermarks in the event-time buffer workload (virtual ms). */
export const EVENT_TIME_WATERMARK_INTERVAL = 2;

/** Event time is the record's own `ts`; per partition it only grows, so no record is late by itself. */
export function eventTimeBufferWatermarks(): WatermarkStrategy<ListAppendRecord> {
  return WatermarkStrategy.forMonotonousTimestamps<ListAppendRecord>().withTimestampAssigner((r) => r.ts);
}

interface Held {
  readonly id: string;
  readonly ts: number;
}

/**
 * A checkpointed timer workload over list-append input (the timer and
 * watermark bugs of DESIGN §7): every record is held in keyed state until the
 * event-time timer at its timestamp + delay fires, which emits it as a
 * list-append row; a record at or below the current watermark is late and
 * dropped, as a window drops data past its allowed lateness. Timestamps grow
 * per partition and an operator's watermark is the minimum of its inputs, so
 * nothing is late and every id comes out once, in partition order per key:
 * the guarantee checker judges the output like list-append. A timer lost on
 * restore leaves its records held forever (lost); a watermark that runs ahead
 * of a slower input drops that input's records (lost).
 */
export class EventTimeBufferFunction extends KeyedProcessFunction<
  string,
  ListAppendRecord,
  ListAppendOutput
> {
  private held!: ListState<Held>;
  private emitted!: ValueState<number>;

  constructor(private readonly delay = EVENT_TIME_BUFFER_DELAY) {
    super();
  }

  override open(): void {
    this.held = this.getRuntimeContext().getListState(new ListStateDescriptor<Held>('held'));
    this.emitted = this.getRuntimeContext().getState(new ValueStateDescriptor<number>('emitted'));
  }

  processElement(
    value: ListAppendRecord,
    ctx: KeyedProcessFunctionContext<string>,
    _out: Collector<ListAppendOutput>,
  ): void {
    const ts = ctx.timestamp() ?? value.ts;
    if (ts <= ctx.timerService().currentWatermark()) return;
    this.held.add({ id: value.id, ts });
    ctx.timerService().registerEventTimeTimer(ts + this.delay);
  }

  override onTimer(
    timestamp: number,
    ctx: KeyedProcessFunctionOnTimerContext<string>,
    out: Collector<ListAppendOutput>,
  ): void {
    const all = this.held.get();
    // Each record belongs to its own timer: a lost timer is never made up for by a later one.
    this.held.update(all.filter((h) => h.ts + this.delay !== timestamp));
    let position = this.emitted.value() ?? 0;
    for (const h of all) {
      if (h.ts + this.delay === timestamp)
        out.collect({ key: ctx.getCurrentKey(), id: h.id, position: position++ });
    }
    this.emitted.update(position);
  }
}
