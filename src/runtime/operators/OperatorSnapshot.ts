import type { KeyedStateSnapshot } from '../state/KeyedStateBackend.ts';
import type { OperatorStateSnapshot } from '../state/OperatorStateStore.ts';
import type { TimersSnapshot } from '../time/InternalTimer.ts';

/** The state of one operator subtask at a checkpoint, as plain JSON data. */
export interface OperatorSnapshot {
  /** Keyed state by key group (keyed operators only). */
  readonly keyed?: KeyedStateSnapshot;
  /** Timers by key group (keyed operators only). */
  readonly timers?: TimersSnapshot;
  /** Operator list/union/broadcast state. */
  readonly operator: OperatorStateSnapshot;
}

/**
 * What an operator subtask restores from: its share of the keyed state and
 * timers (possibly from several old subtasks after a rescale) and its operator
 * state, already redistributed.
 */
export interface OperatorRestore {
  readonly keyed: readonly KeyedStateSnapshot[];
  readonly timers: readonly TimersSnapshot[];
  readonly operator: OperatorStateSnapshot;
}
