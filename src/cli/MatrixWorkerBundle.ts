import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { TYPESCRIPT_EXEC_ARGV } from '../TypeScriptExecArgv.ts';

/** The module a matrix worker thread loads, and the Node options it needs for it. */
export interface MatrixWorkerModule {
  readonly filename: string;
  readonly execArgv: readonly string[];
  /** True when `filename` is the one-file build; false for the TypeScript sources (the fallback). */
  readonly bundled: boolean;
  /** True when an earlier build was reused (its inputs unchanged), false when this call built it. */
  readonly reused?: boolean;
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

/** Where a build comes from; the defaults build the matrix worker of this package. */
export interface WorkerBuildOptions {
  /** Where builds and their manifest go. */
  readonly dir?: string;
  /** The module to build. */
  readonly entry?: URL;
  /** The directory input paths are named relative to (the package root). */
  readonly root?: URL;
}

/** The manifest of the latest build: its file, and the sha256 of every input file as it was compiled. */
interface BuildManifest {
  readonly compiler: string;
  readonly bundle: string;
  readonly inputs: Readonly<Record<string, string>>;
}

const MANIFEST = 'latest.json';
const BUILD_NAME = /^matrix-worker-([0-9a-f]{16})\.mjs$/;
/** Changes of these change the code built from the same inputs. */
export const BUILD_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Stack traces from a worker point at the .ts lines (the worker runs with --enable-source-maps).
  sourcemap: 'inline',
  sourcesContent: false,
  // The options of bin/typescript-hooks.js, so the bundle is the code the main thread runs.
  tsconfigRaw: {
    compilerOptions: { target: 'ES2022', verbatimModuleSyntax: true, useDefineForClassFields: true },
  },
} as const;

/** Files this process has written: part of each partial file's name (see writeAtomically). */
let written = 0;

/**
 * Builds src/cli/MatrixEntryWorker.ts and everything it imports (about 150
 * source files and fast-check) into one JavaScript module for the matrix's
 * worker threads. Why: a thread that loads the TypeScript sources starts its
 * own hooks thread and esbuild process and compiles every file again, about
 * 1.1 s of wall time for two threads on a 2-core VM, against about 0.15 s
 * for the one-file build (README, Performance).
 *
 * The build is named by a hash of its content. A manifest records the
 * sha256 of every input file as esbuild read it; while every input still
 * hashes the same (and the build file still hashes to its name), the build
 * is reused without running esbuild (about 20 ms instead of 0.35 s), so a
 * changed source, even one edited during a build, gives a new build. Files
 * are written to a temporary name and renamed, so concurrent runs never read
 * half a file; builds unused for a day are deleted when a new one is written.
 * Any failure (esbuild missing, directory not writable) falls back to the
 * TypeScript worker: slower, same results.
 */
export async function matrixWorkerModule(options: WorkerBuildOptions = {}): Promise<MatrixWorkerModule> {
  const dir = options.dir ?? BUNDLE_DIR;
  const entry = options.entry ?? WORKER_SOURCE;
  const root = options.root ?? PACKAGE_ROOT;
  try {
    // The version from esbuild's package.json: importing esbuild itself takes about 50 ms, needed only to build.
    const { version } = createRequire(import.meta.url)('esbuild/package.json') as { version: string };
    const compiler = JSON.stringify({
      esbuild: version,
      entry: entry.href,
      root: root.href,
      options: BUILD_OPTIONS,
    });
    const reused = await reusableBuild(dir, root, compiler);
    const file = reused ?? (await newBuild(dir, entry, root, compiler));
    if (file === undefined) return TYPESCRIPT_WORKER;
    return {
      filename: pathToFileURL(file).href,
      execArgv: ['--enable-source-maps'],
      bundled: true,
      reused: reused !== undefined,
    };
  } catch {
    return TYPESCRIPT_WORKER;
  }
}

/** The latest build, when its manifest says it was made from the inputs as they are now; else undefined. */
async function reusableBuild(dir: string, root: URL, compiler: string): Promise<string | undefined> {
  let manifest: Partial<BuildManifest>;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Partial<BuildManifest>;
  } catch {
    return undefined;
  }
  const name = typeof manifest.bundle === 'string' ? BUILD_NAME.exec(manifest.bundle) : null;
  if (manifest.compiler !== compiler || name === null || typeof manifest.inputs !== 'object')
    return undefined;
  const base = fileURLToPath(root);
  const inputs = Object.entries(manifest.inputs ?? {});
  const now = await Promise.all(inputs.map(([path]) => hashOf(join(base, path))));
  if (inputs.some(([, hash], i) => now[i] !== hash)) return undefined;
  const file = join(dir, name[0]);
  if ((await hashOf(file))?.slice(0, 16) !== name[1]) return undefined;
  const touched = new Date();
  await utimes(file, touched, touched);
  return file;
}

async function newBuild(dir: string, entry: URL, root: URL, compiler: string): Promise<string | undefined> {
  const { build } = await import('esbuild');
  const base = fileURLToPath(root);
  const inputs: Record<string, string> = {};
  const result = await build({
    ...BUILD_OPTIONS,
    entryPoints: [fileURLToPath(entry)],
    absWorkingDir: base,
    write: false,
    // The map names the sources relative to the root; sourceRoot makes them absolute, wherever the build is.
    sourceRoot: root.href,
    logLevel: 'silent',
    plugins: [
      {
        // Reads every input itself, so the manifest hashes exactly the bytes that were compiled.
        name: 'hash-inputs',
        setup(b) {
          b.onLoad({ filter: /.*/ }, async (args) => {
            const bytes = await readFile(args.path);
            inputs[relative(base, args.path)] = sha256(bytes);
            return { contents: bytes, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
          });
        },
      },
    ],
  });
  const code = result.outputFiles[0]?.contents;
  if (code === undefined) return undefined;
  const file = join(dir, `matrix-worker-${sha256(code).slice(0, 16)}.mjs`);
  const now = new Date();
  await mkdir(dir, { recursive: true });
  if ((await hashOf(file)) === sha256(code)) await utimes(file, now, now);
  else await writeAtomically(file, code);
  const manifest: BuildManifest = { compiler, bundle: basename(file), inputs };
  await writeAtomically(join(dir, MANIFEST), JSON.stringify(manifest));
  await pruneStaleBuilds(dir, file, now.getTime());
  return file;
}

/** Writes under a name no other writer uses (process, thread, call), then renames: readers never see half a file. */
async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const partial = `${file}.${process.pid}-${threadId}-${written++}.partial`;
  await writeFile(partial, data);
  await rename(partial, file);
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The sha256 of a file's bytes; undefined when it cannot be read. */
async function hashOf(file: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(file));
  } catch {
    return undefined;
  }
}

/** A build unused for a day is from sources since changed (each use touches its file): delete it. */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

async function pruneStaleBuilds(dir: string, keep: string, now: number): Promise<void> {
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if (
      path === keep ||
      !/^(matrix-worker-[0-9a-f]{16}\.mjs|latest\.json)(\.\d+-\d+-\d+\.partial)?$/.test(name)
    )
      continue;
    try {
      if (now - (await stat(path)).mtimeMs > STALE_AFTER_MS) await unlink(path);
    } catch {
      // Another run deleted it first.
    }
  }
}
