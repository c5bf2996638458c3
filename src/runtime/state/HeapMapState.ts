import { HeapKeyedState } from './HeapKeyedState.ts';
import type { MapState } from './State.ts';
import { stateKeyId } from './StateKey.ts';

/** Stored as [mapKey, value] pairs by canonical key id, so any JSON key works and order is insertion order. */
type Cells = Record<string, [unknown, unknown]>;

export class HeapMapState<K, V> extends HeapKeyedState implements MapState<K, V> {
  private cells(create: boolean): Cells | undefined {
    let cells = this.read() as Cells | undefined;
    if (cells === undefined && create) {
      cells = {};
      this.write(cells);
    }
    return cells;
  }

  get(key: K): V | undefined {
    return this.cells(false)?.[stateKeyId(key)]?.[1] as V | undefined;
  }

  put(key: K, value: V): void {
    (this.cells(true) as Cells)[stateKeyId(key)] = [key, value];
  }

  putAll(entries: Iterable<readonly [K, V]>): void {
    for (const [k, v] of entries) this.put(k, v);
  }

  remove(key: K): void {
    const cells = this.cells(false);
    if (cells === undefined) return;
    delete cells[stateKeyId(key)];
    if (Object.keys(cells).length === 0) this.clear();
  }

  contains(key: K): boolean {
    return this.cells(false)?.[stateKeyId(key)] !== undefined;
  }

  entries(): [K, V][] {
    return Object.values(this.cells(false) ?? {}).map(([k, v]) => [k as K, v as V]);
  }

  keys(): K[] {
    return this.entries().map(([k]) => k);
  }

  values(): V[] {
    return this.entries().map(([, v]) => v);
  }

  isEmpty(): boolean {
    return this.cells(false) === undefined;
  }
}
