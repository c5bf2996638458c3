import { HISTORY_SEQUENCE, HistorySequence } from '../history/HistorySequence.ts';
import type { FaultRecord, RestartRecord } from '../history/types.ts';
import type { StreamExecutionEnvironment } from '../runtime/api/StreamExecutionEnvironment.ts';
import { type DefectName, hasDefect, installDefects } from '../runtime/execution/Defects.ts';
import { computeDefaultMaxParallelism } from '../runtime/execution/EnvironmentConfig.ts';
import { JobExecution, type RestoreProvider, type RunStatus } from '../runtime/execution/JobExecution.ts';
import { OperatorTask } from '../runtime/execution/OperatorTask.ts';
import { InjectedCrash } from '../runtime/execution/ProtocolPoints.ts';
import { RunServices } from '../runtime/execution/RunServices.ts';
import type { SimulateOptions, SimulationResult } from '../runtime/execution/simulate.ts';
import type { Task } from '../runtime/execution/Task.ts';
import type { OperatorSnapshot } from '../runtime/operators/OperatorSnapshot.ts';
import { type CollectedRecord, collectedOutputs } from '../runtime/sink/CollectSink.ts';
import { Simulation } from '../sim/Simulation.ts';
import { TraceKind } from '../sim/TraceKind.ts';
import { restoreChannelState } from './ChannelStateRestore.ts';
import { DEFAULT_RESTART_STRATEGY, resolveCheckpointConfig } from './CheckpointConfig.ts';
import { CheckpointCoordinator } from './CheckpointCoordinator.ts';
import type { CheckpointObserver } from './CheckpointObserver.ts';
import { CheckpointStorage, type UploadPolicy } from './CheckpointStorage.ts';
import type { NotificationPolicy } from './NotificationPolicy.ts';
import { createRestoreProvider } from './StateAssignment.ts';
import { vertexStateKey } from './StateKey.ts';
import { SubtaskCheckpointCoordinator } from './SubtaskCheckpointCoordinator.ts';
import { OperatorTaskHooks, SourceTaskHooks } from './TaskHooks.ts';
import type { CheckpointConfig, CompletedCheckpoint, RestartStrategy, Savepoint } from './types.ts';

export const T_FAILOVER = new TraceKind('failover', ['attempt']);
export const T_CRASH = new TraceKind('crash', ['vertex', 'subtask']);

/** A task crash injected before the given scheduler step (shrinkable: fewer, later crashes). */
export interface CrashSpec {
  readonly atStep: number;
  /** Which running task (index modulo the running tasks); default 0. */
  readonly task?: number;
}

/** A savepoint triggered at a virtual time; `stop` = stop-with-savepoint (the job ends after it). */
export interface SavepointSpec {
  readonly at: number;
  readonly stop?: boolean;
}

export interface JobOptions extends SimulateOptions {
  readonly checkpoint?: Partial<CheckpointConfig>;
  readonly restartStrategy?: RestartStrategy;
  readonly crashes?: readonly CrashSpec[];
  readonly savepoints?: readonly SavepointSpec[];
  /** Start from this savepoint or checkpoint (another job's, possibly with another parallelism). */
  readonly restoreFrom?: Savepoint;
  readonly allowNonRestoredState?: boolean;
  readonly observers?: readonly CheckpointObserver[];
  readonly uploadPolicy?: UploadPolicy;
  readonly notificationPolicy?: NotificationPolicy;
  /** Keep each operator's state as it was when its task finished (for comparing final states). */
  readonly captureFinalState?: boolean;
  /**
   * The run's registry of external systems; pass the one of a stopped run to
   * resume against the same systems (stop-with-savepoint and resume).
   */
  readonly services?: RunServices;
  /** Virtual time the run starts at (a job resumed after another one in the same history). */
  readonly startTime?: number;
  /** Called before every scheduler step (the fault injector's step-based faults). */
  readonly onStep?: (step: number, runner: JobRunner) => void;
  /** Seeded bugs to switch on for this run (src/runtime/execution/Defects.ts); none by default. */
  readonly defects?: readonly DefectName[];
}

export type JobStatus = RunStatus | 'stopped';

export interface JobResult extends Omit<SimulationResult, 'status'> {
  readonly status: JobStatus;
  readonly checkpointConfig: CheckpointConfig | undefined;
  /** Completed checkpoints and savepoints, in completion order. */
  readonly checkpoints: readonly CompletedCheckpoint[];
  /** The savepoint a stop-with-savepoint ended the job with. */
  readonly stoppedWith?: Savepoint;
  readonly restarts: readonly RestartRecord[];
  readonly faults: readonly FaultRecord[];
  /** Why the job failed, when status is 'failed'. */
  readonly failureCause?: string;
  /** With captureFinalState: vertex state key -> per-subtask state at finish (last attempt). */
  readonly finalStates?: Readonly<Record<string, OperatorSnapshot[]>>;
}

/**
 * Runs a job with checkpoints, failures and recovery on the simulation
 * kernel: deploys it (optionally from a savepoint), wires every task to the
 * checkpoint coordinator with the barrier handler of the configured mode,
 * injects the given crashes, and on a failure restarts all tasks (full
 * failover) after the restart strategy's delay from the latest completed
 * checkpoint, until the job finishes, stops, fails or hits a limit.
 */
export class JobRunner {
  readonly sim: Simulation;
  readonly services: RunServices;
  readonly job: JobExecution;
  readonly config: CheckpointConfig | undefined;
  readonly coordinator: CheckpointCoordinator | undefined;
  private readonly checkpointers = new Map<Task, SubtaskCheckpointCoordinator>();
  private readonly restarts: RestartRecord[] = [];
  private readonly faults: FaultRecord[] = [];
  private readonly restart: RestartStrategy;
  private readonly savepointsTriggered = new Set<number>();
  private status: JobStatus | undefined;
  private stoppedWith: Savepoint | undefined;
  private failureCause: string | undefined;
  private readonly finalStates: Record<string, OperatorSnapshot[]> = {};

  constructor(
    readonly env: StreamExecutionEnvironment,
    readonly options: JobOptions,
  ) {
    this.services = options.services ?? new RunServices();
    if (options.defects !== undefined) installDefects(this.services, options.defects);
    this.sim = new Simulation({
      seed: options.seed,
      choices: options.choices ?? [],
      keepTrace: options.keepTrace ?? false,
      maxReadyDelay: env.config.maxDelay,
      ...(options.startTime === undefined ? {} : { startTime: options.startTime }),
    });
    this.job = new JobExecution(env.transformations, env.config, this.sim, this.services);
    this.config = resolveCheckpointConfig(env.checkpointSettings, options.checkpoint);
    // Flink restarts a failed job only when checkpointing is on (else: no restart strategy).
    this.restart =
      options.restartStrategy ??
      (this.config === undefined ? { kind: 'fixed-delay', attempts: 0, delay: 0 } : DEFAULT_RESTART_STRATEGY);
    if (options.captureFinalState) {
      // Not `this.job.onTaskFinished = (task) => ...`: V8 allocates a function literal assigned
      // straight to a property in the old generation (it expects a long-lived method), and that dead
      // old closure kept each finished run reachable through young collections until the next full one.
      const captureFinalState = (task: Task) => {
        if (!(task instanceof OperatorTask)) return;
        const list = this.finalStates[vertexStateKey(task.vertex)] ?? [];
        list[task.subtaskIndex] = task.operator.snapshotState(0);
        this.finalStates[vertexStateKey(task.vertex)] = list;
      };
      this.job.onTaskFinished = captureFinalState;
    }
    if (this.config !== undefined) {
      const storage = new CheckpointStorage();
      if (options.uploadPolicy !== undefined) storage.uploadPolicy = options.uploadPolicy;
      this.coordinator = new CheckpointCoordinator(
        this.sim,
        this.config,
        storage,
        {
          job: this.job,
          checkpointerOf: (task) => this.checkpointerOf(task),
          failJob: (cause) => this.failover(cause),
          stopped: (savepoint) => this.onStopped(savepoint),
        },
        options.observers ?? [],
      );
      if (options.notificationPolicy !== undefined)
        this.coordinator.notificationPolicy = options.notificationPolicy;
    }
  }

  checkpointerOf(task: Task): SubtaskCheckpointCoordinator {
    let c = this.checkpointers.get(task);
    if (c === undefined) {
      c = new SubtaskCheckpointCoordinator(task, this.coordinator as CheckpointCoordinator);
      this.checkpointers.set(task, c);
    }
    return c;
  }

  /** Runs to the end and returns the result. */
  run(): JobResult {
    const restore = this.options.restoreFrom;
    if (restore !== undefined) this.coordinator?.continueAfter(restore.id);
    try {
      this.deploy(restore);
    } catch (error) {
      // Restoring can fail like any task does (e.g. the sink's recovery commit): Flink fails over.
      this.taskFailed(error);
    }
    const status = this.runSteps();
    const scheduler = this.sim.scheduler;
    const outputs: Record<string, CollectedRecord<unknown>[]> = {};
    for (const [name, list] of collectedOutputs(this.services)) outputs[name] = list;
    return {
      seed: this.options.seed,
      status,
      trace: this.sim.trace.summary(),
      steps: scheduler.steps,
      choicesTaken: scheduler.choicesTaken,
      endTime: this.sim.clock.now(),
      outputs,
      services: this.services,
      checkpointConfig: this.config,
      checkpoints: this.coordinator?.completed ?? [],
      ...(this.stoppedWith === undefined ? {} : { stoppedWith: this.stoppedWith }),
      restarts: this.restarts,
      faults: this.faults,
      ...(this.failureCause === undefined ? {} : { failureCause: this.failureCause }),
      ...(this.options.captureFinalState ? { finalStates: this.finalStates } : {}),
    };
  }

  /**
   * The scheduler loop, apart from run(): a small function of its own, so that the optimizing
   * compiler has the inlining budget to inline the scheduler's step into it.
   */
  private runSteps(): JobStatus {
    const crashes = [...(this.options.crashes ?? [])].sort((a, b) => a.atStep - b.atStep);
    const maxSteps = this.options.maxSteps ?? 50_000_000;
    const maxTime = this.options.maxTime ?? 1e12;
    const scheduler = this.sim.scheduler;
    let steps = 0;
    let nextCrash = 0;
    while (this.status === undefined) {
      if (this.job.isFinished) {
        this.status = 'finished';
        break;
      }
      while (nextCrash < crashes.length && (crashes[nextCrash] as { atStep: number }).atStep <= steps) {
        this.crash(crashes[nextCrash++] as CrashSpec);
      }
      if (this.status !== undefined) break;
      if (steps >= maxSteps) {
        this.status = 'step-limit';
        break;
      }
      if (this.sim.clock.now() > maxTime) {
        this.status = 'time-limit';
        break;
      }
      this.options.onStep?.(steps, this);
      if (this.status !== undefined) break;
      let progressed: boolean;
      try {
        progressed = scheduler.step();
      } catch (error) {
        this.taskFailed(error);
        progressed = true;
      }
      if (!progressed) {
        this.status = 'quiescent';
        break;
      }
      steps++;
    }
    // The loop only ends once the status is set.
    return this.status as JobStatus;
  }

  /** An exception in a task (user code, a sink's system, an injected crash) fails it: Flink fails over. */
  private taskFailed(error: unknown): void {
    const injected = error instanceof InjectedCrash;
    const message =
      error instanceof Error ? (injected ? error.message : `${error.name}: ${error.message}`) : String(error);
    this.faults.push({
      at: this.sim.clock.now(),
      kind: injected ? 'crash' : 'task-failure',
      detail: message,
    });
    this.failover(message);
  }

  /** Records a fault in the run's history (the fault injector reports what it did). */
  recordFault(kind: string, detail: string): void {
    this.faults.push({ at: this.sim.clock.now(), kind, detail });
  }

  /** Fails one running task: the job fails over (all tasks restart). */
  crash(spec: CrashSpec): void {
    const running = this.job.tasks.filter((t) => !t.finished);
    if (running.length === 0) return;
    const task = running[(spec.task ?? 0) % running.length] as Task;
    this.sim.trace.add(T_CRASH, task.vertex.id, task.subtaskIndex);
    this.faults.push({ at: this.sim.clock.now(), kind: 'crash', detail: `task ${task.name} crashed` });
    this.failover(`task ${task.name} crashed`);
  }

  /** Full failover: cancel everything, then restart from the latest completed checkpoint after the delay. */
  failover(cause: string): void {
    if (this.status !== undefined) return;
    const attempt = this.restarts.length + 1;
    this.sim.trace.add(T_FAILOVER, attempt);
    // Seeded bug 'restore-latest-triggered': recover from the newest triggered checkpoint, built from
    // whatever acks it had, instead of the latest completed one. Flink restores only what its
    // CompletedCheckpointStore holds; cf. FLINK-22502 (recovering from an incomplete view of the
    // checkpoints can violate consistency).
    const triggered = hasDefect(this.services, 'restore-latest-triggered')
      ? this.coordinator?.latestTriggered()
      : undefined;
    this.coordinator?.stop('failover');
    this.job.cancel();
    if (attempt > this.restart.attempts) {
      this.status = 'failed';
      this.failureCause = `${cause}; the restart strategy allows ${this.restart.attempts} restarts`;
      return;
    }
    const latest = triggered ?? this.coordinator?.storage.latest() ?? this.options.restoreFrom;
    this.restarts.push({
      at: this.sim.clock.now(),
      ...(this.services.has(HISTORY_SEQUENCE)
        ? { seq: this.services.get(HISTORY_SEQUENCE, () => new HistorySequence()).next() }
        : {}),
      attempt,
      ...(latest === undefined ? {} : { restoredFrom: latest.id }),
      cause,
    });
    this.sim.scheduler.scheduleAfter(this.restart.delay, { run: () => this.deploy(latest) });
  }

  private deploy(from: CompletedCheckpoint | undefined): void {
    let provider: RestoreProvider | undefined;
    if (from !== undefined) {
      provider = createRestoreProvider(
        from,
        this.job.vertices,
        (v) =>
          v.maxParallelism ?? this.env.config.maxParallelism ?? computeDefaultMaxParallelism(v.parallelism),
        this.options.allowNonRestoredState ?? false,
        hasDefect(this.services, 'wrong-key-group-ranges'),
      );
    }
    this.job.deploy(provider, (tasks) => {
      if (this.coordinator !== undefined) for (const t of tasks) this.installHooks(t);
      if (from !== undefined) restoreChannelState(from, this.job);
    });
    this.coordinator?.start();
    this.armSavepoints();
  }

  private installHooks(task: Task): void {
    const checkpointer = this.checkpointerOf(task);
    const coordinator = this.coordinator as CheckpointCoordinator;
    task.checkpointHooks =
      task instanceof OperatorTask
        ? new OperatorTaskHooks(task, checkpointer, coordinator, (this.config as CheckpointConfig).mode)
        : new SourceTaskHooks(task, checkpointer, coordinator);
  }

  private armSavepoints(): void {
    const specs = this.options.savepoints ?? [];
    specs.forEach((spec, index) => {
      if (this.savepointsTriggered.has(index) || this.coordinator === undefined) return;
      const at = Math.max(spec.at, this.sim.clock.now());
      this.sim.scheduler.scheduleAt(at, {
        run: () => {
          if (this.savepointsTriggered.has(index)) return;
          this.savepointsTriggered.add(index);
          this.coordinator?.triggerSavepoint(spec.stop ?? false);
        },
      });
    });
  }

  private onStopped(savepoint: CompletedCheckpoint): void {
    this.stoppedWith = savepoint;
    this.job.cancel();
    this.status = 'stopped';
  }
}

/** The job failed for good (its restart strategy gave up), like Flink's JobExecutionException. */
export class JobFailedError extends Error {
  constructor(
    message: string,
    readonly result: JobResult,
  ) {
    super(message);
    this.name = 'JobFailedError';
  }
}

/**
 * Runs the job built on `env` once, deterministically: same environment,
 * options, seed and choices give the same trace hash, outputs and history.
 * With checkpointing enabled (env.enableCheckpointing or options.checkpoint)
 * it checkpoints, injects the given crashes and recovers. Like Flink's
 * execute(), it throws when the job fails for good (JobFailedError, with the
 * cause); use JobRunner to get a failed run's result instead.
 */
export function simulate(env: StreamExecutionEnvironment, options: JobOptions): JobResult {
  const result = new JobRunner(env, options).run();
  if (result.status === 'failed') {
    throw new JobFailedError(
      `Job failed (seed ${options.seed}): ${result.failureCause ?? 'unknown cause'}`,
      result,
    );
  }
  return result;
}
