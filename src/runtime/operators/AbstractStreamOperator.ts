import { hasDefect } from '../execution/Defects.ts';
import { AbstractRichFunction } from '../functions/AbstractRichFunction.ts';
import type { RuntimeContext } from '../functions/RuntimeContext.ts';
import type { TimerService } from '../functions/TimerService.ts';
import { UNSUPPORTED_DELETE_TIMER_MSG, UNSUPPORTED_REGISTER_TIMER_MSG } from '../functions/TimerService.ts';
import { MIN_WATERMARK, type StreamRecord } from '../StreamElement.ts';
import { KeyedStateBackend, VOID_NAMESPACE } from '../state/KeyedStateBackend.ts';
import { KeyedStateStore } from '../state/KeyedStateStore.ts';
import { OperatorStateStore } from '../state/OperatorStateStore.ts';
import type { InternalTimer } from '../time/InternalTimer.ts';
import { InternalTimerService, type Triggerable } from '../time/InternalTimerService.ts';
import type { KeySelector, OperatorSetup } from './OperatorSetup.ts';
import type { OperatorRestore, OperatorSnapshot } from './OperatorSnapshot.ts';
import type { Output } from './Output.ts';

/**
 * Base of every operator, after Flink's AbstractStreamOperator: lifecycle
 * (setup, initializeState, open, finish, close), keyed state and timers for
 * keyed operators, and watermark handling: an operator's event time is the
 * minimum over its non-idle inputs, it never goes back, and event-time timers
 * fire before the watermark is forwarded.
 */
export abstract class AbstractStreamOperator implements Triggerable {
  protected setupInfo!: OperatorSetup;
  protected output!: Output;
  protected operatorState!: OperatorStateStore;
  protected keyedBackend: KeyedStateBackend | undefined;
  protected keyedStore: KeyedStateStore | undefined;
  protected timerService: InternalTimerService | undefined;
  private inputWatermarks: number[] = [];
  private inputIdle: boolean[] = [];
  private combinedWatermark = MIN_WATERMARK;
  private outputIdle = false;
  // Seeded bugs (src/runtime/execution/Defects.ts), read once at setup; false unless switched on.
  private timersLeftOut = false;
  private watermarkIsMax = false;

  /** Number of logical inputs (1 or 2); sources have 0. */
  abstract readonly numInputs: number;

  setup(setup: OperatorSetup): void {
    this.setupInfo = setup;
    this.output = setup.output;
    this.inputWatermarks = Array.from({ length: Math.max(1, this.numInputs) }, () => MIN_WATERMARK);
    this.inputIdle = Array.from({ length: Math.max(1, this.numInputs) }, () => false);
    this.timersLeftOut = hasDefect(setup.services, 'timers-missing-from-snapshot');
    this.watermarkIsMax = hasDefect(setup.services, 'watermark-max');
  }

  /** Creates state backends, restoring from `restore` when given. */
  initializeState(restore?: OperatorRestore): void {
    this.operatorState = new OperatorStateStore();
    if (restore !== undefined) this.operatorState.restore(restore.operator);
    const range = this.setupInfo.keyGroupRange;
    if (range !== undefined) {
      this.keyedBackend = new KeyedStateBackend(this.setupInfo.maxParallelism, range);
      this.keyedStore = new KeyedStateStore(this.keyedBackend);
      this.timerService = new InternalTimerService(this.keyedBackend, this.setupInfo.processingTime, this);
      if (restore !== undefined) {
        this.keyedBackend.restore(restore.keyed);
        this.timerService.restore(restore.timers);
      }
    }
  }

  open(): void {}

  /** End of all input: flush what is buffered (Flink's finish()). */
  finish(): void {
    this.timerService?.quiesce();
  }

  close(): void {}

  abstract processElement(record: StreamRecord, input: number): void;

  /** Called before the barrier is forwarded and the state snapshotted (Flink's prepareSnapshotPreBarrier). */
  prepareSnapshotPreBarrier(_checkpointId: number): void {}

  /** Flink's CheckpointListener: a checkpoint this operator took part in completed. */
  notifyCheckpointComplete(_checkpointId: number): void {}

  notifyCheckpointAborted(_checkpointId: number): void {}

  snapshotState(_checkpointId: number): OperatorSnapshot {
    const operator = this.operatorState.snapshot();
    if (this.keyedBackend === undefined || this.timerService === undefined) return { operator };
    // Seeded bug 'timers-missing-from-snapshot': keyed state is snapshotted but the timer service
    // is not, so pending timers are gone after a restore. Mirrors FLINK-21486 (timers silently not
    // restored when switching timer stores) and FLINK-19741 (timer restore skipped).
    const timers = this.timersLeftOut ? {} : this.timerService.snapshot();
    return { keyed: this.keyedBackend.snapshot(), timers, operator };
  }

  // ---- event time ---------------------------------------------------------

  currentWatermark(): number {
    return this.combinedWatermark;
  }

  processWatermark(timestamp: number, input: number): void {
    this.inputWatermarks[input] = timestamp;
    this.updateCombinedWatermark();
  }

  processWatermarkStatus(idle: boolean, input: number): void {
    this.inputIdle[input] = idle;
    const allIdle = this.inputIdle.every((i) => i);
    if (!allIdle) this.updateCombinedWatermark();
    if (allIdle !== this.outputIdle) {
      this.outputIdle = allIdle;
      this.output.emitWatermarkStatus(allIdle);
    }
  }

  private updateCombinedWatermark(): void {
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.inputWatermarks.length; i++) {
      if (!this.inputIdle[i]) min = Math.min(min, this.inputWatermarks[i] as number);
    }
    if (this.watermarkIsMax) {
      // Seeded bug 'watermark-max' (two-input operators; StatusWatermarkValve for channels).
      min = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < this.inputWatermarks.length; i++) {
        if (!this.inputIdle[i]) min = Math.max(min, this.inputWatermarks[i] as number);
      }
      if (min === Number.NEGATIVE_INFINITY) min = Number.POSITIVE_INFINITY;
    }
    if (min !== Number.POSITIVE_INFINITY && min > this.combinedWatermark) {
      this.combinedWatermark = min;
      this.onWatermark(min);
    }
  }

  /** The operator's event time advanced: fire timers, then forward the watermark. */
  protected onWatermark(timestamp: number): void {
    this.timerService?.advanceWatermark(timestamp);
    this.output.emitWatermark(timestamp);
  }

  // ---- keys, timers, functions -------------------------------------------

  protected setKeyContextElement(record: StreamRecord, input: number): void {
    const selector: KeySelector | undefined = this.setupInfo.keySelectors?.[input];
    if (selector !== undefined && this.keyedBackend !== undefined) {
      this.keyedBackend.setCurrentKey(selector(record.value));
    }
  }

  getCurrentKey(): unknown {
    return this.keyedBackend?.getCurrentKey();
  }

  onEventTime(_timer: InternalTimer): void {}

  onProcessingTime(_timer: InternalTimer): void {}

  /** The user-facing TimerService: keyed operators get timers, others the Flink errors. */
  protected userTimerService(): TimerService {
    const timers = this.timerService;
    const now = () => this.setupInfo.processingTime.now();
    const watermark = () => this.combinedWatermark;
    if (timers === undefined) {
      return {
        currentProcessingTime: now,
        currentWatermark: watermark,
        registerEventTimeTimer: () => {
          throw new Error(UNSUPPORTED_REGISTER_TIMER_MSG);
        },
        registerProcessingTimeTimer: () => {
          throw new Error(UNSUPPORTED_REGISTER_TIMER_MSG);
        },
        deleteEventTimeTimer: () => {
          throw new Error(UNSUPPORTED_DELETE_TIMER_MSG);
        },
        deleteProcessingTimeTimer: () => {
          throw new Error(UNSUPPORTED_DELETE_TIMER_MSG);
        },
      };
    }
    return {
      currentProcessingTime: now,
      currentWatermark: watermark,
      registerEventTimeTimer: (t) => timers.registerEventTimeTimer(VOID_NAMESPACE, t),
      registerProcessingTimeTimer: (t) => timers.registerProcessingTimeTimer(VOID_NAMESPACE, t),
      deleteEventTimeTimer: (t) => timers.deleteEventTimeTimer(VOID_NAMESPACE, t),
      deleteProcessingTimeTimer: (t) => timers.deleteProcessingTimeTimer(VOID_NAMESPACE, t),
    };
  }

  /** Flink's StreamingRuntimeContext for this subtask. */
  protected runtimeContext(): RuntimeContext {
    const s = this.setupInfo;
    const keyed = (): KeyedStateStore => {
      if (this.keyedStore === undefined) {
        throw new Error('Keyed state can only be used on a keyed stream, i.e. after a keyBy() (as in Flink)');
      }
      return this.keyedStore;
    };
    return {
      getTaskName: () => s.taskName,
      getIndexOfThisSubtask: () => s.subtaskIndex,
      getNumberOfParallelSubtasks: () => s.parallelism,
      getMaxNumberOfParallelSubtasks: () => s.maxParallelism,
      getAttemptNumber: () => s.attemptNumber,
      getState: (d) => keyed().getState(d),
      getListState: (d) => keyed().getListState(d),
      getMapState: (d) => keyed().getMapState(d),
      getReducingState: (d) => keyed().getReducingState(d),
      getAggregatingState: (d) => keyed().getAggregatingState(d),
    };
  }

  /** Sets the runtime context of a user function, gives it operator state, and opens it. */
  protected openFunction(fn: unknown): void {
    if (fn instanceof AbstractRichFunction) {
      fn.setRuntimeContext(this.runtimeContext());
    }
    const checkpointed = fn as Partial<CheckpointedFunctionLike>;
    if (typeof checkpointed.initializeState === 'function') {
      checkpointed.initializeState({
        isRestored: () => this.operatorState.isRestored(),
        getOperatorStateStore: () => this.operatorState,
        getKeyedStateStore: () => this.keyedStore,
      });
    }
    if (fn instanceof AbstractRichFunction) fn.open({ attemptNumber: this.setupInfo.attemptNumber });
  }

  protected closeFunction(fn: unknown): void {
    if (fn instanceof AbstractRichFunction) fn.close();
  }

  /** Gives a CheckpointedFunction its snapshotState call before the operator state is taken. */
  protected snapshotFunction(fn: unknown, checkpointId: number): void {
    const checkpointed = fn as Partial<CheckpointedFunctionLike>;
    if (typeof checkpointed.snapshotState === 'function') checkpointed.snapshotState({ checkpointId });
  }
}

/** Flink's CheckpointListener, duck-typed: functions told of completed and aborted checkpoints. */
export interface CheckpointListenerLike {
  notifyCheckpointComplete(checkpointId: number): void;
  notifyCheckpointAborted?(checkpointId: number): void;
}

/** Flink's CheckpointedFunction, duck-typed: functions that manage operator state themselves. */
export interface CheckpointedFunctionLike {
  initializeState(context: FunctionInitializationContext): void;
  snapshotState(context: FunctionSnapshotContext): void;
}

export interface FunctionInitializationContext {
  isRestored(): boolean;
  getOperatorStateStore(): OperatorStateStore;
  getKeyedStateStore(): KeyedStateStore | undefined;
}

export interface FunctionSnapshotContext {
  readonly checkpointId: number;
}
