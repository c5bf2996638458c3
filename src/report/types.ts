/**
 * A run's timeline as plain data: lanes (the job's coordinator, one per
 * subtask, one per external system) and marks in the order things happened.
 * Built from a trace and a history; rendered as text (`streamproof replay`)
 * and as SVG swimlanes (the HTML report).
 */
export type LaneKind = 'job' | 'subtask' | 'system';

export interface TimelineLane {
  readonly id: string;
  readonly kind: LaneKind;
  readonly label: string;
}

export type MarkKind =
  | 'record'
  | 'deliver'
  | 'trigger'
  | 'barrier'
  | 'snapshot'
  | 'notify'
  | 'complete'
  | 'checkpoint-abort'
  | 'fault'
  | 'restart'
  | 'finish'
  | 'write'
  | 'begin'
  | 'pre-commit'
  | 'commit'
  | 'recommit'
  | 'abort'
  | 'expire'
  | 'wal'
  | 'read'
  | 'other';

export interface TimelineMark {
  /** Position in the timeline, from 0: one column per mark. */
  readonly step: number;
  /** Virtual time (ms). */
  readonly time: number;
  readonly lane: string;
  readonly kind: MarkKind;
  /** A few characters drawn next to the mark, e.g. "r7", "cp 2". */
  readonly label: string;
  /** One readable sentence, e.g. "snapshot for checkpoint 2 after barriers from all inputs". */
  readonly detail: string;
  /** Drawn across all lanes (checkpoint completed or aborted, failover). */
  readonly spansLanes?: boolean;
}

export interface Timeline {
  readonly lanes: readonly TimelineLane[];
  readonly marks: readonly TimelineMark[];
  /** Trace events left out as noise (clock ticks, watermarks). */
  readonly omitted: number;
}

/** The timeline of one counterexample, replayed for the report, or why there is none. */
export type CaseTimeline =
  | { readonly timeline: Timeline; readonly traceHash: string }
  | { readonly unavailable: string };
