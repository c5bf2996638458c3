import type { GuaranteeLevel } from '../check/GuaranteeChecker.ts';
import type { CheckpointMode } from '../checkpoint/types.ts';
import type { MatrixCell, SinkKind, SourceKind } from './types.ts';

/** What each component guarantees on its own (DESIGN §1, §4). */
const SOURCE: Record<SourceKind, GuaranteeLevel> = {
  resettable: 'exactly-once',
  'not-resettable': 'at-most-once',
};
const ENGINE: Record<CheckpointMode, GuaranteeLevel> = {
  aligned: 'exactly-once',
  unaligned: 'exactly-once',
  'at-least-once': 'at-least-once',
};
const SINK: Record<SinkKind, GuaranteeLevel> = {
  any: 'at-least-once',
  idempotent: 'exactly-once',
  wal: 'at-least-once',
  '2pc': 'exactly-once',
};

/**
 * End to end = the weakest of source, engine and sink. A source that cannot
 * rewind loses what was read after the last checkpoint, so it caps everything
 * at at-most-once; otherwise the weaker of engine and sink applies.
 */
export function expectedLevel(cell: MatrixCell): GuaranteeLevel {
  const levels = [SOURCE[cell.source], ENGINE[cell.mode], SINK[cell.sink]];
  if (levels.includes('at-most-once')) return 'at-most-once';
  if (levels.includes('at-least-once')) return 'at-least-once';
  return 'exactly-once';
}

/** Whether a run's verdict satisfies a level (exactly-once needs all three properties). */
export function satisfies(
  holds: { readonly exactlyOnce: boolean; readonly atLeastOnce: boolean; readonly atMostOnce: boolean },
  level: GuaranteeLevel,
): boolean {
  switch (level) {
    case 'exactly-once':
      return holds.exactlyOnce;
    case 'at-least-once':
      return holds.atLeastOnce;
    case 'at-most-once':
      return holds.atMostOnce;
    case 'none':
      return true;
  }
}

export const SOURCES: readonly SourceKind[] = ['not-resettable', 'resettable'];
export const SINKS: readonly SinkKind[] = ['any', 'idempotent', 'wal', '2pc'];
export const MODES: readonly CheckpointMode[] = ['aligned', 'unaligned', 'at-least-once'];
