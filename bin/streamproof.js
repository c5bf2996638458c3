#!/usr/bin/env node
// Runs the CLI from its build when that is current (bin/cli-build.js), else builds it from the
// TypeScript sources (src/cli/CliBuild.ts, esbuild), or runs the sources themselves through the
// esbuild hooks when no build can be made. No step for the user either way.
// STREAMPROOF_FROM_SOURCES=1 skips the build (to debug the hooks' path, or compare the two).
import { setFlagsFromString } from 'node:v8';
import { currentCliBuild } from './cli-build.js';

// A smaller inlining budget for V8's optimizing compiler (default 920 bytes of bytecode per function),
// set before any code is hot; V8 flags are per process, so the matrix's worker threads get it too. A
// matrix run is mostly V8 compiling the simulation: this made the default `matrix` about 20% faster
// (2.85 s -> 2.3 s of matrix time, cold) and warm entries no slower (docs/performance.md). It is not
// set for the library: the 1M-record benchmark job runs 12-15% slower with it.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
// Stack traces point at lines of the .ts sources (the build and each compiled file carry source maps).
process.setSourceMapsEnabled(true);

const fromSources = process.env.STREAMPROOF_FROM_SOURCES === '1';
let main = fromSources ? undefined : currentCliBuild();
if (main === undefined) {
  await import('./register-typescript.js');
  if (!fromSources) {
    const { cliBuild, buildModule } = await import('../src/cli/CliBuild.ts');
    const build = await cliBuild();
    if (build !== undefined) main = buildModule(build, 'main');
  }
}
const { runCli } = await import(main ?? '../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
