/**
 * The user-facing state interfaces, with Flink's method names. Keyed state is
 * scoped to the current key (and, inside windows, the current window).
 */
export interface State {
  clear(): void;
}

export interface ValueState<T> extends State {
  /** The value, or the descriptor's default (undefined) when unset. */
  value(): T | undefined;
  update(value: T | undefined): void;
}

export interface AppendingState<IN, OUT> extends State {
  /** The current contents; an empty list/undefined when empty. */
  get(): OUT;
  add(value: IN): void;
}

export interface ListState<T> extends AppendingState<T, T[]> {
  addAll(values: readonly T[]): void;
  update(values: readonly T[]): void;
}

export interface MapState<K, V> extends State {
  get(key: K): V | undefined;
  put(key: K, value: V): void;
  putAll(entries: Iterable<readonly [K, V]>): void;
  remove(key: K): void;
  contains(key: K): boolean;
  /** Entries in insertion order (deterministic; Flink's heap backend uses hash order). */
  entries(): [K, V][];
  keys(): K[];
  values(): V[];
  isEmpty(): boolean;
}

export type ReducingState<T> = AppendingState<T, T | undefined>;

export type AggregatingState<IN, OUT> = AppendingState<IN, OUT | undefined>;

/** Read-only view of broadcast state, for the keyed/non-keyed element side. */
export interface ReadOnlyBroadcastState<K, V> {
  get(key: K): V | undefined;
  contains(key: K): boolean;
  entries(): [K, V][];
}

export interface BroadcastState<K, V> extends ReadOnlyBroadcastState<K, V> {
  put(key: K, value: V): void;
  remove(key: K): void;
  clear(): void;
}
