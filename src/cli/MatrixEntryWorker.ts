import type { MatrixCell, MatrixEntryResult } from '../matrix/types.ts';
import { runMatrixEntry } from './DefaultMatrixApi.ts';

export interface MatrixEntryTask {
  readonly cell: MatrixCell;
  readonly runs: number;
  readonly seed: number;
}

/**
 * Runs in a worker thread of the matrix pool: one entry, the same call as
 * without workers. Piscina imports this file in a thread started with
 * TYPESCRIPT_EXEC_ARGV, whose hooks compile it.
 */
export default function runEntryTask(task: MatrixEntryTask): MatrixEntryResult {
  return runMatrixEntry(task.cell, { runs: task.runs, seed: task.seed, stopwatch: () => performance.now() });
}
