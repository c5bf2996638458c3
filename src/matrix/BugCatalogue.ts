import type { DefectName } from '../runtime/execution/Defects.ts';
import type { MatrixCase } from './MatrixScenario.ts';
import type { MatrixCell } from './types.ts';

/** One seeded bug and the suite that must catch it: a matrix entry's holds property with the bug on. */
export interface BugCatalogueEntry {
  readonly defect: DefectName;
  /** What the defect does, in one line. */
  readonly what: string;
  /** The real behaviour or bug it mirrors (the hook's comment says the same where the code is). */
  readonly mirrors: string;
  readonly cell: MatrixCell;
  readonly workload: 'list-append' | 'event-time-buffer';
}

const TWO_PC: MatrixCell = { source: 'resettable', sink: '2pc', mode: 'aligned' };
const IDEMPOTENT: MatrixCell = { source: 'resettable', sink: 'idempotent', mode: 'aligned' };

/**
 * The seeded bugs of DESIGN §7 and where each is hunted: the matrix entry
 * whose expected guarantee it must break (exactly-once for the resettable
 * 2PC and idempotent cells, at-least-once for any and WAL), judged by the
 * guarantee checker, the 2PC protocol checker and, with a resettable source
 * and exactly-once checkpoints, the consistent-cut checker. The timer and
 * watermark bugs run the event-time buffer workload (records released by
 * event-time timers, late records dropped) in the same cell.
 */
export const BUG_CATALOGUE: readonly BugCatalogueEntry[] = [
  {
    defect: 'no-alignment',
    what: 'exactly-once checkpoints do not block a channel whose barrier arrived',
    mirrors:
      'FLINK-17568 (a task consumed input after the barrier before the checkpoint was performed: duplicates); alignment as in CheckpointBarrierHandler',
    cell: TWO_PC,
    workload: 'list-append',
  },
  {
    defect: 'snapshot-on-first-barrier',
    what: 'an aligned task snapshots at the first barrier instead of the last',
    mirrors:
      'the ABS algorithm (Carbone et al. 2015) snapshots after the last barrier; pre-barrier in-flight data lost as in FLINK-18139',
    cell: TWO_PC,
    workload: 'list-append',
  },
  {
    defect: 'barrier-forwarded-before-snapshot',
    what: 'the barrier goes downstream at the first arrival, the snapshot waits for alignment',
    mirrors:
      'the order of SubtaskCheckpointCoordinatorImpl.checkpointState (align, forward, snapshot); no JIRA found',
    cell: TWO_PC,
    workload: 'list-append',
  },
  {
    defect: 'source-offset-off-by-one',
    what: "the source reader's snapshot names one offset past the next record to read",
    mirrors: 'FLINK-4618 / FLINK-4723 (Kafka consumer offsets off by one: "last read" vs "next to read")',
    cell: { source: 'resettable', sink: 'any', mode: 'aligned' },
    workload: 'list-append',
  },
  {
    defect: 'commit-on-precommit',
    what: 'the 2PC sink commits its transaction at the barrier (pre-commit)',
    mirrors: "FLINK-7210's TwoPhaseCommitSinkFunction contract: commit only in notifyCheckpointComplete",
    cell: TWO_PC,
    workload: 'list-append',
  },
  {
    defect: 'recovery-aborts-pending',
    what: "on restore, the checkpoint's pre-committed transactions are aborted instead of committed",
    mirrors: 'FLINK-8086 / FLINK-24131 (recovered transactions ended without commit: silent data loss)',
    cell: TWO_PC,
    workload: 'list-append',
  },
  {
    defect: 'non-idempotent-recommit',
    what: 'the transactional store applies a repeated commit again',
    mirrors:
      'FLINK-8132 (recoverAndCommit committed a later transaction of the same producer: duplicates); apache/pulsar#19629',
    cell: TWO_PC,
    workload: 'list-append',
  },
  {
    defect: 'lingering-not-aborted',
    what: 'no recoverAndAbort and no abort of lingering transactions after a failure',
    mirrors: 'FLINK-23854 (lingering Kafka transactions not aborted reliably), FLINK-10455',
    cell: TWO_PC,
    workload: 'list-append',
  },
  {
    defect: 'short-transaction-timeout',
    what: "the 2PC store's prepared-transaction timeout (10 ms) is shorter than a recovery (20 ms)",
    mirrors: 'transaction.timeout.ms below checkpoint interval + recovery time: FLINK-7784, KAFKA-6119',
    cell: TWO_PC,
    workload: 'list-append',
  },
  {
    defect: 'wal-mark-before-write',
    what: 'GenericWriteAheadSink marks the checkpoint committed before sending its values',
    mirrors:
      "GenericWriteAheadSink sends, then commits via the CheckpointCommitter; committer bookkeeping bugs in the Cassandra connector's review (FLINK-3311/FLINK-3332)",
    cell: { source: 'resettable', sink: 'wal', mode: 'aligned' },
    workload: 'list-append',
  },
  {
    defect: 'nondeterministic-idempotent-key',
    what: "the idempotent sink's upsert key includes the attempt number",
    mirrors:
      'record keys from non-deterministic values (apache/hudi#7829: monotonically_increasing_id keys duplicated rows)',
    cell: IDEMPOTENT,
    workload: 'list-append',
  },
  {
    defect: 'restore-latest-triggered',
    what: 'failover restores the latest triggered checkpoint (its partial acks) instead of the latest completed',
    mirrors:
      'Flink restores only from its CompletedCheckpointStore; cf. FLINK-22502 (recovery from an incomplete view of checkpoints violates consistency)',
    cell: TWO_PC,
    workload: 'list-append',
  },
  {
    defect: 'wrong-key-group-ranges',
    what: "on restore a subtask is handed its neighbour's key-group range and loses its own keyed state",
    mirrors: 'state-assignment bugs on restore and rescale: FLINK-10809, FLINK-26063',
    cell: IDEMPOTENT,
    workload: 'list-append',
  },
  {
    defect: 'timers-missing-from-snapshot',
    what: 'keyed state is snapshotted, the timer service is not',
    mirrors: 'FLINK-21486 (timers silently not restored), FLINK-19741',
    cell: TWO_PC,
    workload: 'event-time-buffer',
  },
  {
    defect: 'watermark-max',
    what: "an operator's watermark is the maximum of its inputs instead of the minimum",
    mirrors:
      'FLINK-7721 (StatusWatermarkValve emitted a watermark not aggregated from aligned channels); apache/paimon#8401',
    cell: TWO_PC,
    workload: 'event-time-buffer',
  },
  {
    defect: 'unaligned-drop-inflight',
    what: 'unaligned snapshots leave out the channel state (in-flight records)',
    mirrors: 'FLINK-20645 (unaligned checkpoints missing buffers), FLINK-18139',
    cell: { source: 'resettable', sink: '2pc', mode: 'unaligned' },
    workload: 'list-append',
  },
];

export function bugCatalogueEntry(defect: DefectName): BugCatalogueEntry {
  const entry = BUG_CATALOGUE.find((e) => e.defect === defect);
  if (entry === undefined) throw new Error(`no catalogue entry for the seeded bug '${defect}'`);
  return entry;
}

/**
 * A generated case of the defect's suite: the matrix case with the defect
 * switched on and the suite's workload. Mapping keeps fast-check's paths, so
 * caseAt(cell, seed, path) then withDefect gives the case a printed replay
 * command names.
 */
export function withDefect(c: MatrixCase, defect: DefectName): MatrixCase {
  const { workload } = bugCatalogueEntry(defect);
  return { ...c, ...(workload === 'list-append' ? {} : { workload }), defects: [defect] };
}
