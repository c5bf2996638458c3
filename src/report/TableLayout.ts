import type { CheckpointMode } from '../checkpoint/types.ts';
import type { MatrixCell, SinkKind, SourceKind } from '../matrix/types.ts';

/**
 * The consistency table as the seed draws it: sinks down, sources across, one
 * table per checkpoint mode (DESIGN §1 and §4).
 */
export const MODES: readonly CheckpointMode[] = ['aligned', 'unaligned', 'at-least-once'];
export const SOURCES: readonly SourceKind[] = ['not-resettable', 'resettable'];
export const SINKS: readonly SinkKind[] = ['any', 'idempotent', 'wal', '2pc'];

export const MODE_TITLES: Readonly<Record<CheckpointMode, string>> = {
  aligned: 'aligned exactly-once',
  unaligned: 'unaligned exactly-once',
  'at-least-once': 'at-least-once (BarrierTracker, no alignment)',
};

export const SOURCE_TITLES: Readonly<Record<SourceKind, string>> = {
  'not-resettable': 'not resettable',
  resettable: 'resettable',
};

export const SINK_TITLES: Readonly<Record<SinkKind, string>> = {
  any: 'any',
  idempotent: 'idempotent',
  wal: 'WAL',
  '2pc': '2PC',
};

/** A stable order of cells (mode, then sink, then source) for reports that know no better. */
export function cellRank(cell: MatrixCell): number {
  return (
    MODES.indexOf(cell.mode) * SINKS.length * SOURCES.length +
    SINKS.indexOf(cell.sink) * SOURCES.length +
    SOURCES.indexOf(cell.source)
  );
}
