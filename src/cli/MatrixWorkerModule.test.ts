import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runMatrixEntry } from '../matrix/MatrixRunner.ts';
import type { MatrixCell, MatrixEntryResult } from '../matrix/types.ts';
import type { MatrixEntryTask } from './MatrixEntryWorker.ts';
import { MatrixPool } from './MatrixPool.ts';
import { matrixWorkerModule, TYPESCRIPT_WORKER } from './MatrixWorkerModule.ts';

/**
 * Build caches inside the package, as the real one is (node_modules/.cache/streamproof): a build
 * imports its packages (fast-check) from the node_modules above it.
 */
const caches = fileURLToPath(new URL('../../node_modules/.cache/streamproof-test/', import.meta.url));
const tmp = () => {
  mkdirSync(caches, { recursive: true });
  return mkdtempSync(join(caches, 'worker-module-'));
};
afterAll(() => rmSync(caches, { recursive: true, force: true }));
const strip = (e: MatrixEntryResult) => ({ ...e, millis: 0 });

describe('matrixWorkerModule', () => {
  it("is the matrix-worker module of the CLI's build, beside its main module, reused while the sources are unchanged", async () => {
    const dir = tmp();
    const first = await matrixWorkerModule({ dir });
    expect(first).toMatchObject({ bundled: true, reused: false, execArgv: ['--enable-source-maps'] });
    const file = fileURLToPath(first.filename);
    expect(file).toMatch(/\/cli-[0-9a-f]{16}\/matrix-worker\.js$/);
    expect(file.startsWith(dir)).toBe(true);
    expect(await matrixWorkerModule({ dir })).toEqual({ ...first, reused: true });
    // The CLI's main module is in the same build: one build, one check, shared chunks.
    const { currentBuild } = await import('../../bin/cli-build.js');
    expect(currentBuild(dir)).toBe(dirname(file));
  }, 60_000);

  it('computes what the TypeScript sources compute, entry for entry', async () => {
    const module = await matrixWorkerModule({ dir: tmp() });
    const { default: runEntryTask } = (await import(module.filename)) as {
      default: (task: MatrixEntryTask) => MatrixEntryResult;
    };
    const cells: MatrixCell[] = [
      { source: 'resettable', sink: '2pc', mode: 'aligned' },
      { source: 'not-resettable', sink: 'wal', mode: 'unaligned' },
      { source: 'resettable', sink: 'idempotent', mode: 'at-least-once' },
    ];
    for (const [i, cell] of cells.entries()) {
      const bundled = runEntryTask({ cell, runs: 20, seed: 11 + i });
      expect(strip(bundled)).toEqual(strip(runMatrixEntry(cell, { runs: 20, seed: 11 + i })));
    }
  }, 60_000);

  it('falls back to the TypeScript worker when the build cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamproof-worker-module-'));
    const notADirectory = join(dir, 'file');
    writeFileSync(notADirectory, '');
    expect(await matrixWorkerModule({ dir: join(notADirectory, 'sub') })).toBe(TYPESCRIPT_WORKER);
  });

  it('runs in worker threads, and an error thrown there points at the TypeScript source line', async () => {
    const pool = new MatrixPool(1, await matrixWorkerModule({ dir: tmp() }));
    try {
      const bad = { source: 'resettable', sink: 'no-such-sink', mode: 'aligned' } as unknown as MatrixCell;
      const error = await pool.run([{ cell: bad, seed: 1 }], 1).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(/not iterable/);
      expect(error?.stack).toContain(fileURLToPath(new URL('../matrix/', import.meta.url)));
      expect(error?.stack).toMatch(/\/src\/matrix\/\w+\.ts:\d+:\d+/);
    } finally {
      await pool.close();
    }
  }, 30_000);
});
