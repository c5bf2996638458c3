import type { Rng } from '../../sim/Rng.ts';
import type { Partitioning } from '../graph/Partitioning.ts';
import { assignKeyToParallelOperator } from '../KeyGroupRangeAssignment.ts';
import type { KeySelector } from '../operators/OperatorSetup.ts';

/** Picks the downstream channel of a record; -1 means "all channels" (broadcast). */
export interface StreamPartitioner {
  selectChannel(value: unknown): number;
}

export const BROADCAST = -1;

/** Forward and global edges: always the first (only) channel. */
class FirstChannelPartitioner implements StreamPartitioner {
  selectChannel(): number {
    return 0;
  }
}

class BroadcastPartitioner implements StreamPartitioner {
  selectChannel(): number {
    return BROADCAST;
  }
}

/** Round robin from a seeded start, like Flink's RebalancePartitioner (which starts at a random one). */
class RebalancePartitioner implements StreamPartitioner {
  constructor(
    private next: number,
    private readonly numChannels: number,
  ) {}

  selectChannel(): number {
    this.next = (this.next + 1) % this.numChannels;
    return this.next;
  }
}

/** Flink's KeyGroupStreamPartitioner: key -> key group -> the channel of the subtask owning it. */
class KeyByPartitioner implements StreamPartitioner {
  /**
   * The channel of a primitive key never changes: remember it rather than hash the key for every
   * record (bounded, so that a stream of ever new keys does not keep them all).
   */
  private readonly channels = new Map<unknown, number>();

  constructor(
    private readonly selector: KeySelector,
    private readonly maxParallelism: number,
    private readonly numChannels: number,
  ) {}

  selectChannel(value: unknown): number {
    const key = this.selector(value);
    if (typeof key === 'object')
      return assignKeyToParallelOperator(key, this.maxParallelism, this.numChannels);
    let channel = this.channels.get(key);
    if (channel === undefined) {
      channel = assignKeyToParallelOperator(key, this.maxParallelism, this.numChannels);
      if (this.channels.size >= 65_536) this.channels.clear();
      this.channels.set(key, channel);
    }
    return channel;
  }
}

/**
 * Builds the runtime partitioner of one edge for one sender subtask.
 * Rebalance starts at a seeded channel, like Flink's RebalancePartitioner
 * (which starts at a random one) but drawn from the run's seed. The generator
 * is made only for the partitioners that draw from it (a fork depends on the
 * names only, so making it later or not at all changes no other draw).
 * Partitioners are classes, not closures: a record's channel is picked by a
 * method that is the same function in every run, which the optimizing
 * compiler can inline.
 */
export function createPartitioner(
  partitioning: Partitioning,
  numChannels: number,
  maxParallelism: number,
  rng: () => Rng,
): StreamPartitioner {
  switch (partitioning.kind) {
    case 'forward':
    case 'global':
      return new FirstChannelPartitioner();
    case 'broadcast':
      return new BroadcastPartitioner();
    case 'rebalance':
      return new RebalancePartitioner(rng().int(numChannels), numChannels);
    case 'keyBy':
      return new KeyByPartitioner(partitioning.keySelector, maxParallelism, numChannels);
    case 'default':
      throw new Error('internal: the default partitioning must be resolved before deployment');
  }
}
