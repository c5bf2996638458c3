/**
 * Flink's TriggerResult: whether a trigger call evaluates the window (fire)
 * and whether it then drops the window's contents (purge).
 */
export class TriggerResult {
  static readonly CONTINUE = new TriggerResult('CONTINUE', false, false);
  static readonly FIRE_AND_PURGE = new TriggerResult('FIRE_AND_PURGE', true, true);
  static readonly FIRE = new TriggerResult('FIRE', true, false);
  static readonly PURGE = new TriggerResult('PURGE', false, true);

  private constructor(
    readonly name: string,
    private readonly fire: boolean,
    private readonly purge: boolean,
  ) {}

  isFire(): boolean {
    return this.fire;
  }

  isPurge(): boolean {
    return this.purge;
  }

  toString(): string {
    return this.name;
  }
}
