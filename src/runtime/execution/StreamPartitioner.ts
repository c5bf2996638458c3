import type { Rng } from '../../sim/Rng.ts';
import type { Partitioning } from '../graph/Partitioning.ts';
import { assignKeyToParallelOperator } from '../KeyGroupRangeAssignment.ts';

/** Picks the downstream channel of a record; -1 means "all channels" (broadcast). */
export interface StreamPartitioner {
  selectChannel(value: unknown): number;
}

export const BROADCAST = -1;

/**
 * Builds the runtime partitioner of one edge for one sender subtask.
 * Rebalance starts at a seeded channel, like Flink's RebalancePartitioner
 * (which starts at a random one) but drawn from the run's seed. The generator
 * is made only for the partitioners that draw from it (a fork depends on the
 * names only, so making it later or not at all changes no other draw).
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
      return { selectChannel: () => 0 };
    case 'broadcast':
      return { selectChannel: () => BROADCAST };
    case 'rebalance': {
      let next = rng().int(numChannels);
      return {
        selectChannel: () => {
          next = (next + 1) % numChannels;
          return next;
        },
      };
    }
    case 'keyBy': {
      const selector = partitioning.keySelector;
      // The channel of a primitive key never changes: remember it rather than hash the key for every
      // record (bounded, so that a stream of ever new keys does not keep them all).
      const channels = new Map<unknown, number>();
      return {
        selectChannel: (value) => {
          const key = selector(value);
          if (typeof key === 'object') return assignKeyToParallelOperator(key, maxParallelism, numChannels);
          let channel = channels.get(key);
          if (channel === undefined) {
            channel = assignKeyToParallelOperator(key, maxParallelism, numChannels);
            if (channels.size >= 65_536) channels.clear();
            channels.set(key, channel);
          }
          return channel;
        },
      };
    }
    case 'default':
      throw new Error('internal: the default partitioning must be resolved before deployment');
  }
}
