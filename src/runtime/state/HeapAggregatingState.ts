import { HeapKeyedState } from './HeapKeyedState.ts';
import type { KeyedStateBackend } from './KeyedStateBackend.ts';
import type { AggregatingState } from './State.ts';
import type { AggregateFunction } from './StateDescriptor.ts';

export class HeapAggregatingState<IN, ACC, OUT> extends HeapKeyedState implements AggregatingState<IN, OUT> {
  constructor(
    backend: KeyedStateBackend,
    name: string,
    private readonly fn: AggregateFunction<IN, ACC, OUT>,
  ) {
    super(backend, name);
  }

  get(): OUT | undefined {
    const acc = this.read() as ACC | undefined;
    return acc === undefined ? undefined : this.fn.getResult(acc);
  }

  add(value: IN): void {
    const acc = (this.read() as ACC | undefined) ?? this.fn.createAccumulator();
    this.write(this.fn.add(value, acc));
  }
}
