import { hasDefect } from '../../runtime/execution/Defects.ts';
import { reachProtocolPoint } from '../../runtime/execution/ProtocolPoints.ts';
import type { SinkWriteContext, SinkWriter } from '../../runtime/sink/Sink.ts';
import { SinkBase } from './SinkBase.ts';

/** Flink's CheckpointCommitter: remembers, in the external system, which checkpoints were written. */
export interface CheckpointCommitter {
  isCheckpointCommitted(subtask: number, checkpointId: number): boolean;
  commitCheckpoint(subtask: number, checkpointId: number): void;
}

interface PendingCheckpoint<IN> {
  readonly checkpointId: number;
  /** The subtask that wrote it: after a rescale another subtask may commit it (FLINK-4939). */
  readonly subtask: number;
  readonly values: IN[];
}

/**
 * Flink's GenericWriteAheadSink: records are kept in operator state (the
 * write-ahead log) until their checkpoint completed; on
 * notifyCheckpointComplete the sink sends each pending checkpoint's values to
 * the external system and then marks the checkpoint committed through the
 * CheckpointCommitter. A crash after sending and before the mark makes the
 * restored sink send them again: at-least-once (DESIGN §1).
 * Implement sendValues() and createCommitter().
 */
export abstract class GenericWriteAheadSink<IN> extends SinkBase<IN> {
  private committer!: CheckpointCommitter;

  /** Writes a checkpoint's values to the external system; return false to retry on the next notification. */
  abstract sendValues(values: readonly IN[], checkpointId: number): boolean;

  abstract createCommitter(): CheckpointCommitter;

  override open(): void {
    this.committer = this.createCommitter();
  }

  /** Records go to the write-ahead log (the writer's buffer), never straight to the system. */
  invoke(_value: IN, _ctx: SinkWriteContext): void {
    throw new Error('GenericWriteAheadSink: records are buffered by its writer');
  }

  protected override writer(): SinkWriter<IN> {
    // Per-subtask state lives in the writer, never in fields shared by the subtasks' copies.
    let buffer: IN[] = [];
    let pending: PendingCheckpoint<IN>[] = [];
    const commitUpTo = (checkpointId: number): void => {
      while (pending.length > 0 && (pending[0] as PendingCheckpoint<IN>).checkpointId <= checkpointId) {
        const p = pending[0] as PendingCheckpoint<IN>;
        // Marked per creating subtask, as Flink's GenericWriteAheadSink does since FLINK-4939.
        const subtask = p.subtask;
        if (!this.committer.isCheckpointCommitted(subtask, p.checkpointId)) {
          // Seeded bug 'wal-mark-before-write': the CheckpointCommitter marks the checkpoint before
          // its values are sent, so a crash during sendValues() leaves it marked and the restored
          // sink skips it: lost values. Flink's GenericWriteAheadSink sends first, then commits the
          // checkpoint (its CheckpointCommitter bookkeeping was itself buggy in the Cassandra
          // connector's review, FLINK-3311/FLINK-3332).
          const marksFirst = hasDefect(this.context.services, 'wal-mark-before-write');
          if (marksFirst) this.committer.commitCheckpoint(subtask, p.checkpointId);
          if (!this.sendValues(p.values, p.checkpointId)) return;
          reachProtocolPoint(
            this.context.services,
            'before-wal-mark',
            `${this.context.sinkName} (${this.context.subtaskIndex + 1})`,
          );
          if (!marksFirst) this.committer.commitCheckpoint(subtask, p.checkpointId);
        }
        pending.shift();
      }
    };
    return {
      write: (value) => {
        buffer.push(value);
      },
      initializeState: (items) => {
        pending = (items as PendingCheckpoint<IN>[]).map((p) =>
          Object.assign({}, p, { values: [...p.values] }),
        );
        pending.sort((a, b) => a.checkpointId - b.checkpointId || a.subtask - b.subtask);
      },
      snapshotState: (checkpointId) => {
        pending.push({ checkpointId, subtask: this.context.subtaskIndex, values: buffer });
        buffer = [];
        return pending.map((p) => ({
          checkpointId: p.checkpointId,
          subtask: p.subtask,
          values: [...p.values],
        }));
      },
      notifyCheckpointComplete: commitUpTo,
    };
  }
}
