import {
  type EnvironmentConfig,
  type EnvironmentOptions,
  normaliseEnvironmentConfig,
} from '../execution/EnvironmentConfig.ts';
import type { Transformation } from '../graph/Transformation.ts';
import { CollectionSource } from '../source/CollectionSource.ts';
import type { Source } from '../source/Source.ts';
import { WatermarkStrategy } from '../time/WatermarkStrategy.ts';
import { SingleOutputStreamOperator } from './SingleOutputStreamOperator.ts';
// KeyedStream registers the stream classes DataStream creates (they import each other).
import './KeyedStream.ts';

/** Flink's CheckpointingMode, plus the unaligned variant of exactly-once as a mode of its own. */
export enum CheckpointingMode {
  EXACTLY_ONCE = 'EXACTLY_ONCE',
  AT_LEAST_ONCE = 'AT_LEAST_ONCE',
}

/** Checkpoint settings recorded by enableCheckpointing; src/checkpoint reads them. */
export interface CheckpointSettings {
  interval: number;
  mode: CheckpointingMode;
  unaligned: boolean;
  minPauseBetweenCheckpoints: number;
  maxConcurrentCheckpoints: number;
  checkpointTimeout: number;
  tolerableCheckpointFailureNumber: number;
}

/**
 * Flink's StreamExecutionEnvironment: holds the settings and the job graph
 * that the DataStream calls build. Run it with `simulate(env, { seed })`.
 */
export class StreamExecutionEnvironment {
  readonly transformations: Transformation[] = [];
  private settings: EnvironmentConfig;
  checkpointSettings: CheckpointSettings | undefined;
  private nextId = 0;

  private constructor(options: EnvironmentOptions) {
    this.settings = normaliseEnvironmentConfig(options);
  }

  static create(options: EnvironmentOptions = {}): StreamExecutionEnvironment {
    return new StreamExecutionEnvironment(options);
  }

  /** Flink's name for create(). */
  static getExecutionEnvironment(options: EnvironmentOptions = {}): StreamExecutionEnvironment {
    return new StreamExecutionEnvironment(options);
  }

  get config(): EnvironmentConfig {
    return this.settings;
  }

  setParallelism(parallelism: number): this {
    this.settings = normaliseEnvironmentConfig({ ...this.settings, parallelism });
    return this;
  }

  getParallelism(): number {
    return this.settings.parallelism;
  }

  setMaxParallelism(maxParallelism: number): this {
    this.settings = normaliseEnvironmentConfig({ ...this.settings, maxParallelism });
    return this;
  }

  setBufferCapacity(records: number): this {
    this.settings = normaliseEnvironmentConfig({ ...this.settings, bufferCapacity: records });
    return this;
  }

  /** Turns operator chaining off for the whole job (Flink's disableOperatorChaining): every edge is a channel. */
  disableOperatorChaining(): this {
    this.settings = normaliseEnvironmentConfig({ ...this.settings, operatorChaining: false });
    return this;
  }

  isChainingEnabled(): boolean {
    return this.settings.operatorChaining;
  }

  setAutoWatermarkInterval(ms: number): this {
    this.settings = normaliseEnvironmentConfig({ ...this.settings, autoWatermarkInterval: ms });
    return this;
  }

  /** Checkpoints every `interval` simulated ms in `mode` (Flink's enableCheckpointing). */
  enableCheckpointing(interval: number, mode: CheckpointingMode = CheckpointingMode.EXACTLY_ONCE): this {
    if (!(interval > 0)) throw new RangeError(`checkpoint interval must be positive, got ${interval}`);
    this.checkpointSettings = {
      interval,
      mode,
      unaligned: this.checkpointSettings?.unaligned ?? false,
      minPauseBetweenCheckpoints: this.checkpointSettings?.minPauseBetweenCheckpoints ?? 0,
      maxConcurrentCheckpoints: this.checkpointSettings?.maxConcurrentCheckpoints ?? 1,
      checkpointTimeout: this.checkpointSettings?.checkpointTimeout ?? 600_000,
      tolerableCheckpointFailureNumber: this.checkpointSettings?.tolerableCheckpointFailureNumber ?? 0,
    };
    return this;
  }

  fromSource<T>(
    source: Source<T>,
    watermarkStrategy: WatermarkStrategy<T>,
    sourceName: string,
  ): SingleOutputStreamOperator<T> {
    const id = this.nextId++;
    const t: Transformation = {
      kind: 'source',
      id,
      name: sourceName,
      uid: undefined,
      parallelism: this.settings.parallelism,
      maxParallelism: undefined,
      source: source as Source<unknown>,
      watermarkStrategy: watermarkStrategy as WatermarkStrategy<unknown>,
    };
    this.transformations.push(t);
    return new SingleOutputStreamOperator<T>(this, t);
  }

  /** A bounded source of the given elements, parallelism 1, no timestamps (Flink's fromElements). */
  fromElements<T>(...elements: T[]): SingleOutputStreamOperator<T> {
    return this.fromCollection(elements);
  }

  fromCollection<T>(elements: readonly T[]): SingleOutputStreamOperator<T> {
    const s = this.fromSource(
      new CollectionSource([elements]),
      WatermarkStrategy.noWatermarks<T>(),
      'Collection Source',
    ) as SingleOutputStreamOperator<T>;
    return s.setParallelism(1);
  }

  /** Internal: allocates a transformation id and registers the node. */
  addTransformation<T extends Transformation>(make: (id: number) => T): T {
    const t = make(this.nextId++);
    this.transformations.push(t);
    return t;
  }
}
