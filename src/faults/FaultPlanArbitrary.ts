import fc from 'fast-check';
import type { ProtocolPoint } from '../runtime/execution/ProtocolPoints.ts';
import type { Fault, FaultKind, FaultPlan } from './types.ts';

/** Protocol points worth crashing at, per sink kind (others are never reached). */
export const COMMON_POINTS: readonly ProtocolPoint[] = [
  'during-alignment',
  'after-snapshot-before-ack',
  'after-completion-before-notify',
];

export interface FaultPlanShape {
  /** Fault kinds to draw from. */
  readonly kinds: readonly FaultKind[];
  /** Protocol points for 'crash-at'. */
  readonly points: readonly ProtocolPoint[];
  /** Steps and occurrences are drawn below these bounds. */
  readonly maxStep?: number;
  readonly maxFaults?: number;
  /** Parallelisms a rescale may move to. */
  readonly maxParallelism?: number;
}

/**
 * fast-check arbitraries for fault plans (DESIGN §6): plans are plain data
 * and shrink toward fewer faults, earlier steps and first occurrences, so a
 * counterexample ends with the faults that matter (target: at most 2).
 */
export function faultArbitrary(shape: FaultPlanShape): fc.Arbitrary<Fault> {
  const maxStep = shape.maxStep ?? 300;
  // Crashes drive recovery, where guarantees break: draw them more often than the other kinds.
  const options: fc.WeightedArbitrary<Fault>[] = [];
  for (const kind of shape.kinds) {
    switch (kind) {
      case 'crash':
        options.push({
          arbitrary: fc.record({
            kind: fc.constant('crash'),
            atStep: fc.nat({ max: maxStep }),
            task: fc.nat({ max: 8 }),
          }),
          weight: 3,
        });
        break;
      case 'crash-at':
        if (shape.points.length > 0) {
          options.push({
            arbitrary: fc.record({
              kind: fc.constant('crash-at'),
              point: fc.constantFrom(...shape.points),
              occurrence: fc.integer({ min: 1, max: 4 }),
            }),
            weight: 3,
          });
        }
        break;
      case 'coordinator-failover':
        options.push({
          arbitrary: fc.record({
            kind: fc.constant('coordinator-failover'),
            atStep: fc.nat({ max: maxStep }),
          }),
          weight: 1,
        });
        break;
      case 'notification':
        options.push({
          arbitrary: fc.record({
            kind: fc.constant('notification'),
            checkpoint: fc.integer({ min: 1, max: 6 }),
            effect: fc.constantFrom('lost', 'late', 'duplicated'),
          }),
          weight: 1,
        });
        break;
      case 'decline':
        options.push({
          arbitrary: fc.record({ kind: fc.constant('decline'), checkpoint: fc.integer({ min: 1, max: 6 }) }),
          weight: 1,
        });
        break;
      case 'slow-upload':
        options.push({
          arbitrary: fc.record({
            kind: fc.constant('slow-upload'),
            checkpoint: fc.integer({ min: 1, max: 6 }),
            delay: fc.integer({ min: 1, max: 200 }),
          }),
          weight: 1,
        });
        break;
      case 'system-error':
        options.push({
          arbitrary: fc.record({
            kind: fc.constant('system-error'),
            op: fc.constantFrom('write', 'commit'),
            occurrence: fc.integer({ min: 1, max: 10 }),
          }),
          weight: 1,
        });
        break;
      case 'clock-jump':
        options.push({
          arbitrary: fc.record({
            kind: fc.constant('clock-jump'),
            atStep: fc.nat({ max: maxStep }),
            by: fc.integer({ min: 1, max: 500 }),
          }),
          weight: 1,
        });
        break;
      case 'rescale':
        options.push({
          arbitrary: fc.record({
            kind: fc.constant('rescale'),
            at: fc.integer({ min: 0, max: 80 }),
            parallelism: fc.integer({ min: 1, max: shape.maxParallelism ?? 3 }),
          }),
          weight: 1,
        });
        break;
    }
  }
  return fc.oneof(...options);
}

export function faultPlanArbitrary(shape: FaultPlanShape): fc.Arbitrary<FaultPlan> {
  return fc.array(faultArbitrary(shape), { maxLength: shape.maxFaults ?? 2 }).map((faults) => ({ faults }));
}
