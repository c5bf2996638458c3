import type { OutputTag } from '../OutputTag.ts';
import type { KeyedStateStore } from '../state/KeyedStateStore.ts';
import type { Window } from '../windowing/Window.ts';
import { AbstractRichFunction } from './AbstractRichFunction.ts';
import type { Collector } from './Collector.ts';

/** Per-window and per-key state access of a window function context (subset of Flink's KeyedStateStore). */
export type WindowStateStore = Pick<
  KeyedStateStore,
  'getState' | 'getListState' | 'getMapState' | 'getReducingState' | 'getAggregatingState'
>;

/** Flink's ProcessWindowFunction.Context. */
export interface ProcessWindowFunctionContext<W extends Window> {
  window(): W;
  currentProcessingTime(): number;
  currentWatermark(): number;
  /** State scoped to this key and this window; cleared by the runtime with the window. */
  windowState(): WindowStateStore;
  /** State scoped to this key, across windows. */
  globalState(): WindowStateStore;
  output<X>(tag: OutputTag<X>, value: X): void;
}

/** Flink's ProcessWindowFunction: all elements of one key's window, when the trigger fires. */
export abstract class ProcessWindowFunction<IN, OUT, KEY, W extends Window> extends AbstractRichFunction {
  abstract process(
    key: KEY,
    context: ProcessWindowFunctionContext<W>,
    elements: IN[],
    out: Collector<OUT>,
  ): void;

  /** Called when the window is purged (after allowed lateness), to clear per-window state. */
  clear(_context: ProcessWindowFunctionContext<W>): void {}
}

/** Flink's ProcessAllWindowFunction.Context. */
export interface ProcessAllWindowFunctionContext<W extends Window> {
  window(): W;
  windowState(): WindowStateStore;
  globalState(): WindowStateStore;
  output<X>(tag: OutputTag<X>, value: X): void;
}

/** Flink's ProcessAllWindowFunction: all elements of a window of a non-keyed stream (parallelism 1). */
export abstract class ProcessAllWindowFunction<IN, OUT, W extends Window> extends AbstractRichFunction {
  abstract process(context: ProcessAllWindowFunctionContext<W>, elements: IN[], out: Collector<OUT>): void;

  clear(_context: ProcessAllWindowFunctionContext<W>): void {}
}
