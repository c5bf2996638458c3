import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TYPESCRIPT_EXEC_ARGV } from '../TypeScriptExecArgv.ts';
import { spreadOf } from './RepeatedMeasurement.ts';
import type { Spread } from './types.ts';

export interface MachineScalingResult {
  /** Scenario runs per second of one process alone. */
  readonly aloneRunsPerSecond: Spread;
  /** Scenario runs per second of two processes side by side, together. */
  readonly pairRunsPerSecond: Spread;
  /** pair / alone (medians): what two cores give this workload here, 2 at best. */
  readonly scaling: number;
}

function runChild(runs: number): Promise<number> {
  const entry = fileURLToPath(new URL('./machineScalingRun.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TYPESCRIPT_EXEC_ARGV, entry, String(runs)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`machine scaling run exited with ${code}`));
      else resolve((JSON.parse(out.trim().split('\n').at(-1) as string) as { ms: number }).ms);
    });
  });
}

/**
 * How well this machine runs two copies of the simulation at once: the crash-and-restore
 * scenario in one process alone, then in two processes side by side, alternating: what two cores
 * give a warm simulation here (the matrix with two workers also pays for a second thread's warm-up).
 */
export async function benchMachineScaling(runs: number, repeats: number): Promise<MachineScalingResult> {
  const alone: number[] = [];
  const pair: number[] = [];
  for (let i = 0; i < repeats; i++) {
    alone.push((runs * 1000) / (await runChild(runs)));
    const [a, b] = await Promise.all([runChild(runs), runChild(runs)]);
    pair.push((runs * 1000) / (a as number) + (runs * 1000) / (b as number));
  }
  const aloneRunsPerSecond = spreadOf(alone);
  const pairRunsPerSecond = spreadOf(pair);
  return {
    aloneRunsPerSecond,
    pairRunsPerSecond,
    scaling: pairRunsPerSecond.median / aloneRunsPerSecond.median,
  };
}
