import type { MatrixEntryResult } from '../matrix/types.ts';
import { entryScenarioName, replayCommand } from '../report/ReplayCommand.ts';

/** One line per finished matrix entry: verdict against the table, runs, time. */
export function entryLine(e: MatrixEntryResult, done: number, total: number): string {
  const width = String(total).length;
  const verdict =
    e.observed === e.expected ? e.observed.padEnd(13) : `${e.observed} (expected ${e.expected})`.padEnd(13);
  const flags = `${e.holds ? 'holds' : 'DOES NOT HOLD'}, ${e.tight ? 'tight' : 'NOT TIGHT'}`;
  return (
    `[${String(done).padStart(width)}/${total}] ${e.id.padEnd(32)} ${verdict} ${flags.padEnd(18)} ` +
    `${e.runs}+${e.searchRuns} runs ${(e.millis / 1000).toFixed(1)} s`
  );
}

/**
 * What to do about an entry that disagrees with the table: for a violation its
 * seed, path and replay command; for a missing counterexample the command
 * that searches again.
 */
export function disagreementLines(e: MatrixEntryResult, matrix: { seed: number; runs: number }): string[] {
  const lines: string[] = [];
  if (!e.holds) {
    const v = e.violation;
    const what = e.knownFinding === undefined ? 'FAILED' : 'FINDING (documented)';
    lines.push(`${what} ${e.id}: expected ${e.expected}, observed ${e.observed}${v ? `: ${v.summary}` : ''}`);
    if (e.knownFinding !== undefined) lines.push(`  why: ${e.knownFinding}`);
    if (v !== undefined) {
      lines.push(`  seed ${v.seed}, path ${v.path === '' ? "''" : v.path}, trace hash ${v.traceHash}`);
      lines.push(`  replay: ${replayCommand(e.id, v)}`);
    }
  }
  if (!e.tight) {
    lines.push(`NOT TIGHT ${e.id}: ${e.tightness}; no counterexample in ${e.searchRuns} search runs`);
    lines.push(
      `  seed ${matrix.seed}; search again: npx streamproof run ${entryScenarioName(e.id)} --seed ${matrix.seed} --runs ${matrix.runs}`,
    );
  }
  return lines;
}
