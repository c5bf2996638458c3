import { hasDefect } from '../../runtime/execution/Defects.ts';
import { reachProtocolPoint } from '../../runtime/execution/ProtocolPoints.ts';
import type { SinkWriteContext, SinkWriter } from '../../runtime/sink/Sink.ts';
import { ExternalSystemError } from '../types.ts';
import { SinkBase } from './SinkBase.ts';

/** The checkpointed state of one subtask's 2PC sink (Flink's TwoPhaseCommitSinkFunction.State). */
export interface TwoPhaseCommitState<TXN> {
  readonly pending: readonly { readonly checkpointId: number; readonly txn: TXN }[];
  readonly current: TXN;
}

/**
 * Flink's TwoPhaseCommitSinkFunction: one transaction per checkpoint.
 * invoke() writes into the current transaction; on the checkpoint barrier
 * (snapshotState) the transaction is pre-committed and a new one begun; on
 * notifyCheckpointComplete every pending transaction up to that checkpoint is
 * committed (a later notification subsumes a lost one). On restore, pending
 * transactions of the checkpoint are committed again (recoverAndCommit; the
 * commit must be idempotent) and the transaction that was open at the
 * checkpoint is aborted (recoverAndAbort).
 *
 * Subclass it to test your own connector's protocol: implement
 * beginTransaction, invoke, preCommit, commit and abort (TXN must be plain data).
 */
export abstract class TwoPhaseCommitSink<IN, TXN> extends SinkBase<IN> {
  private current: TXN | undefined;
  /**
   * Flink's ignoreFailuresAfterTransactionTimeout: on recovery, a commit that
   * fails because the system already expired the transaction is logged and
   * ignored (its data is lost) instead of failing the job again.
   */
  protected ignoreFailuresAfterTransactionTimeout = false;

  abstract beginTransaction(): TXN;
  abstract invokeInTransaction(txn: TXN, value: IN, context: SinkWriteContext): void;
  abstract preCommit(txn: TXN, checkpointId: number): void;
  abstract commit(txn: TXN, checkpointId: number): void;
  abstract abort(txn: TXN): void;

  recoverAndCommit(txn: TXN, checkpointId: number): void {
    this.commit(txn, checkpointId);
  }

  recoverAndAbort(txn: TXN): void {
    this.abort(txn);
  }

  /** Called once at start, after restored pending transactions were handled: abort lingering ones here. */
  protected finishRecovering(): void {}

  /** The transaction this subtask writes into now (never lingering: finishRecovering must keep it). */
  protected get openTransaction(): TXN | undefined {
    return this.current;
  }

  invoke(value: IN, context: SinkWriteContext): void {
    this.invokeInTransaction(this.currentTransaction(), value, context);
  }

  protected override writer(): SinkWriter<IN> {
    // Per-subtask state, created for this subtask's copy (not a field initializer shared by the copies).
    const pending: { checkpointId: number; txn: TXN }[] = [];
    let lingeringToAbort = false;
    const recoverOnce = () => {
      if (!lingeringToAbort) return;
      lingeringToAbort = false;
      this.finishRecovering();
    };
    return {
      write: (value, ctx) => {
        recoverOnce();
        this.invoke(value, ctx);
      },
      initializeState: (items, { isRestored }) => {
        // Seeded bug 'lingering-not-aborted': neither recoverAndAbort nor the abort of lingering
        // transactions, so the failed attempt's open transaction is never ended (and read_committed
        // readers of Kafka stall behind it). Mirrors FLINK-23854 (lingering Kafka transactions not
        // aborted reliably) and FLINK-10455.
        const abortsLingering = !hasDefect(this.context.services, 'lingering-not-aborted');
        if (isRestored) {
          for (const state of items as TwoPhaseCommitState<TXN>[]) {
            for (const p of state.pending) this.recoverAndCommitInternal(p.txn, p.checkpointId);
            if (abortsLingering) this.recoverAndAbort(state.current);
          }
        }
        // Also on a fresh start: a failed attempt may have left transactions open (as FlinkKafkaProducer aborts them).
        // Deferred to the first activity, when every subtask has restored its pending transactions,
        // so that aborting lingering ones (also of subtasks gone after a scale-down) never hits one.
        lingeringToAbort = abortsLingering;
        this.current = this.beginTransaction();
      },
      snapshotState: (checkpointId) => {
        recoverOnce();
        const txn = this.currentTransaction();
        this.preCommit(txn, checkpointId);
        // Seeded bug 'commit-on-precommit': commit at the barrier instead of after the checkpoint
        // completed, so a failed checkpoint's data is already visible and is replayed again. Breaks
        // the rule of FLINK-7210's TwoPhaseCommitSinkFunction (commit only in notifyCheckpointComplete).
        if (hasDefect(this.context.services, 'commit-on-precommit')) this.commit(txn, checkpointId);
        pending.push({ checkpointId, txn });
        reachProtocolPoint(this.context.services, 'after-pre-commit', this.where());
        this.current = this.beginTransaction();
        return [{ pending: [...pending], current: this.current } satisfies TwoPhaseCommitState<TXN>];
      },
      notifyCheckpointComplete: (checkpointId) => {
        recoverOnce();
        while (pending.length > 0 && (pending[0] as { checkpointId: number }).checkpointId <= checkpointId) {
          const p = pending[0] as { checkpointId: number; txn: TXN };
          this.commit(p.txn, p.checkpointId);
          reachProtocolPoint(this.context.services, 'mid-commit', this.where());
          pending.shift();
        }
      },
      close: () => {
        recoverOnce();
        if (this.current !== undefined) this.abort(this.current);
      },
    };
  }

  private recoverAndCommitInternal(txn: TXN, checkpointId: number): void {
    if (hasDefect(this.context.services, 'recovery-aborts-pending')) {
      // Seeded bug 'recovery-aborts-pending': on restore, the pre-committed transactions of the
      // completed checkpoint are aborted instead of committed, losing data whose completion
      // notification never arrived. Mirrors FLINK-8086 / FLINK-24131 (a recovered transaction ended
      // without commit: silent data loss).
      this.abort(txn);
      return;
    }
    try {
      this.recoverAndCommit(txn, checkpointId);
    } catch (error) {
      if (
        this.ignoreFailuresAfterTransactionTimeout &&
        error instanceof ExternalSystemError &&
        error.kind === 'transaction-expired'
      ) {
        return;
      }
      throw error;
    }
  }

  private currentTransaction(): TXN {
    if (this.current === undefined) throw new Error(`${this.where()}: no transaction is open`);
    return this.current;
  }

  private where(): string {
    return `${this.context.sinkName} (${this.context.subtaskIndex + 1}/${this.context.parallelism})`;
  }
}
