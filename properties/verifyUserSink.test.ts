import { describe, expect, it } from 'vitest';
import {
  CheckpointingMode,
  ListAppendFunction,
  type ListAppendOutput,
  type ListAppendRecord,
  ResettableSource,
  StreamExecutionEnvironment,
  TwoPhaseCommitSink,
  VerificationError,
  verify,
  WatermarkStrategy,
} from '../src/index.ts';

/** A toy ledger with prepared transactions: a user's own external system. */
class Ledger {
  readonly prepared = new Map<string, string[]>();
  readonly committed: ListAppendOutput[] = [];
  private readonly done = new Set<string>();
  private open = new Map<string, ListAppendOutput[]>();

  write(txn: string, row: ListAppendOutput): void {
    const rows = this.open.get(txn) ?? [];
    rows.push(row);
    this.open.set(txn, rows);
  }

  prepare(txn: string): void {
    this.prepared.set(txn, []);
  }

  commit(txn: string): void {
    if (this.done.has(txn)) return; // idempotent: a repeated commit changes nothing
    this.done.add(txn);
    this.committed.push(...(this.open.get(txn) ?? []));
    this.open.delete(txn);
  }

  abort(txn: string): void {
    this.open.delete(txn);
  }

  contents(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const r of this.committed) {
      const ids = out[r.key] ?? [];
      ids.push(r.id);
      out[r.key] = ids;
    }
    return out;
  }
}

class LedgerSink extends TwoPhaseCommitSink<ListAppendOutput, string> {
  private counter = 0;

  constructor(private readonly commitOnPreCommit = false) {
    super();
  }

  private ledger(): Ledger {
    return this.context.services.get('ledger', () => new Ledger());
  }

  beginTransaction(): string {
    return `t-${this.context.subtaskIndex}-${this.context.attemptNumber}-${this.counter++}`;
  }

  invokeInTransaction(txn: string, value: ListAppendOutput): void {
    this.ledger().write(txn, value);
  }

  preCommit(txn: string): void {
    this.ledger().prepare(txn);
    // A classic bug: making the transaction visible before the checkpoint completed.
    if (this.commitOnPreCommit) this.ledger().commit(txn);
  }

  commit(txn: string): void {
    this.ledger().commit(txn);
  }

  abort(txn: string): void {
    this.ledger().abort(txn);
  }
}

function pipeline(commitOnPreCommit: boolean) {
  return ({ partitions }: { partitions: readonly (readonly ListAppendRecord[])[] }) => {
    const env = StreamExecutionEnvironment.create({ parallelism: 2 });
    env.enableCheckpointing(10, CheckpointingMode.EXACTLY_ONCE);
    env
      .fromSource(new ResettableSource(partitions), WatermarkStrategy.noWatermarks(), 'events')
      .keyBy((r) => r.key)
      .process(new ListAppendFunction())
      .uid('append')
      .sinkTo(new LedgerSink(commitOnPreCommit), 'ledger');
    return {
      env,
      output: (services: { get: <T>(k: string, c: () => T) => T }) =>
        services.get('ledger', () => new Ledger()).contents(),
    };
  };
}

describe('verify() on a user-written TwoPhaseCommitSink', () => {
  it('passes for a correct sink: exactly-once under generated faults and schedules', () => {
    const report = verify(pipeline(false), { expect: 'exactly-once', runs: 80, seed: 5 });
    expect(report.runs).toBe(80);
    expect(report.restarted).toBeGreaterThan(0);
  });

  it('fails a sink that commits on pre-commit, with seed, path, counterexample and a replay snippet', () => {
    let error: unknown;
    try {
      verify(pipeline(true), { expect: 'exactly-once', runs: 200, seed: 5 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VerificationError);
    const e = error as VerificationError;
    expect(e.message).toMatch(/expected exactly-once, but at-least-once: .*duplicated/);
    expect(e.message).toMatch(/counterexample: \d+ records/);
    expect(e.message).toContain(
      `replay: verify(build, { expect: 'exactly-once', seed: ${e.seed}, path: '${e.path}' })`,
    );
    // The replay snippet reproduces the failure.
    expect(() => verify(pipeline(true), { expect: 'exactly-once', seed: e.seed, path: e.path })).toThrow(
      VerificationError,
    );
  });
});
