import { AbstractRichFunction } from '../functions/AbstractRichFunction.ts';
import type { StreamRecord } from '../StreamElement.ts';
import { record } from '../StreamElement.ts';
import { AbstractUdfStreamOperator } from './AbstractUdfStreamOperator.ts';

/** Flink's MapFunction as a function or a rich function object. */
export type MapFunction<I, O> = ((value: I) => O) | RichMapFunction<I, O>;

export abstract class RichMapFunction<I, O> extends AbstractRichFunction {
  abstract map(value: I): O;
}

/** Flink's StreamMap: one output per input, same timestamp. */
export class StreamMap<I, O> extends AbstractUdfStreamOperator<MapFunction<I, O>> {
  readonly numInputs = 1;

  processElement(r: StreamRecord): void {
    const f = this.userFunction;
    const v = typeof f === 'function' ? f(r.value as I) : f.map(r.value as I);
    this.output.collect(record(v, r.timestamp));
  }
}
