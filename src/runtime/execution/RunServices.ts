/**
 * A per-run registry where connectors keep their simulated external systems
 * (a log, a key-value store...), so that one environment can be run many times
 * and every run starts from empty systems. Keys are created in call order,
 * never enumerated by identity, so using it keeps a run deterministic.
 */
export class RunServices {
  private readonly services = new Map<string, unknown>();

  get<T>(key: string, create: () => T): T {
    if (!this.services.has(key)) this.services.set(key, create());
    return this.services.get(key) as T;
  }

  has(key: string): boolean {
    return this.services.has(key);
  }

  keys(): string[] {
    return [...this.services.keys()];
  }
}
