import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/** One transaction a sink began, with whatever it needs to end it later (Kafka: producer id and epoch). */
export interface LoggedTransaction {
  readonly txn: string;
  readonly checkpointId: number;
  readonly subtask: number;
  readonly producerId?: string;
  readonly producerEpoch?: number;
}

/**
 * The transactional sinks' own durable list of the transactions they began
 * and ended, beside the checkpoints. Recovery reads it to find transactions a
 * killed attempt left open that no checkpoint names (Flink finds them by
 * probing transactional ids; a log is exact). A begin line is written before
 * the transaction's first write, so no transaction escapes it.
 */
export class TransactionLog {
  constructor(private readonly path: string) {}

  begun(t: LoggedTransaction): void {
    appendFileSync(this.path, `${JSON.stringify({ begun: t })}\n`);
  }

  ended(txn: string): void {
    appendFileSync(this.path, `${JSON.stringify({ ended: txn })}\n`);
  }

  /** Transactions begun and not ended, in the order they began. */
  open(): LoggedTransaction[] {
    if (!existsSync(this.path)) return [];
    const open = new Map<string, LoggedTransaction>();
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const entry = JSON.parse(line) as { begun?: LoggedTransaction; ended?: string };
      if (entry.begun !== undefined) open.set(entry.begun.txn, entry.begun);
      if (entry.ended !== undefined) open.delete(entry.ended);
    }
    return [...open.values()];
  }
}
