import type { History } from '../history/types.ts';
import { indexInputs } from './InputIndex.ts';

export type GuaranteeLevel = 'exactly-once' | 'at-least-once' | 'at-most-once' | 'none';

export interface Reordering {
  readonly key: string;
  readonly id: string;
  /** The id of the same partition that came before it in the output although it is later in the input. */
  readonly after: string;
}

export interface TransientState {
  readonly at: number;
  readonly isolation: string;
  readonly key: string;
  readonly seen: readonly string[];
  readonly final: readonly string[];
}

export interface GuaranteeVerdict {
  readonly level: GuaranteeLevel;
  readonly holds: {
    readonly exactlyOnce: boolean;
    readonly atLeastOnce: boolean;
    readonly atMostOnce: boolean;
  };
  readonly inputs: number;
  readonly lost: readonly string[];
  readonly duplicated: readonly { readonly id: string; readonly count: number }[];
  readonly reordered: readonly Reordering[];
  /** Reads that saw a state which is not a prefix of the final one ("temporary inconsistency"). */
  readonly transient: readonly TransientState[];
  readonly isolation: readonly string[];
  readonly explanation: string;
}

function isPrefix(seen: readonly string[], final: readonly string[]): boolean {
  if (seen.length > final.length) return false;
  for (let i = 0; i < seen.length; i++) if (seen[i] !== final[i]) return false;
  return true;
}

/**
 * The list-append guarantee classifier (DESIGN §4): from the external
 * system's final committed contents (key -> ids), every input id's effect is
 * lost (0), fine (1) or duplicated (>1); per key, ids of one partition must
 * keep their source order. exactly-once = nothing lost, duplicated or
 * reordered; at-least-once = nothing lost; at-most-once = nothing duplicated;
 * none = lost and duplicated. Reads seen during the run that are not a prefix
 * of the final state are reported as transient inconsistency. Pure.
 */
export function checkGuarantee(history: History): GuaranteeVerdict {
  const inputs = indexInputs(history.inputs).byId;
  const final = history.final ?? {};
  const counts = new Map<string, number>();
  const reordered: Reordering[] = [];
  for (const [key, ids] of Object.entries(final)) {
    const lanes = new Map<string, { offset: number; id: string }>();
    for (const id of ids) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
      const input = inputs.get(id);
      if (input === undefined) continue;
      const lane = input.lane;
      const previous = lanes.get(lane);
      if (previous !== undefined && input.offset < previous.offset && (counts.get(id) ?? 0) === 1) {
        reordered.push({ key, id, after: previous.id });
      }
      if (previous === undefined || input.offset > previous.offset)
        lanes.set(lane, { offset: input.offset, id });
    }
  }
  // Array literals filled by loops, not filter/map: a literal's allocation site learns that it holds
  // strings (objects), so every run's array, empty or not, has one map; a filter result starts as
  // an array of small integers when empty, and that second map cost V8 a deoptimization and a new
  // compilation of this function, several times per isolate.
  const lost: string[] = [];
  for (const id of inputs.keys()) if (!counts.has(id)) lost.push(id);
  const duplicated: { id: string; count: number }[] = [];
  for (const [id, count] of counts) if (count > 1 && inputs.has(id)) duplicated.push({ id, count });
  const transient: TransientState[] = [];
  for (const read of history.reads) {
    for (const [key, seen] of Object.entries(read.contents)) {
      const end = final[key] ?? [];
      if (!isPrefix(seen, end))
        transient.push({ at: read.at, isolation: read.isolation, key, seen, final: end });
    }
  }
  const atLeastOnce = lost.length === 0;
  const atMostOnce = duplicated.length === 0;
  const exactlyOnce = atLeastOnce && atMostOnce && reordered.length === 0;
  const level: GuaranteeLevel = exactlyOnce
    ? 'exactly-once'
    : atLeastOnce
      ? 'at-least-once'
      : atMostOnce
        ? 'at-most-once'
        : 'none';
  const parts: string[] = [];
  if (lost.length > 0) parts.push(`${lost.length} lost (e.g. ${lost[0]})`);
  if (duplicated.length > 0) {
    const d = duplicated[0] as { id: string; count: number };
    parts.push(`${duplicated.length} duplicated (e.g. ${d.id} x${d.count})`);
  }
  if (reordered.length > 0) {
    const r = reordered[0] as Reordering;
    parts.push(`${reordered.length} out of order (e.g. ${r.id} after ${r.after} under key ${r.key})`);
  }
  if (transient.length > 0)
    parts.push(`${transient.length} transient read(s) not a prefix of the final state`);
  return {
    level,
    holds: { exactlyOnce, atLeastOnce, atMostOnce },
    inputs: inputs.size,
    lost,
    duplicated,
    reordered,
    transient,
    isolation: [...new Set(history.reads.map((r) => r.isolation))].sort(),
    explanation: `${level}: ${inputs.size} inputs${parts.length === 0 ? ', each applied once, in order' : `; ${parts.join('; ')}`}`,
  };
}
