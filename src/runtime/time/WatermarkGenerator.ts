import { MIN_WATERMARK } from '../StreamElement.ts';

/** Flink's WatermarkGenerator: sees every event and is asked periodically for a watermark. */
export interface WatermarkGenerator<T> {
  onEvent(event: T, eventTimestamp: number, output: WatermarkOutput): void;
  onPeriodicEmit(output: WatermarkOutput): void;
}

export interface WatermarkOutput {
  emitWatermark(timestamp: number): void;
  markIdle(): void;
  markActive(): void;
}

/**
 * Flink's BoundedOutOfOrdernessWatermarks: watermark = max timestamp seen -
 * bound - 1, emitted periodically. (forMonotonousTimestamps is bound 0.)
 */
export class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
  private maxTimestamp: number;

  constructor(private readonly outOfOrdernessMs: number) {
    if (outOfOrdernessMs < 0) throw new RangeError('the out-of-orderness bound must not be negative');
    this.maxTimestamp = MIN_WATERMARK + outOfOrdernessMs + 1;
  }

  onEvent(_event: T, eventTimestamp: number): void {
    if (eventTimestamp > this.maxTimestamp) this.maxTimestamp = eventTimestamp;
  }

  onPeriodicEmit(output: WatermarkOutput): void {
    output.emitWatermark(this.maxTimestamp - this.outOfOrdernessMs - 1);
  }
}

/** No watermarks at all (WatermarkStrategy.noWatermarks). */
export class NoWatermarksGenerator<T> implements WatermarkGenerator<T> {
  onEvent(): void {}
  onPeriodicEmit(): void {}
}

/**
 * Flink's WatermarksWithIdleness: marks the output idle when no event arrived
 * for `idleTimeoutMs` of processing time (checked at periodic emission), and
 * active again on the next event.
 */
export class WatermarksWithIdleness<T> implements WatermarkGenerator<T> {
  private lastActivity: number;
  private idle = false;

  constructor(
    private readonly inner: WatermarkGenerator<T>,
    private readonly idleTimeoutMs: number,
    private readonly now: () => number,
  ) {
    this.lastActivity = now();
  }

  onEvent(event: T, eventTimestamp: number, output: WatermarkOutput): void {
    this.inner.onEvent(event, eventTimestamp, output);
    this.lastActivity = this.now();
    if (this.idle) {
      this.idle = false;
      output.markActive();
    }
  }

  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.now() - this.lastActivity >= this.idleTimeoutMs) {
      if (!this.idle) {
        this.idle = true;
        output.markIdle();
      }
      return;
    }
    this.inner.onPeriodicEmit(output);
  }
}
