import { Piscina } from 'piscina';
import type { MatrixCell, MatrixEntryResult } from '../matrix/types.ts';
import { TYPESCRIPT_EXEC_ARGV } from '../TypeScriptExecArgv.ts';
import type { MatrixEntryTask } from './MatrixEntryWorker.ts';

const WORKER = new URL('./MatrixEntryWorker.ts', import.meta.url).href;

/**
 * Runs matrix entries of the shipped matrix on worker threads (DESIGN §10). Each entry is a pure
 * function of (cell, runs, seed), so the results are the ones a single thread
 * gets; they come back in the cells' order whatever order they finish in.
 */
export async function runEntriesInPool(
  tasks: readonly { readonly cell: MatrixCell; readonly seed: number }[],
  options: { runs: number; workers: number },
  onDone: (entry: MatrixEntryResult) => void,
): Promise<MatrixEntryResult[]> {
  const threads = Math.max(1, Math.min(options.workers, tasks.length));
  const pool = new Piscina<MatrixEntryTask, MatrixEntryResult>({
    filename: WORKER,
    // Workers load the TypeScript sources as the main thread does (bin/streamproof.js).
    execArgv: [...TYPESCRIPT_EXEC_ARGV],
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
  });
  try {
    return await Promise.all(
      tasks.map(async ({ cell, seed }) => {
        const entry = await pool.run({ cell, runs: options.runs, seed });
        onDone(entry);
        return entry;
      }),
    );
  } finally {
    await pool.destroy();
  }
}
