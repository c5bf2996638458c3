import type { FaultRecord, History, InputRecord, SinkOperation } from '../history/types.ts';
import type { TraceEvent } from '../sim/types.ts';
import type { MarkKind, Timeline, TimelineLane, TimelineMark } from './types.ts';

export interface TimelineOptions {
  /** Operator names by vertex id ("src", "Append"), for lane labels. */
  readonly vertexNames?: Readonly<Record<number, string>>;
}

/** Trace kinds that say nothing a reader of a consistency timeline needs. */
const NOISE = new Set(['clock', 'watermark', 'idle', 'processing-timer']);

export const JOB_LANE = 'job';
export const SYSTEM_LANE = 'system';

function subtaskLane(vertex: number, subtask: number): string {
  return `v${vertex}#${subtask}`;
}

interface Draft {
  readonly time: number;
  /** Sort key within one time: the trace index, with history items placed between trace events. */
  readonly order: number;
  readonly lane: string;
  readonly kind: MarkKind;
  readonly label: string;
  readonly detail: string;
  readonly spansLanes?: boolean;
}

/**
 * Names source records in the trace. A source emits each partition's records
 * in offset order and, after a failover, rewinds to the offsets of the
 * checkpoint it restored (Flink's replayable source), so a counter per
 * partition gives the record. Only for single-source histories; otherwise
 * records are named by partition.
 */
class RecordNamer {
  private readonly byPosition = new Map<string, InputRecord>();
  private readonly next = new Map<number, number>();
  private readonly source: string | undefined;

  constructor(private readonly history: History) {
    const sources = Object.keys(history.inputs);
    this.source = sources.length === 1 ? sources[0] : undefined;
    if (this.source !== undefined) {
      for (const r of history.inputs[this.source] ?? []) this.byPosition.set(`${r.partition}:${r.offset}`, r);
    }
  }

  emit(partition: number): { label: string; detail: string } {
    const offset = this.next.get(partition) ?? 0;
    this.next.set(partition, offset + 1);
    const record = this.byPosition.get(`${partition}:${offset}`);
    if (record === undefined)
      return { label: `p${partition}`, detail: `emits a record of partition ${partition}` };
    return {
      label: record.id,
      detail: `emits ${record.id} (key ${record.key}, partition ${partition}, offset ${offset})`,
    };
  }

  restore(checkpointId: number | undefined): void {
    this.next.clear();
    if (checkpointId === undefined || this.source === undefined) return;
    const offsets = this.history.checkpoints.find((c) => c.id === checkpointId)?.sourceOffsets ?? {};
    for (const [position, offset] of Object.entries(offsets)) {
      const [source, partition] = position.split('#');
      if (source === this.source && partition !== undefined) this.next.set(Number(partition), offset);
    }
  }
}

function operationDraft(op: SinkOperation, order: number): Draft {
  const txn = op.txn === undefined ? '' : ` ${op.txn}`;
  const ids = op.ids === undefined || op.ids.length === 0 ? '' : ` [${op.ids.join(', ')}]`;
  const by = op.subtask === undefined ? '' : ` by subtask ${op.subtask}`;
  const base = { time: op.at, order, lane: SYSTEM_LANE };
  switch (op.op) {
    case 'write':
      return { ...base, kind: 'write', label: op.ids?.join(',') ?? 'w', detail: `write${txn}${ids}${by}` };
    case 'upsert':
      return {
        ...base,
        kind: 'write',
        label: op.key ?? 'u',
        detail: `upsert ${op.key ?? '?'} = ${JSON.stringify(op.value)}${by}`,
      };
    case 'begin':
      return { ...base, kind: 'begin', label: 'begin', detail: `begin${txn}${by}` };
    case 'preCommit':
      return { ...base, kind: 'pre-commit', label: 'pre', detail: `pre-commit${txn}${ids}${by}` };
    case 'commit':
      return op.effective === false
        ? {
            ...base,
            kind: 'recommit',
            label: 're-commit',
            detail: `commit${txn} again: no effect (idempotent)`,
          }
        : { ...base, kind: 'commit', label: 'commit', detail: `commit${txn}${ids}${by}` };
    case 'abort':
      return { ...base, kind: 'abort', label: 'abort', detail: `abort${txn}${by}` };
    case 'expire':
      return {
        ...base,
        kind: 'expire',
        label: 'expired',
        detail: `the system expired${txn} (transaction timeout)`,
      };
    case 'walWrite':
      return { ...base, kind: 'wal', label: 'wal', detail: `write-ahead log append${txn}${ids}${by}` };
    case 'walMark':
      return { ...base, kind: 'wal', label: 'mark', detail: `write-ahead log marked committed${txn}${by}` };
    case 'fenced':
      return { ...base, kind: 'fault', label: 'fenced', detail: `producer fenced${txn}${by}` };
  }
}

/**
 * Builds a run's timeline from its trace events and its history (DESIGN §3:
 * records, barriers, snapshots, faults, commits, restarts). Pure.
 */
export function buildTimeline(
  history: History,
  events: readonly TraceEvent[],
  options: TimelineOptions = {},
): Timeline {
  const names = options.vertexNames ?? {};
  const sourceVertices = new Set(events.filter((e) => e.kind === 'source.emit').map((e) => e.a));
  const subtasks = new Map<string, { vertex: number; subtask: number }>();
  const touch = (vertex: number, subtask: number): string => {
    const id = subtaskLane(vertex, subtask);
    if (!subtasks.has(id)) subtasks.set(id, { vertex, subtask });
    return id;
  };
  const checkpoint = new Map(history.checkpoints.map((c) => [c.id, c]));
  const restartByAttempt = new Map(history.restarts.map((r) => [r.attempt, r]));
  const crashes = history.faults.filter((f) => f.kind === 'crash');
  const usedFaults = new Set<FaultRecord>();
  const namer = new RecordNamer(history);
  const mode = history.mode;
  const drafts: Draft[] = [];
  let omitted = 0;

  events.forEach((e, order) => {
    if (NOISE.has(e.kind)) {
      omitted++;
      return;
    }
    const at = { time: e.time, order };
    switch (e.kind) {
      case 'source.emit': {
        const r = namer.emit(e.c);
        drafts.push({ ...at, lane: touch(e.a, e.b), kind: 'record', ...r });
        return;
      }
      case 'deliver':
        drafts.push({
          ...at,
          lane: touch(e.a, e.b),
          kind: 'deliver',
          label: '',
          detail: `processes a record from input channel ${e.c}`,
        });
        return;
      case 'deploy':
        touch(e.a, e.b);
        if (e.c > 0) {
          const from = restartByAttempt.get(e.c)?.restoredFrom;
          drafts.push({
            ...at,
            lane: touch(e.a, e.b),
            kind: 'restart',
            label: `#${e.c}`,
            detail: `redeployed (attempt ${e.c}), state ${from === undefined ? 'empty: no completed checkpoint' : `from checkpoint ${from}`}`,
          });
        }
        return;
      case 'checkpoint.trigger':
        drafts.push({
          ...at,
          lane: JOB_LANE,
          kind: 'trigger',
          label: `${e.b ? 'sp' : 'cp'} ${e.a}`,
          detail: `coordinator triggers ${e.b ? 'savepoint' : 'checkpoint'} ${e.a}: barriers injected at the sources`,
        });
        return;
      case 'checkpoint.ack': {
        const source = sourceVertices.has(e.b);
        const how = source
          ? 'source snapshots its offsets and sends barrier downstream'
          : mode === 'unaligned'
            ? 'snapshot on the first barrier, in-flight records included (unaligned)'
            : mode === 'at-least-once'
              ? 'snapshot once barriers arrived on all inputs, without blocking any (no alignment)'
              : 'snapshot after barriers from all inputs (aligned: inputs blocked until then)';
        drafts.push({
          ...at,
          lane: touch(e.b, e.c),
          kind: source ? 'barrier' : 'snapshot',
          label: `${e.a}`,
          detail: `checkpoint ${e.a}: ${how}; ack to the coordinator`,
        });
        return;
      }
      case 'checkpoint.complete':
        drafts.push({
          ...at,
          lane: JOB_LANE,
          kind: 'complete',
          label: `cp ${e.a} ✓`,
          detail: `checkpoint ${e.a} completed: every task acked${offsetsText(checkpoint.get(e.a)?.sourceOffsets)}`,
          spansLanes: true,
        });
        return;
      case 'checkpoint.abort': {
        const reason = checkpoint.get(e.a)?.reason;
        drafts.push({
          ...at,
          lane: JOB_LANE,
          kind: 'checkpoint-abort',
          label: `cp ${e.a} ✗`,
          detail: `checkpoint ${e.a} aborted${reason === undefined ? '' : ` (${reason})`}`,
          spansLanes: true,
        });
        return;
      }
      case 'checkpoint.notify':
        drafts.push({
          ...at,
          lane: touch(e.b, e.c),
          kind: 'notify',
          label: '',
          // The coordinator traces an abort notification with the negated checkpoint id.
          detail:
            e.a >= 0
              ? `notified that checkpoint ${e.a} completed`
              : `notified that checkpoint ${-e.a} was aborted`,
        });
        return;
      case 'crash': {
        const fault = crashes.find((f) => !usedFaults.has(f) && f.at === e.time);
        if (fault !== undefined) usedFaults.add(fault);
        drafts.push({
          ...at,
          lane: touch(e.a, e.b),
          kind: 'fault',
          label: 'crash',
          detail: `fault: ${fault?.detail ?? 'task crashed'}`,
        });
        return;
      }
      case 'failover': {
        const restart = restartByAttempt.get(e.a);
        namer.restore(restart?.restoredFrom);
        drafts.push({
          ...at,
          lane: JOB_LANE,
          kind: 'restart',
          label: `restart ${e.a}`,
          detail: `failover: all tasks restart (attempt ${e.a}) from ${restart?.restoredFrom === undefined ? 'scratch (no completed checkpoint)' : `checkpoint ${restart.restoredFrom}`}; sources rewind`,
          spansLanes: true,
        });
        return;
      }
      case 'finish':
        drafts.push({
          ...at,
          lane: touch(e.a, e.b),
          kind: 'finish',
          label: '',
          detail: 'finished its input',
        });
        return;
      default:
        drafts.push({
          ...at,
          lane: JOB_LANE,
          kind: 'other',
          label: e.kind,
          detail: `${e.kind}(${e.a}, ${e.b}, ${e.c})${e.note === undefined ? '' : ` ${e.note}`}`,
        });
    }
  });

  // History items (faults, operations, reads) go among the trace events of their time: before a
  // failover at that time (a crash causes it; dead tasks write nothing), and before a checkpoint
  // completion that the global sequence puts after them; otherwise after that time's events.
  const completionSeq = new Map(history.checkpoints.map((c) => [c.id, c.seq]));
  const firstAtOrAfter = (time: number): number => {
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((events[mid] as TraceEvent).time < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const insertionPoint = (time: number, seq: number | undefined): number => {
    let i = firstAtOrAfter(time);
    for (; i < events.length; i++) {
      const e = events[i] as TraceEvent;
      if (e.time > time || e.kind === 'failover') break;
      const completed = e.kind === 'checkpoint.complete' ? completionSeq.get(e.a) : undefined;
      if (seq !== undefined && completed !== undefined && completed > seq) break;
    }
    return i;
  };
  const items: Omit<Draft, 'order'>[] = [];
  const points: number[] = [];
  for (const op of [...history.operations].sort((a, b) => a.seq - b.seq)) {
    const { order: _unused, ...d } = operationDraft(op, 0);
    items.push(d);
    points.push(insertionPoint(op.at, op.seq));
  }
  for (const f of history.faults) {
    if (usedFaults.has(f)) continue;
    items.push({ time: f.at, lane: JOB_LANE, kind: 'fault', label: f.kind, detail: `fault: ${f.detail}` });
    points.push(insertionPoint(f.at, undefined));
  }
  for (const r of history.reads) {
    const seen = Object.entries(r.contents)
      .map(([k, ids]) => `${k}=[${ids.join(',')}]`)
      .join(' ');
    items.push({
      time: r.at,
      lane: SYSTEM_LANE,
      kind: 'read',
      label: 'read',
      detail: `a ${r.isolation} reader sees ${seen || 'nothing'}`,
    });
    points.push(insertionPoint(r.at, undefined));
  }
  items.forEach((item, rank) => {
    drafts.push({ ...item, order: (points[rank] as number) - 1 + (rank + 1) / (items.length + 1) });
  });

  drafts.sort((a, b) => a.time - b.time || a.order - b.order);
  const marks: TimelineMark[] = drafts.map(({ order: _order, ...d }, step) => ({ step, ...d }));
  const lanes: TimelineLane[] = [{ id: JOB_LANE, kind: 'job', label: 'job (coordinator)' }];
  const sorted = [...subtasks.values()].sort((a, b) => a.vertex - b.vertex || a.subtask - b.subtask);
  for (const { vertex, subtask } of sorted) {
    const name = names[vertex] ?? (sourceVertices.has(vertex) ? 'source' : 'task');
    lanes.push({
      id: subtaskLane(vertex, subtask),
      kind: 'subtask',
      label: `v${vertex} ${name} #${subtask}`,
    });
  }
  if (history.operations.length > 0 || history.reads.length > 0) {
    lanes.push({ id: SYSTEM_LANE, kind: 'system', label: 'external system' });
  }
  return { lanes, marks, omitted };
}

function offsetsText(offsets: Readonly<Record<string, number>> | undefined): string {
  if (offsets === undefined) return '';
  const parts = Object.entries(offsets).map(([p, o]) => `${p}@${o}`);
  return parts.length === 0 ? '' : `; source offsets ${parts.join(', ')}`;
}
