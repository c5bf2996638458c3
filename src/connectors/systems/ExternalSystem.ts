import { HISTORY_SEQUENCE, HistorySequence } from '../../history/HistorySequence.ts';
import type { ReadRecord, SinkOperation } from '../../history/types.ts';
import type { RunServices } from '../../runtime/execution/RunServices.ts';

/** Lets the fault injector make an external system's operation fail. */
export interface SystemFaultHook {
  before(op: 'write' | 'commit', where: string): void;
}

export const SYSTEM_FAULT_HOOK = 'system-fault-hook';

/**
 * Base of the simulated external systems: each records every externally
 * visible operation into the run's history, numbered in the run's global
 * history order, and reports its final committed contents (key -> ids).
 */
export abstract class ExternalSystem {
  readonly operations: SinkOperation[] = [];
  readonly reads: ReadRecord[] = [];
  private readonly sequence: HistorySequence;

  constructor(
    protected readonly services: RunServices,
    protected readonly now: () => number,
  ) {
    this.sequence = services.get(HISTORY_SEQUENCE, () => new HistorySequence());
  }

  /**
   * Called before an operation takes effect: an installed fault hook may make
   * it fail (a write or commit error of the external system).
   */
  protected guard(op: 'write' | 'commit', what: string, which: string | number): void {
    // The description is built only when a hook listens: this runs once per record written.
    if (this.services.has(SYSTEM_FAULT_HOOK)) {
      this.services
        .get<SystemFaultHook>(SYSTEM_FAULT_HOOK, () => ({ before() {} }))
        .before(op, typeof which === 'number' ? `${what} (subtask ${which})` : `${what} ${which}`);
    }
  }

  /**
   * Every operation gets every field, in one order, undefined where it has none (JSON leaves those
   * out): one object shape for all systems and kinds instead of one per kind. Not
   * `{ seq, at, ...op }`: a spread after other properties takes V8's slow path (about 1 µs an
   * object), and this runs per write. (The checkers' deoptimizations did not measurably change
   * with it: docs/performance.md.)
   */
  protected record(op: Omit<SinkOperation, 'seq' | 'at'>): void {
    this.operations.push({
      seq: this.sequence.next(),
      at: this.now(),
      op: op.op,
      txn: op.txn,
      checkpointId: op.checkpointId,
      subtask: op.subtask,
      ids: op.ids,
      key: op.key,
      value: op.value,
      effective: op.effective,
    });
  }

  /** What a reader sees now, with its isolation level (recorded as a read). */
  abstract read(isolation: ReadRecord['isolation']): Record<string, string[]>;

  /** Records a read of the current contents (readers sampling during the run). */
  sample(isolation: ReadRecord['isolation']): void {
    this.reads.push({ at: this.now(), isolation, contents: this.read(isolation) });
  }

  /** The final committed contents: key -> ids in the order a reader sees them. */
  abstract finalContents(): Record<string, string[]>;
}
