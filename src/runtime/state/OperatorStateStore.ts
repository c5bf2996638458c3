import { isFlat } from './FlatValue.ts';
import { copyPlainData } from './PlainDataCopy.ts';
import type { BroadcastState, ListState } from './State.ts';
import type { ListStateDescriptor, MapStateDescriptor } from './StateDescriptor.ts';
import { stateKeyId } from './StateKey.ts';

/** Operator (non-keyed) state of one subtask, as plain JSON data. */
export interface OperatorStateSnapshot {
  /** Split-distributed list state: on rescale the items are dealt out across subtasks. */
  readonly list: Record<string, unknown[]>;
  /** Union list state: on restore every subtask gets all items of all subtasks. */
  readonly union: Record<string, unknown[]>;
  /** Broadcast state: identical on every subtask; one copy is restored to all. */
  readonly broadcast: Record<string, [unknown, unknown][]>;
}

function isEmpty(record: Record<string, unknown>): boolean {
  for (const _ in record) return false;
  return true;
}

function allFlat(lists: Record<string, unknown[]>): boolean {
  for (const name in lists) if (!isFlat(lists[name])) return false;
  return true;
}

function sliceAll(lists: Record<string, unknown[]>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const name in lists) out[name] = (lists[name] as unknown[]).slice();
  return out;
}

/**
 * A deep copy of operator state. Most of it is lists of primitives (offsets, ids, an empty writer
 * state): those are copied by slicing; anything else (a sink's pending values) by copyPlainData,
 * which gives what structuredClone gives.
 */
function copyOf(s: OperatorStateSnapshot): OperatorStateSnapshot {
  if (isEmpty(s.broadcast) && allFlat(s.list) && allFlat(s.union)) {
    return { list: sliceAll(s.list), union: sliceAll(s.union), broadcast: {} };
  }
  return copyPlainData(s);
}

class OperatorListState<T> implements ListState<T> {
  constructor(private items: T[]) {}

  get(): T[] {
    return this.items;
  }

  add(value: T): void {
    this.items.push(value);
  }

  addAll(values: readonly T[]): void {
    for (const item of values) this.items.push(item);
  }

  update(values: readonly T[]): void {
    this.items.length = 0;
    for (const item of values) this.items.push(item);
  }

  clear(): void {
    this.items.length = 0;
  }
}

class HeapBroadcastState<K, V> implements BroadcastState<K, V> {
  readonly cells = new Map<string, [K, V]>();

  get(key: K): V | undefined {
    return this.cells.get(stateKeyId(key))?.[1];
  }

  contains(key: K): boolean {
    return this.cells.has(stateKeyId(key));
  }

  entries(): [K, V][] {
    return [...this.cells.values()].map(([k, v]) => [k, v]);
  }

  put(key: K, value: V): void {
    this.cells.set(stateKeyId(key), [key, value]);
  }

  remove(key: K): void {
    this.cells.delete(stateKeyId(key));
  }

  clear(): void {
    this.cells.clear();
  }
}

/**
 * Flink's OperatorStateStore for one subtask: list state (split or union
 * redistribution) and broadcast state, snapshotted as plain data.
 */
export class OperatorStateStore {
  private readonly lists = new Map<string, unknown[]>();
  private readonly unions = new Map<string, unknown[]>();
  private readonly broadcasts = new Map<string, HeapBroadcastState<unknown, unknown>>();
  private restored: OperatorStateSnapshot | undefined;

  /** Loads this subtask's share of operator state (already redistributed by the restore). */
  restore(snapshot: OperatorStateSnapshot): void {
    this.restored = copyOf(snapshot);
    this.lists.clear();
    this.unions.clear();
    this.broadcasts.clear();
  }

  isRestored(): boolean {
    return this.restored !== undefined;
  }

  getListState<T>(d: ListStateDescriptor<T>): ListState<T> {
    let items = this.lists.get(d.name);
    if (items === undefined) {
      items = [...(this.restored?.list[d.name] ?? [])];
      this.lists.set(d.name, items);
    }
    return new OperatorListState(items as T[]);
  }

  getUnionListState<T>(d: ListStateDescriptor<T>): ListState<T> {
    let items = this.unions.get(d.name);
    if (items === undefined) {
      items = [...(this.restored?.union[d.name] ?? [])];
      this.unions.set(d.name, items);
    }
    return new OperatorListState(items as T[]);
  }

  getBroadcastState<K, V>(d: MapStateDescriptor<K, V>): BroadcastState<K, V> {
    let state = this.broadcasts.get(d.name);
    if (state === undefined) {
      state = new HeapBroadcastState();
      for (const [k, v] of this.restored?.broadcast[d.name] ?? []) state.put(k, v);
      this.broadcasts.set(d.name, state);
    }
    return state as BroadcastState<K, V>;
  }

  snapshot(): OperatorStateSnapshot {
    const list: Record<string, unknown[]> = {};
    const union: Record<string, unknown[]> = {};
    const broadcast: Record<string, [unknown, unknown][]> = {};
    // States registered before but not touched since the restore are kept as restored.
    for (const [name, items] of Object.entries(this.restored?.list ?? {})) list[name] = items;
    for (const [name, items] of Object.entries(this.restored?.union ?? {})) union[name] = items;
    for (const [name, entries] of Object.entries(this.restored?.broadcast ?? {})) broadcast[name] = entries;
    for (const [name, items] of this.lists) list[name] = items;
    for (const [name, items] of this.unions) union[name] = items;
    for (const [name, state] of this.broadcasts) broadcast[name] = state.entries();
    return copyOf({ list, union, broadcast });
  }
}
