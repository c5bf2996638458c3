import type { OpenContext, RuntimeContext } from './RuntimeContext.ts';

/**
 * Base of every user function with a lifecycle: `open` before the first
 * element (and after every restart), `close` at the end, and the runtime
 * context. Each subtask gets its own copy of the function object (Flink
 * deserializes one per subtask); see copyFunction.
 */
export abstract class AbstractRichFunction {
  private runtimeContext: RuntimeContext | undefined;

  open(_context: OpenContext): void {}

  close(): void {}

  getRuntimeContext(): RuntimeContext {
    if (this.runtimeContext === undefined) {
      throw new Error('the runtime context is not set: it is available from open() on, inside a running job');
    }
    return this.runtimeContext;
  }

  /** Internal: set by the runtime before open(). */
  setRuntimeContext(context: RuntimeContext): void {
    this.runtimeContext = context;
  }
}

/**
 * A fresh per-subtask copy of a user function: same prototype, shallow copy
 * of its own fields. Fields assigned in open() are therefore per subtask, and
 * objects given to the constructor are shared by all subtasks (the natural way
 * to collect results in a test). Flink deserializes a deep copy instead; keep
 * per-subtask mutable state out of field initializers (see the README's
 * differences from Flink).
 */
export function copyFunction<F extends object>(fn: F): F {
  return Object.assign(Object.create(Object.getPrototypeOf(fn)), fn) as F;
}
