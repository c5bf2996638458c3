import { Rng } from './Rng.ts';
import { type ClockPolicy, Scheduler } from './Scheduler.ts';
import { Trace } from './Trace.ts';
import type { SimulationSeed } from './types.ts';
import { VirtualClock } from './VirtualClock.ts';

export interface SimulationOptions extends SimulationSeed {
  /** Keep trace events (for timelines); the hash is always computed. */
  readonly keepTrace?: boolean | number;
  readonly clockPolicy?: ClockPolicy;
  /** See SchedulerOptions.maxReadyDelay. */
  readonly maxReadyDelay?: number;
  /** Virtual time the run starts at (a job resumed later in the same history). */
  readonly startTime?: number;
}

/**
 * The kernel of one run, wired from a seed: the root generator, the virtual
 * clock, the trace and the scheduler (which draws from `rng.fork('scheduler')`).
 * Components fork their own sub-streams (`workload`, `faults`, ...) from `rng`.
 */
export class Simulation {
  readonly seed: number;
  readonly rng: Rng;
  readonly clock: VirtualClock;
  readonly trace: Trace;
  readonly scheduler: Scheduler;

  constructor(options: SimulationOptions) {
    if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
      throw new RangeError(`Simulation: seed must be an integer in [0, 4294967295], got ${options.seed}`);
    }
    this.seed = options.seed;
    this.rng = new Rng(options.seed);
    this.clock = new VirtualClock(options.startTime ?? 0);
    this.trace = new Trace({ keep: options.keepTrace ?? false, now: () => this.clock.now() });
    this.scheduler = new Scheduler({
      clock: this.clock,
      rng: this.rng.fork('scheduler'),
      choices: options.choices ?? [],
      trace: this.trace,
      clockPolicy: options.clockPolicy ?? 'choice',
      ...(options.maxReadyDelay === undefined ? {} : { maxReadyDelay: options.maxReadyDelay }),
    });
  }
}
