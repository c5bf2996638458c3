import type { OutputTag } from '../OutputTag.ts';
import { AbstractRichFunction } from './AbstractRichFunction.ts';
import type { Collector } from './Collector.ts';

/** Flink's ProcessJoinFunction.Context. */
export interface ProcessJoinFunctionContext {
  getLeftTimestamp(): number;
  getRightTimestamp(): number;
  /** The joined pair's timestamp: the larger of the two. */
  getTimestamp(): number;
  output<X>(tag: OutputTag<X>, value: X): void;
}

/** Flink's ProcessJoinFunction: called once per matching (left, right) pair of an interval join. */
export abstract class ProcessJoinFunction<L, R, O> extends AbstractRichFunction {
  abstract processElement(left: L, right: R, ctx: ProcessJoinFunctionContext, out: Collector<O>): void;
}
