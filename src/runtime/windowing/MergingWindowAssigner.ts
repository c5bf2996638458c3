import type { MergeCallback, Window } from './Window.ts';
import { WindowAssigner } from './WindowAssigner.ts';

/**
 * Flink's MergingWindowAssigner: windows that can grow into each other
 * (sessions). The window operator tracks them per key in a MergingWindowSet.
 */
export abstract class MergingWindowAssigner<T, W extends Window> extends WindowAssigner<T, W> {
  abstract mergeWindows(windows: readonly W[], callback: MergeCallback<W>): void;
}
