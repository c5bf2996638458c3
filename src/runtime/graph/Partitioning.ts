import type { KeySelector } from '../operators/OperatorSetup.ts';

/**
 * How records of an edge are distributed over the downstream subtasks, as
 * Flink's StreamPartitioners: forward (subtask i -> i), rebalance (round
 * robin from a seeded start), broadcast (to all), keyBy (key group ->
 * subtask). `default` resolves like Flink: forward when both sides have the
 * same parallelism, rebalance otherwise.
 */
export type Partitioning =
  | { readonly kind: 'default' }
  | { readonly kind: 'forward' }
  | { readonly kind: 'rebalance' }
  | { readonly kind: 'broadcast' }
  | { readonly kind: 'keyBy'; readonly keySelector: KeySelector }
  | { readonly kind: 'global' };

export const DEFAULT_PARTITIONING: Partitioning = { kind: 'default' };
