/**
 * Processing time as an operator sees it: the virtual clock and one-shot
 * callbacks on it. Implemented by the task on the seeded scheduler, so a
 * callback firing is a scheduler choice like any other event.
 */
export interface ProcessingTimeService {
  now(): number;
  /** Calls `callback` once the virtual clock reaches `timestamp`. */
  registerTimer(timestamp: number, callback: () => void): ProcessingTimeHandle;
}

export interface ProcessingTimeHandle {
  cancel(): void;
}
