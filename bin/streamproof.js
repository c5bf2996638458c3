#!/usr/bin/env node
// Runs the TypeScript sources directly (compiled by esbuild as they load), so a clean clone needs no build step.
import './register-typescript.js';

const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
