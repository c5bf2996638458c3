import { assignKeyToParallelOperator } from '../runtime/KeyGroupRangeAssignment.ts';
import type { ListAppendOutput, ListAppendRecord } from '../runtime/workload/ListAppend.ts';

/**
 * The canonical job's computation as a bare hand-written loop, with no
 * runtime: read the partitions (interleaved, as the source subtasks are),
 * route each key to its subtask with Flink's key-group hashing, append the id
 * to the key's list in that subtask, and collect (key, id, position). It is
 * the floor the runtime is compared with (ratioToBaseline).
 */
export function runBaselineLoop(
  partitions: readonly (readonly ListAppendRecord[])[],
  maxParallelism: number,
  parallelism: number,
): ListAppendOutput[] {
  const lists = Array.from({ length: parallelism }, () => new Map<string, string[]>());
  const outputs: ListAppendOutput[] = [];
  const offsets = partitions.map(() => 0);
  let remaining = partitions.reduce((n, p) => n + p.length, 0);
  while (remaining > 0) {
    for (let p = 0; p < partitions.length; p++) {
      const records = partitions[p] as readonly ListAppendRecord[];
      const offset = offsets[p] as number;
      if (offset >= records.length) continue;
      offsets[p] = offset + 1;
      remaining--;
      const r = records[offset] as ListAppendRecord;
      const state = lists[assignKeyToParallelOperator(r.key, maxParallelism, parallelism)] as Map<
        string,
        string[]
      >;
      let list = state.get(r.key);
      if (list === undefined) {
        list = [];
        state.set(r.key, list);
      }
      list.push(r.id);
      outputs.push({ key: r.key, id: r.id, position: list.length - 1 });
    }
  }
  return outputs;
}
