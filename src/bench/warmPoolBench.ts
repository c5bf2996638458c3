import { MatrixPool } from '../cli/MatrixPool.ts';
import { matrixWorkerModule } from '../cli/MatrixWorkerModule.ts';
import { DEFAULT_SEED, entrySeed, matrixCells } from '../matrix/MatrixRunner.ts';
import { spreadOf } from './RepeatedMeasurement.ts';
import type { Spread } from './types.ts';

export interface WarmPoolResult {
  /** Seconds for the whole matrix on a fresh pool (its first batch), per thread count. */
  readonly cold1: number;
  readonly cold2: number;
  /** Seconds for the whole matrix again on the same pool, whose threads have compiled the code. */
  readonly warm1: Spread;
  readonly warm2: Spread;
  /** warm1 / warm2 (medians): what two workers give once compilation is out of the way. */
  readonly speedup: number;
}

async function timeBatches(threads: number, runs: number, batches: number): Promise<number[]> {
  const cells = matrixCells();
  const tasks = cells.map((cell, i) => ({ cell, seed: entrySeed(DEFAULT_SEED, i) }));
  // The threads load what `streamproof matrix --workers` loads.
  const pool = new MatrixPool(threads, await matrixWorkerModule());
  try {
    const seconds: number[] = [];
    for (let b = 0; b < batches; b++) {
      const started = process.hrtime.bigint();
      await pool.run(tasks, runs);
      seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    return seconds;
  } finally {
    await pool.close();
  }
}

/**
 * The whole matrix run several times on one worker pool, with 1 thread and
 * with 2: the first batch pays for V8 compiling the simulation in every new
 * thread (600-800 optimizing compilations, about 6 s of CPU, each), the later ones do not.
 * Tells how much of the `--workers 2` figure is that per-thread warm-up, and
 * how much two workers give without it.
 */
export async function benchWarmPool(runs: number, warmBatches: number): Promise<WarmPoolResult> {
  const [cold1, ...warm1] = await timeBatches(1, runs, 1 + warmBatches);
  const [cold2, ...warm2] = await timeBatches(2, runs, 1 + warmBatches);
  const w1 = spreadOf(warm1);
  const w2 = spreadOf(warm2);
  return {
    cold1: cold1 as number,
    cold2: cold2 as number,
    warm1: w1,
    warm2: w2,
    speedup: w1.median / w2.median,
  };
}
