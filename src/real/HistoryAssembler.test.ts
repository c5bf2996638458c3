import { describe, expect, it } from 'vitest';
import { checkConsistentCuts } from '../check/ConsistentCutChecker.ts';
import { checkGuarantee } from '../check/GuaranteeChecker.ts';
import { checkTwoPhaseCommit } from '../check/TwoPhaseCommitChecker.ts';
import type { InputRecord } from '../history/types.ts';
import type { JournalEntry } from './job/types.ts';
import { assembleHistory } from './trial/HistoryAssembler.ts';

const inputs: InputRecord[] = [
  { id: 'r0', key: 'k0', partition: 0, offset: 0 },
  { id: 'r1', key: 'k0', partition: 0, offset: 1 },
  { id: 'r2', key: 'k0', partition: 0, offset: 2 },
];

/** A 2PC run: checkpoint 1 completes, the job is killed before committing, the next attempt resumes the commit. */
function killedAfterCompletion(): JournalEntry[] {
  return [
    { kind: 'op', at: 1, op: { op: 'begin', txn: 'T1', checkpointId: 1, subtask: 0 } },
    { kind: 'op', at: 2, op: { op: 'write', txn: 'T1', checkpointId: 1, subtask: 0, ids: ['r0'] } },
    { kind: 'op', at: 3, op: { op: 'write', txn: 'T1', checkpointId: 1, subtask: 0, ids: ['r1'] } },
    { kind: 'triggered', at: 4, checkpointId: 1 },
    { kind: 'op', at: 5, op: { op: 'preCommit', txn: 'T1', checkpointId: 1, subtask: 0 } },
    {
      kind: 'completed',
      at: 6,
      checkpoint: {
        id: 1,
        kind: 'checkpoint',
        triggeredAt: 4,
        status: 'completed',
        endedAt: 6,
        sourceOffsets: { 'input#0': 2 },
        appendState: { k0: ['r0', 'r1'] },
      },
    },
    { kind: 'op', at: 7, op: { op: 'begin', txn: 'T2', checkpointId: 2, subtask: 0 } },
    { kind: 'op', at: 8, op: { op: 'write', txn: 'T2', checkpointId: 2, subtask: 0, ids: ['r2'] } },
    { kind: 'triggered', at: 9, checkpointId: 2 },
    { kind: 'fault', at: 10, fault: 'kill -9', detail: 'attempt 0: after pre-commit of checkpoint 2' },
    { kind: 'restart', at: 11, attempt: 1, restoredFrom: 1, cause: 'kill -9' },
    // Kafka's EndTxn cannot say whether it changed anything: the assembler decides from the journal.
    { kind: 'op', at: 12, op: { op: 'commit', txn: 'T1', checkpointId: 1, subtask: 0 } },
    { kind: 'op', at: 13, op: { op: 'commit', txn: 'T1', checkpointId: 1, subtask: 0 } },
    { kind: 'op', at: 14, op: { op: 'fenced', txn: 'T2', checkpointId: 2, subtask: 0 } },
    { kind: 'op', at: 15, op: { op: 'abort', txn: 'T2', checkpointId: 2, subtask: 0 } },
    { kind: 'op', at: 16, op: { op: 'begin', txn: 'T3', checkpointId: 3, subtask: 0 } },
    { kind: 'op', at: 17, op: { op: 'write', txn: 'T3', checkpointId: 3, subtask: 0, ids: ['r2'] } },
    { kind: 'triggered', at: 18, checkpointId: 3 },
    { kind: 'op', at: 19, op: { op: 'preCommit', txn: 'T3', checkpointId: 3, subtask: 0 } },
    {
      kind: 'completed',
      at: 20,
      checkpoint: {
        id: 3,
        kind: 'checkpoint',
        triggeredAt: 18,
        status: 'completed',
        endedAt: 20,
        sourceOffsets: { 'input#0': 3 },
        appendState: { k0: ['r0', 'r1', 'r2'] },
      },
    },
    { kind: 'op', at: 21, op: { op: 'commit', txn: 'T3', checkpointId: 3, subtask: 0 } },
  ];
}

function assemble(journal: JournalEntry[], final: Record<string, string[]> = { k0: ['r0', 'r1', 'r2'] }) {
  return assembleHistory({
    scenario: 'test',
    seed: 1,
    inputs,
    journal,
    reads: [],
    final,
    outcome: 'finished',
  });
}

describe('assembleHistory', () => {
  it('numbers operations, completions and restarts in journal order and records the aborted checkpoint', () => {
    const h = assemble(killedAfterCompletion());
    const seqs = [
      ...h.operations.map((o) => o.seq),
      ...h.checkpoints.map((c) => c.seq as number),
      ...h.restarts.map((r) => r.seq as number),
    ].sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    expect(h.checkpoints.map((c) => [c.id, c.status])).toEqual([
      [1, 'completed'],
      [2, 'aborted'],
      [3, 'completed'],
    ]);
    expect(h.faults).toEqual([
      { at: 10, kind: 'kill -9', detail: 'attempt 0: after pre-commit of checkpoint 2' },
    ]);
    expect(h.restarts).toMatchObject([{ attempt: 1, restoredFrom: 1 }]);
    expect(h.inputs.input).toEqual(inputs);
  });

  it('takes a commit the system could not qualify as effective only when it is the transaction’s first', () => {
    const h = assemble(killedAfterCompletion());
    expect(h.operations.filter((o) => o.op === 'commit').map((o) => [o.txn, o.effective])).toEqual([
      ['T1', true],
      ['T1', false],
      ['T3', true],
    ]);
  });

  it('gives the checkers a history they accept when the run was right', () => {
    const h = assemble(killedAfterCompletion());
    expect(checkTwoPhaseCommit(h)).toMatchObject({
      ok: true,
      committed: 2,
      aborted: 1,
      idempotentRecommits: 1,
    });
    expect(checkGuarantee(h).level).toBe('exactly-once');
    expect(checkConsistentCuts(h)).toMatchObject({ ok: true, checked: 2 });
  });

  it('gives the checkers a history they reject when the run was wrong', () => {
    const journal = killedAfterCompletion();
    // Commit T1 before its checkpoint completed, and lose r2 from the second checkpoint's state.
    const early = journal.findIndex((e) => e.kind === 'completed');
    const commit = journal.find((e) => e.kind === 'op' && e.op.op === 'commit') as JournalEntry;
    const bad = [...journal.slice(0, early), commit, ...journal.slice(early)].map((e) =>
      e.kind === 'completed' && e.checkpoint.id === 3
        ? { ...e, checkpoint: { ...e.checkpoint, appendState: { k0: ['r0', 'r1'] } } }
        : e,
    );
    const h = assemble(bad, { k0: ['r0', 'r1', 'r2', 'r2'] });
    expect(checkTwoPhaseCommit(h).violations.map((v) => v.kind)).toContain('commit-before-checkpoint');
    expect(checkConsistentCuts(h).violations.map((v) => v.kind)).toContain('pre-barrier-missing');
    expect(checkGuarantee(h).level).toBe('at-least-once');
  });
});
