import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../properties/runCount.ts';
import { KeyGroupRange } from '../KeyGroupRangeAssignment.ts';
import { KeyedStateBackend } from './KeyedStateBackend.ts';
import { KeyedStateStore } from './KeyedStateStore.ts';
import {
  type AggregateFunction,
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from './StateDescriptor.ts';

const runs = propertyRuns(200);
const MAX_PARALLELISM = 128;

/** Average of numbers, as an AggregateFunction with a [sum, count] accumulator. */
const average: AggregateFunction<number, [number, number], number> = {
  createAccumulator: () => [0, 0],
  add: (v, [sum, count]) => [sum + v, count + 1],
  getResult: ([sum, count]) => sum / count,
  merge: ([s1, c1], [s2, c2]) => [s1 + s2, c1 + c2],
};

const descriptors = {
  value: new ValueStateDescriptor<number>('value'),
  withDefault: new ValueStateDescriptor<number>('with-default', -1),
  list: new ListStateDescriptor<number>('list'),
  map: new MapStateDescriptor<string, number>('map'),
  sum: new ReducingStateDescriptor<number>('sum', (a, b) => a + b),
  avg: new AggregatingStateDescriptor<number, [number, number], number>('avg', average),
};

function newStore(): KeyedStateStore {
  return new KeyedStateStore(
    new KeyedStateBackend(MAX_PARALLELISM, KeyGroupRange.of(0, MAX_PARALLELISM - 1)),
  );
}

type Op =
  | { op: 'key'; key: string }
  | { op: 'value.update'; v: number | null }
  | { op: 'withDefault.update'; v: number | null }
  | { op: 'value.clear' }
  | { op: 'list.add'; v: number }
  | { op: 'list.addAll'; vs: number[] }
  | { op: 'list.update'; vs: number[] }
  | { op: 'list.clear' }
  | { op: 'map.put'; k: string; v: number }
  | { op: 'map.remove'; k: string }
  | { op: 'map.clear' }
  | { op: 'sum.add'; v: number }
  | { op: 'sum.clear' }
  | { op: 'avg.add'; v: number }
  | { op: 'avg.clear' };

const small = fc.integer({ min: -5, max: 9 });
const mapKey = fc.constantFrom('x', 'y', 'z');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('key' as const), key: fc.constantFrom('a', 'b', 'c', 'd') }),
  },
  fc.record({ op: fc.constant('value.update' as const), v: fc.option(small, { nil: null }) }),
  fc.record({ op: fc.constant('withDefault.update' as const), v: fc.option(small, { nil: null }) }),
  fc.record({ op: fc.constant('value.clear' as const) }),
  fc.record({ op: fc.constant('list.add' as const), v: small }),
  fc.record({ op: fc.constant('list.addAll' as const), vs: fc.array(small, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('list.update' as const), vs: fc.array(small, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('list.clear' as const) }),
  fc.record({ op: fc.constant('map.put' as const), k: mapKey, v: small }),
  fc.record({ op: fc.constant('map.remove' as const), k: mapKey }),
  fc.record({ op: fc.constant('map.clear' as const) }),
  fc.record({ op: fc.constant('sum.add' as const), v: small }),
  fc.record({ op: fc.constant('sum.clear' as const) }),
  fc.record({ op: fc.constant('avg.add' as const), v: small }),
  fc.record({ op: fc.constant('avg.clear' as const) }),
);

/** The plain model: per key, what each state holds (undefined = empty). */
interface KeyModel {
  value?: number;
  withDefault?: number;
  list: number[];
  map: Map<string, number>;
  sum?: number;
  avg: number[];
}

function emptyKeyModel(): KeyModel {
  return { list: [], map: new Map(), avg: [] };
}

function applyToModel(model: Map<string, KeyModel>, key: string, op: Op): void {
  let m = model.get(key);
  if (m === undefined) {
    m = emptyKeyModel();
    model.set(key, m);
  }
  switch (op.op) {
    case 'key':
      return;
    case 'value.update':
      m.value = op.v ?? undefined;
      return;
    case 'withDefault.update':
      m.withDefault = op.v ?? undefined;
      return;
    case 'value.clear':
      m.value = undefined;
      return;
    case 'list.add':
      m.list.push(op.v);
      return;
    case 'list.addAll':
      m.list.push(...op.vs);
      return;
    case 'list.update':
      m.list = [...op.vs];
      return;
    case 'list.clear':
      m.list = [];
      return;
    case 'map.put':
      m.map.set(op.k, op.v);
      return;
    case 'map.remove':
      m.map.delete(op.k);
      return;
    case 'map.clear':
      m.map.clear();
      return;
    case 'sum.add':
      m.sum = (m.sum ?? 0) + op.v;
      return;
    case 'sum.clear':
      m.sum = undefined;
      return;
    case 'avg.add':
      m.avg.push(op.v);
      return;
    case 'avg.clear':
      m.avg = [];
      return;
  }
}

function applyToStore(store: KeyedStateStore, op: Op): void {
  const d = descriptors;
  switch (op.op) {
    case 'key':
      store.backend.setCurrentKey(op.key);
      return;
    case 'value.update':
      store.getState(d.value).update(op.v ?? undefined);
      return;
    case 'withDefault.update':
      store.getState(d.withDefault).update(op.v ?? undefined);
      return;
    case 'value.clear':
      store.getState(d.value).clear();
      return;
    case 'list.add':
      store.getListState(d.list).add(op.v);
      return;
    case 'list.addAll':
      store.getListState(d.list).addAll(op.vs);
      return;
    case 'list.update':
      store.getListState(d.list).update(op.vs);
      return;
    case 'list.clear':
      store.getListState(d.list).clear();
      return;
    case 'map.put':
      store.getMapState(d.map).put(op.k, op.v);
      return;
    case 'map.remove':
      store.getMapState(d.map).remove(op.k);
      return;
    case 'map.clear':
      store.getMapState(d.map).clear();
      return;
    case 'sum.add':
      store.getReducingState(d.sum).add(op.v);
      return;
    case 'sum.clear':
      store.getReducingState(d.sum).clear();
      return;
    case 'avg.add':
      store.getAggregatingState(d.avg).add(op.v);
      return;
    case 'avg.clear':
      store.getAggregatingState(d.avg).clear();
      return;
  }
}

/** Reads every state of `key` through the handles and compares with the model. */
function expectKeyMatches(store: KeyedStateStore, key: string, m: KeyModel): void {
  const d = descriptors;
  store.backend.setCurrentKey(key);
  const where = `key ${key}`;
  expect(store.getState(d.value).value(), where).toBe(m.value);
  expect(store.getState(d.withDefault).value(), where).toBe(m.withDefault ?? -1);
  expect([...store.getListState(d.list).get()], where).toEqual(m.list);
  const map = store.getMapState(d.map);
  expect(map.entries(), where).toEqual([...m.map.entries()]);
  expect(map.keys(), where).toEqual([...m.map.keys()]);
  expect(map.values(), where).toEqual([...m.map.values()]);
  expect(map.isEmpty(), where).toBe(m.map.size === 0);
  for (const k of ['x', 'y', 'z']) {
    expect(map.get(k), where).toBe(m.map.get(k));
    expect(map.contains(k), where).toBe(m.map.has(k));
  }
  expect(store.getReducingState(d.sum).get(), where).toBe(m.sum);
  const avg = m.avg.length === 0 ? undefined : m.avg.reduce((a, b) => a + b, 0) / m.avg.length;
  expect(store.getAggregatingState(d.avg).get(), where).toBe(avg);
}

describe('keyed state handles against a per-key model', () => {
  it(`Value, List, Map, Reducing and Aggregating state read back what the model holds, per key (${runs} op sequences)`, () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60, size: 'max' }), (ops) => {
        const store = newStore();
        const model = new Map<string, KeyModel>();
        let key = 'a';
        store.backend.setCurrentKey(key);
        for (const op of ops) {
          if (op.op === 'key') key = op.key;
          applyToStore(store, op);
          applyToModel(model, key, op);
        }
        for (const k of ['a', 'b', 'c', 'd']) expectKeyMatches(store, k, model.get(k) ?? emptyKeyModel());
      }),
      { numRuns: runs },
    );
  });

  it('an empty state leaves no cell behind (update(undefined), update([]), removing the last map entry)', () => {
    const store = newStore();
    store.backend.setCurrentKey('k');
    store.getState(descriptors.value).update(3);
    store.getState(descriptors.value).update(undefined);
    store.getListState(descriptors.list).add(1);
    store.getListState(descriptors.list).update([]);
    store.getMapState(descriptors.map).put('x', 1);
    store.getMapState(descriptors.map).remove('x');
    const snapshot = store.backend.snapshot();
    expect(snapshot).toEqual({});
  });

  it('one handle per state name; the same name with another kind of state is an error', () => {
    const store = newStore();
    expect(store.getState(descriptors.value)).toBe(store.getState(new ValueStateDescriptor<number>('value')));
    expect(() => store.getListState(new ListStateDescriptor<number>('value'))).toThrow(
      /already registered as value state, not list/,
    );
  });

  it('state access without a current key is an error', () => {
    const store = newStore();
    expect(() => store.getState(descriptors.value).value()).toThrow(/without a current key/);
  });

  it('a key outside the backend key groups is refused', () => {
    const backend = new KeyedStateBackend(MAX_PARALLELISM, KeyGroupRange.of(0, 0));
    // 'hello' is in key group 35 of 128 (murmurHash(99162322) % 128).
    expect(() => backend.setCurrentKey('hello')).toThrow(/key group 35, outside this subtask's/);
  });

  it('namespaces (windows) keep separate cells of one state for one key', () => {
    const store = newStore();
    store.backend.setCurrentKey('k');
    const list = store.internalHandle(descriptors.list) as unknown as {
      setCurrentNamespace(ns: unknown): void;
      add(v: number): void;
      get(): number[];
    };
    list.setCurrentNamespace({ start: 0, end: 10 });
    list.add(1);
    list.setCurrentNamespace({ start: 10, end: 20 });
    list.add(2);
    list.add(3);
    list.setCurrentNamespace({ start: 0, end: 10 });
    expect(list.get()).toEqual([1]);
    list.setCurrentNamespace({ start: 10, end: 20 });
    expect(list.get()).toEqual([2, 3]);
    expect(store.backend.entries('list').map((e) => e.namespace)).toEqual([
      { start: 0, end: 10 },
      { start: 10, end: 20 },
    ]);
  });
});
