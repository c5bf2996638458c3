// Module customization hooks (node:module register) that run the TypeScript
// sources directly: every `.ts` file is compiled by esbuild as it is loaded,
// so a clean clone needs no build step.
//
// Why not tsx: tsx compiles with esbuild's keepNames, which wraps every
// function expression in a call that redefines its `name`. The simulation
// creates closures on every deploy and checkpoint, and that wrapping made a
// short scenario run about 1.6x slower (see README, "Layout", Requirements).
//
// Compiled files are cached in node_modules/.cache/streamproof/compiled, one
// file per (compiler, options, path, source text): compiling each file through
// esbuild's service costs about 2.5 ms, about 0.7 s for the CLI's files, and a
// cached file is only read. The key is the source text itself, so an edited
// file is compiled again whatever its timestamps say.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';

/** The compiler options that change emitted code (the rest of tsconfig.json only type-checks). */
export const TSCONFIG = {
  compilerOptions: { target: 'ES2022', verbatimModuleSyntax: true, useDefineForClassFields: true },
};
const OPTIONS = { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline', tsconfigRaw: TSCONFIG };
const ESBUILD_VERSION = createRequire(import.meta.url)('esbuild/package.json').version;
const COMPILER = JSON.stringify({ esbuild: ESBUILD_VERSION, options: OPTIONS });

/** Inside the package, as other tools' caches (node_modules/.cache): only who can write the sources can write it. */
export const COMPILE_CACHE_DIR = fileURLToPath(
  new URL('../node_modules/.cache/streamproof/compiled/', import.meta.url),
);
/** Cached files not used for this long are deleted when a file is compiled (each use touches its file). */
const UNUSED_FOR_MS = 7 * 24 * 60 * 60 * 1000;

let transform; // esbuild is loaded, and its service process started, on the first file not in the cache
let pruned = false;
let written = 0; // with the process and thread ids, a name no other writer uses for its partial file

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const cached = join(
    COMPILE_CACHE_DIR,
    `${createHash('sha256').update(COMPILER).update('\0').update(path).update('\0').update(source).digest('hex')}.js`,
  );
  const hit = await readCached(cached);
  if (hit !== undefined) return { format: 'module', source: hit, shortCircuit: true };
  let code;
  try {
    transform ??= (await import('esbuild')).transform;
    ({ code } = await transform(source, { ...OPTIONS, sourcefile: path }));
  } catch (error) {
    // One line per problem, "file:line:column: message", instead of esbuild's internal stack.
    const problems = (error.errors ?? []).map(
      (e) =>
        `${e.location?.file ?? path}:${e.location?.line ?? '?'}:${(e.location?.column ?? 0) + 1}: ${e.text}`,
    );
    if (problems.length === 0) throw error;
    const syntax = new SyntaxError(`cannot compile ${path}: ${problems.join('; ')}`);
    syntax.stack = `SyntaxError: ${syntax.message}`;
    throw syntax;
  }
  await writeCached(cached, code);
  return { format: 'module', source: code, shortCircuit: true };
}

async function readCached(file) {
  try {
    const code = await readFile(file, 'utf8');
    const now = new Date();
    utimes(file, now, now).catch(() => {});
    return code;
  } catch {
    return undefined;
  }
}

/** Writes under a temporary name and renames, so that a concurrent process never reads half a file; a cache that cannot be written is skipped. */
async function writeCached(file, code) {
  try {
    await mkdir(COMPILE_CACHE_DIR, { recursive: true });
    const partial = `${file}.${process.pid}-${threadId}-${written++}.partial`;
    await writeFile(partial, code);
    await rename(partial, file);
    if (!pruned) {
      pruned = true;
      await pruneUnused(Date.now());
    }
  } catch {
    // No cache: the next run compiles this file again.
  }
}

async function pruneUnused(now) {
  for (const name of await readdir(COMPILE_CACHE_DIR)) {
    const file = join(COMPILE_CACHE_DIR, name);
    try {
      if (now - (await stat(file)).mtimeMs > UNUSED_FOR_MS) await unlink(file);
    } catch {
      // Another process deleted it first.
    }
  }
}
