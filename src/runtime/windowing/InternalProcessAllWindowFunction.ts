import type { Collector } from '../functions/Collector.ts';
import type {
  ProcessAllWindowFunction,
  ProcessWindowFunctionContext,
} from '../functions/ProcessWindowFunction.ts';
import type { InternalWindowFunction } from './InternalWindowFunction.ts';
import type { Window } from './Window.ts';

/** A ProcessAllWindowFunction behind the InternalWindowFunction interface: the constant key is dropped. */
export class InternalProcessAllWindowFunction<V, OUT, W extends Window>
  implements InternalWindowFunction<V, OUT, unknown, W>
{
  constructor(private readonly fn: ProcessAllWindowFunction<V, OUT, W>) {}

  get userFunction(): object {
    return this.fn;
  }

  process(_key: unknown, context: ProcessWindowFunctionContext<W>, elements: V[], out: Collector<OUT>): void {
    this.fn.process(context, elements, out);
  }

  clear(context: ProcessWindowFunctionContext<W>): void {
    this.fn.clear(context);
  }
}
