import type { ProcessFunction, ProcessFunctionContext } from '../functions/ProcessFunction.ts';
import type { TimerService } from '../functions/TimerService.ts';
import type { OutputTag } from '../OutputTag.ts';
import type { StreamRecord } from '../StreamElement.ts';
import { record } from '../StreamElement.ts';
import { AbstractUdfStreamOperator } from './AbstractUdfStreamOperator.ts';
import { TimestampedCollector } from './TimestampedCollector.ts';

/** Flink's ProcessOperator: a ProcessFunction on a non-keyed stream (timers throw). */
export class ProcessOperator<I, O> extends AbstractUdfStreamOperator<ProcessFunction<I, O>> {
  readonly numInputs = 1;
  private collector!: TimestampedCollector<O>;
  private current: StreamRecord | undefined;
  private context!: ProcessFunctionContext;

  override open(): void {
    this.collector = new TimestampedCollector<O>(this.output);
    const timers: TimerService = this.userTimerService();
    this.context = {
      timestamp: () => this.current?.timestamp,
      timerService: () => timers,
      output: <X>(tag: OutputTag<X>, value: X) => {
        this.output.collectSide(tag as OutputTag<unknown>, record(value, this.current?.timestamp));
      },
    };
    super.open();
  }

  processElement(r: StreamRecord): void {
    this.current = r;
    this.collector.setTimestamp(r.timestamp);
    this.userFunction.processElement(r.value as I, this.context, this.collector);
    this.current = undefined;
  }
}
