import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import {
  type BuildSpec,
  CLI_BUILD_DIR,
  CLI_BUILD_OPTIONS,
  CLI_SPEC,
  cliBuildCompiler,
  currentBuild,
  MANIFEST,
  type Modules,
  moduleNames,
  PACKAGE_ROOT,
  STANDALONE_BUILD_OPTIONS,
  sha256,
} from '../../bin/cli-build.js';

/** Where a build goes and what it is built from; the defaults build this package's CLI and matrix worker. */
export interface CliBuildOptions {
  /**
   * The build cache directory (builds and their manifest). Inside the package, as the default is:
   * a build imports its packages (fast-check, commander) from the node_modules above it.
   */
  readonly dir?: string;
  /** The directory input paths are relative to (the package root). */
  readonly root?: URL;
  /** The modules by name, their sources relative to root: module `name` is `<name>.js` in the build. */
  readonly spec?: BuildSpec;
}

/** A build directory, and whether it was there already (true) or made by this call. */
export interface CliBuild {
  readonly dir: string;
  readonly reused: boolean;
}

/** The file URL of an entry's module in a build. */
export function buildModule(build: CliBuild, entry: string): string {
  return pathToFileURL(join(build.dir, `${entry}.js`)).href;
}

/** The manifest bin/cli-build.js reads: the build's directory, and the sha256 of every input and output file. */
interface CliBuildManifest {
  readonly compiler: string;
  readonly build: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly outputs: Readonly<Record<string, string>>;
}

/** A build unused for this long is from sources since changed (each use touches it): deleted when a new one is written. */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** Partial directories and files of this process are named apart from any other writer's. */
let written = 0;

/**
 * The build of the CLI (src/cli/main.ts) and of the matrix's worker threads
 * (src/cli/MatrixEntryWorker.ts), with everything they import, compiled by
 * esbuild into one directory of plain modules in the build cache: the CLI's
 * module and the chunks it loads as commands need them, and the worker as one
 * standalone file (bin/cli-build.js says why). bin/streamproof.js loads its `main.js`
 * without TypeScript hooks while bin/cli-build.js finds the build current;
 * worker threads load its `matrix-worker.js`. Returns the current build when
 * there is one, else a new one; undefined when none can be made (esbuild
 * missing, cache not writable), and the sources run instead, as before.
 *
 * Each file's `import.meta.url` is replaced by that source file's URL, so the
 * paths the sources compute from it (the worker's source, the schemas, the
 * package root) are the same in the build. A build directory is named by a
 * hash of its files and written under a partial name, then renamed, so a
 * concurrent run never sees half a build; the manifest is written last.
 */
export async function cliBuild(options: CliBuildOptions = {}): Promise<CliBuild | undefined> {
  const dir = options.dir ?? CLI_BUILD_DIR;
  const root = options.root ?? PACKAGE_ROOT;
  const spec = options.spec ?? CLI_SPEC;
  try {
    const current = currentBuild(dir, root, spec);
    if (current !== undefined) return { dir: current, reused: true };
    const made = await newBuild(dir, root, spec);
    return made === undefined ? undefined : { dir: made, reused: false };
  } catch {
    return undefined;
  }
}

async function newBuild(dir: string, root: URL, spec: BuildSpec): Promise<string | undefined> {
  const compiler = cliBuildCompiler(spec);
  if (compiler === undefined) return undefined;
  const inputs: Record<string, string> = {};
  const files = await compile(root, spec.entries, CLI_BUILD_OPTIONS, inputs);
  for (const [name, source] of Object.entries(spec.standalone ?? {})) {
    files.push(...(await compile(root, { [name]: source }, STANDALONE_BUILD_OPTIONS, inputs)));
  }
  if (moduleNames(spec).some((name) => !files.some((f) => f.path === `${name}.js`))) return undefined;
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const outputs: Record<string, string> = {};
  for (const f of files) outputs[f.path] = sha256(f.contents);
  const name = `cli-${sha256(JSON.stringify(outputs)).slice(0, 16)}`;
  const target = join(dir, name);
  await mkdir(dir, { recursive: true });
  if (!(await intact(target, outputs))) await writeBuild(dir, target, files, outputs);
  const manifest: CliBuildManifest = { compiler, build: name, inputs, outputs };
  await writeAtomically(join(dir, MANIFEST), JSON.stringify(manifest));
  await pruneStaleBuilds(dir, name, Date.now());
  return target;
}

/** Compiles `modules` with esbuild (not written); records the sha256 of every file it reads in `inputs`. */
async function compile(
  root: URL,
  modules: Modules,
  options: typeof CLI_BUILD_OPTIONS | typeof STANDALONE_BUILD_OPTIONS,
  inputs: Record<string, string>,
): Promise<{ path: string; contents: Uint8Array }[]> {
  const { build } = await import('esbuild');
  const base = fileURLToPath(root);
  const result = await build({
    ...options,
    entryPoints: Object.fromEntries(Object.entries(modules).map(([name, path]) => [name, join(base, path)])),
    // Not written there (write: false): with the root as the output directory, the maps name the
    // sources relative to the root, and sourceRoot makes them absolute wherever the build is.
    outdir: base,
    absWorkingDir: base,
    write: false,
    sourceRoot: root.href,
    logLevel: 'silent',
    plugins: [
      {
        // Reads every input itself, so the manifest hashes exactly the bytes that were compiled.
        name: 'hash-inputs-and-keep-their-urls',
        setup(b) {
          b.onLoad({ filter: /.*/ }, async (args) => {
            const bytes = await readFile(args.path);
            inputs[relative(base, args.path)] = sha256(bytes);
            if (args.path.endsWith('.json')) return { contents: bytes, loader: 'json' };
            const url = JSON.stringify(pathToFileURL(args.path).href);
            const contents = bytes.toString('utf8').replaceAll('import.meta.url', url);
            return { contents, loader: args.path.endsWith('ts') ? 'ts' : 'js' };
          });
        },
      },
    ],
  });
  return result.outputFiles.map((f) => ({ path: relative(base, f.path), contents: f.contents }));
}

/** Whether `build` holds exactly these files as written (a build of the same name from another run). */
async function intact(build: string, outputs: Record<string, string>): Promise<boolean> {
  for (const [path, hash] of Object.entries(outputs)) {
    try {
      if (sha256(await readFile(join(build, path))) !== hash) return false;
    } catch {
      return false;
    }
  }
  const now = new Date();
  await utimes(build, now, now);
  return true;
}

/**
 * Writes the files into a partial directory and renames it into place. A directory already there
 * is another run's build of the same name: kept when intact (its files are these), else replaced.
 */
async function writeBuild(
  dir: string,
  target: string,
  files: readonly { path: string; contents: Uint8Array }[],
  outputs: Record<string, string>,
): Promise<void> {
  const partial = join(dir, `${partialName()}.partial`);
  await mkdir(partial);
  try {
    for (const f of files) {
      await mkdir(join(partial, f.path, '..'), { recursive: true });
      await writeFile(join(partial, f.path), f.contents);
    }
    if (await renamed(partial, target)) return;
    if (await intact(target, outputs)) return;
    await rm(target, { recursive: true, force: true });
    await rename(partial, target);
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

/** Renames a directory into place; false when a non-empty directory is there already. */
async function renamed(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if (['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) return false;
    throw error;
  }
}

function partialName(): string {
  return `${process.pid}-${threadId}-${written++}`;
}

/** Writes under a name no other writer uses, then renames: readers never see half a file. */
async function writeAtomically(file: string, data: string): Promise<void> {
  const partial = `${file}.${partialName()}.partial`;
  await writeFile(partial, data);
  await rename(partial, file);
}

/** Deletes builds and partial leftovers unused for a day, except `keep`; other files are left alone. */
async function pruneStaleBuilds(dir: string, keep: string, now: number): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name === keep || !/^(cli-[0-9a-f]{16}|[\w.-]*\.partial)$/.test(name)) continue;
    const path = join(dir, name);
    try {
      if (now - (await stat(path)).mtimeMs > STALE_AFTER_MS) await rm(path, { recursive: true, force: true });
    } catch {
      // Another run deleted it first.
    }
  }
}
