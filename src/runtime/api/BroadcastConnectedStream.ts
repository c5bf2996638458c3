import { copyFunction } from '../functions/AbstractRichFunction.ts';
import { BroadcastProcessFunction } from '../functions/BroadcastProcessFunction.ts';
import { KeyedBroadcastProcessFunction } from '../functions/KeyedBroadcastProcessFunction.ts';
import { CoBroadcastWithKeyedOperator } from '../operators/CoBroadcastWithKeyedOperator.ts';
import { CoBroadcastWithNonKeyedOperator } from '../operators/CoBroadcastWithNonKeyedOperator.ts';
import type { BroadcastStream } from './BroadcastStream.ts';
import type { DataStream } from './DataStream.ts';
import type { SingleOutputStreamOperator } from './SingleOutputStreamOperator.ts';
import { twoInputTransform } from './TwoInputTransform.ts';

/**
 * Flink's BroadcastConnectedStream: a (keyed or non-keyed) stream connected
 * with a broadcast stream; process() takes a KeyedBroadcastProcessFunction on
 * a keyed stream, a BroadcastProcessFunction otherwise.
 */
export class BroadcastConnectedStream<IN1, IN2> {
  constructor(
    readonly nonBroadcast: DataStream<IN1>,
    readonly broadcast: BroadcastStream<IN2>,
  ) {}

  process<OUT>(
    fn: BroadcastProcessFunction<IN1, IN2, OUT> | KeyedBroadcastProcessFunction<unknown, IN1, IN2, OUT>,
  ): SingleOutputStreamOperator<OUT> {
    const keyed = this.nonBroadcast.partitioning.kind === 'keyBy';
    const descriptors = this.broadcast.descriptors;
    if (keyed) {
      if (!(fn instanceof KeyedBroadcastProcessFunction)) {
        throw new TypeError(
          'a keyed stream connected with a broadcast stream needs a KeyedBroadcastProcessFunction',
        );
      }
      const p = this.nonBroadcast.partitioning;
      const key = p.kind === 'keyBy' ? p.keySelector : undefined;
      return twoInputTransform<OUT>(
        'Co-Process-Broadcast-Keyed',
        this.nonBroadcast as DataStream<unknown>,
        this.broadcast.stream as DataStream<unknown>,
        () => new CoBroadcastWithKeyedOperator<unknown, IN1, IN2, OUT>(copyFunction(fn), descriptors),
        [key, undefined],
      );
    }
    if (!(fn instanceof BroadcastProcessFunction)) {
      throw new TypeError(
        'a non-keyed stream connected with a broadcast stream needs a BroadcastProcessFunction',
      );
    }
    return twoInputTransform<OUT>(
      'Co-Process-Broadcast',
      this.nonBroadcast as DataStream<unknown>,
      this.broadcast.stream as DataStream<unknown>,
      () => new CoBroadcastWithNonKeyedOperator<IN1, IN2, OUT>(copyFunction(fn), descriptors),
    );
  }
}
