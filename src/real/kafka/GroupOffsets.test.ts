import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { GroupOffsets } from './GroupOffsets.ts';
import type { KafkajsBroker, KafkajsCluster } from './KafkajsInternals.ts';

const require = createRequire(import.meta.url);
const { createErrorFromCode } = require('kafkajs/src/protocol/error.js') as {
  createErrorFromCode: (code: number) => Error & { type: string; retriable: boolean };
};

const COORDINATOR_LOAD_IN_PROGRESS = 14;
const NOT_COORDINATOR = 16;
const TOPIC_AUTHORIZATION_FAILED = 29;

/** A cluster whose group coordinator answers the given errors to the first commits, then succeeds. */
function fakeCluster(errors: number[]) {
  const calls = { lookups: 0, commits: [] as unknown[] };
  const broker = {
    async endTxn() {
      return { errorCode: 0 };
    },
    async offsetCommit(request: unknown) {
      calls.commits.push(request);
      const code = errors.shift();
      if (code !== undefined) throw createErrorFromCode(code);
      return {};
    },
  } satisfies KafkajsBroker;
  const cluster: KafkajsCluster = {
    async connect() {},
    async disconnect() {},
    retry: { retries: 4, initialRetryTime: 1, maxRetryTime: 5 },
    async findGroupCoordinator() {
      calls.lookups++;
      return broker;
    },
  };
  return { cluster, calls };
}

describe('GroupOffsets', () => {
  it('retries a commit the coordinator refused while loading or moving, looking it up again each time', async () => {
    const { cluster, calls } = fakeCluster([COORDINATOR_LOAD_IN_PROGRESS, NOT_COORDINATOR]);
    await GroupOffsets.over(cluster).commit('g', 't', [{ partition: 1, offset: 42 }]);
    expect(calls.commits).toHaveLength(3);
    expect(calls.lookups).toBe(3);
    expect(calls.commits[2]).toEqual({
      groupId: 'g',
      groupGenerationId: -1,
      memberId: '',
      topics: [{ topic: 't', partitions: [{ partition: 1, offset: '42' }] }],
    });
  });

  it('gives up at once on an error Kafka does not mark retriable', async () => {
    const { cluster, calls } = fakeCluster([TOPIC_AUTHORIZATION_FAILED]);
    await expect(GroupOffsets.over(cluster).commit('g', 't', [{ partition: 0, offset: 1 }])).rejects.toThrow(
      /authoriz/i,
    );
    expect(calls.commits).toHaveLength(1);
  });

  it('gives up after the retries the client allows', async () => {
    const { cluster, calls } = fakeCluster(Array(10).fill(COORDINATOR_LOAD_IN_PROGRESS));
    await expect(GroupOffsets.over(cluster).commit('g', 't', [{ partition: 0, offset: 1 }])).rejects.toThrow(
      /loading/i,
    );
    expect(calls.commits).toHaveLength(5);
  });
});
