import { ProcessingTimeTrigger } from './ProcessingTimeTrigger.ts';
import { slidingWindowsOf } from './SlidingEventTimeWindows.ts';
import type { Trigger } from './Trigger.ts';
import { TimeWindow } from './Window.ts';
import { WindowAssigner, type WindowAssignerContext } from './WindowAssigner.ts';

/** Flink's SlidingProcessingTimeWindows: sliding windows by the operator's processing time at arrival. */
export class SlidingProcessingTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private constructor(
    readonly size: number,
    readonly slide: number,
    readonly offset: number,
  ) {
    super();
    if (Math.abs(offset) >= slide || !(size > 0)) {
      throw new RangeError(
        `SlidingProcessingTimeWindows parameters must satisfy abs(offset) < slide and size > 0, got size ${size}, slide ${slide}, offset ${offset}`,
      );
    }
  }

  static of(size: number, slide: number, offset = 0): SlidingProcessingTimeWindows {
    return new SlidingProcessingTimeWindows(size, slide, offset);
  }

  assignWindows(
    _element: unknown,
    _timestamp: number | undefined,
    context: WindowAssignerContext,
  ): TimeWindow[] {
    return slidingWindowsOf(context.getCurrentProcessingTime(), this.size, this.slide, this.offset);
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
    return `SlidingProcessingTimeWindows(${this.size}, ${this.slide})`;
  }
}
