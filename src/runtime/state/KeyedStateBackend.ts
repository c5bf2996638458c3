import { assignToKeyGroup, type KeyGroupRange } from '../KeyGroupRangeAssignment.ts';
import { isFlat } from './FlatValue.ts';
import { copyPlainData } from './PlainDataCopy.ts';
import { stateKeyId } from './StateKey.ts';

/** One (key, namespace) cell of a state table. */
export interface StateEntry {
  readonly key: unknown;
  readonly namespace: unknown;
  value: unknown;
}

/** Keyed state of one key group: state name -> [key, namespace, value] rows. */
export type KeyGroupState = Record<string, [unknown, unknown, unknown][]>;

/** Snapshot of a keyed backend: key group -> its state (plain JSON data). */
export type KeyedStateSnapshot = Record<number, KeyGroupState>;

export const VOID_NAMESPACE = null;

type Row = [unknown, unknown, unknown];

/**
 * What the backend remembers of a primitive key: its cell id, its key group,
 * and its cells in the void namespace by state slot (a record's state access
 * then finds its cell without the three map lookups of `entry`).
 */
interface KnownKey {
  readonly id: string;
  readonly group: number;
  readonly cells: (StateEntry | undefined)[];
}

/**
 * A deep copy of state rows as plain data. Rows of primitives and arrays of
 * primitives (list state of ids, value state of scalars) are copied by
 * slicing, which gives what structuredClone gives at a fraction of its cost
 * (a checkpoint of a large list state was dominated by it); anything else
 * goes through copyPlainData, which gives what structuredClone gives.
 */
function copyRows(rows: readonly Row[]): Row[] {
  const out: Row[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [key, namespace, value] = rows[i] as Row;
    if (!isFlat(key) || !isFlat(namespace) || !isFlat(value)) return copyPlainData(rows as Row[]);
    out[i] = [
      Array.isArray(key) ? key.slice() : key,
      Array.isArray(namespace) ? namespace.slice() : namespace,
      Array.isArray(value) ? value.slice() : value,
    ];
  }
  return out;
}

/**
 * A heap keyed state backend, after Flink's HeapKeyedStateBackend: every state
 * table is partitioned by key group, so a snapshot is a list of key groups and
 * a restore with another parallelism simply takes the key groups it now owns.
 * Values are held by reference (as the heap backend does); snapshots copy.
 */
export class KeyedStateBackend {
  private readonly tables = new Map<string, Map<number, Map<string, StateEntry>>>();
  private key: unknown;
  private keyId = '';
  private keyGroup = -1;
  private accessEpoch = 0;
  /**
   * Cell id and key group of each primitive key seen so far. Reusing one id
   * string per key lets the state maps find it by its cached hash instead of
   * hashing a new string per record, and the key group is not hashed again
   * (Java hashCode + murmur) every time the key comes back.
   */
  private readonly knownKeys = new Map<unknown, KnownKey>();
  /** The current key's entry in knownKeys (undefined for keys that are not cached). */
  private current: KnownKey | undefined;
  /** State name -> slot in KnownKey.cells. */
  private readonly slots = new Map<string, number>();

  constructor(
    readonly maxParallelism: number,
    readonly keyGroupRange: KeyGroupRange,
  ) {}

  /**
   * Changes whenever the current key or the set of cells changes, so that a
   * state handle may keep the cell it found until then instead of looking it
   * up again.
   */
  get epoch(): number {
    return this.accessEpoch;
  }

  /** Sets the key that state accesses refer to; it must belong to this backend's key groups. */
  setCurrentKey(key: unknown): void {
    // The same primitive key again (Object.is: -0 and 0 hash differently): nothing to recompute.
    if (this.keyGroup >= 0 && typeof key !== 'object' && Object.is(key, this.key)) return;
    // -0 is left out: a Map takes it for 0, but Java hashes them apart (another key group).
    const cacheable = typeof key !== 'object' && !Object.is(key, -0);
    const known = cacheable ? this.knownKeys.get(key) : undefined;
    if (known !== undefined) {
      this.key = key;
      this.keyId = known.id;
      this.keyGroup = known.group;
      this.current = known;
      this.accessEpoch++;
      return;
    }
    const group = assignToKeyGroup(key, this.maxParallelism);
    if (!this.keyGroupRange.contains(group)) {
      throw new Error(
        `key ${JSON.stringify(key)} is in key group ${group}, outside this subtask's ${this.keyGroupRange}; ` +
          'the keyBy partitioning and the state backend disagree',
      );
    }
    this.key = key;
    this.keyId = stateKeyId(key);
    this.keyGroup = group;
    this.accessEpoch++;
    this.current = undefined;
    if (cacheable) {
      // Bounded, so that a run over ever new keys does not keep them all.
      if (this.knownKeys.size >= 65_536) this.knownKeys.clear();
      this.current = { id: this.keyId, group, cells: [] };
      this.knownKeys.set(key, this.current);
    }
  }

  /** The slot of a state name in the per-key cell cache (see `entry`). */
  slotOf(stateName: string): number {
    let slot = this.slots.get(stateName);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(stateName, slot);
    }
    return slot;
  }

  getCurrentKey(): unknown {
    return this.key;
  }

  getCurrentKeyGroup(): number {
    return this.keyGroup;
  }

  hasCurrentKey(): boolean {
    return this.keyGroup >= 0;
  }

  /**
   * The cell of the current key in `namespace`, created on demand when `create`.
   * `slot` (from `slotOf(stateName)`) lets a cached key find its void-namespace
   * cell directly.
   */
  entry(stateName: string, namespace: unknown, create: boolean, slot = -1): StateEntry | undefined {
    if (this.keyGroup < 0) {
      throw new Error('keyed state accessed without a current key (only inside keyed functions)');
    }
    const known = slot >= 0 && namespace === VOID_NAMESPACE ? this.current : undefined;
    if (known !== undefined) {
      const cached = known.cells[slot];
      if (cached !== undefined) return cached;
      const cell = this.lookUp(stateName, namespace, create);
      if (cell !== undefined) known.cells[slot] = cell;
      return cell;
    }
    return this.lookUp(stateName, namespace, create);
  }

  private lookUp(stateName: string, namespace: unknown, create: boolean): StateEntry | undefined {
    let table = this.tables.get(stateName);
    if (table === undefined) {
      if (!create) return undefined;
      table = new Map();
      this.tables.set(stateName, table);
    }
    let group = table.get(this.keyGroup);
    if (group === undefined) {
      if (!create) return undefined;
      group = new Map();
      table.set(this.keyGroup, group);
    }
    const cellId = namespace === VOID_NAMESPACE ? this.keyId : `${this.keyId}\u0000${stateKeyId(namespace)}`;
    let cell = group.get(cellId);
    if (cell === undefined && create) {
      cell = { key: this.key, namespace, value: undefined };
      group.set(cellId, cell);
      this.accessEpoch++;
    }
    return cell;
  }

  /** Removes the current key's cell in `namespace`. */
  remove(stateName: string, namespace: unknown): void {
    const group = this.tables.get(stateName)?.get(this.keyGroup);
    if (group === undefined) return;
    const cellId = namespace === VOID_NAMESPACE ? this.keyId : `${this.keyId}\u0000${stateKeyId(namespace)}`;
    if (!group.delete(cellId)) return;
    this.accessEpoch++;
    const slot = this.slots.get(stateName);
    if (namespace === VOID_NAMESPACE && slot !== undefined && this.current !== undefined) {
      this.current.cells[slot] = undefined;
    }
  }

  /** Every (key, namespace) cell of a state, in key-group then insertion order. */
  entries(stateName: string): StateEntry[] {
    const table = this.tables.get(stateName);
    if (table === undefined) return [];
    const out: StateEntry[] = [];
    for (const g of [...table.keys()].sort((a, b) => a - b)) {
      for (const cell of (table.get(g) as Map<string, StateEntry>).values()) out.push(cell);
    }
    return out;
  }

  /** Names of the states that hold at least one cell, sorted. */
  stateNames(): string[] {
    return [...this.tables.keys()].sort();
  }

  /** A deep copy of every key group's state (only non-empty groups). */
  snapshot(): KeyedStateSnapshot {
    const out: KeyedStateSnapshot = {};
    for (const name of this.stateNames()) {
      const table = this.tables.get(name) as Map<number, Map<string, StateEntry>>;
      for (const g of [...table.keys()].sort((a, b) => a - b)) {
        const cells = table.get(g) as Map<string, StateEntry>;
        if (cells.size === 0) continue;
        const rows: Row[] = [];
        for (const c of cells.values()) rows.push([c.key, c.namespace, c.value]);
        const groupState = out[g] ?? {};
        groupState[name] = copyRows(rows);
        out[g] = groupState;
      }
    }
    return out;
  }

  /**
   * Loads the key groups this backend owns from one or more snapshots (after a
   * rescale, several old subtasks' snapshots contribute); others are ignored.
   */
  restore(snapshots: readonly KeyedStateSnapshot[]): void {
    this.tables.clear();
    // Every cached cell is gone with the tables.
    this.knownKeys.clear();
    this.current = undefined;
    for (const snap of snapshots) {
      // for-in, not Object.entries: no [key, value] pair per key group and state on every restore.
      for (const groupText in snap) {
        const g = Number(groupText);
        if (!this.keyGroupRange.contains(g)) continue;
        const states = snap[g] as KeyGroupState;
        for (const name in states) {
          const rows = states[name] as Row[];
          let table = this.tables.get(name);
          if (table === undefined) {
            table = new Map();
            this.tables.set(name, table);
          }
          let group = table.get(g);
          if (group === undefined) {
            group = new Map();
            table.set(g, group);
          }
          for (const [key, namespace, value] of copyRows(rows)) {
            const id =
              namespace === VOID_NAMESPACE
                ? stateKeyId(key)
                : `${stateKeyId(key)}\u0000${stateKeyId(namespace)}`;
            group.set(id, { key, namespace, value });
          }
        }
      }
    }
    this.keyGroup = -1;
    this.accessEpoch++;
  }
}
