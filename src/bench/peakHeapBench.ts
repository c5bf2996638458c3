import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TYPESCRIPT_EXEC_ARGV } from '../TypeScriptExecArgv.ts';
import type { CanonicalSink } from './CanonicalListAppendJob.ts';
import { spreadOf } from './RepeatedMeasurement.ts';
import type { Spread } from './types.ts';

export interface PeakHeapResult {
  readonly peakHeapMB: Spread;
  /** Heap in use before the run started (mostly the generated input). */
  readonly beforeRunMB: Spread;
}

/**
 * Peak heap in use while the canonical job runs on `records` records, each
 * repeat in a fresh Node process so that earlier benchmarks do not count.
 */
export function benchPeakHeap(records: number, sink: CanonicalSink, repeats: number): PeakHeapResult {
  const entry = fileURLToPath(new URL('./peakHeapRun.ts', import.meta.url));
  const peaks: number[] = [];
  const before: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const out = execFileSync(process.execPath, [...TYPESCRIPT_EXEC_ARGV, entry, String(records), sink], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const line = JSON.parse(out.trim().split('\n').at(-1) as string) as {
      status: string;
      beforeBytes: number;
      peakBytes: number;
    };
    if (line.status !== 'finished') throw new Error(`memory benchmark run ended ${line.status}`);
    peaks.push(line.peakBytes / 2 ** 20);
    before.push(line.beforeBytes / 2 ** 20);
  }
  return { peakHeapMB: spreadOf(peaks), beforeRunMB: spreadOf(before) };
}
