import type { Rng } from '../../sim/Rng.ts';
import type { Collector } from '../functions/Collector.ts';
import { KeyedProcessFunction, type KeyedProcessFunctionContext } from '../functions/KeyedProcessFunction.ts';
import { javaStringHashCode } from '../JavaHashCode.ts';
import type { ListState } from '../state/State.ts';
import { ListStateDescriptor } from '../state/StateDescriptor.ts';

/**
 * The canonical workload (DESIGN §4, after Jepsen/Elle's list-append): every
 * input record has a unique id and a key; the keyed operator appends the id
 * to the key's list state and emits (key, id, position). From what the
 * external system finally holds, a checker tells for each id whether its
 * effect was lost, applied once or duplicated, and whether per-key order held.
 */
export interface ListAppendRecord {
  readonly id: string;
  readonly key: string;
  /** Event time. */
  readonly ts: number;
}

export interface ListAppendOutput {
  readonly key: string;
  readonly id: string;
  /** Index of the id in the key's list after the append (0-based). */
  readonly position: number;
}

/**
 * The key selector of list-append jobs. One function for every job built, not
 * a new arrow per job: the keyBy partitioner and the keyed operator call it
 * for every record, and the optimizing compiler inlines a call only when its
 * target is the same function in every run.
 */
export const listAppendKey = (r: ListAppendRecord): string => r.key;

/** The uid and state name the checkers and recorders look for. */
export const LIST_APPEND_UID = 'append';
export const LIST_APPEND_STATE = 'ids';

export class ListAppendFunction extends KeyedProcessFunction<string, ListAppendRecord, ListAppendOutput> {
  private ids!: ListState<string>;

  override open(): void {
    this.ids = this.getRuntimeContext().getListState(new ListStateDescriptor<string>(LIST_APPEND_STATE));
  }

  processElement(
    value: ListAppendRecord,
    _ctx: KeyedProcessFunctionContext<string>,
    out: Collector<ListAppendOutput>,
  ): void {
    this.ids.add(value.id);
    out.collect({ key: value.key, id: value.id, position: this.ids.get().length - 1 });
  }
}

export interface ListAppendInputShape {
  readonly records: number;
  readonly keys: number;
  readonly partitions: number;
  /**
   * Where a key's records go: 'by-key' (Kafka's default partitioner: one
   * partition per key, so per-key order is the partition order) or 'spread'
   * (any partition).
   */
  readonly placement?: 'by-key' | 'spread';
}

/**
 * Generates list-append input from the `workload` sub-stream: ids r0, r1...,
 * keys k0..k{n-1}, event times increasing by 1..3 ms per partition.
 */
export function generateListAppendInput(rng: Rng, shape: ListAppendInputShape): ListAppendRecord[][] {
  const partitions: ListAppendRecord[][] = Array.from({ length: shape.partitions }, () => []);
  const clocks = new Array<number>(shape.partitions).fill(0);
  // One string per key, shared by its records (as a deserializer's interned keys): a million records
  // over a thousand keys hold a thousand key strings, and hash maps reuse each one's cached hash.
  const keys = Array.from({ length: shape.keys }, (_, k) => `k${k}`);
  // By key, a key's partition is fixed: hash each key once, not once per record.
  const partitionOfKey =
    (shape.placement ?? 'by-key') === 'by-key'
      ? keys.map((key) => Math.abs(javaStringHashCode(key)) % shape.partitions)
      : undefined;
  for (let i = 0; i < shape.records; i++) {
    const k = rng.int(shape.keys);
    const key = keys[k] as string;
    const p = partitionOfKey === undefined ? rng.int(shape.partitions) : (partitionOfKey[k] as number);
    clocks[p] = (clocks[p] as number) + 1 + rng.int(3);
    (partitions[p] as ListAppendRecord[]).push({ id: `r${i}`, key, ts: clocks[p] as number });
  }
  return partitions;
}
