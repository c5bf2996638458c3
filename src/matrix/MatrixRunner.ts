import fc from 'fast-check';
import type { GuaranteeLevel } from '../check/GuaranteeChecker.ts';
import type { CheckpointMode } from '../checkpoint/types.ts';
import { entryAgrees } from './EntryAgreement.ts';
import { expectedLevel, MODES, SINKS, SOURCES, satisfies } from './ExpectedTable.ts';
import { knownFinding } from './KnownFindings.ts';
import { matrixCaseArbitrary } from './MatrixCaseArbitrary.ts';
import { type MatrixCase, type MatrixRun, runMatrixCase } from './MatrixScenario.ts';
import { NO_STOPWATCH, type Stopwatch } from './Stopwatch.ts';
import type { ConsistencyReport, Counterexample, MatrixCell, MatrixEntryResult } from './types.ts';

/** The 24 entries (2 sources x 4 sinks x 3 modes) in a fixed order, optionally only some modes. */
export function matrixCells(modes: readonly CheckpointMode[] = MODES): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (const mode of MODES) {
    if (!modes.includes(mode)) continue;
    for (const source of SOURCES) for (const sink of SINKS) cells.push({ source, sink, mode });
  }
  return cells;
}

export function entryId(cell: MatrixCell): string {
  return `${cell.source}/${cell.sink}/${cell.mode}`;
}

/** Parses "resettable/2pc/aligned" back into a cell; undefined when it names none. */
export function parseEntryId(id: string): MatrixCell | undefined {
  return matrixCells().find((c) => entryId(c) === id);
}

const RANK: Record<GuaranteeLevel, number> = {
  'exactly-once': 3,
  'at-least-once': 2,
  'at-most-once': 2,
  none: 0,
};

function weaker(a: GuaranteeLevel, b: GuaranteeLevel): GuaranteeLevel {
  if (a === b) return a;
  if (RANK[a] !== RANK[b]) return RANK[a] < RANK[b] ? a : b;
  // at-least-once and at-most-once together: neither holds for every run.
  return 'none';
}

/** Whether a run meets the entry's level, including the 2PC protocol for 2PC sinks. */
/**
 * Whether a run kept `level`, and ended: a job that stalls (hits its step or time limit) has a
 * liveness bug, whatever its unread records would make the guarantee checker say.
 */
function meets(run: MatrixRun, level: GuaranteeLevel): boolean {
  return (
    run.history.outcome === 'finished' &&
    satisfies(run.guarantee.holds, level) &&
    (run.twoPhase === undefined || run.twoPhase.ok)
  );
}

export function describeFaults(c: MatrixCase): string {
  if (c.plan.faults.length === 0) return 'no injected fault';
  return c.plan.faults
    .map((f) => {
      switch (f.kind) {
        case 'crash':
          return `a task crash at step ${f.atStep}`;
        case 'crash-at':
          return `a crash at '${f.point}' (#${f.occurrence})`;
        case 'coordinator-failover':
          return `a coordinator failover at step ${f.atStep}`;
        case 'notification':
          return `a ${f.effect} notification of checkpoint ${f.checkpoint}`;
        case 'decline':
          return `checkpoint ${f.checkpoint} declined`;
        case 'slow-upload':
          return `a slow upload (${f.delay} ms) for checkpoint ${f.checkpoint}`;
        case 'system-error':
          return `a ${f.op} error of the sink's system (#${f.occurrence})`;
        case 'clock-jump':
          return `a ${f.by} ms clock jump at step ${f.atStep}`;
        case 'rescale':
          return `stop-with-savepoint at ${f.at} ms and resume with parallelism ${f.parallelism}`;
      }
      return '';
    })
    .join(' and ');
}

/** The replay command for a failing case of an entry. */
export function replayCommand(cell: MatrixCell, seed: number, path: string): string {
  return `npx streamproof replay ${entryId(cell)} --seed ${seed} --path ${path}`;
}

function counterexample(
  cell: MatrixCell,
  details: fc.RunDetails<[MatrixCase]>,
  what: (run: MatrixRun) => string,
): Counterexample | undefined {
  if (!details.failed || details.counterexample === null) return undefined;
  const [c] = details.counterexample;
  const run = runMatrixCase(c);
  const path = details.counterexamplePath ?? '';
  return {
    summary: `${what(run)} after ${describeFaults(c)} (${c.records} records, ${c.plan.faults.length} fault(s))`,
    observed: run.guarantee.level,
    seed: details.seed,
    path,
    runSeed: c.seed,
    records: c.records,
    faults: c.plan.faults.length,
    traceHash: run.traceHash,
    replay: replayCommand(cell, details.seed, path),
    scenario: c,
  };
}

function firstProblem(run: MatrixRun, level: GuaranteeLevel): string {
  if (run.history.outcome !== 'finished') {
    const status = run.results.map((r) => r.status).join(', then ');
    return `the job did not finish (${status}): ${run.guarantee.explanation}`;
  }
  const g = run.guarantee;
  if (!satisfies(g.holds, level)) {
    if (level === 'at-least-once' || (level === 'exactly-once' && g.lost.length > 0)) {
      return `lost ${g.lost[0]} (${g.explanation})`;
    }
    if (g.duplicated.length > 0) {
      const d = g.duplicated[0] as { id: string; count: number };
      return `duplicate of ${d.id} (x${d.count}) (${g.explanation})`;
    }
    return g.explanation;
  }
  return run.twoPhase?.explanation ?? g.explanation;
}

/** DESIGN §3's target for a shrunk counterexample. */
const SMALL = { records: 10, faults: 2 };
/** Further searches, from the next seeds, when the first one shrank to a larger counterexample. */
const EXTRA_SEARCHES = 4;

function smaller(a: Counterexample, b: Counterexample): boolean {
  return a.records + a.faults < b.records + b.faults;
}

/**
 * The tightness search. fast-check shrinks one field at a time, so a case can get stuck above
 * DESIGN §3's target (11 records whose write error #10 needs 10 writes: neither shrinks alone);
 * then a few more searches from the next seeds run and the smallest counterexample is kept. Each
 * keeps its own seed and path, so it replays as printed.
 */
function searchSmallCounterexample(
  cell: MatrixCell,
  property: fc.IProperty<[MatrixCase]>,
  what: (run: MatrixRun) => string,
  numRuns: number,
  seed: number,
): { search: fc.RunDetails<[MatrixCase]>; found: Counterexample | undefined } {
  let search = fc.check(property, { numRuns, seed });
  let found = counterexample(cell, search, what);
  let runs = search.numRuns;
  for (let extra = 1; extra <= EXTRA_SEARCHES && found !== undefined; extra++) {
    if (found.records <= SMALL.records && found.faults <= SMALL.faults) break;
    const again = fc.check(property, { numRuns, seed: seed + extra * 7919 });
    runs += again.numRuns;
    const other = counterexample(cell, again, what);
    if (other !== undefined && smaller(other, found)) {
      found = other;
      search = again;
    }
  }
  return { search: { ...search, numRuns: runs }, found };
}

export interface EntryOptions {
  /** Runs of the holds property. */
  readonly runs: number;
  /** fast-check seed; the same seed gives the same cases, verdicts and trace hashes. */
  readonly seed: number;
  /** Runs of the tightness search (default 10 x runs). */
  readonly searchRuns?: number;
  /** Wall time for the report's millis; without it they are 0. */
  readonly stopwatch?: Stopwatch;
}

/**
 * Judges one entry: "holds" = the expected level held in every generated run
 * (a fast-check property over workloads, topologies, schedules and fault
 * plans); "tight" = a search found, and shrank, a run violating the next
 * stronger level (for at-most-once: a lost record; for at-least-once: a
 * duplicate); for exactly-once, whose guarantee has nothing stronger, tight
 * means the guarantee was exercised: a found run recovered from a completed
 * checkpoint and stayed exactly-once. A violated expectation is a finding and
 * is returned with its counterexample, never hidden.
 */
export function runMatrixEntry(cell: MatrixCell, options: EntryOptions): MatrixEntryResult {
  const now = options.stopwatch ?? NO_STOPWATCH;
  const started = now();
  const expected = expectedLevel(cell);
  const arb = matrixCaseArbitrary(cell);
  let observed: GuaranteeLevel = 'exactly-once';
  let transient: string | undefined;
  const holdsDetails = fc.check(
    fc.property(arb, (c) => {
      const run = runMatrixCase(c);
      observed = weaker(observed, run.guarantee.level);
      if (transient === undefined && run.guarantee.transient.length > 0) {
        const t = run.guarantee.transient[0];
        if (t !== undefined) {
          transient = `a reader saw ${t.key} = [${t.seen.join(', ')}] at ${t.at} ms, not a prefix of the final [${t.final.join(', ')}]`;
        }
      }
      return meets(run, expected);
    }),
    { numRuns: options.runs, seed: options.seed },
  );
  const violation = counterexample(cell, holdsDetails, (run) => firstProblem(run, expected));
  if (violation !== undefined) observed = weaker(observed, violation.observed);

  // The search stops at its first find, so a generous budget costs little where the answer is easy.
  const searchRuns = options.searchRuns ?? options.runs * 10;
  let tightness: string;
  let property: fc.IProperty<[MatrixCase]>;
  let what: (run: MatrixRun) => string;
  if (expected === 'exactly-once') {
    tightness = 'exercised: a run restored from a completed checkpoint and stayed exactly-once';
    what = (run) =>
      `exactly-once held through ${run.history.restarts.length} restart(s) (restored from checkpoint ${run.history.restarts.find((r) => r.restoredFrom !== undefined)?.restoredFrom})`;
    property = fc.property(arb, (c) => {
      const run = runMatrixCase(c);
      const restored = run.history.restarts.some((r) => r.restoredFrom !== undefined);
      return !(restored && meets(run, 'exactly-once'));
    });
  } else {
    const stronger: GuaranteeLevel = expected === 'at-least-once' ? 'at-most-once' : 'at-least-once';
    tightness =
      expected === 'at-least-once'
        ? 'not at-most-once: a search found a duplicate'
        : 'not at-least-once: a search found a lost record';
    what = (run) => firstProblem(run, stronger);
    property = fc.property(arb, (c) => satisfies(runMatrixCase(c).guarantee.holds, stronger));
  }
  const { search, found } = searchSmallCounterexample(cell, property, what, searchRuns, options.seed + 1);
  const known = knownFinding(entryId(cell));
  // A tightness counterexample is a run too: the level it showed counts toward what was observed.
  if (found !== undefined && expected !== 'exactly-once') observed = weaker(observed, found.observed);
  return {
    ...cell,
    id: entryId(cell),
    expected,
    observed,
    holds: !holdsDetails.failed,
    tight: found !== undefined,
    tightness,
    runs: holdsDetails.numRuns,
    searchRuns: search.numRuns,
    ...(violation === undefined ? {} : { violation }),
    ...(found === undefined ? {} : { counterexample: found }),
    ...(holdsDetails.failed && known !== undefined ? { knownFinding: known.explanation } : {}),
    ...(transient === undefined ? {} : { transient }),
    millis: Math.round(now() - started),
  };
}

export interface MatrixOptions {
  readonly modes?: readonly CheckpointMode[];
  readonly runs?: number;
  readonly seed?: number;
  readonly shard?: { readonly index: number; readonly count: number };
  /** Wall time for the report's millis; without it they are 0. */
  readonly stopwatch?: Stopwatch;
}

export const DEFAULT_RUNS = 100;
export const DEFAULT_SEED = 42;

/** Which cells a shard i/n runs: every n-th cell starting at i-1, in the fixed order. */
export function shardCells(
  cells: readonly MatrixCell[],
  shard?: { index: number; count: number },
): MatrixCell[] {
  if (shard === undefined) return [...cells];
  return cells.filter((_, i) => i % shard.count === shard.index - 1);
}

/**
 * Runs the consistency matrix (or a shard of it) and returns the report that
 * consistency.json holds. Entry seeds derive from the master seed and the
 * entry's position, so a shard computes exactly what the full run does.
 */
export function runMatrix(
  options: MatrixOptions = {},
  onProgress?: (entry: MatrixEntryResult, done: number, total: number) => void,
): ConsistencyReport {
  const now = options.stopwatch ?? NO_STOPWATCH;
  const started = now();
  const runs = options.runs ?? DEFAULT_RUNS;
  const seed = options.seed ?? DEFAULT_SEED;
  const whole = matrixCells();
  const cells = shardCells(matrixCells(options.modes ?? MODES), options.shard);
  const entries: MatrixEntryResult[] = [];
  for (const cell of cells) {
    // Seeded by the position in the whole matrix, so a mode selection or a shard computes what the full run does.
    const entry = runMatrixEntry(cell, {
      runs,
      seed: entrySeed(
        seed,
        whole.findIndex((c) => entryId(c) === entryId(cell)),
      ),
      ...(options.stopwatch === undefined ? {} : { stopwatch: options.stopwatch }),
    });
    entries.push(entry);
    onProgress?.(entry, entries.length, cells.length);
  }
  return {
    version: 1,
    tool: 'streamproof',
    seed,
    runs,
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    entries,
    agrees: entries.every(entryAgrees),
    millis: Math.round(now() - started),
  };
}

/** The fast-check seed of entry `index` under master seed `seed`. */
export function entrySeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 31) + index * 7919) >>> 0;
}
