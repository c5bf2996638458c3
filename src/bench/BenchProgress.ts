import type { MatrixWallTime, Spread } from './types.ts';

/** "3m07s": minutes and seconds of a duration. */
export function minutesSeconds(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

/**
 * Progress lines on stderr, numbered by step ("[3/9] ..."), each with the
 * time the benchmark has run so far; nothing when quiet (--json, or CI=true).
 * `elapsedSeconds` reads the benchmark's own clock (not a decision, only shown).
 */
export function progressPrinter(
  quiet: boolean,
  steps: number,
  elapsedSeconds: () => number,
  write: (line: string) => void = (line) => process.stderr.write(line),
): (line: string) => void {
  let step = 0;
  return (line) => {
    step++;
    if (!quiet) write(`bench: [${step}/${steps}] ${line} (${minutesSeconds(elapsedSeconds())} so far)\n`);
  };
}

/**
 * About how long the long --workers comparison will take, in seconds, from
 * the figures measured before it: each worker count's warm time per run,
 * scaled to the long matrix's runs, plus what the short comparison took
 * beyond its warm time (start-up, and every new thread's compiling). It came
 * within 15% of the 363 s that step took on the slowest host seen.
 */
export function longMatrixEstimateSeconds(
  short: MatrixWallTime,
  warm: { readonly warm1: Spread; readonly warm2: Spread },
  longRuns: number,
): number {
  const perRun = (warm.warm1.median + warm.warm2.median) / short.runs;
  const fixed = Math.max(0, short.workers1.median + short.workers2.median - perRun * short.runs);
  return perRun * longRuns + fixed;
}
