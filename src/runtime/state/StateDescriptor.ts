/**
 * State descriptors, as Flink's: a unique name (per operator) and, where the
 * kind needs one, the function that combines values.
 */
export type StateKind = 'value' | 'list' | 'map' | 'reducing' | 'aggregating';

export abstract class StateDescriptor<S, T = unknown> {
  abstract readonly kind: StateKind;
  /** Phantom field carrying the state handle type. */
  declare readonly __state?: S;

  constructor(
    readonly name: string,
    readonly defaultValue?: T,
  ) {
    if (name.length === 0) throw new Error('StateDescriptor: the name must not be empty');
  }
}

export class ValueStateDescriptor<T> extends StateDescriptor<import('./State.ts').ValueState<T>, T> {
  readonly kind = 'value' as const;
}

export class ListStateDescriptor<T> extends StateDescriptor<import('./State.ts').ListState<T>, T[]> {
  readonly kind = 'list' as const;
}

export class MapStateDescriptor<K, V> extends StateDescriptor<import('./State.ts').MapState<K, V>> {
  readonly kind = 'map' as const;
}

export class ReducingStateDescriptor<T> extends StateDescriptor<import('./State.ts').ReducingState<T>, T> {
  readonly kind = 'reducing' as const;

  constructor(
    name: string,
    readonly reduceFunction: (a: T, b: T) => T,
  ) {
    super(name);
  }
}

/** Flink's AggregateFunction: accumulate inputs into an accumulator, read a result. */
export interface AggregateFunction<IN, ACC, OUT> {
  createAccumulator(): ACC;
  add(value: IN, accumulator: ACC): ACC;
  getResult(accumulator: ACC): OUT;
  merge(a: ACC, b: ACC): ACC;
}

export class AggregatingStateDescriptor<IN, ACC, OUT> extends StateDescriptor<
  import('./State.ts').AggregatingState<IN, OUT>
> {
  readonly kind = 'aggregating' as const;

  constructor(
    name: string,
    readonly aggregateFunction: AggregateFunction<IN, ACC, OUT>,
  ) {
    super(name);
  }
}
