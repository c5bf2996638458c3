import { copyFunction } from '../functions/AbstractRichFunction.ts';
import { ProcessAllWindowFunction, type ProcessWindowFunction } from '../functions/ProcessWindowFunction.ts';
import type { OutputTag } from '../OutputTag.ts';
import type { KeySelector } from '../operators/OperatorSetup.ts';
import { WindowOperator } from '../operators/WindowOperator.ts';
import type { AppendingState } from '../state/State.ts';
import {
  type AggregateFunction,
  AggregatingStateDescriptor,
  ListStateDescriptor,
  ReducingStateDescriptor,
  type StateDescriptor,
} from '../state/StateDescriptor.ts';
import { InternalProcessAllWindowFunction } from '../windowing/InternalProcessAllWindowFunction.ts';
import { InternalProcessWindowFunction } from '../windowing/InternalProcessWindowFunction.ts';
import type { InternalWindowFunction } from '../windowing/InternalWindowFunction.ts';
import { PassThroughWindowFunction } from '../windowing/PassThroughWindowFunction.ts';
import type { Trigger } from '../windowing/Trigger.ts';
import type { Window } from '../windowing/Window.ts';
import type { WindowAssigner } from '../windowing/WindowAssigner.ts';
import type { DataStream } from './DataStream.ts';
import type { SingleOutputStreamOperator } from './SingleOutputStreamOperator.ts';
import { checkLateness, checkTrigger, type WindowSettings } from './WindowedStream.ts';

/** Flink's NullByteKeySelector: every element gets the same key, so one subtask sees the whole stream. */
const NULL_KEY: KeySelector = () => 0;

/**
 * Flink's AllWindowedStream: windows over a whole non-keyed stream. As in
 * Flink it is a WindowOperator keyed by a constant key behind a keyBy edge,
 * forced to parallelism 1 (forceNonParallel).
 */
export class AllWindowedStream<T, W extends Window> {
  private readonly settings: WindowSettings<T, W>;

  constructor(
    readonly input: DataStream<T>,
    readonly assigner: WindowAssigner<T, W>,
  ) {
    this.settings = {
      trigger: assigner.getDefaultTrigger(),
      allowedLateness: 0,
      lateDataOutputTag: undefined,
    };
  }

  trigger(trigger: Trigger<T, W>): this {
    checkTrigger(this.assigner, trigger);
    this.settings.trigger = trigger;
    return this;
  }

  allowedLateness(ms: number): this {
    this.settings.allowedLateness = checkLateness(ms);
    return this;
  }

  sideOutputLateData(tag: OutputTag<T>): this {
    this.settings.lateDataOutputTag = tag;
    return this;
  }

  process<O>(fn: ProcessAllWindowFunction<T, O, W>): SingleOutputStreamOperator<O> {
    if (!(fn instanceof ProcessAllWindowFunction)) {
      throw new TypeError('AllWindowedStream.process() takes a ProcessAllWindowFunction');
    }
    return this.build<T, O>(
      new ListStateDescriptor<T>('window-contents'),
      () => new InternalProcessAllWindowFunction<T, O, W>(copyFunction(fn)),
      fn.constructor.name || 'Function',
    );
  }

  reduce(reduceFn: (a: T, b: T) => T): SingleOutputStreamOperator<T>;
  reduce<O>(
    reduceFn: (a: T, b: T) => T,
    windowFn: ProcessAllWindowFunction<T, O, W>,
  ): SingleOutputStreamOperator<O>;
  reduce<O>(
    reduceFn: (a: T, b: T) => T,
    windowFn?: ProcessAllWindowFunction<T, O, W>,
  ): SingleOutputStreamOperator<O | T> {
    return this.build<T, O | T>(
      new ReducingStateDescriptor<T>('window-contents', reduceFn),
      () => AllWindowedStream.windowFunction<T, O, W>(windowFn),
      'Reduce',
    );
  }

  aggregate<ACC, R>(aggregateFn: AggregateFunction<T, ACC, R>): SingleOutputStreamOperator<R>;
  aggregate<ACC, R, O>(
    aggregateFn: AggregateFunction<T, ACC, R>,
    windowFn: ProcessAllWindowFunction<R, O, W>,
  ): SingleOutputStreamOperator<O>;
  aggregate<ACC, R, O>(
    aggregateFn: AggregateFunction<T, ACC, R>,
    windowFn?: ProcessAllWindowFunction<R, O, W>,
  ): SingleOutputStreamOperator<O | R> {
    return this.build<R, O | R>(
      new AggregatingStateDescriptor<T, ACC, R>('window-contents', aggregateFn),
      () => AllWindowedStream.windowFunction<R, O, W>(windowFn),
      'Aggregate',
    );
  }

  /** The user's all-window function, or one that emits the reduced value as it is. */
  private static windowFunction<V, O, W extends Window>(
    windowFn: ProcessAllWindowFunction<V, O, W> | undefined,
  ): InternalWindowFunction<V, O | V, unknown, W> {
    if (windowFn !== undefined) return new InternalProcessAllWindowFunction<V, O, W>(copyFunction(windowFn));
    return new InternalProcessWindowFunction<V, V, unknown, W>(
      new PassThroughWindowFunction<V, unknown, W>() as ProcessWindowFunction<V, V, unknown, W>,
    );
  }

  private build<V, O>(
    descriptor: StateDescriptor<AppendingState<T, unknown>, unknown>,
    windowFunction: () => InternalWindowFunction<V, O, unknown, W>,
    fnName: string,
  ): SingleOutputStreamOperator<O> {
    const { trigger, allowedLateness, lateDataOutputTag } = this.settings;
    const assigner = this.assigner;
    return this.input
      .keyBy(NULL_KEY)
      .transform<O>(
        `AllWindow(${assigner}, ${trigger}, ${fnName})`,
        () =>
          new WindowOperator<unknown, T, V, O, W>({
            assigner,
            trigger,
            windowStateDescriptor: descriptor,
            windowFunction: windowFunction(),
            allowedLateness,
            ...(lateDataOutputTag === undefined ? {} : { lateDataOutputTag }),
          }),
        [NULL_KEY],
      )
      .setParallelism(1)
      .setMaxParallelism(1);
  }
}
