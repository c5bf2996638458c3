import { describe, expect, it } from 'vitest';
import { entrySeed, matrixCells, runMatrixEntry } from '../matrix/MatrixRunner.ts';
import { homeThread, MatrixPool, runEntriesInPool, startMatrixPool } from './MatrixPool.ts';

describe('MatrixPool', () => {
  it('runs batch after batch on the same threads, each result what a single thread computes, in task order', async () => {
    // One entry per sink and a second 2PC one: with 2 threads the first takes any and idempotent,
    // the second WAL and both 2PC entries, and the first takes over the last 2PC entry when it is done.
    const cells = matrixCells().filter(
      (c) => c.mode === 'aligned' && (c.source === 'resettable' || c.sink === '2pc'),
    );
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

  it('runs on a pool started before the tasks were known, then closes it (closing again waits for the same close)', async () => {
    const cells = matrixCells().filter((c) => c.mode === 'aligned' && c.source === 'resettable');
    const tasks = cells.map((cell, i) => ({ cell, seed: entrySeed(11, i) }));
    const strip = (e: { millis: number }) => ({ ...e, millis: 0 });
    const expected = tasks.map(({ cell, seed }) => strip(runMatrixEntry(cell, { runs: 3, seed })));
    const started = startMatrixPool(2);
    const entries = await runEntriesInPool(tasks, { runs: 3, workers: 2, pool: started }, () => {});
    expect(entries.map(strip)).toEqual(expected);
    const pool = await started;
    expect(pool.close()).toBe(pool.close());
    await pool.close();
  }, 60_000);

  it('sends neighbouring sinks to the same thread, and every sink to a thread that exists', () => {
    const cell = (sink: 'any' | 'idempotent' | 'wal' | '2pc') =>
      ({ source: 'resettable', sink, mode: 'aligned' }) as const;
    expect(['any', 'idempotent', 'wal', '2pc'].map((s) => homeThread(cell(s as '2pc'), 2))).toEqual([
      0, 0, 1, 1,
    ]);
    expect(['any', 'idempotent', 'wal', '2pc'].map((s) => homeThread(cell(s as '2pc'), 4))).toEqual([
      0, 1, 2, 3,
    ]);
    expect(['any', 'idempotent', 'wal', '2pc'].map((s) => homeThread(cell(s as '2pc'), 1))).toEqual([
      0, 0, 0, 0,
    ]);
    for (const threads of [1, 2, 3, 4, 8]) {
      for (const s of ['any', 'idempotent', 'wal', '2pc'] as const) {
        expect(homeThread(cell(s), threads)).toBeLessThan(threads);
      }
    }
  });
});
