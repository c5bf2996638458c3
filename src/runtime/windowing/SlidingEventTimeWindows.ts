import { EventTimeTrigger } from './EventTimeTrigger.ts';
import type { Trigger } from './Trigger.ts';
import { TimeWindow } from './Window.ts';
import { requireTimestamp, WindowAssigner, type WindowAssignerContext } from './WindowAssigner.ts';

/** Every window [start, start + size) with start = offset (mod slide) that contains `timestamp`, latest first, as Flink lists them. */
export function slidingWindowsOf(
  timestamp: number,
  size: number,
  slide: number,
  offset: number,
): TimeWindow[] {
  const windows: TimeWindow[] = [];
  const lastStart = TimeWindow.getWindowStartWithOffset(timestamp, offset, slide);
  for (let start = lastStart; start > timestamp - size; start -= slide) {
    windows.push(new TimeWindow(start, start + size));
  }
  return windows;
}

/**
 * Flink's SlidingEventTimeWindows: windows of `size` starting every `slide`
 * (so an element is in about size / slide windows), by element timestamp.
 */
export class SlidingEventTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private constructor(
    readonly size: number,
    readonly slide: number,
    readonly offset: number,
  ) {
    super();
    if (Math.abs(offset) >= slide || !(size > 0)) {
      throw new RangeError(
        `SlidingEventTimeWindows parameters must satisfy abs(offset) < slide and size > 0, got size ${size}, slide ${slide}, offset ${offset}`,
      );
    }
  }

  static of(size: number, slide: number, offset = 0): SlidingEventTimeWindows {
    return new SlidingEventTimeWindows(size, slide, offset);
  }

  assignWindows(
    _element: unknown,
    timestamp: number | undefined,
    _context: WindowAssignerContext,
  ): TimeWindow[] {
    return slidingWindowsOf(requireTimestamp(timestamp), this.size, this.slide, this.offset);
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
    return `SlidingEventTimeWindows(${this.size}, ${this.slide})`;
  }
}
