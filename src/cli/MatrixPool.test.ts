import { describe, expect, it } from 'vitest';
import { entrySeed, matrixCells, runMatrixEntry } from '../matrix/MatrixRunner.ts';
import { MatrixPool } from './MatrixPool.ts';

describe('MatrixPool', () => {
  it('runs batch after batch on the same threads, each result what a single thread computes, in task order', async () => {
    const cells = matrixCells().filter((c) => c.sink === '2pc' && c.mode === 'aligned');
    const tasks = cells.map((cell, i) => ({ cell, seed: entrySeed(7, i) }));
    const strip = (e: { millis: number }) => ({ ...e, millis: 0 });
    const expected = tasks.map(({ cell, seed }) => strip(runMatrixEntry(cell, { runs: 5, seed })));
    const pool = new MatrixPool(2);
    try {
      const done: string[] = [];
      const first = await pool.run(tasks, 5, (e) => done.push(e.id));
      const second = await pool.run(tasks, 5);
      expect(first.map(strip)).toEqual(expected);
      expect(second.map(strip)).toEqual(expected);
      expect([...done].sort()).toEqual(first.map((e) => e.id).sort());
    } finally {
      await pool.close();
    }
  }, 60_000);
});
