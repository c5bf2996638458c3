import fc from 'fast-check';
import type { GuaranteeLevel } from '../check/GuaranteeChecker.ts';
import type { DefectName } from '../runtime/execution/Defects.ts';
import { BUG_CATALOGUE, type BugCatalogueEntry, withDefect } from './BugCatalogue.ts';
import { DEFAULT_BUG_RUNS, DEFAULT_BUG_SEED } from './BugHuntDefaults.ts';
import { failingCheckers, failureExplanation } from './BugJudgement.ts';
import { expectedLevel } from './ExpectedTable.ts';
import { matrixCaseArbitrary } from './MatrixCaseArbitrary.ts';
import { describeFaults, entryId, entrySeed } from './MatrixRunner.ts';
import { type MatrixCase, runMatrixCase } from './MatrixScenario.ts';
import { NO_STOPWATCH, type Stopwatch } from './Stopwatch.ts';
import type { BugControl, BugReport, BugResult, Counterexample, MatrixCell } from './types.ts';

export { DEFAULT_BUG_RUNS, DEFAULT_BUG_SEED };

/** DESIGN §3's target for a counterexample: at most this many records and faults. */
const SMALL = { records: 10, faults: 2 };
/** Further searches (next seeds) for a smaller counterexample when the first shrinks to a larger one. */
const REFINEMENTS = 3;

type Workload = BugCatalogueEntry['workload'];

/** A suite of the catalogue: a matrix entry's holds property over one workload. */
export interface BugSuite {
  readonly cell: MatrixCell;
  readonly workload: Workload;
}

/** The fast-check seed of the catalogue's `index`-th search under master seed `seed`. */
export function bugSeed(seed: number, index: number): number {
  return entrySeed((seed ^ 0x5eeded) >>> 0, index);
}

/** The command that replays a seeded bug's counterexample. */
export function bugReplayCommand(entry: BugCatalogueEntry, seed: number, path: string): string {
  return `npx streamproof replay ${entryId(entry.cell)} --seed ${seed} --path ${path} --defect ${entry.defect}`;
}

/** The replay command of a case of a suite with no defect switched on. */
function suiteReplayCommand(suite: BugSuite, seed: number, path: string): string {
  const workload = suite.workload === 'list-append' ? '' : ` --workload ${suite.workload}`;
  return `npx streamproof replay ${entryId(suite.cell)} --seed ${seed} --path ${path}${workload}`;
}

function suiteCase(c: MatrixCase, workload: Workload): MatrixCase {
  return workload === 'list-append' ? c : { ...c, workload };
}

function counterexampleOf(
  details: fc.RunDetails<[MatrixCase]>,
  cell: MatrixCell,
  expected: GuaranteeLevel,
  prefix: string,
  replay: (seed: number, path: string) => string,
): Counterexample | undefined {
  if (!details.failed || details.counterexample === null) return undefined;
  const [c] = details.counterexample;
  const run = runMatrixCase(c);
  const path = details.counterexamplePath ?? '';
  const failing = failingCheckers(run, cell, expected);
  return {
    summary: `${prefix}${failureExplanation(run, failing)} after ${describeFaults(c)} (${c.records} records, ${c.plan.faults.length} fault(s))`,
    observed: run.guarantee.level,
    seed: details.seed,
    path,
    runSeed: c.seed,
    records: c.records,
    faults: c.plan.faults.length,
    traceHash: run.traceHash,
    replay: replay(details.seed, path),
    scenario: c,
  };
}

function isSmaller(a: Counterexample, b: Counterexample): boolean {
  return a.records < b.records || (a.records === b.records && a.faults < b.faults);
}

/**
 * Hunts one seeded bug: the holds property of its suite (the matrix entry's
 * generated workloads, topologies, schedules and fault plans) with the defect
 * switched on, judged by the guarantee, 2PC protocol and consistent-cut
 * checkers. Records the runs and wall time to the first failing run, then the
 * shrunk counterexample (searching the next seeds when it is still larger
 * than 10 records or 2 faults) with the checkers that reject it and its replay
 * command.
 */
export function runBug(
  entry: BugCatalogueEntry,
  options: { runs: number; seed: number; stopwatch?: Stopwatch },
): BugResult {
  const now = options.stopwatch ?? NO_STOPWATCH;
  const started = now();
  const expected = expectedLevel(entry.cell);
  const arb = matrixCaseArbitrary(entry.cell).map((c) => withDefect(c, entry.defect));
  const replay = (seed: number, path: string) => bugReplayCommand(entry, seed, path);
  let runs = 0;
  let firstRun = 0;
  let millisToCatch = 0;
  const property = fc.property(arb, (c) => {
    const failing = failingCheckers(runMatrixCase(c), entry.cell, expected);
    if (firstRun === 0) {
      runs++;
      if (failing.length > 0) {
        firstRun = runs;
        millisToCatch = now() - started;
      }
    }
    return failing.length === 0;
  });
  const details = fc.check(property, { numRuns: options.runs, seed: options.seed });
  let counterexample = counterexampleOf(details, entry.cell, expected, '', replay);
  for (let k = 1; k <= REFINEMENTS && counterexample !== undefined; k++) {
    if (counterexample.records <= SMALL.records && counterexample.faults <= SMALL.faults) break;
    const again = fc.check(property, { numRuns: options.runs, seed: (options.seed + k) >>> 0 });
    const other = counterexampleOf(again, entry.cell, expected, '', replay);
    if (other !== undefined && isSmaller(other, counterexample)) counterexample = other;
  }
  const caughtBy =
    counterexample === undefined
      ? []
      : failingCheckers(runMatrixCase(counterexample.scenario as MatrixCase), entry.cell, expected);
  return {
    defect: entry.defect,
    what: entry.what,
    mirrors: entry.mirrors,
    entry: entryId(entry.cell),
    workload: entry.workload,
    expected,
    caught: counterexample !== undefined,
    caughtBy,
    runs: firstRun === 0 ? runs : firstRun,
    millisToCatch: Math.round(firstRun === 0 ? now() - started : millisToCatch),
    millis: Math.round(now() - started),
    ...(counterexample === undefined ? {} : { counterexample }),
  };
}

/** The distinct suites of the catalogue, in catalogue order. */
export function bugSuites(entries: readonly BugCatalogueEntry[] = BUG_CATALOGUE): BugSuite[] {
  const suites: BugSuite[] = [];
  for (const e of entries) {
    if (!suites.some((s) => entryId(s.cell) === entryId(e.cell) && s.workload === e.workload)) {
      suites.push({ cell: e.cell, workload: e.workload });
    }
  }
  return suites;
}

/**
 * A suite with no defect switched on (the control): every run must pass the
 * same checkers, or the suite raises false alarms. Counts the failing runs
 * and keeps the first one, shrunk.
 */
export function runBugControl(suite: BugSuite, options: { runs: number; seed: number }): BugControl {
  const expected = expectedLevel(suite.cell);
  const arb = matrixCaseArbitrary(suite.cell).map((c) => suiteCase(c, suite.workload));
  const passes = (c: MatrixCase) => failingCheckers(runMatrixCase(c), suite.cell, expected).length === 0;
  let violations = 0;
  const all = fc.check(
    fc.property(arb, (c) => {
      if (!passes(c)) violations++;
      return true;
    }),
    { numRuns: options.runs, seed: options.seed },
  );
  const example =
    violations === 0
      ? undefined
      : counterexampleOf(
          fc.check(fc.property(arb, passes), { numRuns: options.runs, seed: options.seed }),
          suite.cell,
          expected,
          `no seeded bug, ${entryId(suite.cell)} (${suite.workload}): `,
          (seed, path) => suiteReplayCommand(suite, seed, path),
        );
  return {
    entry: entryId(suite.cell),
    workload: suite.workload,
    runs: all.numRuns,
    violations,
    ...(example === undefined ? {} : { example }),
  };
}

export interface BugCatalogueOptions {
  readonly runs?: number;
  readonly seed?: number;
  /** Only these defects (default: the whole catalogue); controls run for their suites. */
  readonly defects?: readonly DefectName[];
  /** Wall time for the timing figures (time to catch); without it they are 0. */
  readonly stopwatch?: Stopwatch;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs the catalogue: every seeded bug alone against its suite, then every
 * suite with no bug (the controls), and sums up what `streamproof bugs`
 * writes as bugs.json. Each search's seed follows from the master seed and the
 * defect's place in the catalogue, so a subset computes what the full run does.
 */
export function runBugCatalogue(
  options: BugCatalogueOptions = {},
  onProgress?: (done: BugResult | BugControl) => void,
): BugReport {
  const now = options.stopwatch ?? NO_STOPWATCH;
  const started = now();
  const runs = options.runs ?? DEFAULT_BUG_RUNS;
  const seed = options.seed ?? DEFAULT_BUG_SEED;
  const chosen = BUG_CATALOGUE.filter(
    (e) => options.defects === undefined || options.defects.includes(e.defect),
  );
  const bugs: BugResult[] = [];
  for (const entry of chosen) {
    const result = runBug(entry, {
      runs,
      seed: bugSeed(seed, BUG_CATALOGUE.indexOf(entry)),
      ...(options.stopwatch === undefined ? {} : { stopwatch: options.stopwatch }),
    });
    bugs.push(result);
    onProgress?.(result);
  }
  const all = bugSuites();
  const controls: BugControl[] = [];
  for (const suite of bugSuites(chosen)) {
    const index = all.findIndex(
      (s) => entryId(s.cell) === entryId(suite.cell) && s.workload === suite.workload,
    );
    const control = runBugControl(suite, { runs, seed: bugSeed(seed, BUG_CATALOGUE.length + index) });
    controls.push(control);
    onProgress?.(control);
  }
  const caught = bugs.filter((b) => b.caught);
  return {
    version: 1,
    tool: 'streamproof',
    seed,
    runs,
    bugs,
    controls,
    caught: caught.length,
    ok: caught.length === bugs.length && controls.every((c) => c.violations === 0),
    medianMillisToCatch: median(caught.map((b) => b.millisToCatch)),
    maxMillisToCatch: Math.max(0, ...caught.map((b) => b.millisToCatch)),
    maxRecords: Math.max(0, ...caught.map((b) => b.counterexample?.records ?? 0)),
    maxFaults: Math.max(0, ...caught.map((b) => b.counterexample?.faults ?? 0)),
    millis: Math.round(now() - started),
  };
}
