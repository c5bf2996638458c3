import type { OutputTag } from '../OutputTag.ts';
import type { Output } from '../operators/Output.ts';
import { ACTIVE, IDLE, type StreamElement, type StreamRecord, watermark } from '../StreamElement.ts';
import type { RecordWriter } from './RecordWriter.ts';

/**
 * The Output of a subtask's operator: records to the main-output writers,
 * side-output records to the writers of that tag, and watermarks and idleness
 * to every writer (Flink forwards watermarks to side outputs too).
 */
export class TaskOutput implements Output {
  private readonly main: RecordWriter[];
  private readonly side = new Map<string, RecordWriter[]>();

  constructor(
    readonly writers: readonly RecordWriter[],
    private readonly onWatermark: (timestamp: number) => void,
    private readonly onStatus: (idle: boolean) => void,
  ) {
    this.main = writers.filter((w) => w.sideOutput === undefined);
    for (const w of writers) {
      if (w.sideOutput === undefined) continue;
      const list = this.side.get(w.sideOutput.id) ?? [];
      list.push(w);
      this.side.set(w.sideOutput.id, list);
    }
  }

  collect(record: StreamRecord): void {
    const main = this.main;
    for (let i = 0; i < main.length; i++) (main[i] as RecordWriter).emit(record);
  }

  collectSide(tag: OutputTag<unknown>, record: StreamRecord): void {
    const writers = this.side.get(tag.id);
    if (writers === undefined) return;
    for (const w of writers) w.emit(record);
  }

  emitWatermark(timestamp: number): void {
    this.onWatermark(timestamp);
    this.broadcastEvent(watermark(timestamp));
  }

  emitWatermarkStatus(idle: boolean): void {
    this.onStatus(idle);
    this.broadcastEvent(idle ? IDLE : ACTIVE);
  }

  broadcastEvent(element: StreamElement): void {
    for (const w of this.writers) w.broadcastEvent(element);
  }
}
