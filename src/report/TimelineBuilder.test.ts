import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runListAppendScenario } from '../checkpoint/ListAppendScenario.ts';
import type { History } from '../history/types.ts';
import { buildTimeline } from './TimelineBuilder.ts';
import { formatTimeline } from './TimelineText.ts';

const crashRun = runListAppendScenario(
  {
    records: 8,
    keys: 2,
    partitions: 2,
    sourceParallelism: 2,
    appendParallelism: 2,
    mode: 'aligned',
    checkpointInterval: 10,
    crashes: [{ atStep: 40 }],
  },
  { seed: 3, keepTrace: true },
);

describe('buildTimeline', () => {
  const events = crashRun.result.trace.events ?? [];
  const t = buildTimeline(crashRun.history, events, { vertexNames: { 0: 'src', 1: 'Append', 2: 'out' } });

  it('has a job lane and one lane per subtask, named by operator', () => {
    expect(t.lanes.map((l) => l.label)).toEqual([
      'job (coordinator)',
      'v0 src #0',
      'v0 src #1',
      'v1 Append #0',
      'v1 Append #1',
      'v2 out #0',
      'v2 out #1',
    ]);
  });

  it('names records from the source offsets, rewinding to the restored checkpoint after a failover', () => {
    const records = t.marks.filter((m) => m.kind === 'record').map((m) => m.label);
    const emits = events.filter((e) => e.kind === 'source.emit').length;
    expect(records).toHaveLength(emits);
    const restart = t.marks.findIndex((m) => m.kind === 'restart' && m.spansLanes);
    const before = t.marks.slice(0, restart).filter((m) => m.kind === 'record');
    const after = t.marks
      .slice(restart)
      .filter((m) => m.kind === 'record')
      .map((m) => m.label);
    expect(before.length).toBeGreaterThan(0);
    // The run restarted from scratch (no checkpoint had completed), so the sources re-read from offset 0.
    expect(crashRun.history.restarts[0]?.restoredFrom).toBeUndefined();
    expect(after).toContain('r0');
    expect(new Set(records)).toEqual(
      new Set(
        Object.values(crashRun.history.inputs)
          .flat()
          .map((r) => r.id),
      ),
    );
  });

  it('shows checkpoints, snapshots, the crash and the failover, in time order', () => {
    const kinds = new Set(t.marks.map((m) => m.kind));
    for (const k of [
      'trigger',
      'barrier',
      'snapshot',
      'notify',
      'complete',
      'checkpoint-abort',
      'fault',
      'restart',
    ]) {
      expect(kinds).toContain(k);
    }
    const times = t.marks.map((m) => m.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(t.marks.map((m) => m.step)).toEqual(t.marks.map((_, i) => i));
    const crash = t.marks.find((m) => m.kind === 'fault');
    expect(crash?.detail).toBe('fault: task src (1/2) crashed');
    expect(t.omitted).toBe(events.filter((e) => e.kind === 'clock' || e.kind === 'watermark').length);
  });

  it('tells an abort notification (traced with the negated id) from a completion', () => {
    const history = JSON.parse(
      readFileSync(new URL('./fixtures/history-2pc-exactly-once.json', import.meta.url), 'utf8'),
    ) as History;
    const events = [
      { index: 0, time: 10, kind: 'checkpoint.notify', a: 2, b: 1, c: 0 },
      { index: 1, time: 11, kind: 'checkpoint.notify', a: -3, b: 1, c: 0 },
    ];
    const details = buildTimeline(history, events)
      .marks.filter((m) => m.kind === 'notify')
      .map((m) => m.detail);
    expect(details).toEqual([
      'notified that checkpoint 2 completed',
      'notified that checkpoint 3 was aborted',
    ]);
  });

  it('puts sink operations on the system lane between the checkpoint events the global sequence allows', () => {
    const history = JSON.parse(
      readFileSync(new URL('./fixtures/history-2pc-exactly-once.json', import.meta.url), 'utf8'),
    ) as History;
    const events = [
      { index: 0, time: 10, kind: 'checkpoint.trigger', a: 1, b: 0, c: 0 },
      { index: 1, time: 31, kind: 'checkpoint.complete', a: 1, b: 0, c: 0 },
      { index: 2, time: 61, kind: 'checkpoint.complete', a: 2, b: 0, c: 0 },
    ];
    const timeline = buildTimeline(history, events);
    expect(timeline.lanes.at(-1)?.id).toBe('system');
    const order = timeline.marks.map((m) => (m.lane === 'system' ? m.kind : `${m.kind}:${m.label}`));
    expect(order).toEqual([
      'begin',
      'write',
      'trigger:cp 1',
      'pre-commit',
      'complete:cp 1 ✓',
      'commit',
      'begin',
      'write',
      'read',
      'pre-commit',
      'complete:cp 2 ✓',
      'commit',
    ]);
    const lines = formatTimeline(timeline);
    expect(lines[0]).toMatch(/^t=\s+5\s+external system\s+begin\s+begin t1 by subtask 0$/);
    expect(formatTimeline(timeline, { records: false })).toHaveLength(lines.length);
  });
});
