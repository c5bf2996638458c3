import { HeapKeyedState } from './HeapKeyedState.ts';
import type { KeyedStateBackend } from './KeyedStateBackend.ts';
import type { ReducingState } from './State.ts';

export class HeapReducingState<T> extends HeapKeyedState implements ReducingState<T> {
  constructor(
    backend: KeyedStateBackend,
    name: string,
    private readonly reduce: (a: T, b: T) => T,
  ) {
    super(backend, name);
  }

  get(): T | undefined {
    return this.read() as T | undefined;
  }

  add(value: T): void {
    const current = this.read() as T | undefined;
    this.write(current === undefined ? value : this.reduce(current, value));
  }
}
