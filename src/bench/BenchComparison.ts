import type { BenchReport, MatrixWallTime, Spread } from './types.ts';

/** Which way a figure improves. */
export type Better = 'higher' | 'lower';

/** How one figure moved from the baseline report to this one. */
export interface FigureChange {
  readonly figure: string;
  readonly better: Better;
  readonly baseline: Spread;
  readonly current: Spread;
  /** current median / baseline median - 1 (0.10 = 10% more). */
  readonly change: number;
  /**
   * 'better' or 'worse' when the medians differ by more than MIN_CHANGE and the two runs' repeats
   * do not overlap (each median lies outside the other run's min-max); for figures measured once
   * in either run, when they differ by more than ONCE_BAND; else 'within noise'.
   */
  readonly verdict: 'better' | 'worse' | 'within noise';
  /** True when either run measured the figure once (no spread to judge the noise by). */
  readonly once: boolean;
}

/** This run's figures against an earlier bench.json (`npm run bench -- --compare <file>`). */
export interface BenchComparison {
  readonly baseline: {
    readonly file: string;
    readonly generatedAt: string;
    readonly cpuModel: string;
    readonly cpus: number;
  };
  /** This run's bare loop median / the baseline's: about 1 on the same host under the same load (NaN: unknown). */
  readonly hostSpeed: number;
  /**
   * False when the runs measured with other repeats (one with --quick, or another version of the
   * benchmark): figures that depend on how far V8 had compiled differ for that reason too.
   */
  readonly sameRepeats: boolean;
  readonly figures: readonly FigureChange[];
  /** Figures this run has and the baseline lacks or measured otherwise (an older report), with why. */
  readonly skipped: readonly string[];
}

/**
 * No smaller change is called better or worse, however tight the repeats: two or three repeats of
 * a figure (the matrix rows, peak heap) can sit within 1% of each other in each run and still move
 * a few percent from one run to the next on the same code (two runs of 932e5a6: matrix 3.90 s and
 * 3.95 s, peak heap 148 MB and 149 MB).
 */
export const MIN_CHANGE = 0.05;
/**
 * A figure measured once in either run is judged changed beyond this fraction: with no repeats to
 * tell its noise, a wide band (three runs of 932e5a6 on one host: the --runs 20000 matrix 54.2-60.5 s
 * with one worker, the matrix entry's first repeats 1,993-2,180 cases/s, and 1,863 in a fourth).
 */
export const ONCE_BAND = 0.2;
/**
 * A bare loop this much faster or slower than the baseline's says the host (or its load) differs:
 * five runs on one host within an hour gave medians of 7.5M-8.8M records/s, and the one at 7.5M
 * had every absolute figure 10-20% lower with ratioToBaseline unchanged.
 */
export const HOST_BAND = 0.1;

/** A bad --compare file; the message is one line that says what is wrong. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

interface Comparable {
  readonly figure: string;
  readonly better: Better;
  /** The figure, or a string saying why the report cannot give it (an older report, other runs). */
  readonly of: (report: BenchReport) => Spread | string | undefined;
}

const once = (value: number | undefined): Spread | undefined =>
  value === undefined ? undefined : { min: value, median: value, max: value };

function isSpread(value: unknown): value is Spread {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return [s.min, s.median, s.max].every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** A row of a matrix comparison (`pick`), comparable only at the same runs per entry. */
function matrixRow(
  pick: (f: BenchReport['figures']) => MatrixWallTime | undefined,
  runs: number,
  value: (m: MatrixWallTime) => Spread | undefined,
): (report: BenchReport) => Spread | string | undefined {
  return (report) => {
    const m = pick(report.figures);
    if (m === undefined) return undefined;
    return m.runs === runs ? value(m) : `measured it at --runs ${m.runs.toLocaleString('en-US')}`;
  };
}

function comparables(current: BenchReport): Comparable[] {
  const f = (report: BenchReport) => report.figures;
  const list: Comparable[] = [
    { figure: 'recordsPerSecond', better: 'higher', of: (r) => f(r).recordsPerSecond },
    { figure: 'records per CPU second', better: 'higher', of: (r) => f(r).recordsPerCpuSecond },
    { figure: 'bare loop records/s (the host)', better: 'higher', of: (r) => f(r).baselineRecordsPerSecond },
    { figure: 'ratioToBaseline', better: 'lower', of: (r) => f(r).ratioToBaseline },
    { figure: 'scenario runs/s', better: 'higher', of: (r) => f(r).scenarioRunsPerSecond },
    { figure: 'scenario runs per CPU second', better: 'higher', of: (r) => f(r).scenarioRunsPerCpuSecond },
    {
      figure: 'scenario runs/s, first runs',
      better: 'higher',
      of: (r) => once(f(r).scenarioFirstRuns?.runsPerSecond),
    },
    { figure: 'matrix entry runs/s', better: 'higher', of: (r) => f(r).matrixEntryRunsPerSecond },
    {
      figure: 'matrix entry runs/s, first repeats',
      better: 'higher',
      of: (r) => once(f(r).matrixEntryFirstRuns?.runsPerSecond),
    },
  ];
  for (const g of current.figures.growth) {
    list.push({
      figure: `ns/record, ${g.records.toLocaleString('en-US')} records`,
      better: 'lower',
      of: (r) => f(r).growth?.find((x) => x.records === g.records)?.nsPerRecord,
    });
  }
  list.push({ figure: 'peak heap MB', better: 'lower', of: (r) => f(r).peakHeapMB });
  const matrices: [number, (x: BenchReport['figures']) => MatrixWallTime | undefined][] = [
    [current.figures.matrixWallTime.runs, (x) => x.matrixWallTime],
    [current.figures.longMatrixWallTime.runs, (x) => x.longMatrixWallTime],
  ];
  for (const [runs, pick] of matrices) {
    const label = `matrix --runs ${runs.toLocaleString('en-US')}`;
    list.push(
      { figure: `${label}, --workers 1 (s)`, better: 'lower', of: matrixRow(pick, runs, (m) => m.workers1) },
      { figure: `${label}, --workers 2 (s)`, better: 'lower', of: matrixRow(pick, runs, (m) => m.workers2) },
      {
        figure: `${label}, speed-up of --workers 2`,
        better: 'higher',
        of: matrixRow(pick, runs, (m) => once(m.speedup)),
      },
    );
    if (pick(current.figures)?.shardPair !== undefined) {
      list.push({
        figure: `${label}, two --shard processes at once (s)`,
        better: 'lower',
        of: matrixRow(pick, runs, (m) => m.shardPair?.wall),
      });
    }
  }
  list.push(
    { figure: 'warm pool, 1 thread (s)', better: 'lower', of: (r) => f(r).warmPool?.warm1 },
    { figure: 'warm pool, 2 threads (s)', better: 'lower', of: (r) => f(r).warmPool?.warm2 },
  );
  return list;
}

function verdictOf(
  baseline: Spread,
  current: Spread,
  better: Better,
): { verdict: FigureChange['verdict']; once: boolean } {
  const single = (s: Spread) => s.min === s.max;
  const isOnce = single(baseline) || single(current);
  const change = Math.abs(current.median / baseline.median - 1);
  const moved = isOnce
    ? change > ONCE_BAND
    : change > MIN_CHANGE &&
      (current.median < baseline.min || current.median > baseline.max) &&
      (baseline.median < current.min || baseline.median > current.max);
  if (!moved) return { verdict: 'within noise', once: isOnce };
  const up = current.median > baseline.median;
  return { verdict: up === (better === 'higher') ? 'better' : 'worse', once: isOnce };
}

/**
 * Reads the baseline of `--compare`: a bench.json an earlier `npm run bench` wrote. Throws
 * BaselineError (one line) when it is not one.
 */
export function parseBaseline(text: string): BenchReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const r = data as Partial<BenchReport> | null;
  if (typeof r !== 'object' || r === null || r.version !== 1) {
    throw new BaselineError('not a benchmark report (no "version": 1)');
  }
  if (typeof r.figures !== 'object' || r.figures === null || !isSpread(r.figures.recordsPerSecond)) {
    throw new BaselineError('not a benchmark report (no figures.recordsPerSecond)');
  }
  if (typeof r.machine !== 'object' || r.machine === null || typeof r.generatedAt !== 'string') {
    throw new BaselineError('not a benchmark report (no machine or generatedAt)');
  }
  return r as BenchReport;
}

/** This run's bare loop median over the baseline's; NaN when the baseline has none. */
function hostSpeedOf(baseline: BenchReport, current: BenchReport): number {
  const then = baseline.figures.baselineRecordsPerSecond;
  return isSpread(then) && then.median > 0
    ? current.figures.baselineRecordsPerSecond.median / then.median
    : Number.NaN;
}

/** Every figure this run shares with `baseline`, with its change and whether it is beyond the noise. */
export function compareReports(baseline: BenchReport, file: string, current: BenchReport): BenchComparison {
  const figures: FigureChange[] = [];
  const skipped: string[] = [];
  for (const c of comparables(current)) {
    const now = c.of(current);
    if (!isSpread(now)) continue;
    let then: unknown;
    try {
      then = c.of(baseline);
    } catch {
      then = undefined;
    }
    if (typeof then === 'string') {
      skipped.push(`${c.figure}: the baseline ${then}`);
      continue;
    }
    if (!isSpread(then) || then.median === 0) {
      skipped.push(`${c.figure}: not in the baseline`);
      continue;
    }
    const { verdict, once: isOnce } = verdictOf(then, now, c.better);
    figures.push({
      figure: c.figure,
      better: c.better,
      baseline: then,
      current: now,
      change: now.median / then.median - 1,
      verdict,
      once: isOnce,
    });
  }
  return {
    baseline: {
      file,
      generatedAt: baseline.generatedAt,
      cpuModel: baseline.machine.cpuModel,
      cpus: baseline.machine.cpus,
    },
    hostSpeed: hostSpeedOf(baseline, current),
    sameRepeats: JSON.stringify(baseline.repeats) === JSON.stringify(current.repeats),
    figures,
    skipped,
  };
}
