import type { Transformation } from '../graph/Transformation.ts';
import type { OutputTag } from '../OutputTag.ts';
import { DataStream } from './DataStream.ts';
import type { StreamExecutionEnvironment } from './StreamExecutionEnvironment.ts';

/**
 * Flink's SingleOutputStreamOperator: a stream produced by one transformation,
 * whose name, uid and parallelism can still be set, and whose side outputs can
 * be read with getSideOutput.
 */
export class SingleOutputStreamOperator<T> extends DataStream<T> {
  constructor(
    env: StreamExecutionEnvironment,
    readonly transformation: Transformation,
  ) {
    super(env, [{ id: transformation.id }]);
  }

  /** A stable id used to match state when restoring a savepoint into a changed job. */
  uid(uid: string): this {
    if (uid.length === 0) throw new Error('uid must not be empty');
    for (const t of this.env.transformations) {
      if (t !== this.transformation && t.uid === uid) {
        throw new Error(`uid '${uid}' is used twice; every operator needs its own uid`);
      }
    }
    this.transformation.uid = uid;
    return this;
  }

  name(name: string): this {
    this.transformation.name = name;
    return this;
  }

  setParallelism(parallelism: number): this {
    if (!Number.isInteger(parallelism) || parallelism < 1) {
      throw new RangeError(`parallelism must be a positive integer, got ${parallelism}`);
    }
    this.transformation.parallelism = parallelism;
    return this;
  }

  setMaxParallelism(maxParallelism: number): this {
    if (!Number.isInteger(maxParallelism) || maxParallelism < 1 || maxParallelism > 1 << 15) {
      throw new RangeError(`maxParallelism must be an integer in [1, 32768], got ${maxParallelism}`);
    }
    this.transformation.maxParallelism = maxParallelism;
    return this;
  }

  /** Flink's disableChaining: this operator is chained neither to its input nor to its output. */
  disableChaining(): this {
    this.transformation.chaining = 'never';
    return this;
  }

  /** Flink's startNewChain: this operator is not chained to its input (it may head a chain). */
  startNewChain(): this {
    this.transformation.chaining = 'head';
    return this;
  }

  getSideOutput<X>(tag: OutputTag<X>): DataStream<X> {
    return new DataStream<X>(this.env, [
      { id: this.transformation.id, sideOutput: tag as OutputTag<unknown> },
    ]);
  }
}
