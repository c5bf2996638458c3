import type { GuaranteeLevel } from '../check/GuaranteeChecker.ts';

/** A cell where the seed's table is optimistic, found by the matrix and explained. */
export interface KnownFinding {
  readonly id: string;
  /** The level the faithful model actually guarantees. */
  readonly actual: GuaranteeLevel;
  readonly explanation: string;
}

const WAL =
  "Flink's GenericWriteAheadSink re-sends a completed checkpoint's values after a crash between sendValues() " +
  'and the CheckpointCommitter mark, so the sink itself duplicates; with a source that cannot rewind, records ' +
  'are also lost: neither at-most-once nor at-least-once holds. The seed counts only the source here.';

const UNALIGNED_REPLAY =
  'An unaligned checkpoint stores in-flight records as channel state and replays them on recovery, ' +
  'whatever the source: a record already written after the checkpoint is written again, while records ' +
  'read after the checkpoint are lost. The seed assumes aligned checkpoints.';

/**
 * Cells where the matrix disagrees with the seed's table for a reason that
 * is understood and documented (DESIGN §5: a disagreement is a finding,
 * reported with its replay command, never hidden). The report shows the
 * seed's expectation, the observed level and this explanation; a
 * disagreement that is not listed here makes `streamproof matrix` fail.
 */
export const KNOWN_FINDINGS: readonly KnownFinding[] = [
  { id: 'not-resettable/wal/aligned', actual: 'none', explanation: WAL },
  { id: 'not-resettable/wal/unaligned', actual: 'none', explanation: WAL },
  { id: 'not-resettable/wal/at-least-once', actual: 'none', explanation: WAL },
  { id: 'not-resettable/any/unaligned', actual: 'none', explanation: UNALIGNED_REPLAY },
  {
    id: 'not-resettable/idempotent/unaligned',
    actual: 'none',
    explanation:
      `${UNALIGNED_REPLAY} For the idempotent sink the replayed record is appended at another list position ` +
      'than before the crash (the records read after the checkpoint that preceded it are gone), so its upsert ' +
      'lands under a new key and the old one stays: a duplicate.',
  },
];

export function knownFinding(id: string): KnownFinding | undefined {
  return KNOWN_FINDINGS.find((f) => f.id === id);
}
