import type { CheckpointRecord, SinkOperation } from '../../history/types.ts';
import type { PostgresSettings } from '../postgres/PostgresConnection.ts';

/** Where the real job reads: offsets in our checkpoint (Flink's KafkaSource) or acknowledged on receipt. */
export type RealSourceMode = 'resettable' | 'not-resettable';

/** The real sinks, by system and kind (DESIGN §1's any / idempotent / WAL / 2PC). */
export type RealSinkKind = 'kafka-2pc' | 'kafka-any' | 'postgres-2pc' | 'postgres-wal' | 'redis-idempotent';

/**
 * Where the job process is killed with SIGKILL. Counts are per attempt:
 * `records` = the n-th record this attempt received (killed before it is
 * processed); `checkpoint` = the n-th checkpoint this attempt takes.
 * - after-pre-commit: the sink pre-committed (flushed / prepared / buffered
 *   its WAL) but the checkpoint is not complete;
 * - after-completion: the checkpoint is durable, the sink was not told (no commit);
 * - mid-wal-write: the WAL sink wrote part of a checkpoint's rows, not its marker.
 */
export type KillPoint =
  | { readonly point: 'after-records'; readonly records: number }
  | { readonly point: 'after-pre-commit'; readonly checkpoint: number }
  | { readonly point: 'after-completion'; readonly checkpoint: number }
  | { readonly point: 'mid-wal-write'; readonly checkpoint: number };

/** Everything a job process needs, written by the trial runner as JSON. */
export interface RealJobConfig {
  readonly runId: string;
  readonly attempt: number;
  /** Epoch ms at which the trial started: history times are relative to it. */
  readonly startedAt: number;
  readonly brokers: readonly string[];
  readonly inputTopic: string;
  readonly partitions: number;
  /** Offset after the last input record, per partition: the job ends there. */
  readonly endOffsets: readonly number[];
  readonly source: RealSourceMode;
  /** Consumer group whose committed offsets are the not-resettable source's position. */
  readonly ackGroup: string;
  readonly sink: RealSinkKind;
  /** Sink subtasks (a transaction / connection each); records go to hash(key) mod subtasks. */
  readonly subtasks: number;
  readonly outputTopic: string;
  readonly table: string;
  readonly redisPrefix: string;
  readonly redisUrl: string;
  readonly postgres: PostgresSettings;
  /** Consumer group session timeout (ms): how long a killed attempt's consumer is still counted a member. */
  readonly sessionTimeout: number;
  /** Transaction timeout asked of Kafka (ms). */
  readonly transactionTimeout: number;
  /** Take a checkpoint after this many processed records (and one at the end of the input). */
  readonly checkpointEvery: number;
  readonly checkpointDir: string;
  readonly journal: string;
  readonly kill?: KillPoint;
  /** Why this attempt runs (for the history's restart record). */
  readonly cause?: string;
}

/** A sink operation as the job journals it (the runner adds the global seq; the entry carries the time). */
export type SinkOperationBody = Omit<SinkOperation, 'seq' | 'at'>;

/** One line of the journal the job appends to as it goes (plain JSON, survives kill -9). */
export type JournalEntry =
  | { readonly kind: 'op'; readonly at: number; readonly op: SinkOperationBody }
  | { readonly kind: 'triggered'; readonly at: number; readonly checkpointId: number }
  | {
      readonly kind: 'completed';
      readonly at: number;
      readonly checkpoint: Omit<CheckpointRecord, 'seq'>;
    }
  | {
      readonly kind: 'restart';
      readonly at: number;
      readonly attempt: number;
      readonly restoredFrom?: number;
      readonly cause: string;
    }
  | { readonly kind: 'fault'; readonly at: number; readonly fault: string; readonly detail: string };

/** What the job keeps in one completed checkpoint. */
export interface RealCheckpoint {
  readonly id: number;
  /** Next offset per partition, `input#<partition>` (what the snapshot reflects). */
  readonly sourceOffsets: Readonly<Record<string, number>>;
  /** The list-append keyed state: key -> ids. */
  readonly state: Readonly<Record<string, readonly string[]>>;
  /** The sink's own snapshot (pending transactions, WAL). */
  readonly sink: unknown;
}

/** The name of the input in histories. */
export const INPUT_SOURCE = 'input';
