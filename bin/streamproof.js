#!/usr/bin/env node
// Runs the TypeScript sources directly (compiled by esbuild as they load), so a clean clone needs no build step.
import './register-typescript.js';
import { setFlagsFromString } from 'node:v8';

// A smaller inlining budget for V8's optimizing compiler (default 920 bytes of bytecode per function),
// set before any code is hot; V8 flags are per process, so the matrix's worker threads get it too. A
// matrix run is mostly V8 compiling the simulation: this made the default `matrix` about 20% faster
// (2.85 s -> 2.3 s of matrix time, cold) and warm entries no slower (README, Performance). It is not
// set for the library: the 1M-record benchmark job runs 12-15% slower with it.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');

const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
