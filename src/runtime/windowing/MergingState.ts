import type { KeyedStateBackend } from '../state/KeyedStateBackend.ts';
import {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  ReducingStateDescriptor,
  type StateDescriptor,
} from '../state/StateDescriptor.ts';

/**
 * Flink's InternalMergingState.mergeNamespaces for the current key: moves the
 * state of every source namespace into `target`, combining values the way
 * the state kind does (list: append, reducing: reduce, aggregating: merge
 * accumulators). Sources are removed. Used when session windows merge.
 */
export function mergeNamespaces(
  backend: KeyedStateBackend,
  descriptor: StateDescriptor<unknown, unknown>,
  target: unknown,
  sources: readonly unknown[],
): void {
  const combine = combinerFor(descriptor);
  let merged: unknown;
  for (const source of sources) {
    const value = backend.entry(descriptor.name, source, false)?.value;
    backend.remove(descriptor.name, source);
    if (value === undefined) continue;
    merged = merged === undefined ? value : combine(merged, value);
  }
  if (merged === undefined) return;
  const cell = backend.entry(descriptor.name, target, true) as { value: unknown };
  cell.value = cell.value === undefined ? merged : combine(cell.value, merged);
}

function combinerFor(descriptor: StateDescriptor<unknown, unknown>): (a: unknown, b: unknown) => unknown {
  if (descriptor instanceof ListStateDescriptor) return (a, b) => [...(a as unknown[]), ...(b as unknown[])];
  if (descriptor instanceof ReducingStateDescriptor) return (a, b) => descriptor.reduceFunction(a, b);
  if (descriptor instanceof AggregatingStateDescriptor)
    return (a, b) => descriptor.aggregateFunction.merge(a, b);
  throw new Error(
    `state '${descriptor.name}' is ${descriptor.kind} state, which cannot be merged; ` +
      'merging windows need list, reducing or aggregating state (Flink: MergingState)',
  );
}
