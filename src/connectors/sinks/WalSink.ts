import { reachProtocolPoint } from '../../runtime/execution/ProtocolPoints.ts';
import type { ListAppendOutput } from '../../runtime/workload/ListAppend.ts';
import { WalStore } from '../systems/WalStore.ts';
import { type CheckpointCommitter, GenericWriteAheadSink } from './GenericWriteAheadSink.ts';

export const WAL_STORE = 'wal-store';

/** The write-ahead-log sink of the list-append workload, over a WalStore (table + committer table). */
export class WalSink extends GenericWriteAheadSink<ListAppendOutput> {
  private store!: WalStore;

  override open(): void {
    const { services, now } = this.context;
    this.store = services.get(WAL_STORE, () => new WalStore(services, now));
    super.open();
  }

  sendValues(values: readonly ListAppendOutput[], checkpointId: number): boolean {
    const subtask = this.context.subtaskIndex;
    // Written in two batches so that a crash can hit the middle of a WAL write.
    const half = Math.ceil(values.length / 2);
    this.store.write(values.slice(0, half), subtask, checkpointId);
    reachProtocolPoint(this.context.services, 'mid-wal-write', `${this.context.sinkName} (${subtask + 1})`);
    this.store.write(values.slice(half), subtask, checkpointId);
    return true;
  }

  createCommitter(): CheckpointCommitter {
    return {
      isCheckpointCommitted: (subtask, id) => this.store.isCommitted(subtask, id),
      commitCheckpoint: (subtask, id) => this.store.markCommitted(subtask, id),
    };
  }
}
