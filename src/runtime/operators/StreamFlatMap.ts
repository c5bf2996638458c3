import { AbstractRichFunction } from '../functions/AbstractRichFunction.ts';
import type { Collector } from '../functions/Collector.ts';
import type { StreamRecord } from '../StreamElement.ts';
import { AbstractUdfStreamOperator } from './AbstractUdfStreamOperator.ts';
import { TimestampedCollector } from './TimestampedCollector.ts';

export type FlatMapFunction<I, O> = ((value: I, out: Collector<O>) => void) | RichFlatMapFunction<I, O>;

export abstract class RichFlatMapFunction<I, O> extends AbstractRichFunction {
  abstract flatMap(value: I, out: Collector<O>): void;
}

/** Flink's StreamFlatMap: any number of outputs per input, stamped with the input's timestamp. */
export class StreamFlatMap<I, O> extends AbstractUdfStreamOperator<FlatMapFunction<I, O>> {
  readonly numInputs = 1;
  private collector!: TimestampedCollector<O>;

  override open(): void {
    this.collector = new TimestampedCollector<O>(this.output);
    super.open();
  }

  processElement(r: StreamRecord): void {
    this.collector.setTimestamp(r.timestamp);
    const f = this.userFunction;
    if (typeof f === 'function') f(r.value as I, this.collector);
    else f.flatMap(r.value as I, this.collector);
  }
}
