import { copyFunction } from '../functions/AbstractRichFunction.ts';
import { KeyedProcessFunction } from '../functions/KeyedProcessFunction.ts';
import { KeyedProcessOperator } from '../operators/KeyedProcessOperator.ts';
import type { KeySelector } from '../operators/OperatorSetup.ts';
import type { Window } from '../windowing/Window.ts';
import type { WindowAssigner } from '../windowing/WindowAssigner.ts';
import { DataStream, registerStreamClasses, type StreamEnd } from './DataStream.ts';
import { IntervalJoin } from './IntervalJoin.ts';
import { SingleOutputStreamOperator } from './SingleOutputStreamOperator.ts';
import type { StreamExecutionEnvironment } from './StreamExecutionEnvironment.ts';
import { WindowedStream } from './WindowedStream.ts';

/**
 * Flink's KeyedStream: records partitioned by key group, so every record of a
 * key reaches the same subtask, whose keyed state and timers are per key.
 */
export class KeyedStream<T, K> extends DataStream<T> {
  constructor(
    env: StreamExecutionEnvironment,
    ends: readonly StreamEnd[],
    readonly keySelector: KeySelector<T, K>,
  ) {
    super(env, ends, { kind: 'keyBy', keySelector: keySelector as KeySelector });
  }

  override process<O>(
    fn: KeyedProcessFunction<K, T, O> | import('../functions/ProcessFunction.ts').ProcessFunction<T, O>,
  ): SingleOutputStreamOperator<O> {
    if (!(fn instanceof KeyedProcessFunction)) {
      throw new TypeError(
        'KeyedStream.process() takes a KeyedProcessFunction (Flink deprecated ProcessFunction here)',
      );
    }
    return this.transform<O>('KeyedProcess', () => new KeyedProcessOperator<K, T, O>(copyFunction(fn)), [
      this.keySelector as KeySelector,
    ]);
  }

  /** Windows per key (Flink's KeyedStream#window). */
  window<W extends Window>(assigner: WindowAssigner<T, W>): WindowedStream<T, K, W> {
    return new WindowedStream<T, K, W>(this, assigner);
  }

  /** Joins with another keyed stream on equal keys within a time interval (Flink's intervalJoin). */
  intervalJoin<T2>(other: KeyedStream<T2, K>): IntervalJoin<T, T2, K> {
    return new IntervalJoin<T, T2, K>(this, other);
  }
}

registerStreamClasses(KeyedStream, SingleOutputStreamOperator);
