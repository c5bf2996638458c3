import { Piscina } from 'piscina';
import type { MatrixCell, MatrixEntryResult } from '../matrix/types.ts';
import { TYPESCRIPT_EXEC_ARGV } from '../TypeScriptExecArgv.ts';
import type { MatrixEntryTask } from './MatrixEntryWorker.ts';

const WORKER = new URL('./MatrixEntryWorker.ts', import.meta.url).href;

export interface EntryTask {
  readonly cell: MatrixCell;
  readonly seed: number;
}

/**
 * Worker threads that run matrix entries of the shipped matrix (DESIGN §10).
 * Each entry is a pure function of (cell, runs, seed), so the results are the
 * ones a single thread gets; they come back in the tasks' order whatever order
 * they finish in. A pool may run several batches: its threads keep the code
 * V8 has compiled, which a fresh thread compiles again (see README,
 * "Performance").
 */
export class MatrixPool {
  private readonly pool: Piscina<MatrixEntryTask, MatrixEntryResult>;

  constructor(readonly threads: number) {
    this.pool = new Piscina<MatrixEntryTask, MatrixEntryResult>({
      filename: WORKER,
      // Workers load the TypeScript sources as the main thread does (bin/streamproof.js).
      execArgv: [...TYPESCRIPT_EXEC_ARGV],
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 1000,
    });
  }

  run(
    tasks: readonly EntryTask[],
    runs: number,
    onDone: (entry: MatrixEntryResult) => void = () => {},
  ): Promise<MatrixEntryResult[]> {
    return Promise.all(
      tasks.map(async ({ cell, seed }) => {
        const entry = await this.pool.run({ cell, runs, seed });
        onDone(entry);
        return entry;
      }),
    );
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/** Runs the tasks on a pool of `workers` threads (at most one per task) that is closed afterwards. */
export async function runEntriesInPool(
  tasks: readonly EntryTask[],
  options: { runs: number; workers: number },
  onDone: (entry: MatrixEntryResult) => void,
): Promise<MatrixEntryResult[]> {
  const pool = new MatrixPool(Math.max(1, Math.min(options.workers, tasks.length)));
  try {
    return await pool.run(tasks, options.runs, onDone);
  } finally {
    await pool.close();
  }
}
