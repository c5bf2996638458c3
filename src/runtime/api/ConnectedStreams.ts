import { copyFunction } from '../functions/AbstractRichFunction.ts';
import { CoProcessFunction, KeyedCoProcessFunction } from '../functions/CoProcessFunction.ts';
import { CoProcessOperator } from '../operators/CoProcessOperator.ts';
import type { KeySelector } from '../operators/OperatorSetup.ts';
import type { DataStream } from './DataStream.ts';
import type { SingleOutputStreamOperator } from './SingleOutputStreamOperator.ts';
import { twoInputTransform } from './TwoInputTransform.ts';

/**
 * Flink's ConnectedStreams: two streams of possibly different types processed
 * by one CoProcessFunction. When both are keyed (or keyBy(k1, k2) is called)
 * the operator is keyed: shared keyed state and timers per key.
 */
export class ConnectedStreams<T1, T2> {
  constructor(
    readonly first: DataStream<T1>,
    readonly second: DataStream<T2>,
  ) {}

  keyBy<K>(key1: KeySelector<T1, K>, key2: KeySelector<T2, K>): ConnectedStreams<T1, T2> {
    return new ConnectedStreams<T1, T2>(this.first.keyBy(key1), this.second.keyBy(key2));
  }

  process<O>(
    fn: CoProcessFunction<T1, T2, O> | KeyedCoProcessFunction<unknown, T1, T2, O>,
  ): SingleOutputStreamOperator<O> {
    if (!(fn instanceof CoProcessFunction) && !(fn instanceof KeyedCoProcessFunction)) {
      throw new TypeError('ConnectedStreams.process() takes a CoProcessFunction or a KeyedCoProcessFunction');
    }
    const k1 = this.first.partitioning.kind === 'keyBy' ? this.first.partitioning.keySelector : undefined;
    const k2 = this.second.partitioning.kind === 'keyBy' ? this.second.partitioning.keySelector : undefined;
    if ((k1 === undefined) !== (k2 === undefined)) {
      throw new Error(
        'connect: either both streams are keyed or neither (Flink requires keys of the same type)',
      );
    }
    if (fn instanceof KeyedCoProcessFunction && k1 === undefined) {
      throw new Error('a KeyedCoProcessFunction needs connected keyed streams; call keyBy first');
    }
    return twoInputTransform<O>(
      k1 === undefined ? 'Co-Process' : 'KeyedCo-Process',
      this.first as DataStream<unknown>,
      this.second as DataStream<unknown>,
      () => new CoProcessOperator<T1, T2, O>(copyFunction(fn)),
      k1 === undefined ? undefined : [k1, k2],
    );
  }
}
