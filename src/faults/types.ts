import type { ProtocolPoint } from '../runtime/execution/ProtocolPoints.ts';

/**
 * One fault, as plain data (DESIGN §6). Steps and occurrences count from the
 * start of the run, so fast-check shrinks plans toward fewer and earlier faults.
 */
export type Fault =
  /** A task crashes before scheduler step `atStep` (task = index among running tasks). */
  | { readonly kind: 'crash'; readonly atStep: number; readonly task: number }
  /** A task crashes the `occurrence`-th time any task reaches the named protocol point. */
  | { readonly kind: 'crash-at'; readonly point: ProtocolPoint; readonly occurrence: number }
  /** The JobManager fails over: pending checkpoints are lost and the job restarts. */
  | { readonly kind: 'coordinator-failover'; readonly atStep: number }
  /** The completion (or abort) notification of the `checkpoint`-th checkpoint is lost, late or duplicated. */
  | {
      readonly kind: 'notification';
      readonly checkpoint: number;
      readonly effect: 'lost' | 'late' | 'duplicated';
    }
  /** A task declines the `checkpoint`-th checkpoint (its snapshot upload fails). */
  | { readonly kind: 'decline'; readonly checkpoint: number }
  /** Uploading snapshots of the `checkpoint`-th checkpoint is slow. */
  | { readonly kind: 'slow-upload'; readonly checkpoint: number; readonly delay: number }
  /** The external system rejects the `occurrence`-th write or commit. */
  | { readonly kind: 'system-error'; readonly op: 'write' | 'commit'; readonly occurrence: number }
  /** Processing time jumps forward before step `atStep`. */
  | { readonly kind: 'clock-jump'; readonly atStep: number; readonly by: number }
  /** Stop-with-savepoint at virtual time `at`, then resume with another parallelism. */
  | { readonly kind: 'rescale'; readonly at: number; readonly parallelism: number };

export interface FaultPlan {
  readonly faults: readonly Fault[];
}

export type FaultKind = Fault['kind'];
