import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMatrixEntry } from '../matrix/MatrixRunner.ts';
import type { MatrixCell, MatrixEntryResult } from '../matrix/types.ts';
import type { MatrixEntryTask } from './MatrixEntryWorker.ts';
import { MatrixPool } from './MatrixPool.ts';
import {
  BUILD_OPTIONS,
  matrixWorkerModule,
  STALE_AFTER_MS,
  TYPESCRIPT_WORKER,
} from './MatrixWorkerBundle.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'streamproof-bundle-'));
const strip = (e: MatrixEntryResult) => ({ ...e, millis: 0 });

describe('matrixWorkerModule', () => {
  it('builds the worker into one plain JavaScript file, named by its content and reused while the sources are unchanged', async () => {
    const dir = tmp();
    const first = await matrixWorkerModule({ dir });
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

    expect(first.reused).toBe(false);
    const name = file.slice(dir.length + 1);
    expect(readdirSync(dir).sort()).toEqual(['latest.json', name]);
    const manifest = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as {
      bundle: string;
      inputs: Record<string, string>;
    };
    expect(manifest.bundle).toBe(name);
    expect(Object.keys(manifest.inputs)).toContain('src/cli/MatrixEntryWorker.ts');
    expect(Object.keys(manifest.inputs)).toContain('src/matrix/MatrixRunner.ts');
    expect(Object.keys(manifest.inputs).some((p) => p.startsWith('node_modules/fast-check/'))).toBe(true);

    // Unchanged sources: the same file, without building.
    const second = await matrixWorkerModule({ dir });
    expect(second).toMatchObject({ filename: first.filename, reused: true });
    expect(readdirSync(dir).sort()).toEqual(['latest.json', name]);

    // A file at that name that is not the build (cut short, altered) is not used: it is built and written again.
    writeFileSync(file, code.slice(0, 1000));
    expect(await matrixWorkerModule({ dir })).toMatchObject({ filename: first.filename, reused: false });
    expect(readFileSync(file, 'utf8')).toBe(code);
  }, 30_000);

  it('builds again when an input changes, and reuses the build when it is changed back', async () => {
    const root = tmp();
    const dir = join(root, 'builds');
    writeFileSync(
      join(root, 'entry.ts'),
      "import { word } from './dep.ts';\nexport default (): string => word;\n",
    );
    const dep = join(root, 'dep.ts');
    const options = { dir, entry: pathToFileURL(join(root, 'entry.ts')), root: pathToFileURL(`${root}/`) };
    let loads = 0; // a fresh module instance per import
    const load = async (filename: string) =>
      ((await import(`${filename}?${loads++}`)) as { default: () => string }).default();

    writeFileSync(dep, "export const word: string = 'first';\n");
    const first = await matrixWorkerModule(options);
    expect(first).toMatchObject({ bundled: true, reused: false });
    expect(await load(first.filename)).toBe('first');
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')).inputs).sort()).toEqual([
      'dep.ts',
      'entry.ts',
    ]);
    expect(await matrixWorkerModule(options)).toMatchObject({ filename: first.filename, reused: true });

    writeFileSync(dep, "export const word: string = 'second';\n");
    const second = await matrixWorkerModule(options);
    expect(second.reused).toBe(false);
    expect(second.filename).not.toBe(first.filename);
    expect(await load(second.filename)).toBe('second');

    // Back to the first text: the same code, so the same file name.
    writeFileSync(dep, "export const word: string = 'first';\n");
    expect(await matrixWorkerModule(options)).toMatchObject({ filename: first.filename, reused: false });
    expect(await matrixWorkerModule(options)).toMatchObject({ filename: first.filename, reused: true });

    // An input that is gone: built again (here the build fails, so the TypeScript worker is the answer).
    rmSync(dep);
    expect(await matrixWorkerModule(options)).toBe(TYPESCRIPT_WORKER);
  }, 30_000);

  it('gives concurrent callers the same intact file, and leaves no partial file behind', async () => {
    const dir = tmp();
    const built = await Promise.all([1, 2, 3, 4].map(() => matrixWorkerModule({ dir })));
    expect(new Set(built.map((m) => m.filename)).size).toBe(1);
    const file = fileURLToPath(built[0]?.filename ?? '');
    expect(readdirSync(dir).sort()).toEqual(['latest.json', file.slice(dir.length + 1)]);
    const { default: run } = (await import(`${built[0]?.filename}?concurrent`)) as { default: unknown };
    expect(typeof run).toBe('function');
  }, 30_000);

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

  it('deletes builds unused for a day when it writes a new one, and keeps recent ones and other files', async () => {
    const dir = tmp();
    const old = 'matrix-worker-00000000000000aa.mjs';
    const recent = 'matrix-worker-00000000000000bb.mjs';
    for (const name of [old, recent, 'notes.txt']) writeFileSync(join(dir, name), '');
    const twoDaysAgo = new Date(Date.now() - 2 * STALE_AFTER_MS);
    utimesSync(join(dir, old), twoDaysAgo, twoDaysAgo);
    utimesSync(join(dir, 'notes.txt'), twoDaysAgo, twoDaysAgo);
    const built = fileURLToPath((await matrixWorkerModule({ dir })).filename);
    expect(readdirSync(dir).sort()).toEqual(
      [built.slice(dir.length + 1), 'latest.json', recent, 'notes.txt'].sort(),
    );
  }, 30_000);

  it('compiles with the TypeScript options of the hooks the main thread loads its sources with', async () => {
    const hooks = (await import(new URL('../../bin/typescript-hooks.js', import.meta.url).href)) as {
      TSCONFIG: unknown;
    };
    expect(BUILD_OPTIONS.tsconfigRaw).toEqual(hooks.TSCONFIG);
  });

  it('falls back to the TypeScript worker when the build cannot be written', async () => {
    const dir = tmp();
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
