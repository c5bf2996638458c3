import { copyFunction } from '../functions/AbstractRichFunction.ts';
import type { ProcessJoinFunction } from '../functions/ProcessJoinFunction.ts';
import type { OutputTag } from '../OutputTag.ts';
import { IntervalJoinOperator } from '../operators/IntervalJoinOperator.ts';
import type { KeySelector } from '../operators/OperatorSetup.ts';
import type { DataStream } from './DataStream.ts';
import type { KeyedStream } from './KeyedStream.ts';
import type { SingleOutputStreamOperator } from './SingleOutputStreamOperator.ts';
import { twoInputTransform } from './TwoInputTransform.ts';

/** Flink's KeyedStream.IntervalJoin: pick the interval with between(). Event time only. */
export class IntervalJoin<T1, T2, K> {
  constructor(
    readonly left: KeyedStream<T1, K>,
    readonly right: KeyedStream<T2, K>,
  ) {}

  /** right.timestamp in [left.timestamp + lowerBound, left.timestamp + upperBound], both inclusive. */
  between(lowerBound: number, upperBound: number): IntervalJoined<T1, T2, K> {
    if (lowerBound > upperBound) {
      throw new RangeError(
        `between(${lowerBound}, ${upperBound}): the lower bound must be <= the upper bound`,
      );
    }
    return new IntervalJoined(this.left, this.right, lowerBound, upperBound);
  }
}

/** Flink's KeyedStream.IntervalJoined. */
export class IntervalJoined<T1, T2, K> {
  private lowerExclusive = false;
  private upperExclusive = false;
  private leftLate: OutputTag<T1> | undefined;
  private rightLate: OutputTag<T2> | undefined;

  constructor(
    readonly left: KeyedStream<T1, K>,
    readonly right: KeyedStream<T2, K>,
    readonly lowerBound: number,
    readonly upperBound: number,
  ) {}

  lowerBoundExclusive(): this {
    this.lowerExclusive = true;
    return this;
  }

  upperBoundExclusive(): this {
    this.upperExclusive = true;
    return this;
  }

  sideOutputLeftLateData(tag: OutputTag<T1>): this {
    this.leftLate = tag;
    return this;
  }

  sideOutputRightLateData(tag: OutputTag<T2>): this {
    this.rightLate = tag;
    return this;
  }

  process<O>(fn: ProcessJoinFunction<T1, T2, O>): SingleOutputStreamOperator<O> {
    const options = {
      lowerBound: this.lowerExclusive ? this.lowerBound + 1 : this.lowerBound,
      upperBound: this.upperExclusive ? this.upperBound - 1 : this.upperBound,
      ...(this.leftLate === undefined ? {} : { leftLateDataTag: this.leftLate as OutputTag<unknown> }),
      ...(this.rightLate === undefined ? {} : { rightLateDataTag: this.rightLate as OutputTag<unknown> }),
    };
    return twoInputTransform<O>(
      'Interval Join',
      this.left as DataStream<unknown>,
      this.right as DataStream<unknown>,
      () => new IntervalJoinOperator<K, T1, T2, O>(copyFunction(fn), options),
      [this.left.keySelector as KeySelector, this.right.keySelector as KeySelector],
    );
  }
}
