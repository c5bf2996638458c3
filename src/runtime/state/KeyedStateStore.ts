import { HeapAggregatingState } from './HeapAggregatingState.ts';
import type { HeapKeyedState } from './HeapKeyedState.ts';
import { HeapListState } from './HeapListState.ts';
import { HeapMapState } from './HeapMapState.ts';
import { HeapReducingState } from './HeapReducingState.ts';
import { HeapValueState } from './HeapValueState.ts';
import type { KeyedStateBackend } from './KeyedStateBackend.ts';
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from './State.ts';
import type {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  StateDescriptor,
  ValueStateDescriptor,
} from './StateDescriptor.ts';

/**
 * Hands out keyed state handles for descriptors, one handle per state name
 * (Flink caches them the same way); registering one name with two kinds of
 * state is an error, as in Flink.
 */
export class KeyedStateStore {
  private readonly handles = new Map<string, { kind: string; handle: HeapKeyedState }>();

  constructor(readonly backend: KeyedStateBackend) {}

  getState<T>(d: ValueStateDescriptor<T>): ValueState<T> {
    return this.handle(
      d,
      () => new HeapValueState<T>(this.backend, d.name, d.defaultValue),
    ) as HeapValueState<T>;
  }

  getListState<T>(d: ListStateDescriptor<T>): ListState<T> {
    return this.handle(d, () => new HeapListState<T>(this.backend, d.name)) as HeapListState<T>;
  }

  getMapState<K, V>(d: MapStateDescriptor<K, V>): MapState<K, V> {
    return this.handle(d, () => new HeapMapState<K, V>(this.backend, d.name)) as HeapMapState<K, V>;
  }

  getReducingState<T>(d: ReducingStateDescriptor<T>): ReducingState<T> {
    return this.handle(
      d,
      () => new HeapReducingState<T>(this.backend, d.name, d.reduceFunction),
    ) as HeapReducingState<T>;
  }

  getAggregatingState<IN, ACC, OUT>(d: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT> {
    return this.handle(
      d,
      () => new HeapAggregatingState<IN, ACC, OUT>(this.backend, d.name, d.aggregateFunction),
    ) as HeapAggregatingState<IN, ACC, OUT>;
  }

  /** A handle by descriptor, for internal operators that set namespaces (windows). */
  internalHandle(d: StateDescriptor<unknown>): HeapKeyedState {
    switch (d.kind) {
      case 'value':
        return this.getState(d as ValueStateDescriptor<unknown>) as HeapValueState<unknown>;
      case 'list':
        return this.getListState(d as ListStateDescriptor<unknown>) as HeapListState<unknown>;
      case 'map':
        return this.getMapState(d as MapStateDescriptor<unknown, unknown>) as HeapMapState<unknown, unknown>;
      case 'reducing':
        return this.getReducingState(d as ReducingStateDescriptor<unknown>) as HeapReducingState<unknown>;
      case 'aggregating':
        return this.getAggregatingState(
          d as AggregatingStateDescriptor<unknown, unknown, unknown>,
        ) as HeapAggregatingState<unknown, unknown, unknown>;
    }
  }

  private handle(d: StateDescriptor<unknown>, create: () => HeapKeyedState): HeapKeyedState {
    const known = this.handles.get(d.name);
    if (known !== undefined) {
      if (known.kind !== d.kind) {
        throw new Error(`state '${d.name}' is already registered as ${known.kind} state, not ${d.kind}`);
      }
      return known.handle;
    }
    const handle = create();
    this.handles.set(d.name, { kind: d.kind, handle });
    return handle;
  }
}
