/**
 * The history of one run: plain, versioned JSON that every checker reads. The
 * simulated runtime and the real-system drivers both write it; checkers know
 * nothing else, so they judge either (DESIGN §4).
 */
export const HISTORY_VERSION = 1;

/** One input record of the list-append workload, at its source position. */
export interface InputRecord {
  readonly id: string;
  readonly key: string;
  readonly partition: number;
  readonly offset: number;
}

export type CheckpointMode = 'aligned' | 'unaligned' | 'at-least-once';

/** What one completed (or aborted) checkpoint captured. */
export interface CheckpointRecord {
  readonly id: number;
  readonly kind: 'checkpoint' | 'savepoint';
  readonly triggeredAt: number;
  readonly status: 'completed' | 'aborted';
  readonly endedAt: number;
  /** Position in the run's global history order (shared with sink operations' seq). */
  readonly seq?: number;
  /** Why it was aborted, e.g. "declined by Append (1/2)", "expired", "subsumed", "failover". */
  readonly reason?: string;
  /** Next offset to read per source partition: the input prefix the snapshot claims to reflect. */
  readonly sourceOffsets?: Readonly<Record<string, number>>;
  /**
   * The list-append operator's keyed state in the snapshot: key -> ids in list
   * order (small runs only), with the ids of records that were in flight
   * towards it (unaligned checkpoints) listed separately.
   */
  readonly appendState?: Readonly<Record<string, readonly string[]>>;
  readonly inFlight?: readonly string[];
  /**
   * Hash of the whole snapshot, for quick comparison: in histories written to
   * files (`streamproof run --history`), not in the runs only judged in memory.
   */
  readonly digest?: string;
}

export interface RestartRecord {
  readonly at: number;
  /** Position in the run's global history order, when the run keeps one. */
  readonly seq?: number;
  readonly attempt: number;
  /** Checkpoint id restored from, or undefined when starting from scratch. */
  readonly restoredFrom?: number;
  readonly cause: string;
}

export interface FaultRecord {
  readonly at: number;
  readonly kind: string;
  readonly detail: string;
}

/** An externally visible operation of a sink's system, in sequence order. */
export interface SinkOperation {
  /** Position in the run's global history order (shared with checkpoint completions). */
  readonly seq: number;
  readonly at: number;
  readonly op:
    | 'write'
    | 'upsert'
    | 'begin'
    | 'preCommit'
    | 'commit'
    | 'abort'
    | 'expire'
    | 'walWrite'
    | 'walMark'
    | 'fenced';
  /** Transaction (or WAL checkpoint) this belongs to. */
  readonly txn?: string;
  /** The checkpoint a transaction belongs to. */
  readonly checkpointId?: number;
  readonly subtask?: number;
  /** Record ids written, or the key and value of an upsert. */
  readonly ids?: readonly string[];
  readonly key?: string;
  readonly value?: unknown;
  /** For commits: whether this commit changed anything (false = idempotent repeat). */
  readonly effective?: boolean;
}

/** What a reader saw during the run. */
export interface ReadRecord {
  readonly at: number;
  readonly isolation: 'read_committed' | 'read_uncommitted' | 'snapshot';
  /** key -> ids visible to the reader at that moment. */
  readonly contents: Readonly<Record<string, readonly string[]>>;
}

export interface History {
  readonly version: typeof HISTORY_VERSION;
  readonly scenario: string;
  readonly seed: number;
  readonly mode?: CheckpointMode;
  /** Input records, by source name, in offset order per partition. */
  readonly inputs: Readonly<Record<string, readonly InputRecord[]>>;
  readonly checkpoints: readonly CheckpointRecord[];
  readonly restarts: readonly RestartRecord[];
  readonly faults: readonly FaultRecord[];
  readonly operations: readonly SinkOperation[];
  readonly reads: readonly ReadRecord[];
  /** Final committed contents of the external system: key -> ids in order. */
  readonly final?: Readonly<Record<string, readonly string[]>>;
  /** How the run ended. */
  readonly outcome: 'finished' | 'failed' | 'incomplete';
  /** Transaction timeout of the sink's system, when it has one (ms). */
  readonly transactionTimeout?: number;
  readonly traceHash: string;
}
