import type { MatrixEntryResult } from './types.ts';

/**
 * An entry agrees when it holds and is tight, or when it fails only as a
 * documented known finding. Its own module, without the matrix runner, so
 * that the reports and the CLI can judge entries without loading the
 * simulation (see src/cli/main.ts: commands load it only when they run).
 */
export function entryAgrees(e: MatrixEntryResult): boolean {
  return e.tight && (e.holds || e.knownFinding !== undefined);
}
