import { copyFunction } from '../functions/AbstractRichFunction.ts';
import { ProcessFunction } from '../functions/ProcessFunction.ts';
import type { Partitioning } from '../graph/Partitioning.ts';
import { DEFAULT_PARTITIONING } from '../graph/Partitioning.ts';
import type { OperatorTransformation, StreamEdge } from '../graph/Transformation.ts';
import type { OutputTag } from '../OutputTag.ts';
import type { AbstractStreamOperator } from '../operators/AbstractStreamOperator.ts';
import type { KeySelector } from '../operators/OperatorSetup.ts';
import { ProcessOperator } from '../operators/ProcessOperator.ts';
import { SinkOperator } from '../operators/SinkOperator.ts';
import { type FilterFunction, StreamFilter } from '../operators/StreamFilter.ts';
import { type FlatMapFunction, StreamFlatMap } from '../operators/StreamFlatMap.ts';
import { type MapFunction, StreamMap } from '../operators/StreamMap.ts';
import type { Sink } from '../sink/Sink.ts';
import type { MapStateDescriptor } from '../state/StateDescriptor.ts';
import type { Window } from '../windowing/Window.ts';
import type { WindowAssigner } from '../windowing/WindowAssigner.ts';
import { AllWindowedStream } from './AllWindowedStream.ts';
import { BroadcastConnectedStream } from './BroadcastConnectedStream.ts';
import { BroadcastStream } from './BroadcastStream.ts';
import { ConnectedStreams } from './ConnectedStreams.ts';
import type { KeyedStream } from './KeyedStream.ts';
import type { SingleOutputStreamOperator } from './SingleOutputStreamOperator.ts';
import type { StreamExecutionEnvironment } from './StreamExecutionEnvironment.ts';

/** One producer of a stream: a transformation's main output or one of its side outputs. */
export interface StreamEnd {
  readonly id: number;
  readonly sideOutput?: OutputTag<unknown>;
}

/**
 * Flink's DataStream. A stream is one or more producers (several after
 * union) plus how the next consumer partitions it (after keyBy, broadcast,
 * rebalance...). Every call adds to the environment's job graph.
 */
export class DataStream<T> {
  /** Phantom field carrying the element type. */
  declare readonly __type?: T;

  constructor(
    readonly env: StreamExecutionEnvironment,
    readonly ends: readonly StreamEnd[],
    readonly partitioning: Partitioning = DEFAULT_PARTITIONING,
  ) {}

  /** Edges from this stream's producers into input `input` of a new consumer. */
  edgesTo(input: number): StreamEdge[] {
    return this.ends.map((e) => ({
      upstream: e.id,
      ...(e.sideOutput === undefined ? {} : { sideOutput: e.sideOutput }),
      partitioning: this.partitioning,
      input,
    }));
  }

  getExecutionEnvironment(): StreamExecutionEnvironment {
    return this.env;
  }

  map<O>(fn: MapFunction<T, O>): SingleOutputStreamOperator<O> {
    return this.transform<O>(
      'Map',
      () => new StreamMap<T, O>(typeof fn === 'function' ? fn : copyFunction(fn)),
    );
  }

  filter(fn: FilterFunction<T>): SingleOutputStreamOperator<T> {
    return this.transform<T>(
      'Filter',
      () => new StreamFilter<T>(typeof fn === 'function' ? fn : copyFunction(fn)),
    );
  }

  flatMap<O>(fn: FlatMapFunction<T, O>): SingleOutputStreamOperator<O> {
    return this.transform<O>(
      'Flat Map',
      () => new StreamFlatMap<T, O>(typeof fn === 'function' ? fn : copyFunction(fn)),
    );
  }

  /** A ProcessFunction on this (non-keyed) stream. */
  process<O>(fn: ProcessFunction<T, O>): SingleOutputStreamOperator<O> {
    if (!(fn instanceof ProcessFunction)) {
      throw new TypeError(
        'DataStream.process() takes a ProcessFunction; for a KeyedProcessFunction call keyBy() first',
      );
    }
    return this.transform<O>('Process', () => new ProcessOperator<T, O>(copyFunction(fn)));
  }

  keyBy<K>(keySelector: KeySelector<T, K>): KeyedStream<T, K> {
    return new KeyedStreamCtor<T, K>(this.env, this.ends, keySelector);
  }

  /** Sends every record to every downstream subtask; with descriptors, a BroadcastStream for connect(). */
  broadcast(): DataStream<T>;
  broadcast(...descriptors: MapStateDescriptor<unknown, unknown>[]): BroadcastStream<T>;
  broadcast(...descriptors: MapStateDescriptor<unknown, unknown>[]): DataStream<T> | BroadcastStream<T> {
    const broadcasted = new DataStream<T>(this.env, this.ends, { kind: 'broadcast' });
    return descriptors.length === 0 ? broadcasted : new BroadcastStream<T>(broadcasted, descriptors);
  }

  rebalance(): DataStream<T> {
    return new DataStream<T>(this.env, this.ends, { kind: 'rebalance' });
  }

  forward(): DataStream<T> {
    return new DataStream<T>(this.env, this.ends, { kind: 'forward' });
  }

  /** All records to subtask 0 of the consumer (which must have parallelism 1 here). */
  global(): DataStream<T> {
    return new DataStream<T>(this.env, this.ends, { kind: 'global' });
  }

  /** Merges streams of the same type (Flink's union); each keeps its producers' channels. */
  union(...others: DataStream<T>[]): DataStream<T> {
    for (const o of others) {
      if (o.env !== this.env) throw new Error('union: all streams must come from the same environment');
    }
    return new DataStream<T>(this.env, [...this.ends, ...others.flatMap((o) => o.ends)], this.partitioning);
  }

  connect<T2>(other: DataStream<T2>): ConnectedStreams<T, T2>;
  connect<T2>(other: BroadcastStream<T2>): BroadcastConnectedStream<T, T2>;
  connect<T2>(
    other: DataStream<T2> | BroadcastStream<T2>,
  ): ConnectedStreams<T, T2> | BroadcastConnectedStream<T, T2> {
    if (other instanceof BroadcastStream) return new BroadcastConnectedStream<T, T2>(this, other);
    return new ConnectedStreams<T, T2>(this, other);
  }

  /** Windows over the whole (non-keyed) stream, evaluated with parallelism 1 (Flink's windowAll). */
  windowAll<W extends Window>(assigner: WindowAssigner<T, W>): AllWindowedStream<T, W> {
    return new AllWindowedStream<T, W>(this, assigner);
  }

  sinkTo(sink: Sink<T>, name = 'Sink'): SingleOutputStreamOperator<never> {
    return this.transform<never>(name, () => new SinkOperator<T>(sink, name), undefined, name);
  }

  /** Adds a one-input operator consuming this stream (Flink's DataStream#transform). */
  transform<O>(
    name: string,
    createOperator: () => AbstractStreamOperator,
    keySelectors?: readonly (KeySelector | undefined)[],
    sinkName?: string,
  ): SingleOutputStreamOperator<O> {
    const t = this.env.addTransformation<OperatorTransformation>((id) => ({
      kind: 'operator',
      id,
      name,
      uid: undefined,
      parallelism: this.env.getParallelism(),
      maxParallelism: undefined,
      edges: this.edgesTo(0),
      createOperator,
      keySelectors,
      ...(sinkName === undefined ? {} : { sinkName }),
    }));
    return new SingleOutputStreamOperatorCtor<O>(this.env, t);
  }
}

// Late-bound constructors break the import cycle between DataStream and its subclasses.
let KeyedStreamCtor: new <T, K>(
  env: StreamExecutionEnvironment,
  ends: readonly StreamEnd[],
  keySelector: KeySelector<T, K>,
) => KeyedStream<T, K>;
let SingleOutputStreamOperatorCtor: new <T>(
  env: StreamExecutionEnvironment,
  t: import('../graph/Transformation.ts').Transformation,
) => SingleOutputStreamOperator<T>;

export function registerStreamClasses(
  keyed: typeof KeyedStreamCtor,
  single: typeof SingleOutputStreamOperatorCtor,
): void {
  KeyedStreamCtor = keyed;
  SingleOutputStreamOperatorCtor = single;
}
