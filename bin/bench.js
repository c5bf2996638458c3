#!/usr/bin/env node
// `npm run bench`: runs src/bench from the TypeScript sources (no build step); not part of `npm test`.
import './register-typescript.js';

const { runBenchmarks } = await import('../src/bench/runBenchmarks.ts');
const { BenchUsageError } = await import('../src/bench/BenchArgs.ts');
try {
  // The report's date is read here, at the entry point: nothing under src/ reads the wall clock to decide.
  await runBenchmarks(process.argv.slice(2), new Date().toISOString());
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 2;
}
