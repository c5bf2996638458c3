import { MergingWindowAssigner } from './MergingWindowAssigner.ts';
import { ProcessingTimeTrigger } from './ProcessingTimeTrigger.ts';
import type { Trigger } from './Trigger.ts';
import { type MergeCallback, TimeWindow } from './Window.ts';
import type { WindowAssignerContext } from './WindowAssigner.ts';

/** Flink's ProcessingTimeSessionWindows: sessions by arrival time, closed after `gap` ms without elements. */
export class ProcessingTimeSessionWindows extends MergingWindowAssigner<unknown, TimeWindow> {
  private constructor(readonly gap: number) {
    super();
    if (!(gap > 0)) {
      throw new RangeError(`ProcessingTimeSessionWindows parameters must satisfy 0 < size, got gap ${gap}`);
    }
  }

  static withGap(gap: number): ProcessingTimeSessionWindows {
    return new ProcessingTimeSessionWindows(gap);
  }

  assignWindows(
    _element: unknown,
    _timestamp: number | undefined,
    context: WindowAssignerContext,
  ): TimeWindow[] {
    const now = context.getCurrentProcessingTime();
    return [new TimeWindow(now, now + this.gap)];
  }

  mergeWindows(windows: readonly TimeWindow[], callback: MergeCallback<TimeWindow>): void {
    TimeWindow.mergeWindows(windows, callback);
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  restoreWindow(data: unknown): TimeWindow {
    return TimeWindow.fromJSON(data);
  }

  override toString(): string {
    return `ProcessingTimeSessionWindows(${this.gap})`;
  }
}
