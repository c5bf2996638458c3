import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMatrixEntry } from '../matrix/MatrixRunner.ts';
import type { MatrixCell } from '../matrix/types.ts';
import { childrenCpuSeconds } from './ChildCpuTime.ts';
import { measureRepeats, type RepeatOptions, ratePerSecond, spreadOf } from './RepeatedMeasurement.ts';
import type { MatrixWallTime, ShardPairTime, Spread } from './types.ts';

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

const BIN = fileURLToPath(new URL('../../bin/streamproof.js', import.meta.url));

/**
 * Runs `streamproof matrix <args>` to its end. It exits 1 when an entry disagrees: that is a
 * verdict, not an error; any other exit code is.
 */
function runMatrixCli(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'matrix', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 500) stderr += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 || code === 1) resolve();
      else
        reject(new Error(`streamproof matrix ${args.join(' ')} failed (${code}): ${stderr.slice(0, 500)}`));
    });
  });
}

/** Wall time and CPU time (all threads) of CLI runs started together, until the last has exited. */
async function timeMatrixCli(...runs: (readonly string[])[]): Promise<ProcessTime> {
  const cpuBefore = childrenCpuSeconds();
  const started = process.hrtime.bigint();
  await Promise.all(runs.map(runMatrixCli));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = childrenCpuSeconds();
  const cpuSeconds = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { seconds, cpuSeconds };
}

/** The CPU seconds of the runs, or undefined when any is unknown. */
function cpuSpread(times: readonly ProcessTime[]): Spread | undefined {
  const cpu = times.map((t) => t.cpuSeconds);
  return cpu.every((c) => c !== undefined) ? spreadOf(cpu as number[]) : undefined;
}

/** The CLI flags of one matrix process: `runs` runs per entry, reports written to `out`. */
function matrixArgs(workers: number, runs: number, out: string, shard?: string): string[] {
  return [
    '--workers',
    String(workers),
    '--runs',
    String(runs),
    '--out',
    out,
    '--json',
    ...(shard === undefined ? [] : ['--shard', shard]),
  ];
}

/**
 * The whole matrix (24 entries, `runs` runs each) through the CLI with
 * --workers 1 and --workers 2, alternating so that other load on the machine
 * hits both alike; each figure is the wall time of the whole process (and
 * its CPU time, all threads, where the OS reports it). With `shardPair`, each
 * round also runs the matrix as two processes at once (`--shard 1/2` and
 * `--shard 2/2`, one thread each): the same split with nothing shared. An
 * untimed short run first fills the compile cache and makes the workers'
 * build, which later runs reuse until the sources change (as a user's do).
 */
export async function benchMatrixWorkers(
  runs: number,
  repeats: number,
  options: { shardPair: boolean } = { shardPair: false },
): Promise<MatrixWallTime> {
  const out = mkdtempSync(join(tmpdir(), 'streamproof-bench-matrix-'));
  try {
    await timeMatrixCli(matrixArgs(2, 1, out));
    const one: ProcessTime[] = [];
    const two: ProcessTime[] = [];
    const pair: ProcessTime[] = [];
    for (let i = 0; i < repeats; i++) {
      one.push(await timeMatrixCli(matrixArgs(1, runs, out)));
      two.push(await timeMatrixCli(matrixArgs(2, runs, out)));
      if (options.shardPair) {
        // Each process writes its own reports: the two must not write the same files at once.
        pair.push(
          await timeMatrixCli(
            matrixArgs(1, runs, join(out, 'shard-1'), '1/2'),
            matrixArgs(1, runs, join(out, 'shard-2'), '2/2'),
          ),
        );
      }
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
      ...(pair.length === 0 ? {} : { shardPair: shardPairOf(pair, workers1) }),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function shardPairOf(pair: readonly ProcessTime[], workers1: Spread): ShardPairTime {
  const wall = spreadOf(pair.map((t) => t.seconds));
  const cpu = cpuSpread(pair);
  return { wall, ...(cpu === undefined ? {} : { cpu }), speedup: workers1.median / wall.median };
}
