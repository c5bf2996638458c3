import type { ProcessWindowFunctionContext, WindowStateStore } from '../functions/ProcessWindowFunction.ts';
import type { OutputTag } from '../OutputTag.ts';
import { MAX_WATERMARK, record, type StreamRecord } from '../StreamElement.ts';
import type { HeapKeyedState } from '../state/HeapKeyedState.ts';
import type { KeyedStateBackend } from '../state/KeyedStateBackend.ts';
import { KeyedStateStore } from '../state/KeyedStateStore.ts';
import type { AppendingState, ListState } from '../state/State.ts';
import { ListStateDescriptor, type StateDescriptor } from '../state/StateDescriptor.ts';
import type { InternalTimer } from '../time/InternalTimer.ts';
import type { InternalTimerService } from '../time/InternalTimerService.ts';
import type { InternalWindowFunction } from '../windowing/InternalWindowFunction.ts';
import { mergeNamespaces } from '../windowing/MergingState.ts';
import { MergingWindowAssigner } from '../windowing/MergingWindowAssigner.ts';
import { MergingWindowSet } from '../windowing/MergingWindowSet.ts';
import type { OnMergeContext, Trigger } from '../windowing/Trigger.ts';
import type { Window } from '../windowing/Window.ts';
import type { WindowAssigner, WindowAssignerContext } from '../windowing/WindowAssigner.ts';
import { AbstractUdfStreamOperator } from './AbstractUdfStreamOperator.ts';
import { TimestampedCollector } from './TimestampedCollector.ts';

export interface WindowOperatorOptions<K, IN, V, OUT, W extends Window> {
  readonly assigner: WindowAssigner<IN, W>;
  readonly trigger: Trigger<IN, W>;
  /** Where pane contents live: list state (process), reducing state (reduce) or aggregating state (aggregate). */
  readonly windowStateDescriptor: StateDescriptor<AppendingState<IN, unknown>, unknown>;
  readonly windowFunction: InternalWindowFunction<V, OUT, K, W>;
  /** Event time only: how long after the watermark passed a window it still takes elements (ms). */
  readonly allowedLateness?: number;
  /** Where elements that are too late for all their windows go; without it they are dropped. */
  readonly lateDataOutputTag?: OutputTag<IN>;
}

type PaneState<IN> = HeapKeyedState & AppendingState<IN, unknown>;

const MERGING_WINDOW_SET = 'merging-window-set';

/**
 * Flink's WindowOperator. Per key, an element goes to the panes of the
 * windows its assigner gives; a pane's contents are keyed state with the
 * window as namespace, its trigger's timers are keyed timers with the window
 * as namespace. In event time a window is late once
 * maxTimestamp + allowedLateness <= watermark: late panes take no element,
 * and an element late for all its windows goes to the late-data side output
 * (or is dropped). Every pane gets a cleanup timer at that time (event time)
 * or at maxTimestamp (processing time), which clears contents, trigger state
 * and the function's per-window state. Merging assigners (sessions) keep a
 * MergingWindowSet per key and merge pane and trigger state on every merge.
 * Results carry the window's maxTimestamp.
 */
export class WindowOperator<K, IN, V, OUT, W extends Window> extends AbstractUdfStreamOperator<object> {
  readonly numInputs = 1;
  private readonly assigner: WindowAssigner<IN, W>;
  private readonly trigger: Trigger<IN, W>;
  private readonly windowStateDescriptor: StateDescriptor<AppendingState<IN, unknown>, unknown>;
  private readonly windowFunction: InternalWindowFunction<V, OUT, K, W>;
  private readonly allowedLateness: number;
  private readonly lateDataOutputTag: OutputTag<IN> | undefined;
  private readonly merging: boolean;
  private readonly listContents: boolean;

  private collector!: TimestampedCollector<OUT>;
  private backend!: KeyedStateBackend;
  private timers!: InternalTimerService;
  /** Operator-internal states, apart from the handles user functions get. */
  private internalStore!: KeyedStateStore;
  /** Per-window state of triggers and of ProcessWindowFunction.windowState() (Flink: the window namespace). */
  private perWindowStore!: KeyedStateStore;
  private windowState!: PaneState<IN>;
  private mergingSetsState: ListState<[W, W]> | undefined;
  private assignerContext!: WindowAssignerContext;
  private triggerContext!: OnMergeContext;
  private processContext!: ProcessWindowFunctionContext<W>;
  // The pane the trigger context and the process context refer to (Flink's Context.key/window, WindowContext.window).
  private triggerKey!: K;
  private triggerWindow!: W;
  private mergedWindows: W[] = [];
  private processWindow!: W;
  private dropped = 0;

  constructor(options: WindowOperatorOptions<K, IN, V, OUT, W>) {
    super(options.windowFunction.userFunction);
    const lateness = options.allowedLateness ?? 0;
    if (!(lateness >= 0)) throw new RangeError(`The allowed lateness cannot be negative, got ${lateness}`);
    if (options.assigner instanceof MergingWindowAssigner && !options.trigger.canMerge()) {
      throw new Error(
        `A merging window assigner cannot be used with a trigger that does not support merging (${options.trigger})`,
      );
    }
    this.assigner = options.assigner;
    this.trigger = options.trigger;
    this.windowStateDescriptor = options.windowStateDescriptor;
    this.windowFunction = options.windowFunction;
    this.allowedLateness = lateness;
    this.lateDataOutputTag = options.lateDataOutputTag;
    this.merging = options.assigner instanceof MergingWindowAssigner;
    this.listContents = options.windowStateDescriptor instanceof ListStateDescriptor;
  }

  /** Elements dropped as late because no late-data side output was set (Flink's numLateRecordsDropped). */
  get numLateRecordsDropped(): number {
    return this.dropped;
  }

  override open(): void {
    if (this.keyedBackend === undefined || this.timerService === undefined || this.keyedStore === undefined) {
      throw new Error('a window operator runs on a keyed stream: call keyBy() before window()');
    }
    const backend = this.keyedBackend;
    const timers = this.timerService;
    this.backend = backend;
    this.timers = timers;
    this.collector = new TimestampedCollector<OUT>(this.output);
    this.internalStore = new KeyedStateStore(backend);
    this.perWindowStore = new KeyedStateStore(backend);
    this.windowState = this.internalStore.internalHandle(
      this.windowStateDescriptor as StateDescriptor<unknown>,
    ) as PaneState<IN>;
    if (this.merging) {
      this.mergingSetsState = this.internalStore.getListState(
        new ListStateDescriptor<[W, W]>(MERGING_WINDOW_SET),
      );
    }
    this.assignerContext = { getCurrentProcessingTime: () => timers.currentProcessingTime() };
    this.triggerContext = {
      getCurrentProcessingTime: () => timers.currentProcessingTime(),
      getCurrentWatermark: () => timers.getCurrentWatermark(),
      registerProcessingTimeTimer: (t) => timers.registerProcessingTimeTimer(this.triggerWindow, t),
      registerEventTimeTimer: (t) => timers.registerEventTimeTimer(this.triggerWindow, t),
      deleteProcessingTimeTimer: (t) => timers.deleteProcessingTimeTimer(this.triggerWindow, t),
      deleteEventTimeTimer: (t) => timers.deleteEventTimeTimer(this.triggerWindow, t),
      getPartitionedState: <S>(d: StateDescriptor<S, unknown>): S =>
        this.partitionedState(d, this.triggerWindow),
      mergePartitionedState: (d) => {
        if (this.mergedWindows.length > 0)
          mergeNamespaces(backend, d, this.triggerWindow, this.mergedWindows);
      },
    };
    this.processContext = {
      window: () => this.processWindow,
      currentProcessingTime: () => timers.currentProcessingTime(),
      currentWatermark: () => timers.getCurrentWatermark(),
      windowState: () => this.perWindowStateStore(this.processWindow),
      globalState: () => this.keyedStore as KeyedStateStore,
      output: <X>(tag: OutputTag<X>, value: X) => {
        this.output.collectSide(tag as OutputTag<unknown>, record(value, this.processWindow.maxTimestamp()));
      },
    };
    super.open();
  }

  processElement(r: StreamRecord): void {
    this.setKeyContextElement(r, 0);
    const value = r.value as IN;
    const windows = this.assigner.assignWindows(value, r.timestamp, this.assignerContext);
    const key = this.getCurrentKey() as K;
    let skipped = true;

    if (this.merging) {
      const mergingWindows = this.mergingWindowSet();
      for (const window of windows) {
        const actualWindow = mergingWindows.addWindow(
          window,
          (mergeResult, merged, stateResult, mergedStates) =>
            this.onWindowsMerged(key, mergeResult, merged, stateResult, mergedStates),
        );
        if (this.isWindowLate(actualWindow)) {
          mergingWindows.retireWindow(actualWindow);
          continue;
        }
        skipped = false;
        const stateWindow = mergingWindows.getStateWindow(actualWindow);
        if (stateWindow === undefined) throw new Error(`Window ${window} is not in in-flight window set.`);
        this.windowState.setCurrentNamespace(stateWindow);
        this.addToPane(key, actualWindow, value, r.timestamp);
      }
      mergingWindows.persist();
    } else {
      for (const window of windows) {
        if (this.isWindowLate(window)) continue;
        skipped = false;
        this.windowState.setCurrentNamespace(window);
        this.addToPane(key, window, value, r.timestamp);
      }
    }

    // Only elements no window took, and only if behind the watermark (Flink checks both).
    if (skipped && this.isElementLate(r)) {
      if (this.lateDataOutputTag !== undefined) this.output.collectSide(this.lateDataOutputTag, r);
      else this.dropped++;
    }
  }

  /** Adds to the pane whose namespace windowState is set to, then asks the trigger. */
  private addToPane(key: K, window: W, value: IN, timestamp: number | undefined): void {
    this.windowState.add(value);
    this.triggerKey = key;
    this.triggerWindow = window;
    const result = this.trigger.onElement(value, timestamp, window, this.triggerContext);
    if (result.isFire()) {
      const contents = this.paneContents();
      // Flink skips the cleanup timer too when a fired pane turns out empty.
      if (contents === undefined) return;
      this.emitWindowContents(window, contents);
    }
    if (result.isPurge()) this.windowState.clear();
    this.registerCleanupTimer(window);
  }

  private onWindowsMerged(
    key: K,
    mergeResult: W,
    mergedWindows: W[],
    stateWindowResult: W,
    mergedStates: W[],
  ): void {
    if (this.assigner.isEventTime() && this.cleanupTime(mergeResult) <= this.timers.getCurrentWatermark()) {
      throw new Error(
        'The end timestamp of an event-time window cannot become earlier than the current watermark by merging. ' +
          `Current watermark: ${this.timers.getCurrentWatermark()} window: ${mergeResult}`,
      );
    }
    if (!this.assigner.isEventTime() && mergeResult.maxTimestamp() <= this.timers.currentProcessingTime()) {
      throw new Error(
        'The end timestamp of a processing-time window cannot become earlier than the current processing time by merging. ' +
          `Current processing time: ${this.timers.currentProcessingTime()} window: ${mergeResult}`,
      );
    }
    this.triggerKey = key;
    this.triggerWindow = mergeResult;
    this.mergedWindows = mergedWindows;
    this.trigger.onMerge(mergeResult, this.triggerContext);
    this.mergedWindows = [];
    for (const m of mergedWindows) {
      this.triggerWindow = m;
      this.trigger.clear(m, this.triggerContext);
      this.deleteCleanupTimer(m);
    }
    mergeNamespaces(
      this.backend,
      this.windowStateDescriptor as StateDescriptor<unknown, unknown>,
      stateWindowResult,
      mergedStates,
    );
  }

  override onEventTime(timer: InternalTimer): void {
    this.onTimer(timer, true);
  }

  override onProcessingTime(timer: InternalTimer): void {
    this.onTimer(timer, false);
  }

  private onTimer(timer: InternalTimer, eventTime: boolean): void {
    const window = this.assigner.restoreWindow(timer.namespace);
    this.triggerKey = timer.key as K;
    this.triggerWindow = window;
    let mergingWindows: MergingWindowSet<W> | undefined;
    if (this.merging) {
      mergingWindows = this.mergingWindowSet();
      const stateWindow = mergingWindows.getStateWindow(window);
      // A timer of a window that was merged away or cleaned: its trigger did not delete it; nothing to do.
      if (stateWindow === undefined) return;
      this.windowState.setCurrentNamespace(stateWindow);
    } else {
      this.windowState.setCurrentNamespace(window);
    }

    const result = eventTime
      ? this.trigger.onEventTime(timer.timestamp, window, this.triggerContext)
      : this.trigger.onProcessingTime(timer.timestamp, window, this.triggerContext);
    if (result.isFire()) {
      const contents = this.paneContents();
      if (contents !== undefined) this.emitWindowContents(window, contents);
    }
    if (result.isPurge()) this.windowState.clear();
    if (this.assigner.isEventTime() === eventTime && this.isCleanupTime(window, timer.timestamp)) {
      this.clearAllState(window, mergingWindows);
    }
    mergingWindows?.persist();
  }

  private clearAllState(window: W, mergingWindows: MergingWindowSet<W> | undefined): void {
    this.windowState.clear();
    this.trigger.clear(window, this.triggerContext);
    this.processWindow = window;
    this.windowFunction.clear(this.processContext);
    mergingWindows?.retireWindow(window);
  }

  private emitWindowContents(window: W, elements: V[]): void {
    this.collector.setTimestamp(window.maxTimestamp());
    this.processWindow = window;
    this.windowFunction.process(this.triggerKey, this.processContext, elements, this.collector);
  }

  /** The pane's contents as a list, or undefined when empty (Flink: contents == null). */
  private paneContents(): V[] | undefined {
    const contents = this.windowState.get();
    if (this.listContents) {
      const list = contents as V[];
      // A copy: later elements must not change what the function already saw or emitted.
      return list.length === 0 ? undefined : [...list];
    }
    return contents === undefined ? undefined : [contents as V];
  }

  private mergingWindowSet(): MergingWindowSet<W> {
    return new MergingWindowSet<W>(
      this.assigner as unknown as MergingWindowAssigner<unknown, W>,
      this.mergingSetsState as ListState<[W, W]>,
    );
  }

  private partitionedState<S>(descriptor: StateDescriptor<S, unknown>, window: W): S {
    const handle = this.perWindowStore.internalHandle(descriptor as StateDescriptor<unknown>);
    handle.setCurrentNamespace(window);
    return handle as unknown as S;
  }

  private perWindowStateStore(window: W): WindowStateStore {
    const get = <S>(descriptor: StateDescriptor<S, unknown>): S => {
      if (this.merging) {
        throw new Error('Per-window state is not allowed when using merging windows.');
      }
      return this.partitionedState(descriptor, window);
    };
    return {
      getState: get,
      getListState: get,
      getMapState: get,
      getReducingState: get,
      getAggregatingState: get,
    } as WindowStateStore;
  }

  /** Whether the watermark passed the window's end plus the allowed lateness (never in processing time). */
  protected isWindowLate(window: W): boolean {
    return this.assigner.isEventTime() && this.cleanupTime(window) <= this.timers.getCurrentWatermark();
  }

  protected isElementLate(r: StreamRecord): boolean {
    return (
      this.assigner.isEventTime() &&
      (r.timestamp as number) + this.allowedLateness <= this.timers.getCurrentWatermark()
    );
  }

  /** maxTimestamp + allowed lateness in event time (saturating at the end of time), maxTimestamp in processing time. */
  private cleanupTime(window: W): number {
    if (!this.assigner.isEventTime()) return window.maxTimestamp();
    const time = window.maxTimestamp() + this.allowedLateness;
    return time >= MAX_WATERMARK ? MAX_WATERMARK : time;
  }

  private isCleanupTime(window: W, time: number): boolean {
    return time === this.cleanupTime(window);
  }

  private registerCleanupTimer(window: W): void {
    const time = this.cleanupTime(window);
    // No cleanup timer for the end of time (GlobalWindow), as Flink.
    if (time === MAX_WATERMARK) return;
    if (this.assigner.isEventTime()) this.timers.registerEventTimeTimer(window, time);
    else this.timers.registerProcessingTimeTimer(window, time);
  }

  private deleteCleanupTimer(window: W): void {
    const time = this.cleanupTime(window);
    if (time === MAX_WATERMARK) return;
    if (this.assigner.isEventTime()) this.timers.deleteEventTimeTimer(window, time);
    else this.timers.deleteProcessingTimeTimer(window, time);
  }
}
