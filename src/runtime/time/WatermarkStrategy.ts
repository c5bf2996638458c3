import {
  BoundedOutOfOrdernessWatermarks,
  NoWatermarksGenerator,
  type WatermarkGenerator,
  WatermarksWithIdleness,
} from './WatermarkGenerator.ts';

export type TimestampAssigner<T> = (element: T, recordTimestamp: number | undefined) => number;

export interface WatermarkGeneratorContext {
  /** The virtual processing-time clock. */
  now(): number;
}

/**
 * Flink's WatermarkStrategy, immutable: a generator factory, a timestamp
 * assigner and an optional idleness timeout. Sources create one generator per
 * partition (split) and combine them by minimum, as FLIP-27 sources do.
 */
export class WatermarkStrategy<T> {
  private constructor(
    private readonly generatorFactory: (ctx: WatermarkGeneratorContext) => WatermarkGenerator<T>,
    readonly timestampAssigner: TimestampAssigner<T> | undefined,
    readonly idleTimeoutMs: number | undefined,
  ) {}

  static forMonotonousTimestamps<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(() => new BoundedOutOfOrdernessWatermarks<T>(0), undefined, undefined);
  }

  static forBoundedOutOfOrderness<T>(maxOutOfOrdernessMs: number): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(
      () => new BoundedOutOfOrdernessWatermarks<T>(maxOutOfOrdernessMs),
      undefined,
      undefined,
    );
  }

  static forGenerator<T>(
    factory: (ctx: WatermarkGeneratorContext) => WatermarkGenerator<T>,
  ): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(factory, undefined, undefined);
  }

  static noWatermarks<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(() => new NoWatermarksGenerator<T>(), undefined, undefined);
  }

  withTimestampAssigner(assigner: TimestampAssigner<T>): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(this.generatorFactory, assigner, this.idleTimeoutMs);
  }

  withIdleness(idleTimeoutMs: number): WatermarkStrategy<T> {
    if (!(idleTimeoutMs > 0)) throw new RangeError('withIdleness: the timeout must be positive');
    return new WatermarkStrategy<T>(this.generatorFactory, this.timestampAssigner, idleTimeoutMs);
  }

  createWatermarkGenerator(ctx: WatermarkGeneratorContext): WatermarkGenerator<T> {
    const inner = this.generatorFactory(ctx);
    return this.idleTimeoutMs === undefined
      ? inner
      : new WatermarksWithIdleness(inner, this.idleTimeoutMs, () => ctx.now());
  }
}
