import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { TYPESCRIPT_EXEC_ARGV } from '../TypeScriptExecArgv.ts';

/** The module a matrix worker thread loads, and the Node options it needs for it. */
export interface MatrixWorkerModule {
  readonly filename: string;
  readonly execArgv: readonly string[];
  /** True when `filename` is the one-file build; false for the TypeScript sources (the fallback). */
  readonly bundled: boolean;
}

const WORKER_SOURCE = new URL('./MatrixEntryWorker.ts', import.meta.url);
const PACKAGE_ROOT = new URL('../../', import.meta.url);

/** The TypeScript worker, compiled file by file by the esbuild hooks as the main thread's sources are. */
export const TYPESCRIPT_WORKER: MatrixWorkerModule = {
  filename: WORKER_SOURCE.href,
  execArgv: TYPESCRIPT_EXEC_ARGV,
  bundled: false,
};

/**
 * Where the builds go, one file per distinct build: inside the package, as
 * other tools' caches (node_modules/.cache) and the compile cache of
 * bin/typescript-hooks.js, so that only who can write the sources can write
 * the code the workers run (a shared temporary directory would let another
 * user plant it).
 */
export const BUNDLE_DIR = fileURLToPath(
  new URL('node_modules/.cache/streamproof/matrix-worker/', PACKAGE_ROOT),
);

/**
 * Builds src/cli/MatrixEntryWorker.ts and everything it imports (about 150
 * source files and fast-check) into one JavaScript module for the matrix's
 * worker threads. Why: a thread that loads the TypeScript sources starts its
 * own hooks thread and esbuild process and compiles every file again, about
 * 1.1 s of wall time for two threads on this project's 2-core reference
 * machine, against about 0.15 s for the one-file build (README, Performance).
 * The file is named by a hash of its content, so a changed source gives a new
 * file; an unchanged one is reused once its bytes are checked against the
 * build. It is written to a temporary name and
 * renamed, so concurrent runs never read a half-written file; builds unused
 * for a day are deleted when a new one is written. Any failure
 * (esbuild missing, directory not writable) falls back to the TypeScript
 * worker: slower, same results.
 */
let written = 0;

export async function matrixWorkerModule(dir: string = BUNDLE_DIR): Promise<MatrixWorkerModule> {
  try {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [fileURLToPath(WORKER_SOURCE)],
      absWorkingDir: fileURLToPath(PACKAGE_ROOT),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      // Stack traces from a worker point at the .ts lines (the worker runs with --enable-source-maps).
      // The map names the sources relative to the package root; sourceRoot makes them absolute, wherever the build is.
      sourcemap: 'inline',
      sourceRoot: PACKAGE_ROOT.href,
      sourcesContent: false,
      // The options of bin/typescript-hooks.js, so the bundle is the code the main thread runs.
      tsconfigRaw: {
        compilerOptions: { target: 'ES2022', verbatimModuleSyntax: true, useDefineForClassFields: true },
      },
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents;
    if (code === undefined) return TYPESCRIPT_WORKER;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const file = join(dir, `matrix-worker-${hash}.mjs`);
    const now = new Date();
    if (await holds(file, code)) {
      await utimes(file, now, now);
    } else {
      await mkdir(dir, { recursive: true });
      // Process, thread and call: no other writer, concurrent or not, uses this name.
      const partial = `${file}.${process.pid}-${threadId}-${written++}.partial`;
      await writeFile(partial, code);
      await rename(partial, file);
      await pruneStaleBuilds(dir, file, now.getTime());
    }
    return { filename: pathToFileURL(file).href, execArgv: ['--enable-source-maps'], bundled: true };
  } catch {
    return TYPESCRIPT_WORKER;
  }
}

/** A build unused for a day is from sources since changed (each use touches its file): delete it. */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

async function pruneStaleBuilds(dir: string, keep: string, now: number): Promise<void> {
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if (path === keep || !/^matrix-worker-[0-9a-f]{16}\.mjs(\.\d+-\d+-\d+\.partial)?$/.test(name)) continue;
    try {
      if (now - (await stat(path)).mtimeMs > STALE_AFTER_MS) await unlink(path);
    } catch {
      // Another run deleted it first.
    }
  }
}

/** True when `file` holds exactly `code` (a truncated or altered file is written again). */
async function holds(file: string, code: Uint8Array): Promise<boolean> {
  try {
    return Buffer.compare(await readFile(file), code) === 0;
  } catch {
    return false;
  }
}
