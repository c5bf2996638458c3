import type { Collector } from '../functions/Collector.ts';
import { record } from '../StreamElement.ts';
import type { Output } from './Output.ts';

/**
 * Flink's TimestampedCollector: stamps what a function emits with the
 * timestamp of the element (or timer) being processed, or with none.
 */
export class TimestampedCollector<T> implements Collector<T> {
  private timestamp: number | undefined;

  constructor(private readonly output: Output) {}

  setTimestamp(timestamp: number | undefined): void {
    this.timestamp = timestamp;
  }

  eraseTimestamp(): void {
    this.timestamp = undefined;
  }

  collect(value: T): void {
    this.output.collect(record(value, this.timestamp));
  }
}
