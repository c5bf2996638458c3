import { Simulation } from '../../sim/Simulation.ts';
import type { TraceSummary } from '../../sim/types.ts';
import type { StreamExecutionEnvironment } from '../api/StreamExecutionEnvironment.ts';
import { type CollectedRecord, collectedOutputs } from '../sink/CollectSink.ts';
import { JobExecution, type RunLimits, type RunStatus } from './JobExecution.ts';
import { RunServices } from './RunServices.ts';

export interface SimulateOptions extends RunLimits {
  /** Master seed, an integer in [0, 2^32 - 1]. */
  readonly seed: number;
  /** Scheduler choices to take first (what fast-check shrinks); then the seed decides. */
  readonly choices?: readonly number[];
  /** Keep trace events (true, or at most N) for timelines. */
  readonly keepTrace?: boolean | number;
}

/** The result of one simulated run of a job. */
export interface SimulationResult {
  readonly seed: number;
  readonly status: RunStatus;
  readonly trace: TraceSummary;
  readonly steps: number;
  readonly choicesTaken: number;
  /** Virtual time when the run ended. */
  readonly endTime: number;
  /** Values written to CollectSinks, by sink name, in write order. */
  readonly outputs: Record<string, CollectedRecord<unknown>[]>;
  /** The per-run registry of simulated external systems (for connectors and checkers). */
  readonly services: RunServices;
}

/**
 * Runs the job built on `env` once, deterministically: same environment, seed
 * and choices give the same trace hash and the same outputs.
 */
export function simulate(env: StreamExecutionEnvironment, options: SimulateOptions): SimulationResult {
  const sim = new Simulation({
    seed: options.seed,
    choices: options.choices ?? [],
    keepTrace: options.keepTrace ?? false,
    maxReadyDelay: env.config.maxDelay,
  });
  const services = new RunServices();
  const job = new JobExecution(env.transformations, env.config, sim, services);
  job.deploy();
  const status = job.run(options);
  const outputs: Record<string, CollectedRecord<unknown>[]> = {};
  for (const [name, list] of collectedOutputs(services)) outputs[name] = list;
  return {
    seed: options.seed,
    status,
    trace: sim.trace.summary(),
    steps: sim.scheduler.steps,
    choicesTaken: sim.scheduler.choicesTaken,
    endTime: sim.clock.now(),
    outputs,
    services,
  };
}
