/** Settings of a StreamExecutionEnvironment, normalised in one place. */
export interface EnvironmentConfig {
  /** Default parallelism of operators (Flink: parallelism.default). */
  readonly parallelism: number;
  /** Key groups; undefined = Flink's default, computed per operator from its parallelism. */
  readonly maxParallelism: number | undefined;
  /** Periodic watermark emission interval in simulated ms (Flink: pipeline.auto-watermark-interval, 200). */
  readonly autoWatermarkInterval: number;
  /** Records a channel holds before its sender is backpressured (models network buffers). */
  readonly bufferCapacity: number;
  /**
   * The longest a ready event (a message in flight, a due timer, an RPC such
   * as a checkpoint ack) waits while virtual time moves on, in ms: bounded
   * network and processing latency. Faults delay events explicitly instead.
   */
  readonly maxDelay: number;
  /**
   * Flink's operator chaining (pipeline.operator-chaining, on by default): a forward edge between two
   * operators of equal parallelism hands each element straight to the next operator, within the
   * same scheduler step, instead of over a network channel. See ExecutionGraph.isChained.
   */
  readonly operatorChaining: boolean;
}

export type EnvironmentOptions = Partial<EnvironmentConfig>;

export function normaliseEnvironmentConfig(options: EnvironmentOptions = {}): EnvironmentConfig {
  const parallelism = options.parallelism ?? 1;
  const config: EnvironmentConfig = {
    parallelism,
    maxParallelism: options.maxParallelism,
    autoWatermarkInterval: options.autoWatermarkInterval ?? 200,
    bufferCapacity: options.bufferCapacity ?? 16,
    maxDelay: options.maxDelay ?? 50,
    operatorChaining: options.operatorChaining ?? true,
  };
  if (!Number.isInteger(parallelism) || parallelism < 1) {
    throw new RangeError(`parallelism must be a positive integer, got ${parallelism}`);
  }
  const mp = config.maxParallelism;
  if (mp !== undefined && (!Number.isInteger(mp) || mp < 1 || mp > 1 << 15)) {
    throw new RangeError(`maxParallelism must be an integer in [1, 32768], got ${mp}`);
  }
  if (!(config.autoWatermarkInterval > 0)) {
    throw new RangeError(`autoWatermarkInterval must be positive, got ${config.autoWatermarkInterval}`);
  }
  if (!(config.maxDelay >= 0)) throw new RangeError(`maxDelay must be >= 0, got ${config.maxDelay}`);
  if (!(config.bufferCapacity >= 1)) {
    throw new RangeError(`bufferCapacity must be at least 1, got ${config.bufferCapacity}`);
  }
  return config;
}

/** Flink's KeyGroupRangeAssignment.computeDefaultMaxParallelism. */
export function computeDefaultMaxParallelism(parallelism: number): number {
  const target = parallelism + Math.floor(parallelism / 2);
  let pow = 1;
  while (pow < target) pow *= 2;
  return Math.min(Math.max(pow, 128), 1 << 15);
}
