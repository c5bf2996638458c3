import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../properties/runCount.ts';
import { stateKeyId } from '../state/StateKey.ts';
import type { InternalTimer } from './InternalTimer.ts';
import { TimerHeap } from './TimerHeap.ts';

const runs = propertyRuns(300);

type Op =
  | { op: 'add'; key: string; ns: string | null; ts: number }
  | { op: 'remove'; key: string; ns: string | null; ts: number }
  | { op: 'poll' }
  | { op: 'peek' };

const timerArb = {
  key: fc.constantFrom('a', 'b', 'c'),
  ns: fc.constantFrom(null, 'w'),
  ts: fc.nat(6),
};
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('add' as const), ...timerArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), ...timerArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('poll' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('peek' as const) }) },
);

const ident = (t: { key: unknown; namespace: unknown; timestamp: number }) =>
  JSON.stringify([t.key, t.namespace, t.timestamp]);

/** The model: a list of unique (key, namespace, timestamp), ordered by (timestamp, registration). */
function modelMin(model: InternalTimer[]): InternalTimer | undefined {
  let best: InternalTimer | undefined;
  for (const t of model) {
    if (
      best === undefined ||
      t.timestamp < best.timestamp ||
      (t.timestamp === best.timestamp && t.seq < best.seq)
    ) {
      best = t;
    }
  }
  return best;
}

describe('TimerHeap against a list model', () => {
  it(`de-duplicates, deletes and polls in (timestamp, registration) order (${runs} op sequences)`, () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80, size: 'max' }), (ops) => {
        const heap = new TimerHeap();
        let model: InternalTimer[] = [];
        let seq = 0;
        for (const op of ops) {
          switch (op.op) {
            case 'add': {
              const timer = { timestamp: op.ts, key: op.key, namespace: op.ns, keyGroup: 0, seq: seq++ };
              const known = model.some((t) => ident(t) === ident(timer));
              expect(heap.add(timer, stateKeyId(op.key))).toBe(!known);
              if (!known) model.push(timer);
              break;
            }
            case 'remove': {
              const id = ident({ key: op.key, namespace: op.ns, timestamp: op.ts });
              const known = model.some((t) => ident(t) === id);
              expect(heap.remove(stateKeyId(op.key), op.ns, op.ts)).toBe(known);
              model = model.filter((t) => ident(t) !== id);
              break;
            }
            case 'poll': {
              const expected = modelMin(model);
              expect(heap.poll()).toBe(expected);
              model = model.filter((t) => t !== expected);
              break;
            }
            case 'peek':
              expect(heap.peek()).toBe(modelMin(model));
              break;
          }
          expect(heap.size).toBe(model.length);
        }
        const sorted = [...model].sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
        expect(heap.sorted()).toEqual(sorted);
        // Draining yields the same order.
        const drained: InternalTimer[] = [];
        for (let t = heap.poll(); t !== undefined; t = heap.poll()) drained.push(t);
        expect(drained).toEqual(sorted);
        expect(heap.size).toBe(0);
      }),
      { numRuns: runs },
    );
  });

  it('keys that are equal as Flink keys share timers, different types do not', () => {
    const heap = new TimerHeap();
    const timer = (key: unknown, seq: number) => ({ timestamp: 5, key, namespace: null, keyGroup: 0, seq });
    expect(heap.add(timer('1', 0), stateKeyId('1'))).toBe(true);
    expect(heap.add(timer(1, 1), stateKeyId(1))).toBe(true);
    expect(heap.add(timer([1, 'a'], 2), stateKeyId([1, 'a']))).toBe(true);
    expect(heap.add(timer([1, 'a'], 3), stateKeyId([1, 'a']))).toBe(false);
    expect(heap.size).toBe(3);
  });

  it('clear empties it', () => {
    const heap = new TimerHeap();
    heap.add({ timestamp: 1, key: 'a', namespace: null, keyGroup: 0, seq: 0 }, stateKeyId('a'));
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
    expect(heap.poll()).toBeUndefined();
  });
});
