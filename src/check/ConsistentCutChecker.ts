import type { CheckpointRecord, History } from '../history/types.ts';
import { type IndexedInput, type InputIndex, indexInputs } from './InputIndex.ts';

export type CutViolationKind =
  | 'post-barrier-included'
  | 'pre-barrier-missing'
  | 'duplicated'
  | 'wrong-key'
  | 'reordered'
  | 'unknown-id';

export interface CutViolation {
  readonly checkpointId: number;
  readonly kind: CutViolationKind;
  readonly id: string;
  readonly detail: string;
}

export interface ConsistentCutVerdict {
  readonly ok: boolean;
  /** Completed checkpoints and savepoints that carried content and were checked. */
  readonly checked: number;
  readonly violations: readonly CutViolation[];
  /** One line for reports: the first violation, or what was checked. */
  readonly explanation: string;
}

function checkOne(c: CheckpointRecord, { all, byId }: InputIndex) {
  const violations: CutViolation[] = [];
  const offsets = c.sourceOffsets ?? {};
  const expected = new Set<string>();
  for (const r of all) {
    if (r.offset < (offsets[r.lane] ?? 0)) expected.add(r.id);
  }
  const seen = new Map<string, number>();
  const note = (id: string) => seen.set(id, (seen.get(id) ?? 0) + 1);
  for (const [key, ids] of Object.entries(c.appendState ?? {})) {
    let lastOffset = new Map<string, number>();
    for (const id of ids) {
      note(id);
      const input = byId.get(id);
      if (input === undefined) continue;
      if (input.key !== key) {
        violations.push({
          checkpointId: c.id,
          kind: 'wrong-key',
          id,
          detail: `checkpoint ${c.id}: ${id} (key ${input.key}) is in the state of key ${key}`,
        });
      }
      const lane = input.lane;
      const prev = lastOffset.get(lane);
      if (prev !== undefined && input.offset < prev) {
        violations.push({
          checkpointId: c.id,
          kind: 'reordered',
          id,
          detail: `checkpoint ${c.id}: key ${key} lists ${id} (offset ${input.offset}) after a later record of ${lane}`,
        });
      }
      lastOffset.set(lane, input.offset);
    }
    lastOffset = new Map();
  }
  for (const id of c.inFlight ?? []) note(id);
  for (const [id, count] of seen) {
    const input = byId.get(id);
    if (input === undefined) {
      violations.push({
        checkpointId: c.id,
        kind: 'unknown-id',
        id,
        detail: `checkpoint ${c.id}: unknown id ${id}`,
      });
      continue;
    }
    if (count > 1) {
      violations.push({
        checkpointId: c.id,
        kind: 'duplicated',
        id,
        detail: `checkpoint ${c.id}: ${id} is in the snapshot ${count} times`,
      });
    }
    if (!expected.has(id)) {
      const at = offsets[input.lane] ?? 0;
      violations.push({
        checkpointId: c.id,
        kind: 'post-barrier-included',
        id,
        detail:
          `checkpoint ${c.id} includes ${id} (${input.source} partition ${input.partition} offset ${input.offset}), ` +
          `but its source position there is ${at}: a record after the barrier is inside the cut`,
      });
    }
  }
  for (const id of expected) {
    if (!seen.has(id)) {
      const input = byId.get(id) as IndexedInput;
      violations.push({
        checkpointId: c.id,
        kind: 'pre-barrier-missing',
        id,
        detail:
          `checkpoint ${c.id} misses ${id} (${input.source} partition ${input.partition} offset ${input.offset}), ` +
          'which is before the barrier: neither in the state nor in flight',
      });
    }
  }
  return violations;
}

/**
 * Judges every completed checkpoint (and savepoint) of a list-append history:
 * its snapshot must equal the state after exactly the input prefix its source
 * offsets name — each id before the offsets applied once (in the list state or,
 * for unaligned checkpoints, in flight), none after them, under the right key,
 * in source order per partition (DESIGN §4). Pure: reads the history only.
 */
export function checkConsistentCuts(history: History): ConsistentCutVerdict {
  const index = indexInputs(history.inputs);
  const violations: CutViolation[] = [];
  let checked = 0;
  for (const c of history.checkpoints) {
    if (c.status !== 'completed' || c.appendState === undefined || c.sourceOffsets === undefined) continue;
    checked++;
    for (const item of checkOne(c, index)) violations.push(item);
  }
  const first = violations[0];
  return {
    ok: violations.length === 0,
    checked,
    violations,
    explanation:
      first === undefined
        ? `${checked} completed checkpoint(s) are consistent cuts`
        : `${first.detail}${violations.length > 1 ? ` (+${violations.length - 1} more)` : ''}`,
  };
}
