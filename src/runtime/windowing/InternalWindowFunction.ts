import type { Collector } from '../functions/Collector.ts';
import type { ProcessWindowFunctionContext } from '../functions/ProcessWindowFunction.ts';
import type { Window } from './Window.ts';

/**
 * What the window operator calls when a pane fires (Flink's
 * InternalWindowFunction): one shape for keyed and all-window functions, with
 * the pane's contents already turned into a list (all elements for list
 * state, the single reduced or aggregated value otherwise).
 */
export interface InternalWindowFunction<V, OUT, K, W extends Window> {
  /** The user's function: the operator opens, closes and snapshots it. */
  readonly userFunction: object;
  process(key: K, context: ProcessWindowFunctionContext<W>, elements: V[], out: Collector<OUT>): void;
  /** The window is purged for good: let the function drop its per-window state. */
  clear(context: ProcessWindowFunctionContext<W>): void;
}
