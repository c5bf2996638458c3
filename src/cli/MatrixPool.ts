import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { MatrixCell, MatrixEntryResult } from '../matrix/types.ts';
import type { MatrixEntryTask } from './MatrixEntryWorker.ts';

const WORKER = new URL('./MatrixEntryWorker.ts', import.meta.url).href;
// Workers load the TypeScript sources through tsx, as the main thread does (bin/streamproof.js).
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

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
    execArgv: ['--import', TSX],
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
