import type { CheckpointMode } from '../checkpoint/types.ts';
import type { ConsistencyReport, MatrixCell, MatrixEntryResult } from '../matrix/types.ts';
import { reportAgrees } from '../report/ReportMerger.ts';
import { DEFAULT_MATRIX_MODULE, type MatrixApi } from './MatrixApi.ts';
import { type MatrixPool, runEntriesInPool } from './MatrixPool.ts';
import { type Shard, shardOf } from './parseShard.ts';
import { UsageError } from './UsageError.ts';

export const DEFAULT_RUNS = 100;
export const DEFAULT_SEED = 42;

export interface MatrixRunOptions {
  readonly modes?: CheckpointMode[];
  readonly runs: number;
  readonly seed: number;
  readonly shard?: Shard;
  readonly workers: number;
  /** URL of the matrix module `api` came from; workers run the shipped one only. */
  readonly module: string;
  /** The cells to run, in order (default: api.matrixCells(modes)). */
  readonly cells?: readonly MatrixCell[];
  /** Run only these of the cells (a matrix-entry scenario); else all, or the shard's. */
  readonly only?: (cell: MatrixCell) => boolean;
  /**
   * A pool started earlier (startMatrixPool) for `workers` > 1: it is used
   * and closed, or only closed when the run needs no workers.
   */
  readonly pool?: Promise<MatrixPool>;
}

/**
 * Runs the matrix entries (or one shard of them), on this thread or on a pool
 * of workers, and assembles the consistency report as src/matrix's runMatrix
 * does: each entry's seed derives from the master seed and its position, so a
 * shard computes what the full run does, and the entries keep the matrix's
 * order whatever the number of workers.
 */
export async function runMatrixReport(
  api: MatrixApi,
  options: MatrixRunOptions,
  onEntry: (entry: MatrixEntryResult) => void,
  now: () => number = () => performance.now(),
): Promise<ConsistencyReport> {
  const started = now();
  // An entry's seed follows from its position in the whole matrix, so `--modes`, shards and
  // `streamproof run <entry>` all compute what the full run computes for it.
  const whole = api.matrixCells().map((c) => `${c.source}/${c.sink}/${c.mode}`);
  const all = options.cells ?? api.matrixCells(options.modes);
  const tasks = shardOf(
    all.map((cell) => ({
      cell,
      seed: api.entrySeed(options.seed, whole.indexOf(`${cell.source}/${cell.sink}/${cell.mode}`)),
    })),
    options.shard,
  ).filter((t) => options.only?.(t.cell) ?? true);
  let entries: MatrixEntryResult[];
  if (options.workers > 1 && tasks.length > 1) {
    if (options.module !== DEFAULT_MATRIX_MODULE) {
      throw new UsageError(
        '--workers runs the shipped matrix only; drop --workers for another matrix module',
      );
    }
    entries = await runEntriesInPool(
      tasks,
      {
        runs: options.runs,
        workers: options.workers,
        ...(options.pool === undefined ? {} : { pool: options.pool }),
      },
      onEntry,
    );
  } else {
    await (await options.pool)?.close();
    entries = [];
    for (const { cell, seed } of tasks) {
      const entry = api.runMatrixEntry(cell, {
        runs: options.runs,
        seed,
        stopwatch: () => performance.now(),
      });
      entries.push(entry);
      onEntry(entry);
    }
  }
  return {
    version: 1,
    tool: 'streamproof',
    seed: options.seed,
    runs: options.runs,
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    entries,
    agrees: reportAgrees(entries),
    millis: Math.round(now() - started),
  };
}
