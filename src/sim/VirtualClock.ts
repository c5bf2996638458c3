/**
 * Simulated processing time in milliseconds. It never reads the wall clock and
 * moves only when the scheduler (or a fault such as a processing-time jump) says.
 */
export class VirtualClock {
  private current: number;

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Moves time forward to `time`; time never goes back. */
  advanceTo(time: number): void {
    if (time < this.current) {
      throw new RangeError(`VirtualClock: cannot go back from ${this.current} to ${time}`);
    }
    this.current = time;
  }

  advanceBy(delta: number): void {
    this.advanceTo(this.current + delta);
  }
}
