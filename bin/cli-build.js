// The CLI's one-build cache, the part bin/streamproof.js needs before any TypeScript can load: where
// the build lives, what it is built with, and whether the latest build is still the code the sources
// give. src/cli/CliBuild.ts makes the builds; this file only reads them, in plain JavaScript, so
// that a CLI run whose build is current loads no TypeScript hooks at all.
//
// Why: loading the sources through the esbuild hooks costs about 0.4 s a run (Node 20 answers every
// import on the hooks thread, for about 240 files), while a build in about 20 files loads in about
// 0.05 s: `streamproof --help` 0.37 s -> 0.23 s, a default `streamproof matrix` 1.7 s -> 1.35 s.
import { createHash } from 'node:crypto';
import { readFileSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The package root, which every input path in a manifest is relative to. */
export const PACKAGE_ROOT = new URL('../', import.meta.url);

/** Inside the package, as the hooks' compile cache: only who can write the sources can write the code run. */
export const CLI_BUILD_DIR = fileURLToPath(new URL('node_modules/.cache/streamproof/cli/', PACKAGE_ROOT));

/** The entry module of the build, relative to the package root, and its file in a build directory. */
export const CLI_ENTRY = 'src/cli/main.ts';
export const CLI_MAIN = 'main.js';

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

/** The code that makes builds: a change to it is a change of compiler. */
const BUILDERS = [new URL('../src/cli/CliBuild.ts', import.meta.url), new URL(import.meta.url)];

/**
 * What makes the code built from the same inputs differ: esbuild's version, the entry, the options
 * and the builder's own code. A manifest made with another is not used. Undefined when esbuild is
 * not installed (no builds).
 */
export function cliBuildCompiler(entry = CLI_ENTRY) {
  try {
    const { version } = createRequire(import.meta.url)('esbuild/package.json');
    const builder = BUILDERS.map((url) => hashOf(fileURLToPath(url)));
    return JSON.stringify({ esbuild: version, entry, options: CLI_BUILD_OPTIONS, builder });
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
 * The URL of the latest build's main module when it is current: made by this compiler, from
 * inputs that all still hash as they did when esbuild read them, and with every file of the build
 * as it was written. Else undefined (and the CLI runs from the sources). A used build's directory
 * is touched, so that builds nobody uses can be told apart and deleted.
 */
export function currentCliBuild(dir = CLI_BUILD_DIR, root = PACKAGE_ROOT, entry = CLI_ENTRY) {
  const compiler = cliBuildCompiler(entry);
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
    typeof manifest.outputs[CLI_MAIN] !== 'string'
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
  return pathToFileURL(join(build, CLI_MAIN)).href;
}
