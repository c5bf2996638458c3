/**
 * What flows over a channel between subtasks, after Flink's StreamElement
 * hierarchy: records, watermarks, watermark status (idleness) and end of
 * partition. Checkpoint barriers are added by src/checkpoint as another kind.
 */

/** Flink's Long.MIN_VALUE / Long.MAX_VALUE watermarks, as safe JS integers. */
export const MIN_WATERMARK = Number.MIN_SAFE_INTEGER;
export const MAX_WATERMARK = Number.MAX_SAFE_INTEGER;

export const RECORD = 0;
export const WATERMARK = 1;
export const WATERMARK_STATUS = 2;
export const END_OF_PARTITION = 3;
export const BARRIER = 4;

/** A record with its event timestamp (`undefined` when it has none, like Flink's hasTimestamp). */
export interface StreamRecord<T = unknown> {
  readonly kind: typeof RECORD;
  readonly value: T;
  readonly timestamp: number | undefined;
}

export interface WatermarkElement {
  readonly kind: typeof WATERMARK;
  readonly timestamp: number;
}

export interface WatermarkStatusElement {
  readonly kind: typeof WATERMARK_STATUS;
  readonly idle: boolean;
}

export interface EndOfPartitionElement {
  readonly kind: typeof END_OF_PARTITION;
}

/** A checkpoint barrier (Flink's CheckpointBarrier with its CheckpointOptions, reduced). */
export interface BarrierElement {
  readonly kind: typeof BARRIER;
  readonly checkpointId: number;
  /** Virtual time the checkpoint was triggered. */
  readonly timestamp: number;
  /** Unaligned: the barrier overtakes in-flight data, which becomes part of the snapshot. */
  readonly unaligned: boolean;
  readonly savepoint: boolean;
}

export type StreamElement =
  | StreamRecord
  | WatermarkElement
  | WatermarkStatusElement
  | EndOfPartitionElement
  | BarrierElement;

export function record<T>(value: T, timestamp: number | undefined): StreamRecord<T> {
  return { kind: RECORD, value, timestamp };
}

export function watermark(timestamp: number): WatermarkElement {
  return { kind: WATERMARK, timestamp };
}

export const IDLE: WatermarkStatusElement = { kind: WATERMARK_STATUS, idle: true };
export const ACTIVE: WatermarkStatusElement = { kind: WATERMARK_STATUS, idle: false };
export const END: EndOfPartitionElement = { kind: END_OF_PARTITION };
