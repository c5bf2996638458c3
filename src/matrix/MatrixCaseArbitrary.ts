import fc from 'fast-check';
import { COMMON_POINTS, faultPlanArbitrary } from '../faults/FaultPlanArbitrary.ts';
import type { FaultKind } from '../faults/types.ts';
import type { ProtocolPoint } from '../runtime/execution/ProtocolPoints.ts';
import type { MatrixCase } from './MatrixScenario.ts';
import type { MatrixCell, SinkKind } from './types.ts';

const SINK_POINTS: Record<SinkKind, readonly ProtocolPoint[]> = {
  any: [],
  idempotent: [],
  wal: ['mid-wal-write', 'before-wal-mark'],
  '2pc': ['after-pre-commit', 'mid-commit'],
};

/** Every fault kind of DESIGN §6 that the list-append matrix scenario can carry. */
const KINDS: readonly FaultKind[] = [
  'crash',
  'crash-at',
  'coordinator-failover',
  'notification',
  'decline',
  'slow-upload',
  'system-error',
  'clock-jump',
  'rescale',
];

/**
 * The generated cases of one matrix entry: workload (records, keys, partitions,
 * placement), topology (several input channels when source parallelism >= 2),
 * checkpoint interval, buffer size, operator chaining on or off, a fault plan of up to two faults, the
 * scheduler's choices and the run seed. Everything shrinks toward small.
 */
export function matrixCaseArbitrary(cell: MatrixCell): fc.Arbitrary<MatrixCase> {
  return fc.record({
    cell: fc.constant(cell),
    seed: fc.nat({ max: 0xffffffff }),
    records: fc.integer({ min: 1, max: 20 }),
    keys: fc.integer({ min: 1, max: 4 }),
    partitions: fc.integer({ min: 1, max: 3 }),
    placement: fc.constantFrom<'by-key' | 'spread'>('by-key', 'spread'),
    sourceParallelism: fc.integer({ min: 1, max: 3 }),
    appendParallelism: fc.integer({ min: 1, max: 3 }),
    checkpointInterval: fc.integer({ min: 2, max: 30 }),
    bufferCapacity: fc.integer({ min: 1, max: 6 }),
    // Both: chained (Flink's default) and not, where records also wait between append and sink.
    operatorChaining: fc.boolean(),
    plan: faultPlanArbitrary({ kinds: KINDS, points: [...COMMON_POINTS, ...SINK_POINTS[cell.sink]] }),
    choices: fc.array(fc.nat({ max: 7 }), { maxLength: 100 }),
  });
}
