import type { MatrixCell, MatrixEntryResult } from '../matrix/types.ts';
import { runMatrixEntry } from './DefaultMatrixApi.ts';

export interface MatrixEntryTask {
  readonly cell: MatrixCell;
  readonly runs: number;
  readonly seed: number;
}

/**
 * Runs in a worker thread of the matrix pool: one entry, the same call as
 * without workers. The pool's threads load its build (`matrix-worker.js`
 * of the CLI's build, MatrixWorkerModule.ts), or, when none can be made, this file through
 * the esbuild hooks of TYPESCRIPT_EXEC_ARGV.
 */
export default function runEntryTask(task: MatrixEntryTask): MatrixEntryResult {
  return runMatrixEntry(task.cell, { runs: task.runs, seed: task.seed, stopwatch: () => performance.now() });
}
