import type { OperatorStateStore } from '../state/OperatorStateStore.ts';
import type { BroadcastState } from '../state/State.ts';
import type { MapStateDescriptor } from '../state/StateDescriptor.ts';

/**
 * Looks up broadcast state by descriptor, only for the descriptors given to
 * broadcast(...), with Flink's error message otherwise.
 */
export function broadcastStateFor<K, V>(
  store: OperatorStateStore,
  registered: readonly MapStateDescriptor<unknown, unknown>[],
  descriptor: MapStateDescriptor<K, V>,
): BroadcastState<K, V> {
  if (!registered.some((d) => d.name === descriptor.name)) {
    // Flink's exact message (CoBroadcastWith*Operator contexts), then the name it was asked for.
    throw new Error(
      'The requested state does not exist. Check for typos in your state descriptor, ' +
        'or specify the state descriptor in the datastream.broadcast(...) call if you forgot to register it. ' +
        `(requested: '${descriptor.name}')`,
    );
  }
  return store.getBroadcastState(descriptor);
}
