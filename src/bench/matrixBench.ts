import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMatrixEntry } from '../matrix/MatrixRunner.ts';
import type { MatrixCell } from '../matrix/types.ts';
import { childrenCpuSeconds } from './ChildCpuTime.ts';
import { measureRepeats, type RepeatOptions, ratePerSecond, spreadOf } from './RepeatedMeasurement.ts';
import type { MatrixWallTime, Spread } from './types.ts';

/** The matrix entry issue [S8] names: aligned checkpoints, 2PC sink, resettable source. */
export const BENCH_ENTRY: MatrixCell = { source: 'resettable', sink: '2pc', mode: 'aligned' };
const ENTRY_SEED = 42;

export interface MatrixEntryBenchResult {
  /** Generated cases per second once V8 has compiled the entry (the repeats after the first ones). */
  readonly runsPerSecond: Spread;
  readonly runsPerRepeat: number;
  /** The first repeats of the entry in this process, timed once as a whole: V8 compiling while they run. */
  readonly firstRepeats: number;
  readonly firstRunsPerSecond: number;
  readonly holds: boolean;
  readonly tight: boolean;
}

/**
 * One matrix entry's property with generated fault plans, exactly as the
 * matrix runs it (src/matrix/MatrixRunner.ts runMatrixEntry, fixed seed):
 * cases judged per second of wall time. The entry runs `firstRepeats` times
 * first, timed once as a figure of its own: 100-run repeats of it rise from
 * about 450 to 4,500 cases/s over the first dozen or so (V8 compiling the
 * property, the checkers and the connectors), so repeats that started at
 * once measured the compiler as much as the entry (a median of 749 cases/s,
 * repeats 551-1,879, at 8b7f4da). The measured repeats come after.
 */
export function benchMatrixEntry(
  runs: number,
  options: RepeatOptions,
  firstRepeats: number,
): MatrixEntryBenchResult {
  let cases = 0;
  let holds = false;
  let tight = false;
  const runEntry = (): void => {
    const entry = runMatrixEntry(BENCH_ENTRY, { runs, seed: ENTRY_SEED });
    if (cases !== 0 && cases !== entry.runs + entry.searchRuns) {
      throw new Error('matrix entry: a repeat judged another number of cases (not deterministic)');
    }
    cases = entry.runs + entry.searchRuns;
    holds = entry.holds;
    tight = entry.tight;
  };
  const started = process.hrtime.bigint();
  for (let i = 0; i < firstRepeats; i++) runEntry();
  const firstMs = Number(process.hrtime.bigint() - started) / 1e6;
  const { wallMs: ms } = measureRepeats('matrix entry resettable/2pc/aligned', runEntry, options);
  return {
    runsPerSecond: ratePerSecond(cases, ms),
    runsPerRepeat: cases,
    firstRepeats,
    firstRunsPerSecond: firstRepeats === 0 ? 0 : (firstRepeats * cases * 1000) / firstMs,
    holds,
    tight,
  };
}

interface ProcessTime {
  readonly seconds: number;
  readonly cpuSeconds: number | undefined;
}

/**
 * Wall time and CPU time of one `streamproof matrix` process (it exits 1 when an entry
 * disagrees: that is a verdict, not an error).
 */
function timeMatrixCli(workers: number, runs: number, out: string): ProcessTime {
  const bin = fileURLToPath(new URL('../../bin/streamproof.js', import.meta.url));
  const cpuBefore = childrenCpuSeconds();
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    [bin, 'matrix', '--workers', String(workers), '--runs', String(runs), '--out', out, '--json'],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = childrenCpuSeconds();
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(
      `streamproof matrix --workers ${workers} failed (${child.status}): ${child.stderr.slice(0, 500)}`,
    );
  }
  const cpuSeconds = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { seconds, cpuSeconds };
}

/** The CPU seconds of the runs, or undefined when any is unknown. */
function cpuSpread(times: readonly ProcessTime[]): Spread | undefined {
  const cpu = times.map((t) => t.cpuSeconds);
  return cpu.every((c) => c !== undefined) ? spreadOf(cpu as number[]) : undefined;
}

/**
 * The whole matrix (24 entries, `runs` runs each) through the CLI with
 * --workers 1 and --workers 2, alternating so that other load on the machine
 * hits both alike; each figure is the wall time of the whole process (and
 * its CPU time, all threads, where the OS reports it). An
 * untimed short run first fills the compile cache and makes the workers'
 * build, which later runs reuse until the sources change (as a user's do).
 */
export function benchMatrixWorkers(runs: number, repeats: number): MatrixWallTime {
  const out = mkdtempSync(join(tmpdir(), 'streamproof-bench-matrix-'));
  try {
    timeMatrixCli(2, 1, out);
    const one: ProcessTime[] = [];
    const two: ProcessTime[] = [];
    for (let i = 0; i < repeats; i++) {
      one.push(timeMatrixCli(1, runs, out));
      two.push(timeMatrixCli(2, runs, out));
    }
    const workers1 = spreadOf(one.map((t) => t.seconds));
    const workers2 = spreadOf(two.map((t) => t.seconds));
    const workers1Cpu = cpuSpread(one);
    const workers2Cpu = cpuSpread(two);
    return {
      runs,
      workers1,
      workers2,
      speedup: workers1.median / workers2.median,
      ...(workers1Cpu === undefined || workers2Cpu === undefined ? {} : { workers1Cpu, workers2Cpu }),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
