import { type KeyedStateBackend, type StateEntry, VOID_NAMESPACE } from './KeyedStateBackend.ts';

/**
 * Base of the heap state handles: a state name in a backend, scoped to the
 * backend's current key and to this handle's current namespace (windows set
 * it; everything else uses the void namespace), like Flink's InternalKvState.
 */
export abstract class HeapKeyedState {
  private namespace: unknown = VOID_NAMESPACE;
  /** The cell last found, valid while the backend's epoch and the namespace are unchanged. */
  private cached: StateEntry | undefined;
  private cachedEpoch = -1;
  private cachedNamespace: unknown;

  /** This state's slot in the backend's per-key cell cache. */
  private readonly slot: number;

  constructor(
    protected readonly backend: KeyedStateBackend,
    readonly name: string,
  ) {
    this.slot = backend.slotOf(name);
  }

  setCurrentNamespace(namespace: unknown): void {
    this.namespace = namespace;
  }

  protected read(): unknown {
    return this.cell(false)?.value;
  }

  protected write(value: unknown): void {
    if (value === undefined) {
      this.backend.remove(this.name, this.namespace);
      return;
    }
    (this.cell(true) as StateEntry).value = value;
  }

  /** The current key's cell in the current namespace (created when `create`); a list append reads it twice. */
  private cell(create: boolean): StateEntry | undefined {
    const backend = this.backend;
    if (
      this.cachedEpoch === backend.epoch &&
      this.cachedNamespace === this.namespace &&
      (this.cached !== undefined || !create)
    ) {
      return this.cached;
    }
    const cell = backend.entry(this.name, this.namespace, create, this.slot);
    this.cached = cell;
    this.cachedEpoch = backend.epoch;
    this.cachedNamespace = this.namespace;
    return cell;
  }

  clear(): void {
    this.backend.remove(this.name, this.namespace);
  }
}
