import { HeapKeyedState } from './HeapKeyedState.ts';
import type { ListState } from './State.ts';

export class HeapListState<T> extends HeapKeyedState implements ListState<T> {
  get(): T[] {
    return (this.read() as T[] | undefined) ?? [];
  }

  add(value: T): void {
    const list = this.read() as T[] | undefined;
    if (list === undefined) this.write([value]);
    else list.push(value);
  }

  addAll(values: readonly T[]): void {
    if (values.length === 0) return;
    const list = this.read() as T[] | undefined;
    if (list === undefined) this.write([...values]);
    else for (const item of values) list.push(item);
  }

  update(values: readonly T[]): void {
    this.write(values.length === 0 ? undefined : [...values]);
  }
}
