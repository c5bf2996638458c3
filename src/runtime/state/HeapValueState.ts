import { HeapKeyedState } from './HeapKeyedState.ts';
import type { KeyedStateBackend } from './KeyedStateBackend.ts';
import type { ValueState } from './State.ts';

export class HeapValueState<T> extends HeapKeyedState implements ValueState<T> {
  constructor(
    backend: KeyedStateBackend,
    name: string,
    private readonly defaultValue: T | undefined,
  ) {
    super(backend, name);
  }

  value(): T | undefined {
    const v = this.read() as T | undefined;
    return v === undefined ? this.defaultValue : v;
  }

  update(value: T | undefined): void {
    this.write(value);
  }
}
