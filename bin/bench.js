#!/usr/bin/env node
// `npm run bench`: runs src/bench through tsx (no build step); not part of `npm test`.
import { register } from 'tsx/esm/api';

register();
const { runBenchmarks } = await import('../src/bench/runBenchmarks.ts');
// The report's date is read here, at the entry point: nothing under src/ reads the wall clock to decide.
await runBenchmarks(process.argv.slice(2), new Date().toISOString());
