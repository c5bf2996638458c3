import { copyFunction } from '../functions/AbstractRichFunction.ts';
import { ProcessWindowFunction } from '../functions/ProcessWindowFunction.ts';
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
import { InternalProcessWindowFunction } from '../windowing/InternalProcessWindowFunction.ts';
import { MergingWindowAssigner } from '../windowing/MergingWindowAssigner.ts';
import { PassThroughWindowFunction } from '../windowing/PassThroughWindowFunction.ts';
import type { Trigger } from '../windowing/Trigger.ts';
import type { Window } from '../windowing/Window.ts';
import type { WindowAssigner } from '../windowing/WindowAssigner.ts';
import type { KeyedStream } from './KeyedStream.ts';
import type { SingleOutputStreamOperator } from './SingleOutputStreamOperator.ts';

/** The settings window() and windowAll() streams share, checked as Flink's WindowedStream checks them. */
export interface WindowSettings<T, W extends Window> {
  trigger: Trigger<T, W>;
  allowedLateness: number;
  lateDataOutputTag: OutputTag<T> | undefined;
}

export function checkTrigger<T, W extends Window>(
  assigner: WindowAssigner<T, W>,
  trigger: Trigger<T, W>,
): void {
  if (assigner instanceof MergingWindowAssigner && !trigger.canMerge()) {
    throw new Error('A merging window assigner cannot be used with a trigger that does not support merging.');
  }
}

export function checkLateness(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`The allowed lateness cannot be negative, got ${ms}; give a number of ms >= 0`);
  }
  return ms;
}

function functionName(fn: object): string {
  return fn.constructor.name || 'Function';
}

/**
 * Flink's WindowedStream: a keyed stream cut into windows by an assigner.
 * Set the trigger, allowed lateness and late-data side output, then evaluate
 * the windows with process, reduce or aggregate; each builds a keyed
 * WindowOperator.
 */
export class WindowedStream<T, K, W extends Window> {
  private readonly settings: WindowSettings<T, W>;

  constructor(
    readonly input: KeyedStream<T, K>,
    readonly assigner: WindowAssigner<T, W>,
  ) {
    this.settings = {
      trigger: assigner.getDefaultTrigger(),
      allowedLateness: 0,
      lateDataOutputTag: undefined,
    };
  }

  /** Replaces the assigner's default trigger. */
  trigger(trigger: Trigger<T, W>): this {
    checkTrigger(this.assigner, trigger);
    this.settings.trigger = trigger;
    return this;
  }

  /** Event time only: keep windows this many ms past the watermark; each late element fires the window again. */
  allowedLateness(ms: number): this {
    this.settings.allowedLateness = checkLateness(ms);
    return this;
  }

  /** Elements too late for all their windows go to this side output instead of being dropped. */
  sideOutputLateData(tag: OutputTag<T>): this {
    this.settings.lateDataOutputTag = tag;
    return this;
  }

  /** Evaluates each window with all its elements. */
  process<O>(fn: ProcessWindowFunction<T, O, K, W>): SingleOutputStreamOperator<O> {
    if (!(fn instanceof ProcessWindowFunction)) {
      throw new TypeError('WindowedStream.process() takes a ProcessWindowFunction');
    }
    return this.build<T, O>(new ListStateDescriptor<T>('window-contents'), fn, functionName(fn));
  }

  /** Reduces each window incrementally; with a window function, that function gets the one reduced value. */
  reduce(reduceFn: (a: T, b: T) => T): SingleOutputStreamOperator<T>;
  reduce<O>(
    reduceFn: (a: T, b: T) => T,
    windowFn: ProcessWindowFunction<T, O, K, W>,
  ): SingleOutputStreamOperator<O>;
  reduce<O>(
    reduceFn: (a: T, b: T) => T,
    windowFn?: ProcessWindowFunction<T, O, K, W>,
  ): SingleOutputStreamOperator<O | T> {
    const fn = windowFn ?? new PassThroughWindowFunction<T, K, W>();
    return this.build<T, O | T>(
      new ReducingStateDescriptor<T>('window-contents', reduceFn),
      fn as ProcessWindowFunction<T, O | T, K, W>,
      'Reduce',
    );
  }

  /** Aggregates each window incrementally with Flink's AggregateFunction (accumulator per pane). */
  aggregate<ACC, R>(aggregateFn: AggregateFunction<T, ACC, R>): SingleOutputStreamOperator<R>;
  aggregate<ACC, R, O>(
    aggregateFn: AggregateFunction<T, ACC, R>,
    windowFn: ProcessWindowFunction<R, O, K, W>,
  ): SingleOutputStreamOperator<O>;
  aggregate<ACC, R, O>(
    aggregateFn: AggregateFunction<T, ACC, R>,
    windowFn?: ProcessWindowFunction<R, O, K, W>,
  ): SingleOutputStreamOperator<O | R> {
    const fn = windowFn ?? new PassThroughWindowFunction<R, K, W>();
    return this.build<R, O | R>(
      new AggregatingStateDescriptor<T, ACC, R>('window-contents', aggregateFn),
      fn as ProcessWindowFunction<R, O | R, K, W>,
      'Aggregate',
    );
  }

  private build<V, O>(
    descriptor: StateDescriptor<AppendingState<T, unknown>, unknown>,
    fn: ProcessWindowFunction<V, O, K, W>,
    fnName: string,
  ): SingleOutputStreamOperator<O> {
    const { trigger, allowedLateness, lateDataOutputTag } = this.settings;
    const assigner = this.assigner;
    return this.input.transform<O>(
      `Window(${assigner}, ${trigger}, ${fnName})`,
      () =>
        new WindowOperator<K, T, V, O, W>({
          assigner,
          trigger,
          windowStateDescriptor: descriptor,
          windowFunction: new InternalProcessWindowFunction<V, O, K, W>(copyFunction(fn)),
          allowedLateness,
          ...(lateDataOutputTag === undefined ? {} : { lateDataOutputTag }),
        }),
      [this.input.keySelector as KeySelector],
    );
  }
}
