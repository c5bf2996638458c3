import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../properties/runCount.ts';
import { OperatorStateStore } from './OperatorStateStore.ts';
import { ListStateDescriptor, MapStateDescriptor } from './StateDescriptor.ts';

const runs = propertyRuns(200);

const OFFSETS = new ListStateDescriptor<number>('offsets');
const SEEN = new ListStateDescriptor<string>('seen');
const RULES = new MapStateDescriptor<string, number>('rules');

type Op =
  | { op: 'list.add'; v: number }
  | { op: 'list.addAll'; vs: number[] }
  | { op: 'list.update'; vs: number[] }
  | { op: 'list.clear' }
  | { op: 'union.add'; v: string }
  | { op: 'bc.put'; k: string; v: number }
  | { op: 'bc.remove'; k: string }
  | { op: 'bc.clear' }
  | { op: 'snapshotAndRestore' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('list.add' as const), v: fc.nat(9) }),
  fc.record({ op: fc.constant('list.addAll' as const), vs: fc.array(fc.nat(9), { maxLength: 3 }) }),
  fc.record({ op: fc.constant('list.update' as const), vs: fc.array(fc.nat(9), { maxLength: 3 }) }),
  fc.record({ op: fc.constant('list.clear' as const) }),
  fc.record({ op: fc.constant('union.add' as const), v: fc.constantFrom('p', 'q') }),
  fc.record({ op: fc.constant('bc.put' as const), k: fc.constantFrom('r1', 'r2', 'r3'), v: fc.nat(9) }),
  fc.record({ op: fc.constant('bc.remove' as const), k: fc.constantFrom('r1', 'r2', 'r3') }),
  fc.record({ op: fc.constant('bc.clear' as const) }),
  fc.record({ op: fc.constant('snapshotAndRestore' as const) }),
);

describe('OperatorStateStore against a model', () => {
  it(`list, union list and broadcast state survive any number of snapshot/restore round trips (${runs} runs)`, () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40, size: 'max' }), (ops) => {
        let store = new OperatorStateStore();
        let list: number[] = [];
        const union: string[] = [];
        const rules = new Map<string, number>();
        for (const op of ops) {
          switch (op.op) {
            case 'list.add':
              store.getListState(OFFSETS).add(op.v);
              list.push(op.v);
              break;
            case 'list.addAll':
              store.getListState(OFFSETS).addAll(op.vs);
              list.push(...op.vs);
              break;
            case 'list.update':
              store.getListState(OFFSETS).update(op.vs);
              list = [...op.vs];
              break;
            case 'list.clear':
              store.getListState(OFFSETS).clear();
              list = [];
              break;
            case 'union.add':
              store.getUnionListState(SEEN).add(op.v);
              union.push(op.v);
              break;
            case 'bc.put':
              store.getBroadcastState(RULES).put(op.k, op.v);
              rules.set(op.k, op.v);
              break;
            case 'bc.remove':
              store.getBroadcastState(RULES).remove(op.k);
              rules.delete(op.k);
              break;
            case 'bc.clear':
              store.getBroadcastState(RULES).clear();
              rules.clear();
              break;
            case 'snapshotAndRestore': {
              const snapshot = JSON.parse(JSON.stringify(store.snapshot()));
              store = new OperatorStateStore();
              store.restore(snapshot);
              expect(store.isRestored()).toBe(true);
              break;
            }
          }
          expect(store.getListState(OFFSETS).get()).toEqual(list);
          expect(store.getUnionListState(SEEN).get()).toEqual(union);
          const bc = store.getBroadcastState(RULES);
          expect(bc.entries()).toEqual([...rules.entries()]);
          for (const k of ['r1', 'r2', 'r3']) {
            expect(bc.get(k)).toBe(rules.get(k));
            expect(bc.contains(k)).toBe(rules.has(k));
          }
        }
      }),
      { numRuns: runs },
    );
  });

  it('states restored but not touched since are kept in the next snapshot', () => {
    const first = new OperatorStateStore();
    first.getListState(OFFSETS).addAll([1, 2]);
    first.getUnionListState(SEEN).add('x');
    first.getBroadcastState(RULES).put('r', 1);
    const second = new OperatorStateStore();
    second.restore(first.snapshot());
    expect(second.snapshot()).toEqual({
      list: { offsets: [1, 2] },
      union: { seen: ['x'] },
      broadcast: { rules: [['r', 1]] },
    });
  });

  it('a snapshot is a copy: later changes do not reach it, and the restored store does not share it', () => {
    const store = new OperatorStateStore();
    store.getListState(OFFSETS).add(1);
    const snapshot = store.snapshot();
    store.getListState(OFFSETS).add(2);
    expect(snapshot.list.offsets).toEqual([1]);
    const restored = new OperatorStateStore();
    restored.restore(snapshot);
    restored.getListState(OFFSETS).add(3);
    expect(snapshot.list.offsets).toEqual([1]);
    expect(restored.getListState(OFFSETS).get()).toEqual([1, 3]);
  });

  it('a snapshot deep-copies object items (a pending transaction), not only the list', () => {
    const store = new OperatorStateStore();
    const txn = { id: 'txn-1', rows: ['r0'] };
    store.getListState(new ListStateDescriptor<typeof txn>('pending')).add(txn);
    const snapshot = store.snapshot();
    txn.rows.push('r1');
    expect(snapshot.list.pending).toEqual([{ id: 'txn-1', rows: ['r0'] }]);
    expect(snapshot.list.pending?.[0]).not.toBe(txn);
  });

  it('a fresh store is not restored and starts empty', () => {
    const store = new OperatorStateStore();
    expect(store.isRestored()).toBe(false);
    expect(store.getListState(OFFSETS).get()).toEqual([]);
    expect(store.snapshot()).toEqual({ list: { offsets: [] }, union: {}, broadcast: {} });
  });
});
