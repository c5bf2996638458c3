// The build cache of the CLI and its matrix worker, the part bin/streamproof.js needs before any
// TypeScript can load: where the build lives, what it is built with, and whether the latest build is
// still the code the sources give. src/cli/CliBuild.ts makes the builds; this file only reads them,
// in plain JavaScript, so that a CLI run whose build is current loads no TypeScript hooks at all.
//
// Why: loading the sources through the esbuild hooks costs about 0.4 s a run (Node 20 answers every
// import on the hooks thread, for about 240 files), while the build's 20-odd files load in about
// 0.05 s: `streamproof --help` 0.37 s -> 0.25 s, a default `streamproof matrix` 2.6 s -> 2.3 s.
import { createHash } from 'node:crypto';
import { readFileSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The package root, which every input path in a manifest is relative to. */
export const PACKAGE_ROOT = new URL('../', import.meta.url);

/** Inside the package, as the hooks' compile cache: only who can write the sources can write the code run. */
export const CLI_BUILD_DIR = fileURLToPath(new URL('node_modules/.cache/streamproof/cli/', PACKAGE_ROOT));

/**
 * What a build holds, each module by name (`<name>.js` in a build directory), its source relative
 * to the package root. `entries` share chunks and import packages from node_modules: the CLI.
 * `standalone` modules are one file each with their packages inside: the module the matrix's
 * worker threads load, which ran 2-8% slower (7 of 7 alternated `--runs 1000 --workers 2` runs) as
 * the CLI's chunks plus fast-check from node_modules. One build, so one manifest and one check.
 */
export const CLI_SPEC = {
  entries: { main: 'src/cli/main.ts' },
  standalone: { 'matrix-worker': 'src/cli/MatrixEntryWorker.ts' },
};

/** The manifest of the latest build, in the build cache directory. */
export const MANIFEST = 'latest.json';

/** A build directory's name: `cli-` and 16 hex digits of the hash of its files. */
export const BUILD_NAME = /^cli-[0-9a-f]{16}$/;

/**
 * esbuild's options for the CLI: one module per entry and shared chunks (splitting), so that what
 * a command imports only when it runs (the real systems, the bug catalogue) stays out of the
 * startup; packages stay in node_modules (kafkajs, pg and the rest load only where used); the
 * TypeScript options of bin/typescript-hooks.js, so the build is the code the sources run.
 */
export const CLI_BUILD_OPTIONS = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  sourcesContent: false,
  tsconfigRaw: {
    compilerOptions: { target: 'ES2022', verbatimModuleSyntax: true, useDefineForClassFields: true },
  },
};

/** esbuild's options for a standalone module: the same, as one file with its packages. */
export const STANDALONE_BUILD_OPTIONS = { ...CLI_BUILD_OPTIONS, splitting: false, packages: 'bundle' };

/** Every module name a build of `spec` holds. */
export function moduleNames(spec) {
  return [...Object.keys(spec.entries), ...Object.keys(spec.standalone ?? {})];
}

/** The code that makes builds: a change to it is a change of compiler. */
const BUILDERS = [new URL('../src/cli/CliBuild.ts', import.meta.url), new URL(import.meta.url)];

/**
 * What makes the code built from the same inputs differ: esbuild's version, the modules, the options
 * and the builder's own code. A manifest made with another is not used. Undefined when esbuild is
 * not installed (no builds).
 */
export function cliBuildCompiler(spec = CLI_SPEC) {
  try {
    const { version } = createRequire(import.meta.url)('esbuild/package.json');
    const builder = BUILDERS.map((url) => hashOf(fileURLToPath(url)));
    const options = [CLI_BUILD_OPTIONS, STANDALONE_BUILD_OPTIONS];
    return JSON.stringify({ esbuild: version, spec, options, builder });
  } catch {
    return undefined;
  }
}

export function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** The sha256 of a file's bytes; undefined when it cannot be read. */
export function hashOf(file) {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

/**
 * The directory of the latest build when it is current: made by this compiler, from inputs that
 * all still hash as they did when esbuild read them, with every file of the build as it was
 * written. Else undefined (and the CLI runs from the sources). A used build's directory is
 * touched, so that builds nobody uses can be told apart and deleted.
 */
export function currentBuild(dir = CLI_BUILD_DIR, root = PACKAGE_ROOT, spec = CLI_SPEC) {
  const compiler = cliBuildCompiler(spec);
  if (compiler === undefined) return undefined;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
  if (
    manifest === null ||
    manifest.compiler !== compiler ||
    typeof manifest.build !== 'string' ||
    !BUILD_NAME.test(manifest.build) ||
    typeof manifest.inputs !== 'object' ||
    manifest.inputs === null ||
    typeof manifest.outputs !== 'object' ||
    manifest.outputs === null ||
    moduleNames(spec).some((name) => typeof manifest.outputs[`${name}.js`] !== 'string')
  ) {
    return undefined;
  }
  const base = fileURLToPath(root);
  const build = join(dir, manifest.build);
  const expected = [
    ...Object.entries(manifest.inputs).map(([path, hash]) => [join(base, path), hash]),
    ...Object.entries(manifest.outputs).map(([path, hash]) => [join(build, path), hash]),
  ];
  // Synchronous reads: about 250 small files, where the thread pool's round trips cost more than the reads.
  if (expected.some(([file, hash]) => hashOf(file) !== hash)) return undefined;
  const now = new Date();
  try {
    utimesSync(build, now, now);
  } catch {
    // A read-only cache: the build is used all the same.
  }
  return build;
}

/** The URL of the current build's CLI module (entry `main`), or undefined. */
export function currentCliBuild() {
  const build = currentBuild();
  return build === undefined ? undefined : pathToFileURL(join(build, 'main.js')).href;
}
