import type { HistorySequence } from '../history/HistorySequence.ts';
import { partitionKey } from '../history/PartitionKey.ts';
import type { CheckpointRecord } from '../history/types.ts';
import type { Transformation } from '../runtime/graph/Transformation.ts';
import type { OperatorSnapshot } from '../runtime/operators/OperatorSnapshot.ts';
import type { StreamRecord } from '../runtime/StreamElement.ts';
import type { KeyedStateSnapshot } from '../runtime/state/KeyedStateBackend.ts';
import { LIST_APPEND_STATE, LIST_APPEND_UID } from '../runtime/workload/ListAppend.ts';
import { hashPlainData } from '../sim/PlainDataHash.ts';
import type { CheckpointObserver } from './CheckpointObserver.ts';
import { vertexStateKey } from './StateKey.ts';
import type { ChannelState, CompletedCheckpoint } from './types.ts';

/** The list-append state (key -> ids) held in operator snapshots, in key-group order. */
export function appendStateOf(
  snapshots: readonly (OperatorSnapshot | undefined)[],
): Record<string, string[]> {
  const state: Record<string, string[]> = {};
  for (const s of snapshots) {
    const keyed = (s?.keyed ?? {}) as KeyedStateSnapshot;
    // Key groups are integer keys, which JavaScript enumerates in ascending order.
    for (const group in keyed) {
      for (const [key, , ids] of keyed[group as unknown as number]?.[LIST_APPEND_STATE] ?? []) {
        state[String(key)] = (ids as string[]).slice();
      }
    }
  }
  return state;
}

export interface CheckpointHistoryOptions {
  /** Record state content for runs of up to this many ids (default 100,000). */
  readonly contentLimit?: number;
  /** The run's history order, shared with external systems' operations. */
  readonly sequence?: HistorySequence;
  /** Record the digest of each completed snapshot (default on). */
  readonly digests?: boolean;
}

/**
 * Turns checkpoint outcomes into history records (DESIGN §4): source offsets
 * (readers keep positions as partition -> next offset), the list-append
 * operator's state per key, and, for unaligned checkpoints, the ids in flight
 * towards it (channel state on any edge upstream of it). Content is recorded
 * for runs up to `contentLimit` ids; with `digests`, a digest of the whole
 * snapshot too (it hashes all of it at every checkpoint: a tenth of a short
 * run, so the runs that are only judged in memory leave it out, and the
 * histories written to files have it).
 */
export class CheckpointHistoryRecorder implements CheckpointObserver {
  readonly records: CheckpointRecord[] = [];
  private readonly upstreamOfAppend = new Set<number>();
  /** Only a job with the list-append operator has list-append state to record. */
  private readonly hasAppend: boolean;
  private readonly contentLimit: number;
  private readonly sequence: HistorySequence | undefined;
  private readonly digests: boolean;

  constructor(
    private readonly vertices: readonly Transformation[],
    options: CheckpointHistoryOptions = {},
  ) {
    this.contentLimit = options.contentLimit ?? 100_000;
    this.sequence = options.sequence;
    this.digests = options.digests ?? true;
    const append = vertices.find((v) => v.uid === LIST_APPEND_UID);
    this.hasAppend = append !== undefined;
    if (append !== undefined) {
      const stack = [append.id];
      while (stack.length > 0) {
        const id = stack.pop() as number;
        if (this.upstreamOfAppend.has(id)) continue;
        this.upstreamOfAppend.add(id);
        const v = vertices.find((x) => x.id === id);
        if (v?.kind === 'operator') for (const e of v.edges) stack.push(e.upstream);
      }
    }
  }

  onCompleted(c: CompletedCheckpoint): void {
    const sourceOffsets: Record<string, number> = {};
    const appendState: Record<string, string[]> = {};
    const inFlight: string[] = [];
    let size = 0;
    for (const v of this.vertices) {
      const snaps = c.tasks[vertexStateKey(v)] ?? [];
      if (v.kind === 'source') {
        for (const s of snaps) {
          const reader = (s.reader ?? {}) as Record<string, number>;
          for (const p in reader) sourceOffsets[partitionKey(v.name, Number(p))] = reader[p] as number;
        }
      }
      if (v.uid === LIST_APPEND_UID) {
        const state = appendStateOf(snaps.map((s) => s.operator));
        for (const key in state) {
          const ids = state[key] as string[];
          appendState[key] = ids;
          size += ids.length;
        }
      }
      for (const s of snaps) {
        this.collectInFlight(s.inputChannels, inFlight);
        this.collectInFlight(s.outputChannels, inFlight);
      }
    }
    const small = size + inFlight.length <= this.contentLimit;
    this.records.push({
      id: c.id,
      kind: c.kind,
      triggeredAt: c.triggeredAt,
      status: 'completed',
      endedAt: c.completedAt,
      ...(this.sequence === undefined ? {} : { seq: this.sequence.next() }),
      sourceOffsets,
      ...(small && this.hasAppend ? { appendState, inFlight } : {}),
      ...(this.digests ? { digest: hashPlainData(c.tasks) } : {}),
    });
  }

  /** Ids of list-append records in channel state (unaligned checkpoints) headed for the append operator. */
  private collectInFlight(channels: readonly ChannelState[] | undefined, into: string[]): void {
    if (channels === undefined) return;
    for (const ch of channels) {
      if (!this.upstreamOfAppend.has(ch.receiverVertex)) continue;
      for (const r of ch.records as StreamRecord<{ id?: unknown }>[]) {
        if (typeof r.value?.id === 'string') into.push(r.value.id);
      }
    }
  }

  onAborted(a: {
    readonly id: number;
    readonly kind: 'checkpoint' | 'savepoint';
    readonly triggeredAt: number;
    readonly abortedAt: number;
    readonly reason: string;
  }): void {
    this.records.push({
      id: a.id,
      kind: a.kind,
      triggeredAt: a.triggeredAt,
      status: 'aborted',
      endedAt: a.abortedAt,
      reason: a.reason,
    });
  }
}
