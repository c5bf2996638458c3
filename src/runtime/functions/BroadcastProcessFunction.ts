import type { OutputTag } from '../OutputTag.ts';
import type { BroadcastState, ReadOnlyBroadcastState } from '../state/State.ts';
import type { MapStateDescriptor } from '../state/StateDescriptor.ts';
import { AbstractRichFunction } from './AbstractRichFunction.ts';
import type { Collector } from './Collector.ts';

/** Flink's BaseBroadcastProcessFunction.ReadOnlyContext (non-broadcast side). */
export interface BroadcastReadOnlyContext {
  timestamp(): number | undefined;
  currentProcessingTime(): number;
  currentWatermark(): number;
  output<X>(tag: OutputTag<X>, value: X): void;
  getBroadcastState<K, V>(descriptor: MapStateDescriptor<K, V>): ReadOnlyBroadcastState<K, V>;
}

/** Flink's BaseBroadcastProcessFunction.Context (broadcast side: read-write broadcast state). */
export interface BroadcastContext {
  timestamp(): number | undefined;
  currentProcessingTime(): number;
  currentWatermark(): number;
  output<X>(tag: OutputTag<X>, value: X): void;
  getBroadcastState<K, V>(descriptor: MapStateDescriptor<K, V>): BroadcastState<K, V>;
}

/**
 * Flink's BroadcastProcessFunction: a non-keyed stream connected with a
 * broadcast stream. Broadcast elements reach every subtask; only the broadcast
 * side may change broadcast state, so every subtask's copy stays the same.
 */
export abstract class BroadcastProcessFunction<IN1, IN2, OUT> extends AbstractRichFunction {
  abstract processElement(value: IN1, ctx: BroadcastReadOnlyContext, out: Collector<OUT>): void;
  abstract processBroadcastElement(value: IN2, ctx: BroadcastContext, out: Collector<OUT>): void;
}
