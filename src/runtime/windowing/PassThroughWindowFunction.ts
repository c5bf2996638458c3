import type { Collector } from '../functions/Collector.ts';
import { ProcessWindowFunction } from '../functions/ProcessWindowFunction.ts';
import type { Window } from './Window.ts';

/** Emits the pane's value(s) unchanged: what reduce() and aggregate() use without a window function. */
export class PassThroughWindowFunction<T, K, W extends Window> extends ProcessWindowFunction<T, T, K, W> {
  process(_key: K, _context: unknown, elements: T[], out: Collector<T>): void {
    for (const e of elements) out.collect(e);
  }
}
