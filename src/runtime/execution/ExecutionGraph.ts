import type { Rng } from '../../sim/Rng.ts';
import type { Scheduler } from '../../sim/Scheduler.ts';
import type { Partitioning } from '../graph/Partitioning.ts';
import type { StreamEdge, Transformation } from '../graph/Transformation.ts';
import { Channel } from './Channel.ts';
import { computeDefaultMaxParallelism, type EnvironmentConfig } from './EnvironmentConfig.ts';
import { RecordWriter } from './RecordWriter.ts';
import { createPartitioner } from './StreamPartitioner.ts';

/** The physical wiring of one deployment: channels per receiver subtask, writers per sender subtask. */
export interface ExecutionGraph {
  readonly vertices: readonly Transformation[];
  /** vertex id -> effective max parallelism (key groups). */
  readonly maxParallelism: ReadonlyMap<number, number>;
  /** vertex id -> subtask -> input channels, in gate order. */
  readonly inputs: ReadonlyMap<number, Channel[][]>;
  /** vertex id -> subtask -> output writers, one per outgoing edge in consumer order. */
  readonly writers: ReadonlyMap<number, RecordWriter[][]>;
  /** Every channel, in creation order. */
  readonly channels: readonly Channel[];
}

/** Thrown for a job graph Flink would reject (e.g. forward edge between different parallelisms). */
export class JobGraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobGraphError';
  }
}

function resolve(edge: StreamEdge, from: Transformation, to: Transformation): Partitioning {
  const p = edge.partitioning;
  if (p.kind === 'default') {
    return from.parallelism === to.parallelism ? { kind: 'forward' } : { kind: 'rebalance' };
  }
  if (p.kind === 'forward' && from.parallelism !== to.parallelism) {
    throw new JobGraphError(
      `Forward partitioning does not allow change of parallelism. Upstream operation: ${from.name} ` +
        `parallelism: ${from.parallelism}, downstream operation: ${to.name} parallelism: ${to.parallelism}. ` +
        'Use rebalance() or keyBy(), or give both the same parallelism.',
    );
  }
  if (p.kind === 'global' && to.parallelism !== 1) {
    throw new JobGraphError(`${to.name}: a global edge needs a consumer with parallelism 1`);
  }
  return p;
}

/**
 * Whether an edge is chained (Flink's StreamingJobGraphGenerator.isChainable, reduced): chaining on,
 * a forward edge of the main output between two operators (sources are not chained here), the
 * downstream operator's only input, and neither operator opting out. Chained elements reach the
 * next operator within the same scheduler step, as in Flink's ChainingOutput.
 */
export function isChained(
  edge: StreamEdge,
  partitioning: Partitioning,
  from: Transformation,
  to: Transformation,
  config: EnvironmentConfig,
): boolean {
  return (
    config.operatorChaining &&
    partitioning.kind === 'forward' &&
    edge.sideOutput === undefined &&
    from.kind === 'operator' &&
    to.kind === 'operator' &&
    to.edges.length === 1 &&
    from.chaining !== 'never' &&
    to.chaining === undefined
  );
}

/**
 * Wires the logical graph into channels: forward edges connect subtask i to
 * subtask i; every other edge connects every sender subtask to every receiver
 * subtask. Vertices are in creation (topological) order.
 */
export function buildExecutionGraph(
  vertices: readonly Transformation[],
  config: EnvironmentConfig,
  scheduler: Scheduler,
  partitionerRng: Rng,
): ExecutionGraph {
  const byId = new Map(vertices.map((v) => [v.id, v]));
  const maxParallelism = new Map<number, number>();
  for (const v of vertices) {
    const mp = v.maxParallelism ?? config.maxParallelism ?? computeDefaultMaxParallelism(v.parallelism);
    if (v.parallelism > mp) {
      throw new JobGraphError(`${v.name}: parallelism ${v.parallelism} exceeds max parallelism ${mp}`);
    }
    maxParallelism.set(v.id, mp);
  }
  const inputs = new Map<number, Channel[][]>();
  const writers = new Map<number, RecordWriter[][]>();
  const channels: Channel[] = [];
  for (const v of vertices) {
    inputs.set(
      v.id,
      Array.from({ length: v.parallelism }, () => []),
    );
    writers.set(
      v.id,
      Array.from({ length: v.parallelism }, () => []),
    );
  }
  for (const to of vertices) {
    if (to.kind === 'source') continue;
    const perInput = [0, 0].map(() => Array.from({ length: to.parallelism }, () => 0));
    to.edges.forEach((edge, edgeIndex) => {
      const from = byId.get(edge.upstream);
      if (from === undefined) throw new JobGraphError(`${to.name}: unknown upstream ${edge.upstream}`);
      const partitioning = resolve(edge, from, to);
      const chained = isChained(edge, partitioning, from, to, config);
      const toMax = maxParallelism.get(to.id) as number;
      const receiverInputs = inputs.get(to.id) as Channel[][];
      const senderWriters = writers.get(from.id) as RecordWriter[][];
      for (let s = 0; s < from.parallelism; s++) {
        const targets = partitioning.kind === 'forward' ? [s] : [...Array(to.parallelism).keys()];
        const out: Channel[] = [];
        for (const r of targets) {
          const gate = receiverInputs[r] as Channel[];
          const counts = perInput[edge.input] as number[];
          const channel = new Channel(
            scheduler,
            gate.length,
            edge.input,
            counts[r] as number,
            from.id,
            s,
            to.id,
            r,
            config.bufferCapacity,
            chained,
          );
          counts[r] = (counts[r] as number) + 1;
          gate.push(channel);
          out.push(channel);
          channels.push(channel);
        }
        const rng = () => partitionerRng.fork(`${to.id}/${edgeIndex}/${s}`);
        const partitioner = createPartitioner(partitioning, out.length, toMax, rng);
        (senderWriters[s] as RecordWriter[]).push(new RecordWriter(out, partitioner, edge.sideOutput));
      }
    });
  }
  return { vertices, maxParallelism, inputs, writers, channels };
}
