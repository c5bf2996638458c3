import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../properties/runCount.ts';
import {
  assignKeyToParallelOperator,
  assignToKeyGroup,
  computeKeyGroupRangeForOperatorIndex,
  KeyGroupRange,
} from '../KeyGroupRangeAssignment.ts';
import type { HeapKeyedState } from './HeapKeyedState.ts';
import { KeyedStateBackend, type KeyedStateSnapshot, VOID_NAMESPACE } from './KeyedStateBackend.ts';
import { KeyedStateStore } from './KeyedStateStore.ts';
import { ListStateDescriptor, ValueStateDescriptor } from './StateDescriptor.ts';

const runs = propertyRuns(200);

const VALUE = new ValueStateDescriptor<string>('v');
const LIST = new ListStateDescriptor<number>('l');

interface Write {
  readonly key: string | number;
  readonly namespace: string | null;
  readonly value: number;
}

const writeArb: fc.Arbitrary<Write> = fc.record({
  key: fc.oneof(fc.constantFrom('a', 'b', 'c', 'hello'), fc.integer({ min: 0, max: 30 })),
  namespace: fc.constantFrom(null, 'w1', 'w2'),
  value: fc.integer({ min: 0, max: 99 }),
});

/** The model: one cell per (state, key, namespace); the value state keeps the last write, the list all. */
type Cells = Map<string, { key: unknown; namespace: unknown; value: unknown }>;

function cellId(state: string, key: unknown, namespace: unknown): string {
  return JSON.stringify([state, typeof key, key, namespace]);
}

function modelOf(writes: readonly Write[]): Cells {
  const cells: Cells = new Map();
  for (const w of writes) {
    cells.set(cellId('v', w.key, w.namespace), { key: w.key, namespace: w.namespace, value: `v${w.value}` });
    const listId = cellId('l', w.key, w.namespace);
    const list = (cells.get(listId)?.value as number[] | undefined) ?? [];
    cells.set(listId, { key: w.key, namespace: w.namespace, value: [...list, w.value] });
  }
  return cells;
}

function write(store: KeyedStateStore, w: Write): void {
  store.backend.setCurrentKey(w.key);
  const value = store.internalHandle(VALUE) as HeapKeyedState & { update(v: string): void };
  const list = store.internalHandle(LIST) as HeapKeyedState & { add(v: number): void };
  value.setCurrentNamespace(w.namespace ?? VOID_NAMESPACE);
  list.setCurrentNamespace(w.namespace ?? VOID_NAMESPACE);
  value.update(`v${w.value}`);
  list.add(w.value);
}

/** Every cell a backend holds, read through its entries. */
function cellsOf(backend: KeyedStateBackend): Cells {
  const cells: Cells = new Map();
  for (const name of backend.stateNames()) {
    for (const e of backend.entries(name)) {
      cells.set(cellId(name, e.key, e.namespace), { key: e.key, namespace: e.namespace, value: e.value });
    }
  }
  return cells;
}

function restrict(cells: Cells, max: number, range: KeyGroupRange): Cells {
  return new Map([...cells].filter(([, c]) => range.contains(assignToKeyGroup(c.key, max))));
}

/** Runs `writes` on `p` subtasks' backends (each key on the subtask that owns it) and snapshots them. */
function snapshotsAfter(writes: readonly Write[], max: number, p: number): KeyedStateSnapshot[] {
  const stores = Array.from(
    { length: p },
    (_, i) =>
      new KeyedStateStore(new KeyedStateBackend(max, computeKeyGroupRangeForOperatorIndex(max, p, i))),
  );
  for (const w of writes) write(stores[assignKeyToParallelOperator(w.key, max, p)] as KeyedStateStore, w);
  return stores.map((s) => s.backend.snapshot());
}

const scaleArb = fc.constantFrom(4, 8, 128).chain((max) =>
  fc.record({
    max: fc.constant(max),
    from: fc.integer({ min: 1, max: 4 }),
    to: fc.integer({ min: 1, max: 4 }),
  }),
);

describe('KeyedStateBackend snapshots', () => {
  it(`a snapshot restored into the same key-group range gives back every cell (${runs} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(writeArb, { maxLength: 40, size: 'max' }),
        fc.constantFrom(4, 128),
        (writes, max) => {
          const [snapshot] = snapshotsAfter(writes, max, 1);
          const restored = new KeyedStateBackend(max, KeyGroupRange.of(0, max - 1));
          // Through JSON: snapshots are plain data.
          restored.restore([JSON.parse(JSON.stringify(snapshot))]);
          expect(cellsOf(restored)).toEqual(modelOf(writes));
        },
      ),
      { numRuns: runs },
    );
  });

  it(`a restore with another parallelism keeps exactly the key groups each subtask owns (${runs} rescales)`, () => {
    fc.assert(
      fc.property(
        fc.array(writeArb, { maxLength: 40, size: 'max' }),
        scaleArb,
        (writes, { max, from, to }) => {
          fc.pre(from <= max && to <= max);
          const snapshots = snapshotsAfter(writes, max, from);
          const model = modelOf(writes);
          const union: Cells = new Map();
          for (let i = 0; i < to; i++) {
            const range = computeKeyGroupRangeForOperatorIndex(max, to, i);
            const backend = new KeyedStateBackend(max, range);
            // Every old snapshot is offered; the backend must take only its own key groups.
            backend.restore(snapshots);
            const cells = cellsOf(backend);
            expect(cells).toEqual(restrict(model, max, range));
            for (const [id, c] of cells) union.set(id, c);
            // And the restored state is readable through handles for the keys it owns.
            const store = new KeyedStateStore(backend);
            for (const c of cells.values()) {
              backend.setCurrentKey(c.key);
              const list = store.internalHandle(LIST) as HeapKeyedState & { get(): number[] };
              list.setCurrentNamespace(c.namespace);
              if (Array.isArray(c.value)) expect(list.get()).toEqual(c.value);
            }
          }
          expect(union).toEqual(model);
        },
      ),
      { numRuns: runs },
    );
  });

  it('a snapshot is a copy: later writes do not change it, and a restore does not share it', () => {
    const store = new KeyedStateStore(new KeyedStateBackend(8, KeyGroupRange.of(0, 7)));
    write(store, { key: 'a', namespace: null, value: 1 });
    const snapshot = store.backend.snapshot();
    const before = structuredClone(snapshot);
    write(store, { key: 'a', namespace: null, value: 2 });
    expect(snapshot).toEqual(before);
    const restored = new KeyedStateStore(new KeyedStateBackend(8, KeyGroupRange.of(0, 7)));
    restored.backend.restore([snapshot]);
    write(restored, { key: 'a', namespace: null, value: 3 });
    expect(snapshot).toEqual(before);
    restored.backend.setCurrentKey('a');
    expect(restored.getListState(LIST).get()).toEqual([1, 3]);
  });

  it('a snapshot of object values is a deep copy too (they are not copied by slicing)', () => {
    const backend = new KeyedStateBackend(8, KeyGroupRange.of(0, 7));
    const store = new KeyedStateStore(backend);
    const objects = store.getListState(new ListStateDescriptor<{ n: number[] }>('objects'));
    backend.setCurrentKey('a');
    objects.add({ n: [1] });
    const snapshot = backend.snapshot();
    const before = structuredClone(snapshot);
    (objects.get()[0] as { n: number[] }).n.push(2);
    objects.add({ n: [3] });
    expect(snapshot).toEqual(before);
  });

  it('handles see cells removed, created and restored behind their back (no stale cell)', () => {
    const backend = new KeyedStateBackend(8, KeyGroupRange.of(0, 7));
    // Two handles on one state, as a window operator's internal handle and a user's would be.
    const first = new KeyedStateStore(backend).getListState(LIST);
    const second = new KeyedStateStore(backend).getListState(LIST);
    backend.setCurrentKey('a');
    first.add(1);
    expect(second.get()).toEqual([1]);
    second.clear();
    expect(first.get()).toEqual([]);
    first.add(2);
    expect(second.get()).toEqual([2]);
    backend.setCurrentKey('b');
    expect(first.get()).toEqual([]);
    backend.setCurrentKey('a');
    expect(first.get()).toEqual([2]);
    const snapshot = backend.snapshot();
    first.add(3);
    backend.restore([snapshot]);
    backend.setCurrentKey('a');
    expect(first.get()).toEqual([2]);
    expect(() => {
      backend.restore([]);
      first.get();
    }).toThrow(/without a current key/);
  });

  it(`two states under interleaved keys, clears and restores read like a model, through handles and snapshots (${runs} runs)`, () => {
    type Op =
      | { op: 'key'; key: string | number }
      | { op: 'add'; state: 0 | 1; value: number }
      | { op: 'clear'; state: 0 | 1 }
      | { op: 'restore' };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        op: fc.constant('key' as const),
        key: fc.oneof(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 3 })),
      }),
      fc.record({
        op: fc.constant('add' as const),
        state: fc.constantFrom(0 as const, 1 as const),
        value: fc.nat(9),
      }),
      fc.record({ op: fc.constant('clear' as const), state: fc.constantFrom(0 as const, 1 as const) }),
      fc.constant({ op: 'restore' as const }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const backend = new KeyedStateBackend(8, KeyGroupRange.of(0, 7));
        const store = new KeyedStateStore(backend);
        const states = [store.getListState(LIST), store.getListState(new ListStateDescriptor<number>('m'))];
        const model = new Map<string, number[]>();
        let key: string | number = 'a';
        backend.setCurrentKey(key);
        for (const o of ops) {
          const id = (state: number) => `${state}/${typeof key}/${key}`;
          if (o.op === 'key') {
            key = o.key;
            backend.setCurrentKey(key);
          } else if (o.op === 'add') {
            states[o.state]?.add(o.value);
            model.set(id(o.state), [...(model.get(id(o.state)) ?? []), o.value]);
          } else if (o.op === 'clear') {
            states[o.state]?.clear();
            model.delete(id(o.state));
          } else {
            backend.restore([backend.snapshot()]);
            backend.setCurrentKey(key);
          }
          for (const state of [0, 1]) expect(states[state]?.get()).toEqual(model.get(id(state)) ?? []);
          // What a snapshot would hold: the tables themselves, not only what the handles see.
          const held = new Map<string, number[]>();
          for (const [state, name] of ['l', 'm'].entries()) {
            for (const e of backend.entries(name)) {
              held.set(`${state}/${typeof e.key}/${e.key}`, (e.value as number[]).slice());
            }
          }
          expect(held).toEqual(model);
        }
      }),
      { numRuns: runs },
    );
  });

  it('a key equal as a JavaScript value but hashed apart by Java (0 and -0) gets its own cell', () => {
    const backend = new KeyedStateBackend(128, KeyGroupRange.of(0, 127));
    const list = new KeyedStateStore(backend).getListState(LIST);
    backend.setCurrentKey(0);
    const zeroGroup = backend.getCurrentKeyGroup();
    list.add(1);
    backend.setCurrentKey(-0);
    expect(backend.getCurrentKeyGroup()).toBe(assignToKeyGroup(-0, 128));
    expect(backend.getCurrentKeyGroup()).not.toBe(zeroGroup);
    expect(list.get()).toEqual([]);
  });

  it('a snapshot is grouped by key group and holds only groups with state', () => {
    const store = new KeyedStateStore(new KeyedStateBackend(128, KeyGroupRange.of(0, 127)));
    write(store, { key: 'hello', namespace: null, value: 7 });
    expect(store.backend.snapshot()).toEqual({
      35: { l: [['hello', null, [7]]], v: [['hello', null, 'v7']] },
    });
  });

  it('restore drops what was there before and forgets the current key', () => {
    const store = new KeyedStateStore(new KeyedStateBackend(8, KeyGroupRange.of(0, 7)));
    write(store, { key: 'a', namespace: null, value: 1 });
    store.backend.restore([]);
    expect(store.backend.stateNames()).toEqual([]);
    expect(store.backend.hasCurrentKey()).toBe(false);
  });
});
