import type { BarrierElement, StreamRecord } from '../StreamElement.ts';
import type { Channel } from './Channel.ts';

/**
 * How src/checkpoint plugs into a task: barrier handling (aligned, tracker or
 * unaligned), in-flight capture, and holding a finished task until its final
 * checkpoint completed (Flink's FLIP-147: finished tasks wait for the
 * checkpoint that covers their last data, so sinks can commit it).
 */
export interface TaskCheckpointHooks {
  onBarrier(channel: Channel, barrier: BarrierElement): void;
  /** Called before a record is processed (unaligned checkpoints record in-flight data here). */
  onRecord(channel: Channel, record: StreamRecord): void;
  /** A channel ended; it will send no more barriers. */
  onEndOfPartition(channel: Channel): void;
  /** The task's input is done and flushed; call `done` once it may terminate. */
  awaitFinalCheckpoint(done: () => void): void;
}
