import type { Channel } from '../runtime/execution/Channel.ts';
import type { JobExecution } from '../runtime/execution/JobExecution.ts';
import type { Transformation } from '../runtime/graph/Transformation.ts';
import { assignKeyToParallelOperator } from '../runtime/KeyGroupRangeAssignment.ts';
import type { StreamRecord } from '../runtime/StreamElement.ts';
import { vertexStateKey } from './StateKey.ts';
import type { ChannelState, CompletedCheckpoint } from './types.ts';

/**
 * Puts the in-flight records of an unaligned checkpoint back into the new
 * deployment's channels before any task starts: first what receivers had
 * recorded as input (it was earlier in each channel), then what senders'
 * barriers had overtaken. After a rescale, records are routed as the edge
 * partitions them (keyBy by key group; others to subtask index modulo the
 * new parallelism), like Flink's channel-state rescaling.
 */
export function restoreChannelState(checkpoint: CompletedCheckpoint, job: JobExecution): number {
  const keyOfOldId = new Map<number, string>();
  for (const [key, snaps] of Object.entries(checkpoint.tasks)) {
    for (const s of snaps) keyOfOldId.set(s.vertexId, key);
  }
  const byKey = new Map<string, Transformation>(job.vertices.map((v) => [vertexStateKey(v), v]));
  const newVertex = (oldId: number) => {
    const key = keyOfOldId.get(oldId);
    return key === undefined ? undefined : byKey.get(key);
  };
  const inputs: ChannelState[] = [];
  const outputs: ChannelState[] = [];
  for (const snaps of Object.values(checkpoint.tasks)) {
    for (const s of snaps) {
      for (const item of s.inputChannels ?? []) inputs.push(item);
      for (const item of s.outputChannels ?? []) outputs.push(item);
    }
  }
  let restored = 0;
  for (const state of [...inputs, ...outputs]) {
    const receiver = newVertex(state.receiverVertex);
    const sender = newVertex(state.senderVertex);
    if (receiver === undefined || sender === undefined || receiver.kind === 'source') continue;
    const edge = receiver.edges.find((e) => e.upstream === sender.id && e.input === state.input);
    const oldParallelism = checkpoint.vertices[vertexStateKey(receiver)]?.parallelism ?? receiver.parallelism;
    const maxParallelism = job.graph.maxParallelism.get(receiver.id) as number;
    const gates = job.graph.inputs.get(receiver.id) ?? [];
    for (const rec of state.records as StreamRecord[]) {
      let subtask = state.receiverSubtask % receiver.parallelism;
      if (receiver.parallelism !== oldParallelism && edge?.partitioning.kind === 'keyBy') {
        subtask = assignKeyToParallelOperator(
          edge.partitioning.keySelector(rec.value),
          maxParallelism,
          receiver.parallelism,
        );
      }
      const gate = gates[subtask] ?? [];
      const senderSubtask = state.senderSubtask % sender.parallelism;
      const channel: Channel | undefined =
        gate.find(
          (c) => c.senderVertex === sender.id && c.input === state.input && c.senderSubtask === senderSubtask,
        ) ?? gate.find((c) => c.senderVertex === sender.id && c.input === state.input);
      if (channel === undefined) continue;
      channel.send(rec);
      restored++;
    }
  }
  return restored;
}
