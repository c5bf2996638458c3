import type { Collector } from '../functions/Collector.ts';
import type {
  ProcessWindowFunction,
  ProcessWindowFunctionContext,
} from '../functions/ProcessWindowFunction.ts';
import type { InternalWindowFunction } from './InternalWindowFunction.ts';
import type { Window } from './Window.ts';

/** A keyed ProcessWindowFunction behind the operator's InternalWindowFunction interface. */
export class InternalProcessWindowFunction<V, OUT, K, W extends Window>
  implements InternalWindowFunction<V, OUT, K, W>
{
  constructor(private readonly fn: ProcessWindowFunction<V, OUT, K, W>) {}

  get userFunction(): object {
    return this.fn;
  }

  process(key: K, context: ProcessWindowFunctionContext<W>, elements: V[], out: Collector<OUT>): void {
    this.fn.process(key, context, elements, out);
  }

  clear(context: ProcessWindowFunctionContext<W>): void {
    this.fn.clear(context);
  }
}
