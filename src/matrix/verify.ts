import fc from 'fast-check';
import { checkDifferential } from '../check/DifferentialChecker.ts';
import { checkGuarantee, type GuaranteeLevel } from '../check/GuaranteeChecker.ts';
import { JobRunner } from '../checkpoint/JobRunner.ts';
import { inputRecords } from '../checkpoint/ListAppendScenario.ts';
import { FaultInjector } from '../faults/FaultInjector.ts';
import { COMMON_POINTS, faultPlanArbitrary } from '../faults/FaultPlanArbitrary.ts';
import type { FaultKind, FaultPlan } from '../faults/types.ts';
import { HISTORY_VERSION, type History } from '../history/types.ts';
import type { StreamExecutionEnvironment } from '../runtime/api/StreamExecutionEnvironment.ts';
import type { ProtocolPoint } from '../runtime/execution/ProtocolPoints.ts';
import { RunServices } from '../runtime/execution/RunServices.ts';
import { generateListAppendInput, type ListAppendRecord } from '../runtime/workload/ListAppend.ts';
import { Rng } from '../sim/Rng.ts';
import { satisfies } from './ExpectedTable.ts';

/** What a pipeline under verification is built from: the generated list-append input. */
export interface VerifyInput {
  /** Input partitions of {id, key, ts} records (Kafka-like); feed them to your source. */
  readonly partitions: readonly (readonly ListAppendRecord[])[];
}

/** A pipeline to verify: the environment, and how to read its committed output at the end. */
export interface VerifiedPipeline {
  readonly env: StreamExecutionEnvironment;
  /** The external system's committed contents at the end: key -> values (input ids for list-append). */
  readonly output: (services: RunServices) => Record<string, readonly string[]>;
}

export interface VerifyOptions {
  readonly expect: Exclude<GuaranteeLevel, 'none'>;
  readonly runs?: number;
  /** fast-check seed; with `path`, replays one failing case. */
  readonly seed?: number;
  readonly path?: string;
  /**
   * 'list-append': output values are input ids (lost/duplicated per id);
   * 'differential': any values, compared with the failure-free run of the same case.
   */
  readonly verdict?: 'list-append' | 'differential';
  /** Fault kinds to inject (default: everything but rescales). */
  readonly faults?: readonly FaultKind[];
  /** Protocol points for crash-at faults (default: the checkpoint points and the 2PC sink's). */
  readonly points?: readonly ProtocolPoint[];
}

export interface VerifyReport {
  readonly runs: number;
  readonly seed: number;
  /** Runs in which a failure forced a restart. */
  readonly restarted: number;
}

/** A pipeline broke its expected guarantee; the message carries seed, path, counterexample and replay snippet. */
export class VerificationError extends Error {
  constructor(
    message: string,
    readonly seed: number,
    readonly path: string,
  ) {
    super(message);
    this.name = 'VerificationError';
  }
}

interface VerifyCase {
  readonly seed: number;
  readonly records: number;
  readonly keys: number;
  readonly partitions: number;
  readonly plan: FaultPlan;
  readonly choices: readonly number[];
}

const DEFAULT_KINDS: readonly FaultKind[] = [
  'crash',
  'crash-at',
  'coordinator-failover',
  'notification',
  'decline',
  'slow-upload',
  'system-error',
  'clock-jump',
];

function runOnce(build: (input: VerifyInput) => VerifiedPipeline, c: VerifyCase, plan: FaultPlan) {
  const partitions = generateListAppendInput(new Rng(c.seed).fork('workload'), {
    records: c.records,
    keys: c.keys,
    partitions: c.partitions,
    placement: 'by-key',
  });
  const pipeline = build({ partitions });
  const services = new RunServices();
  const injector = new FaultInjector(plan);
  injector.install(services);
  const result = new JobRunner(pipeline.env, {
    ...injector.jobOptions(),
    seed: c.seed,
    choices: c.choices,
    services,
    maxSteps: 400_000,
  }).run();
  return { partitions, result, output: pipeline.output(services) };
}

/**
 * Verifies a user's pipeline under generated workloads, schedules and fault
 * plans (DESIGN §9): `build` makes a fresh environment from the generated
 * input for every run (with checkpointing enabled by the user); the committed
 * output must meet `expect` in every run. Throws a VerificationError whose
 * message has the seed, the fast-check path, the shrunk counterexample and a
 * snippet that replays it; returns a small report otherwise.
 */
export function verify(
  build: (input: VerifyInput) => VerifiedPipeline,
  options: VerifyOptions,
): VerifyReport {
  const arb: fc.Arbitrary<VerifyCase> = fc.record({
    seed: fc.nat({ max: 0xffffffff }),
    records: fc.integer({ min: 1, max: 20 }),
    keys: fc.integer({ min: 1, max: 4 }),
    partitions: fc.integer({ min: 1, max: 3 }),
    plan: faultPlanArbitrary({
      kinds: options.faults ?? DEFAULT_KINDS,
      points: options.points ?? [...COMMON_POINTS, 'after-pre-commit', 'mid-commit'],
    }),
    choices: fc.array(fc.nat({ max: 7 }), { maxLength: 100 }),
  });
  let restarted = 0;
  let last = '';
  const evaluate = (c: VerifyCase): boolean => {
    const faulty = runOnce(build, c, c.plan);
    if (faulty.result.restarts.length > 0) restarted++;
    if (faulty.result.status !== 'finished') {
      last = `the job did not finish (${faulty.result.status}${faulty.result.failureCause ? `: ${faulty.result.failureCause}` : ''})`;
      return false;
    }
    let holds: { exactlyOnce: boolean; atLeastOnce: boolean; atMostOnce: boolean };
    if ((options.verdict ?? 'list-append') === 'list-append') {
      const history: History = {
        version: HISTORY_VERSION,
        scenario: 'verify',
        seed: c.seed,
        inputs: { src: inputRecords(faulty.partitions) },
        checkpoints: [],
        restarts: faulty.result.restarts,
        faults: faulty.result.faults,
        operations: [],
        reads: [],
        final: faulty.output as Record<string, string[]>,
        outcome: 'finished',
        traceHash: faulty.result.trace.hash,
      };
      const v = checkGuarantee(history);
      holds = v.holds;
      last = v.explanation;
    } else {
      const clean = runOnce(build, c, { faults: [] });
      const v = checkDifferential(clean.output, faulty.output);
      holds = v.holds;
      last = v.explanation;
    }
    return satisfies(holds, options.expect);
  };
  const property = fc.property(arb, evaluate);
  const details = fc.check(property, {
    numRuns: options.runs ?? 100,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  if (details.failed && details.counterexample !== null) {
    const [c] = details.counterexample;
    const path = details.counterexamplePath ?? '';
    evaluate(c); // The shrunk case's own explanation (the last run may have been another case).
    const faults = c.plan.faults.length === 0 ? 'no fault' : JSON.stringify(c.plan.faults);
    throw new VerificationError(
      [
        `verify: expected ${options.expect}, but ${last}`,
        `  counterexample: ${c.records} records, ${c.keys} keys, ${c.partitions} partitions, run seed ${c.seed}, faults ${faults}`,
        `  seed ${details.seed}, path ${path} (shrunk ${details.numShrinks} times)`,
        `  replay: verify(build, { expect: '${options.expect}', seed: ${details.seed}, path: '${path}' })`,
      ].join('\n'),
      details.seed,
      path,
    );
  }
  return { runs: details.numRuns, seed: details.seed, restarted };
}
