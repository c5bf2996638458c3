import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMatrixEntry } from '../matrix/MatrixRunner.ts';
import type { MatrixCell, MatrixEntryResult } from '../matrix/types.ts';
import type { MatrixEntryTask } from './MatrixEntryWorker.ts';
import { MatrixPool } from './MatrixPool.ts';
import { matrixWorkerModule, STALE_AFTER_MS, TYPESCRIPT_WORKER } from './MatrixWorkerBundle.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'streamproof-bundle-'));
const strip = (e: MatrixEntryResult) => ({ ...e, millis: 0 });

describe('matrixWorkerModule', () => {
  it('builds the worker into one plain JavaScript file, named by its content and reused while the sources are unchanged', async () => {
    const dir = tmp();
    const first = await matrixWorkerModule(dir);
    expect(first.bundled).toBe(true);
    expect(first.execArgv).toEqual(['--enable-source-maps']);
    const file = fileURLToPath(first.filename);
    expect(file.startsWith(dir)).toBe(true);
    expect(file).toMatch(/matrix-worker-[0-9a-f]{16}\.mjs$/);
    const code = readFileSync(file, 'utf8');
    // One module: no import of a .ts source or of a package left for the hooks or the resolver.
    expect(code).not.toMatch(/\bfrom\s+["'][^"']*\.ts["']/);
    expect(code).not.toMatch(/\bfrom\s+["']fast-check["']/);
    expect(code).toContain('sourceMappingURL=data:application/json');

    const second = await matrixWorkerModule(dir);
    expect(second.filename).toBe(first.filename);
    expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)]);

    // A file at that name that is not the build (cut short, altered) is written again.
    writeFileSync(file, code.slice(0, 1000));
    expect((await matrixWorkerModule(dir)).filename).toBe(first.filename);
    expect(readFileSync(file, 'utf8')).toBe(code);
  }, 30_000);

  it('gives concurrent callers the same intact file, and leaves no partial file behind', async () => {
    const dir = tmp();
    const built = await Promise.all([1, 2, 3, 4].map(() => matrixWorkerModule(dir)));
    expect(new Set(built.map((m) => m.filename)).size).toBe(1);
    const file = fileURLToPath(built[0]?.filename ?? '');
    expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)]);
    const { default: run } = (await import(`${built[0]?.filename}?concurrent`)) as { default: unknown };
    expect(typeof run).toBe('function');
  }, 30_000);

  it('computes what the TypeScript sources compute, entry for entry', async () => {
    const module = await matrixWorkerModule(tmp());
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

  it('deletes builds unused for a day when it writes a new one, and keeps recent ones and other files', async () => {
    const dir = tmp();
    const old = 'matrix-worker-00000000000000aa.mjs';
    const recent = 'matrix-worker-00000000000000bb.mjs';
    for (const name of [old, recent, 'notes.txt']) writeFileSync(join(dir, name), '');
    const twoDaysAgo = new Date(Date.now() - 2 * STALE_AFTER_MS);
    utimesSync(join(dir, old), twoDaysAgo, twoDaysAgo);
    utimesSync(join(dir, 'notes.txt'), twoDaysAgo, twoDaysAgo);
    const built = fileURLToPath((await matrixWorkerModule(dir)).filename);
    expect(readdirSync(dir).sort()).toEqual([built.slice(dir.length + 1), recent, 'notes.txt'].sort());
  }, 30_000);

  it('falls back to the TypeScript worker when the build cannot be written', async () => {
    const dir = tmp();
    const notADirectory = join(dir, 'file');
    writeFileSync(notADirectory, '');
    expect(await matrixWorkerModule(join(notADirectory, 'sub'))).toBe(TYPESCRIPT_WORKER);
  });

  it('runs in worker threads, and an error thrown there points at the TypeScript source line', async () => {
    const pool = new MatrixPool(1, await matrixWorkerModule(tmp()));
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
