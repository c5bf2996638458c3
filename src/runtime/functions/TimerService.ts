/** The user-facing timer service of a process function context (Flink's TimerService). */
export interface TimerService {
  currentProcessingTime(): number;
  currentWatermark(): number;
  registerProcessingTimeTimer(time: number): void;
  registerEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
}

/** Flink's messages for timers on non-keyed streams. */
export const UNSUPPORTED_REGISTER_TIMER_MSG = 'Setting timers is only supported on a keyed streams.';
export const UNSUPPORTED_DELETE_TIMER_MSG = 'Deleting timers is only supported on a keyed streams.';
