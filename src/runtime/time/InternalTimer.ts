/** A registered timer: for one key, one namespace and one timestamp (Flink's TimerHeapInternalTimer). */
export interface InternalTimer {
  readonly timestamp: number;
  readonly key: unknown;
  readonly namespace: unknown;
  readonly keyGroup: number;
  /** Registration order; breaks ties between equal timestamps deterministically. */
  readonly seq: number;
}

/** Snapshot of one key group's timers: [timestamp, key, namespace] rows per domain. */
export interface KeyGroupTimers {
  readonly eventTime: [number, unknown, unknown][];
  readonly processingTime: [number, unknown, unknown][];
}

export type TimersSnapshot = Record<number, KeyGroupTimers>;
