import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from '../state/State.ts';
import type {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from '../state/StateDescriptor.ts';

/** What a rich function knows about where it runs (Flink's RuntimeContext), and its keyed state. */
export interface RuntimeContext {
  getTaskName(): string;
  getIndexOfThisSubtask(): number;
  getNumberOfParallelSubtasks(): number;
  getMaxNumberOfParallelSubtasks(): number;
  /** 0 on the first run, +1 on every restart. */
  getAttemptNumber(): number;
  /** Keyed state; only on keyed streams, as in Flink. */
  getState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T>;
  getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T>;
  getMapState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V>;
  getReducingState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T>;
  getAggregatingState<IN, ACC, OUT>(
    descriptor: AggregatingStateDescriptor<IN, ACC, OUT>,
  ): AggregatingState<IN, OUT>;
}

/** Flink's OpenContext (open(OpenContext) since Flink 1.19). */
export interface OpenContext {
  readonly attemptNumber: number;
}
