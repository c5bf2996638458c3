import type { Simulation } from '../../sim/Simulation.ts';
import type {
  OperatorTransformation,
  SourceTransformation,
  Transformation,
} from '../graph/Transformation.ts';
import { computeKeyGroupRangeForOperatorIndex } from '../KeyGroupRangeAssignment.ts';
import type { OperatorRestore } from '../operators/OperatorSnapshot.ts';
import type { Channel } from './Channel.ts';
import type { EnvironmentConfig } from './EnvironmentConfig.ts';
import { buildExecutionGraph, type ExecutionGraph } from './ExecutionGraph.ts';
import { OperatorTask } from './OperatorTask.ts';
import type { RecordWriter } from './RecordWriter.ts';
import type { RunServices } from './RunServices.ts';
import { SourceTask } from './SourceTask.ts';
import type { Task, TaskEnvironment } from './Task.ts';
import { T_DEPLOY } from './TraceKinds.ts';

/** What a deployment restores from, per vertex and subtask (undefined = fresh state). */
export interface RestoreProvider {
  operator(vertex: Transformation, subtask: number, parallelism: number): OperatorRestore | undefined;
  source(vertex: Transformation, subtask: number, parallelism: number): readonly unknown[] | undefined;
}

/** How a run ended. */
export type RunStatus = 'finished' | 'quiescent' | 'step-limit' | 'time-limit' | 'failed';

export interface RunLimits {
  /** Stop after this many scheduler decisions (default 50 million). */
  readonly maxSteps?: number;
  /** Stop once virtual time passes this many ms (default 1e12). */
  readonly maxTime?: number;
}

/**
 * One run of a job graph on the simulation kernel: deploys a task per vertex
 * and subtask over fresh channels, starts the sources and steps the scheduler
 * until every task finished (or a limit). src/checkpoint drives restarts
 * through `deploy` with a RestoreProvider.
 */
export class JobExecution {
  graph!: ExecutionGraph;
  tasks: Task[] = [];
  private finishedTasks = 0;
  attempt = -1;
  /** Told when a task terminates normally (not when cancelled). */
  onTaskFinished: ((task: Task) => void) | undefined;

  constructor(
    readonly vertices: readonly Transformation[],
    readonly config: EnvironmentConfig,
    readonly sim: Simulation,
    readonly services: RunServices,
  ) {}

  get isFinished(): boolean {
    return this.tasks.length > 0 && this.finishedTasks === this.tasks.length;
  }

  tasksOf(vertexId: number): Task[] {
    return this.tasks.filter((t) => t.vertex.id === vertexId);
  }

  /** Creates fresh channels and tasks (a new attempt), restoring state when a provider is given. */
  deploy(restore?: RestoreProvider, beforeStart?: (tasks: readonly Task[]) => void): void {
    this.attempt++;
    this.finishedTasks = 0;
    const sim = this.sim;
    this.graph = buildExecutionGraph(
      this.vertices,
      this.config,
      sim.scheduler,
      sim.rng.fork('partitioner').fork(String(this.attempt)),
    );
    const onTaskFinished = (task: Task) => {
      this.finishedTasks++;
      this.onTaskFinished?.(task);
    };
    const tasks: Task[] = [];
    for (const v of this.vertices) {
      const maxParallelism = this.graph.maxParallelism.get(v.id) as number;
      // A literal per vertex, not `{ ...env, maxParallelism }`: a spread followed by more
      // properties takes V8's slow path (about 1 µs an object, against a few ns).
      const taskEnv: TaskEnvironment = {
        scheduler: sim.scheduler,
        trace: sim.trace,
        services: this.services,
        attemptNumber: this.attempt,
        maxParallelism,
        onTaskFinished,
      };
      for (let i = 0; i < v.parallelism; i++) {
        sim.trace.add(T_DEPLOY, v.id, i, this.attempt);
        tasks.push(
          v.kind === 'source'
            ? this.sourceTask(v, i, taskEnv, restore)
            : this.operatorTask(v, i, taskEnv, restore),
        );
      }
    }
    this.connectSenders(tasks);
    this.tasks = tasks;
    beforeStart?.(tasks);
    for (const t of tasks) t.start();
  }

  // deploy's parts are methods of their own, not one body: a deployment runs every kind of source,
  // operator and sink, and each new kind deoptimizes the code that runs it; V8 then compiles only
  // the part again (a whole deploy took 20-40 ms a compilation, up to 7 times per matrix).

  /** Subtask `i` of a source vertex: its reader (restored when the provider has its state) and task. */
  private sourceTask(
    v: SourceTransformation,
    i: number,
    taskEnv: TaskEnvironment,
    restore: RestoreProvider | undefined,
  ): SourceTask {
    const owned: number[] = [];
    for (let p = 0; p < v.source.numPartitions; p++) if (p % v.parallelism === i) owned.push(p);
    const sim = this.sim;
    const reader = v.source.createReader({
      subtaskIndex: i,
      parallelism: v.parallelism,
      attemptNumber: this.attempt,
      partitions: owned,
      now: () => sim.clock.now(),
      services: this.services,
    });
    const states = restore?.source(v, i, v.parallelism);
    if (states !== undefined) reader.restoreState(states);
    const writers = this.graph.writers.get(v.id) as RecordWriter[][];
    return new SourceTask(
      v,
      i,
      writers[i] as RecordWriter[],
      taskEnv,
      reader,
      owned,
      this.config.autoWatermarkInterval,
    );
  }

  /** Subtask `i` of an operator vertex: its operator, set up, its state initialized (or restored), opened. */
  private operatorTask(
    v: OperatorTransformation,
    i: number,
    taskEnv: TaskEnvironment,
    restore: RestoreProvider | undefined,
  ): OperatorTask {
    const maxParallelism = taskEnv.maxParallelism;
    const operator = v.createOperator();
    const writers = this.graph.writers.get(v.id) as RecordWriter[][];
    const inputs = this.graph.inputs.get(v.id) as Channel[][];
    const task = new OperatorTask(
      v,
      i,
      writers[i] as RecordWriter[],
      taskEnv,
      operator,
      inputs[i] as Channel[],
    );
    operator.setup({
      output: task.output,
      taskName: v.name,
      subtaskIndex: i,
      parallelism: v.parallelism,
      maxParallelism,
      attemptNumber: this.attempt,
      processingTime: task,
      services: this.services,
      ...(v.keySelectors === undefined
        ? {}
        : {
            keyGroupRange: computeKeyGroupRangeForOperatorIndex(maxParallelism, v.parallelism, i),
            keySelectors: v.keySelectors,
          }),
    });
    operator.initializeState(restore?.operator(v, i, v.parallelism));
    operator.open();
    return task;
  }

  /** Senders learn of full channels (backpressure): each channel's sender is its sending subtask's task. */
  private connectSenders(tasks: readonly Task[]): void {
    const byVertex = new Map<number, Task[]>();
    for (const t of tasks) {
      const list = byVertex.get(t.vertex.id) ?? [];
      list.push(t);
      byVertex.set(t.vertex.id, list);
    }
    for (const c of this.graph.channels) c.sender = byVertex.get(c.senderVertex)?.[c.senderSubtask];
  }

  /** Cancels every task and drops every pending event (a failover; Flink's full restart). */
  cancel(): void {
    for (const t of this.tasks) t.cancel();
    this.sim.scheduler.clear();
  }

  /** Steps the scheduler until the job finished, went quiescent or hit a limit. */
  run(limits: RunLimits = {}): RunStatus {
    const maxSteps = limits.maxSteps ?? 50_000_000;
    const maxTime = limits.maxTime ?? 1e12;
    const scheduler = this.sim.scheduler;
    let steps = 0;
    while (!this.isFinished) {
      if (steps >= maxSteps) return 'step-limit';
      if (this.sim.clock.now() > maxTime) return 'time-limit';
      if (!scheduler.step()) return 'quiescent';
      steps++;
    }
    return 'finished';
  }
}
