import { TYPESCRIPT_EXEC_ARGV } from '../TypeScriptExecArgv.ts';
import { buildModule, type CliBuildOptions, cliBuild } from './CliBuild.ts';

/** The module a matrix worker thread loads, and the Node options it needs for it. */
export interface MatrixWorkerModule {
  readonly filename: string;
  readonly execArgv: readonly string[];
  /** True when `filename` is the build's; false for the TypeScript sources (the fallback). */
  readonly bundled: boolean;
  /** True when an earlier build was reused (its inputs unchanged), false when this call built it. */
  readonly reused?: boolean;
}

/** The TypeScript worker, compiled file by file by the esbuild hooks, each thread its own. */
export const TYPESCRIPT_WORKER: MatrixWorkerModule = {
  filename: new URL('./MatrixEntryWorker.ts', import.meta.url).href,
  execArgv: TYPESCRIPT_EXEC_ARGV,
  bundled: false,
};

/**
 * What the matrix's worker threads load: `matrix-worker.js` of the CLI's
 * build (CliBuild.ts), src/cli/MatrixEntryWorker.ts and all it imports,
 * fast-check included, as one plain JavaScript file (bin/cli-build.js says
 * why one file). Why a build: a thread that loads the TypeScript sources starts
 * its own hooks thread and esbuild process and compiles every file again,
 * about 1.1 s of wall time for two threads on a 2-core VM, against about
 * 0.15 s for a build (docs/performance.md). When no build can be made, the
 * TypeScript worker: slower, same results.
 */
export async function matrixWorkerModule(options: CliBuildOptions = {}): Promise<MatrixWorkerModule> {
  const build = await cliBuild(options);
  if (build === undefined) return TYPESCRIPT_WORKER;
  return {
    filename: buildModule(build, 'matrix-worker'),
    // Stack traces from a worker point at the .ts lines (the build carries source maps).
    execArgv: ['--enable-source-maps'],
    bundled: true,
    reused: build.reused,
  };
}
