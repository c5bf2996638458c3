import { EventTimeTrigger } from './EventTimeTrigger.ts';
import type { Trigger } from './Trigger.ts';
import { TimeWindow } from './Window.ts';
import { requireTimestamp, WindowAssigner, type WindowAssignerContext } from './WindowAssigner.ts';

/**
 * Flink's TumblingEventTimeWindows: fixed-size, non-overlapping windows by
 * element timestamp, aligned to epoch + offset. (Flink's WindowStagger is not
 * modelled: windows are always aligned.)
 */
export class TumblingEventTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private constructor(
    readonly size: number,
    readonly offset: number,
  ) {
    super();
    if (!(size > 0) || Math.abs(offset) >= size) {
      throw new RangeError(
        `TumblingEventTimeWindows parameters must satisfy abs(offset) < size and size > 0, got size ${size}, offset ${offset}`,
      );
    }
  }

  static of(size: number, offset = 0): TumblingEventTimeWindows {
    return new TumblingEventTimeWindows(size, offset);
  }

  assignWindows(
    _element: unknown,
    timestamp: number | undefined,
    _context: WindowAssignerContext,
  ): TimeWindow[] {
    const start = TimeWindow.getWindowStartWithOffset(requireTimestamp(timestamp), this.offset, this.size);
    return [new TimeWindow(start, start + this.size)];
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
    return `TumblingEventTimeWindows(${this.size})`;
  }
}
