/** One record of a partition as fetched with read_uncommitted: data or a transaction marker. */
export interface LogRecord {
  readonly offset: number;
  readonly producerId: string;
  /** The record batch belongs to a transaction. */
  readonly inTransaction: boolean;
  readonly isControlRecord: boolean;
  /** For control records: Kafka's marker key, version (int16) then type (int16): 0 = abort, 1 = commit. */
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

function markerType(r: LogRecord): 'abort' | 'commit' | 'unknown' {
  if (r.key === null || r.key.length < 4) return 'unknown';
  const type = r.key.readInt16BE(2);
  return type === 0 ? 'abort' : type === 1 ? 'commit' : 'unknown';
}

interface Entry {
  readonly record: LogRecord;
  state: 'pending' | 'keep' | 'drop';
}

/**
 * Read-committed visibility for one partition, computed from the log itself:
 * a record of a transaction stays pending until its producer's next marker
 * (commit: visible, abort: dropped), and nothing after a pending record is
 * released before it, which is exactly what the last stable offset does for
 * a read_committed consumer. Pure and incremental: feed records in offset
 * order, take the records that became visible.
 *
 * Why not kafkajs' read_committed consumer: its filterAbortedMessages steps
 * into at most one aborted transaction per record, so when a fetch's
 * aborted-transaction list has two transactions starting at or before one
 * record (two producers' transactions interleaved in the partition and
 * aborted one after the other), records of the second are delivered as if
 * committed. Observed here as a false duplicate; see the README.
 */
export class TransactionMarkerResolver {
  private readonly queue: Entry[] = [];
  private next = 0;

  /** The offset after the last record fed. */
  get position(): number {
    return this.next;
  }

  /** Whether some transactional record still waits for its marker. */
  get blocked(): boolean {
    return this.queue.some((e) => e.state === 'pending');
  }

  feed(records: readonly LogRecord[]): LogRecord[] {
    for (const r of [...records].sort((a, b) => a.offset - b.offset)) {
      if (r.offset < this.next) continue;
      this.next = r.offset + 1;
      if (r.isControlRecord) {
        const type = markerType(r);
        for (const e of this.queue) {
          if (e.state === 'pending' && e.record.producerId === r.producerId) {
            e.state = type === 'commit' ? 'keep' : 'drop';
          }
        }
        continue;
      }
      this.queue.push({ record: r, state: r.inTransaction ? 'pending' : 'keep' });
    }
    const visible: LogRecord[] = [];
    while (this.queue.length > 0 && this.queue[0]?.state !== 'pending') {
      const e = this.queue.shift() as Entry;
      if (e.state === 'keep') visible.push(e.record);
    }
    return visible;
  }
}
