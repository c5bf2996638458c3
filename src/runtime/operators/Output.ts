import type { OutputTag } from '../OutputTag.ts';
import type { StreamRecord } from '../StreamElement.ts';

/** Where an operator sends what it produces: main output, side outputs, watermarks, idleness. */
export interface Output {
  collect(record: StreamRecord): void;
  collectSide(tag: OutputTag<unknown>, record: StreamRecord): void;
  emitWatermark(timestamp: number): void;
  emitWatermarkStatus(idle: boolean): void;
}
