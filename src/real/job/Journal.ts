import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { JournalEntry, SinkOperationBody } from './types.ts';

/**
 * The history journal: one JSON line per event, appended synchronously so
 * that every line the job wrote survives its kill -9. The trial runner turns
 * it into a History after the run. The job never reads it back: it is the
 * observer's record, not the job's state.
 */
export class Journal {
  constructor(
    readonly path: string,
    private readonly startedAt: number,
  ) {}

  now(): number {
    return Date.now() - this.startedAt;
  }

  append(entry: JournalEntry): void {
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`);
  }

  /** An externally visible operation of the sink's system, right after it happened. */
  op(op: SinkOperationBody): void {
    this.append({ kind: 'op', at: this.now(), op });
  }

  static read(path: string): JournalEntry[] {
    if (!existsSync(path)) return [];
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as JournalEntry);
  }
}
