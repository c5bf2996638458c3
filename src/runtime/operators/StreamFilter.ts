import { AbstractRichFunction } from '../functions/AbstractRichFunction.ts';
import type { StreamRecord } from '../StreamElement.ts';
import { AbstractUdfStreamOperator } from './AbstractUdfStreamOperator.ts';

export type FilterFunction<T> = ((value: T) => boolean) | RichFilterFunction<T>;

export abstract class RichFilterFunction<T> extends AbstractRichFunction {
  abstract filter(value: T): boolean;
}

/** Flink's StreamFilter: forwards the records the predicate accepts. */
export class StreamFilter<T> extends AbstractUdfStreamOperator<FilterFunction<T>> {
  readonly numInputs = 1;

  processElement(r: StreamRecord): void {
    const f = this.userFunction;
    if (typeof f === 'function' ? f(r.value as T) : f.filter(r.value as T)) this.output.collect(r);
  }
}
