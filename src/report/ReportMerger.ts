import { entryAgrees } from '../matrix/EntryAgreement.ts';
import type { ConsistencyReport, MatrixCell, MatrixEntryResult, RealRow } from '../matrix/types.ts';
import { ReportError } from './ReportError.ts';
import { cellRank } from './TableLayout.ts';

export interface NamedReport {
  /** Where it came from, for error messages. */
  readonly name: string;
  readonly report: ConsistencyReport;
}

/**
 * Whether a report agrees with the table: every entry agrees (holds and is
 * tight, or fails only as a documented known finding: src/matrix's
 * entryAgrees), and every real row agrees.
 */
export function reportAgrees(entries: readonly MatrixEntryResult[], real?: readonly RealRow[]): boolean {
  return entries.every(entryAgrees) && (real ?? []).every((r) => r.agrees);
}

/**
 * Joins the partial reports of `streamproof matrix --shard i/n` (DESIGN §10)
 * into the report one unsharded run writes: same seed and runs, every shard
 * present once, entries back in the matrix order. Reports without a shard
 * (e.g. one per mode) merge too when their entries do not overlap.
 */
export function mergeReports(
  reports: readonly NamedReport[],
  order: (cell: MatrixCell) => number = cellRank,
): ConsistencyReport {
  const first = reports[0];
  if (first === undefined) throw new ReportError('nothing to merge: give at least one consistency.json');
  for (const { name, report } of reports) {
    if (report.seed !== first.report.seed) {
      throw new ReportError(
        `cannot merge ${name} (seed ${report.seed}) with ${first.name} (seed ${first.report.seed}): shards must come from one seed`,
      );
    }
    if (report.runs !== first.report.runs) {
      throw new ReportError(
        `cannot merge ${name} (${report.runs} runs) with ${first.name} (${first.report.runs} runs): shards must use the same --runs`,
      );
    }
  }
  const sharded = reports.filter((r) => r.report.shard !== undefined);
  if (sharded.length > 0) {
    if (sharded.length !== reports.length) {
      const whole = reports.find((r) => r.report.shard === undefined) as NamedReport;
      throw new ReportError(`cannot merge ${whole.name}, a whole report, with shards; merge shards only`);
    }
    const count = first.report.shard?.count ?? 0;
    const seen = new Map<number, string>();
    for (const { name, report } of reports) {
      const shard = report.shard as { index: number; count: number };
      if (shard.count !== count) {
        throw new ReportError(
          `cannot merge ${name} (shard ${shard.index}/${shard.count}) with shards of ${count}`,
        );
      }
      const twice = seen.get(shard.index);
      if (twice !== undefined)
        throw new ReportError(`shard ${shard.index}/${count} given twice: ${twice} and ${name}`);
      seen.set(shard.index, name);
    }
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
    if (missing.length > 0) {
      throw new ReportError(
        `shard ${missing.map((i) => `${i}/${count}`).join(', ')} missing: give the consistency.json of every shard`,
      );
    }
  }
  const byId = new Map<string, { entry: MatrixEntryResult; from: string }>();
  for (const { name, report } of reports) {
    for (const entry of report.entries) {
      const other = byId.get(entry.id);
      if (other !== undefined)
        throw new ReportError(`entry ${entry.id} is in both ${other.from} and ${name}`);
      byId.set(entry.id, { entry, from: name });
    }
  }
  const entries = [...byId.values()].map((e) => e.entry).sort((a, b) => order(a) - order(b));
  const real = reports.flatMap((r) => r.report.real ?? []);
  return {
    version: 1,
    tool: 'streamproof',
    seed: first.report.seed,
    runs: first.report.runs,
    entries,
    ...(real.length === 0 ? {} : { real }),
    agrees: reportAgrees(entries, real),
    millis: reports.reduce((sum, r) => sum + r.report.millis, 0),
  };
}
