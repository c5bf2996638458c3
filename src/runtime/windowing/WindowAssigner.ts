import { MIN_WATERMARK } from '../StreamElement.ts';
import type { Trigger } from './Trigger.ts';
import type { Window } from './Window.ts';

/** What an assigner may ask while assigning (Flink's WindowAssigner.WindowAssignerContext). */
export interface WindowAssignerContext {
  getCurrentProcessingTime(): number;
}

/**
 * Flink's WindowAssigner: the windows an element belongs to, the trigger
 * used unless the user sets one, and whether windows are in event time
 * (which decides lateness and cleanup). `restoreWindow` stands in for
 * Flink's window serializer: namespaces come back from snapshots as plain
 * data and must be turned into windows again.
 */
export abstract class WindowAssigner<T, W extends Window> {
  abstract assignWindows(element: T, timestamp: number | undefined, context: WindowAssignerContext): W[];
  abstract getDefaultTrigger(): Trigger<T, W>;
  abstract isEventTime(): boolean;
  abstract restoreWindow(data: unknown): W;
}

/** The timestamp an event-time assigner windows by; Flink rejects records without one the same way. */
export function requireTimestamp(timestamp: number | undefined): number {
  if (timestamp === undefined || timestamp === MIN_WATERMARK) {
    throw new Error(
      'Record has no timestamp (Flink: Long.MIN_VALUE timestamp, no timestamp marker). ' +
        'Give the source a WatermarkStrategy with a timestamp assigner, or use a processing-time window assigner.',
    );
  }
  return timestamp;
}
