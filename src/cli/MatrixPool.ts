import { Piscina } from 'piscina';
import { SINKS } from '../matrix/ExpectedTable.ts';
import type { MatrixCell, MatrixEntryResult } from '../matrix/types.ts';
import type { MatrixEntryTask } from './MatrixEntryWorker.ts';
import { type MatrixWorkerModule, matrixWorkerModule, TYPESCRIPT_WORKER } from './MatrixWorkerModule.ts';

export interface EntryTask {
  readonly cell: MatrixCell;
  readonly seed: number;
}

/**
 * The thread a task goes to first: neighbouring sinks share a thread (with 2
 * threads: any and idempotent on one, WAL and 2PC on the other). Every
 * thread is a new V8 isolate that compiles all the code it runs, several
 * seconds of CPU for the whole matrix; a thread that runs the entries of two
 * sinks compiles only their connectors, which cut the compilation of two
 * threads from about 12 s of CPU to about 8 s at 1000 runs per entry.
 */
export function homeThread(cell: MatrixCell, threads: number): number {
  const sink = Math.max(0, SINKS.indexOf(cell.sink));
  return Math.floor((sink * Math.min(threads, SINKS.length)) / SINKS.length);
}

/**
 * Worker threads that run matrix entries of the shipped matrix (DESIGN §10).
 * Each entry is a pure function of (cell, runs, seed), so the results are the
 * ones a single thread gets; they come back in the tasks' order whatever
 * thread ran them and whenever they finished. Each thread takes the tasks of
 * its own sinks first, in order, then takes over the last queued tasks of the
 * thread with most left, so no thread idles while another has a queue. A
 * pool may run several batches: its threads keep the code V8 compiled.
 */
export class MatrixPool {
  private readonly workers: Piscina<MatrixEntryTask, MatrixEntryResult>[];

  constructor(
    readonly threads: number,
    readonly worker: MatrixWorkerModule = TYPESCRIPT_WORKER,
  ) {
    this.workers = Array.from(
      { length: threads },
      () =>
        new Piscina<MatrixEntryTask, MatrixEntryResult>({
          filename: worker.filename,
          execArgv: [...worker.execArgv],
          minThreads: 1,
          maxThreads: 1,
          idleTimeout: 1000,
        }),
    );
  }

  async run(
    tasks: readonly EntryTask[],
    runs: number,
    onDone: (entry: MatrixEntryResult) => void = () => {},
  ): Promise<MatrixEntryResult[]> {
    const queues: number[][] = this.workers.map(() => []);
    tasks.forEach((t, i) => {
      queues[homeThread(t.cell, this.threads)]?.push(i);
    });
    const next = (thread: number): number | undefined => {
      const own = queues[thread] as number[];
      if (own.length > 0) return own.shift();
      let longest: number[] | undefined;
      for (const q of queues) if (q.length > (longest?.length ?? 0)) longest = q;
      return longest?.pop();
    };
    const results: MatrixEntryResult[] = new Array(tasks.length);
    await Promise.all(
      this.workers.map(async (worker, thread) => {
        for (let i = next(thread); i !== undefined; i = next(thread)) {
          const { cell, seed } = tasks[i] as EntryTask;
          const entry = await worker.run({ cell, runs, seed });
          results[i] = entry;
          onDone(entry);
        }
      }),
    );
    return results;
  }

  private closed: Promise<void> | undefined;

  /** Stops the threads; later calls wait for the first. */
  close(): Promise<void> {
    this.closed ??= Promise.all(this.workers.map((w) => w.destroy())).then(() => {});
    return this.closed;
  }
}

/**
 * A pool of `threads` threads that load the worker module of the CLI's build
 * (MatrixWorkerModule.ts) when it can be made, else the TypeScript sources.
 * Its threads start loading at once: `streamproof matrix --workers n` starts
 * it before the main thread loads the simulation, so the two overlap.
 */
export async function startMatrixPool(threads: number): Promise<MatrixPool> {
  return new MatrixPool(threads, await matrixWorkerModule());
}

/**
 * Runs the tasks on `pool`, or on a new pool of `workers` threads (at most
 * one per task), and closes the pool afterwards.
 */
export async function runEntriesInPool(
  tasks: readonly EntryTask[],
  options: { runs: number; workers: number; pool?: Promise<MatrixPool> },
  onDone: (entry: MatrixEntryResult) => void,
): Promise<MatrixEntryResult[]> {
  const pool = await (options.pool ?? startMatrixPool(Math.max(1, Math.min(options.workers, tasks.length))));
  try {
    return await pool.run(tasks, options.runs, onDone);
  } finally {
    await pool.close();
  }
}
