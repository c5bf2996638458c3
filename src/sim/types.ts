/** One entry of a trace, as plain JSON data. */
export interface TraceEvent {
  /** Position in the trace, from 0. */
  readonly index: number;
  /** Virtual time (ms) when the event was recorded. */
  readonly time: number;
  /** What happened, e.g. `deliver`, `clock`, `emit`. */
  readonly kind: string;
  /** Up to three numeric arguments whose meaning depends on the kind. */
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** Optional free text (e.g. a record id), part of the hash. */
  readonly note?: string;
}

/** A finished trace: its hash always, its events when they were kept. */
export interface TraceSummary {
  /** 64-bit hash of every event, 16 hex digits. */
  readonly hash: string;
  /** Number of events recorded. */
  readonly length: number;
  /** The events, when the trace kept them (`keep` option), else omitted. */
  readonly events?: readonly TraceEvent[];
}

/** Options that fix one simulation run's decisions. */
export interface SimulationSeed {
  /** Master seed; every random decision is drawn from a sub-stream of it. */
  readonly seed: number;
  /**
   * Scheduler choices to take first (small non-negative integers; 0 = the
   * oldest ready event). Past the end of the list the seeded generator decides.
   */
  readonly choices?: readonly number[];
}
