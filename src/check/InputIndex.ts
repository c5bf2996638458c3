import { partitionKey } from '../history/PartitionKey.ts';
import type { History, InputRecord } from '../history/types.ts';

/** An input record with its source and lane: "source#partition", the unit within which source order holds. */
export interface IndexedInput extends InputRecord {
  readonly source: string;
  readonly lane: string;
}

/** A history's input records, in input order and by id (the first position of an id, its last record). */
export interface InputIndex {
  readonly all: readonly IndexedInput[];
  readonly byId: ReadonlyMap<string, IndexedInput>;
}

/**
 * Indexes the inputs once per checker, so that the per-checkpoint and per-id
 * loops neither look a record's source up nor build its lane name again.
 */
export function indexInputs(inputs: History['inputs']): InputIndex {
  const all: IndexedInput[] = [];
  const byId = new Map<string, IndexedInput>();
  for (const [source, records] of Object.entries(inputs)) {
    // A source has a few partitions: one lane name each, not one string per record.
    const lanes: string[] = [];
    for (const r of records) {
      let lane = lanes[r.partition];
      if (lane === undefined) {
        lane = partitionKey(source, r.partition);
        lanes[r.partition] = lane;
      }
      // Field by field, not a spread: one object shape, and no copy of fields a recorded history may add.
      const input: IndexedInput = {
        id: r.id,
        key: r.key,
        partition: r.partition,
        offset: r.offset,
        source,
        lane,
      };
      all.push(input);
      byId.set(r.id, input);
    }
  }
  return { all, byId };
}
