import type { MatrixWallTime, Spread } from './types.ts';

/** What the CPU time of the --workers comparison says about the speed-up two cores can give. */
export interface WorkersCpuBound {
  /** CPU seconds over wall seconds (medians) of the --workers 1 process: cores it kept busy on average. */
  readonly coresBusy1: number;
  /** The same for --workers 2. */
  readonly coresBusy2: number;
  /** CPU seconds the --workers 2 process used beyond the --workers 1 process (medians). */
  readonly extraCpuSeconds: number;
  /**
   * The most `cores` cores could speed the --workers 1 process up with no extra work at all:
   * cores / coresBusy1 (its CPU seconds cannot take less than CPU seconds / cores of wall time).
   */
  readonly speedupBound: number;
}

/** Cores a process kept busy on average: its CPU seconds over its wall seconds (medians). */
export function coresBusy(cpu: Spread, wall: Spread): number {
  return cpu.median / wall.median;
}

/**
 * The bound the machine's cores put on the --workers speed-up, from the
 * comparison's CPU times; undefined when they were not measured. With one
 * worker the process already keeps more than one core busy (V8 compiles on
 * background threads and collects garbage on helper threads while the main
 * thread runs the entries), and a process that needs C CPU seconds takes at
 * least C / cores of wall time however it divides its work.
 */
export function workersCpuBound(m: MatrixWallTime, cores: number): WorkersCpuBound | undefined {
  if (m.workers1Cpu === undefined || m.workers2Cpu === undefined) return undefined;
  const coresBusy1 = coresBusy(m.workers1Cpu, m.workers1);
  return {
    coresBusy1,
    coresBusy2: coresBusy(m.workers2Cpu, m.workers2),
    extraCpuSeconds: m.workers2Cpu.median - m.workers1Cpu.median,
    speedupBound: cores / coresBusy1,
  };
}
