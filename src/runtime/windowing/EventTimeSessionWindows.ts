import { EventTimeTrigger } from './EventTimeTrigger.ts';
import { MergingWindowAssigner } from './MergingWindowAssigner.ts';
import type { Trigger } from './Trigger.ts';
import { type MergeCallback, TimeWindow } from './Window.ts';
import { requireTimestamp, type WindowAssignerContext } from './WindowAssigner.ts';

/**
 * Flink's EventTimeSessionWindows: each element opens [ts, ts + gap), and
 * windows that intersect (touching counts) merge into one session.
 */
export class EventTimeSessionWindows extends MergingWindowAssigner<unknown, TimeWindow> {
  private constructor(readonly gap: number) {
    super();
    if (!(gap > 0)) {
      throw new RangeError(`EventTimeSessionWindows parameters must satisfy 0 < size, got gap ${gap}`);
    }
  }

  static withGap(gap: number): EventTimeSessionWindows {
    return new EventTimeSessionWindows(gap);
  }

  assignWindows(
    _element: unknown,
    timestamp: number | undefined,
    _context: WindowAssignerContext,
  ): TimeWindow[] {
    const ts = requireTimestamp(timestamp);
    return [new TimeWindow(ts, ts + this.gap)];
  }

  mergeWindows(windows: readonly TimeWindow[], callback: MergeCallback<TimeWindow>): void {
    TimeWindow.mergeWindows(windows, callback);
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  restoreWindow(data: unknown): TimeWindow {
    return TimeWindow.fromJSON(data);
  }

  override toString(): string {
    return `EventTimeSessionWindows(${this.gap})`;
  }
}
