import { describe, expect, it } from 'vitest';
import { type LogRecord, TransactionMarkerResolver } from './kafka/TransactionMarkerResolver.ts';

const data = (offset: number, producerId: string, value: string, inTransaction = true): LogRecord => ({
  offset,
  producerId,
  inTransaction,
  isControlRecord: false,
  key: Buffer.from('k'),
  value: Buffer.from(value),
});
const marker = (offset: number, producerId: string, type: 'abort' | 'commit'): LogRecord => ({
  offset,
  producerId,
  inTransaction: true,
  isControlRecord: true,
  key: Buffer.from([0, 0, 0, type === 'abort' ? 0 : 1]),
  value: Buffer.alloc(6),
});
const values = (rs: readonly LogRecord[]) => rs.map((r) => r.value?.toString());

describe('TransactionMarkerResolver (read_committed visibility from the log)', () => {
  it('drops both of two interleaved aborted transactions, also when the first abort was read before the second', () => {
    // The log that made kafkajs' read_committed consumer deliver b-rec: A and B interleaved, A aborted, then B.
    const r = new TransactionMarkerResolver();
    expect(values(r.feed([data(0, 'A', 'a-rec'), data(1, 'B', 'b-rec')]))).toEqual([]);
    expect(values(r.feed([marker(2, 'A', 'abort')]))).toEqual([]);
    expect(r.blocked).toBe(true);
    expect(values(r.feed([marker(3, 'B', 'abort'), data(4, 'C', 'plain', false)]))).toEqual(['plain']);
    expect(r.blocked).toBe(false);
    expect(r.position).toBe(5);
  });

  it('releases committed records in log order only once everything before them is decided (the last stable offset)', () => {
    const r = new TransactionMarkerResolver();
    expect(values(r.feed([data(0, 'A', 'a1'), data(1, 'B', 'b1'), marker(2, 'B', 'commit')]))).toEqual([]);
    expect(values(r.feed([data(3, 'A', 'a2'), marker(4, 'A', 'commit')]))).toEqual(['a1', 'b1', 'a2']);
  });

  it('ignores records it has already seen (a fetch may start before the requested offset)', () => {
    const r = new TransactionMarkerResolver();
    expect(values(r.feed([data(0, 'P', 'x', false), data(1, 'P', 'y', false)]))).toEqual(['x', 'y']);
    expect(values(r.feed([data(1, 'P', 'y', false), data(2, 'P', 'z', false)]))).toEqual(['z']);
  });
});
