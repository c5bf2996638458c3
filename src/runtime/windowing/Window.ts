/** Flink's Window: a finite slice of the stream with a maximum timestamp. */
export interface Window {
  maxTimestamp(): number;
}

/** Called by a merging assigner for every group of windows that merge into one (Flink's MergeCallback). */
export type MergeCallback<W> = (toBeMerged: W[], mergeResult: W) => void;

/**
 * Flink's TimeWindow [start, end): maxTimestamp = end - 1. Plain data so that
 * it can be a state namespace and part of a snapshot.
 */
export class TimeWindow implements Window {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}

  maxTimestamp(): number {
    return this.end - 1;
  }

  /** Inclusive at both ends, as Flink's: [0, 5) and [5, 10) intersect, so sessions that touch merge. */
  intersects(other: TimeWindow): boolean {
    return this.start <= other.end && this.end >= other.start;
  }

  cover(other: TimeWindow): TimeWindow {
    return new TimeWindow(Math.min(this.start, other.start), Math.max(this.end, other.end));
  }

  equals(other: TimeWindow): boolean {
    return this.start === other.start && this.end === other.end;
  }

  toJSON(): { start: number; end: number } {
    return { start: this.start, end: this.end };
  }

  toString(): string {
    return `TimeWindow{start=${this.start}, end=${this.end}}`;
  }

  /** Flink's TimeWindow.getWindowStartWithOffset. */
  static getWindowStartWithOffset(timestamp: number, offset: number, windowSize: number): number {
    const remainder = (timestamp - offset) % windowSize;
    return remainder < 0 ? timestamp - (remainder + windowSize) : timestamp - remainder;
  }

  /** A TimeWindow from its snapshot form: snapshots and restored timers hold plain `{start, end}` objects. */
  static fromJSON(data: unknown): TimeWindow {
    if (data instanceof TimeWindow) return data;
    const { start, end } = data as { start: number; end: number };
    return new TimeWindow(start, end);
  }

  /**
   * Flink's TimeWindow.mergeWindows: sort by start, then sweep, growing the
   * current group while the next window intersects its cover. Only groups of
   * more than one distinct window are reported.
   */
  static mergeWindows(windows: readonly TimeWindow[], callback: MergeCallback<TimeWindow>): void {
    const sorted = [...windows].sort((a, b) => a.start - b.start);
    const groups: { cover: TimeWindow; members: TimeWindow[] }[] = [];
    let current: { cover: TimeWindow; members: TimeWindow[] } | undefined;
    for (const w of sorted) {
      if (current?.cover.intersects(w)) {
        current.cover = current.cover.cover(w);
        // Flink collects members in a set: an equal window counts once.
        if (!current.members.some((m) => m.equals(w))) current.members.push(w);
      } else {
        current = { cover: w, members: [w] };
        groups.push(current);
      }
    }
    for (const g of groups) {
      if (g.members.length > 1) callback(g.members, g.cover);
    }
  }
}
