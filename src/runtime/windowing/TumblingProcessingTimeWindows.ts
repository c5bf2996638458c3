import { ProcessingTimeTrigger } from './ProcessingTimeTrigger.ts';
import type { Trigger } from './Trigger.ts';
import { TimeWindow } from './Window.ts';
import { WindowAssigner, type WindowAssignerContext } from './WindowAssigner.ts';

/**
 * Flink's TumblingProcessingTimeWindows: fixed-size windows by the operator's
 * processing time when the element arrives (the virtual clock here). Window
 * staggering is not modelled.
 */
export class TumblingProcessingTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private constructor(
    readonly size: number,
    readonly offset: number,
  ) {
    super();
    if (!(size > 0) || Math.abs(offset) >= size) {
      throw new RangeError(
        `TumblingProcessingTimeWindows parameters must satisfy abs(offset) < size and size > 0, got size ${size}, offset ${offset}`,
      );
    }
  }

  static of(size: number, offset = 0): TumblingProcessingTimeWindows {
    return new TumblingProcessingTimeWindows(size, offset);
  }

  assignWindows(
    _element: unknown,
    _timestamp: number | undefined,
    context: WindowAssignerContext,
  ): TimeWindow[] {
    const now = context.getCurrentProcessingTime();
    const start = TimeWindow.getWindowStartWithOffset(now, this.offset, this.size);
    return [new TimeWindow(start, start + this.size)];
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
    return `TumblingProcessingTimeWindows(${this.size})`;
  }
}
