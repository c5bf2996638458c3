import type { MatrixCell, MatrixEntryResult } from '../matrix/types.ts';
import { runMatrixEntry } from './DefaultMatrixApi.ts';

export interface MatrixEntryTask {
  readonly cell: MatrixCell;
  readonly runs: number;
  readonly seed: number;
}

/**
 * Runs in a worker thread of the matrix pool: one entry, the same call as
 * without workers. Imported statically: piscina loads this file with require,
 * which tsx's hook transpiles, while a dynamic import() in a worker would
 * bypass tsx on Node 20.
 */
export default function runEntryTask(task: MatrixEntryTask): MatrixEntryResult {
  return runMatrixEntry(task.cell, { runs: task.runs, seed: task.seed, stopwatch: () => performance.now() });
}
