import type { RealRow } from '../matrix/types.ts';

/**
 * The "agrees" cell of a real-system row, as plain text: a check mark, and for a row that differs
 * from the seed's table the finding (documented or not) and the history file that shows it, linked
 * relative to the report (consistency.* sit next to the real/ folder of histories).
 */
export function realRowVerdict(r: RealRow): { readonly text: string; readonly history?: string } {
  const history = r.history === undefined ? undefined : r.history.replace(/^(.*\/)?reports\//, '');
  const mark = r.agrees ? '✓' : '✗';
  const finding = r.finding === undefined ? '' : ` ${r.finding}`;
  return history === undefined ? { text: `${mark}${finding}` } : { text: `${mark}${finding}`, history };
}
