import type { KillPoint } from './types.ts';

/**
 * The seeded kill points of one attempt. When the job reaches its point it
 * tells the trial runner over IPC and stops; the runner kills it with SIGKILL
 * at once, so the kill lands exactly there (between two journal lines) and
 * the process gets no chance to clean up, as with a crashed TaskManager.
 */
export class KillSwitch {
  private checkpoints = 0;

  constructor(private readonly kill: KillPoint | undefined) {}

  /** Counts a checkpoint this attempt started; returns its 1-based index. */
  checkpointStarted(): number {
    return ++this.checkpoints;
  }

  get checkpointIndex(): number {
    return this.checkpoints;
  }

  async reach(point: KillPoint['point'], count: number, detail: string): Promise<void> {
    const k = this.kill;
    if (k === undefined || k.point !== point) return;
    const at = k.point === 'after-records' ? k.records : k.checkpoint;
    if (at !== count) return;
    if (process.send === undefined) throw new Error(`kill point ${point} reached without a trial runner`);
    process.send({ type: 'kill-me', point, detail });
    await new Promise<never>(() => undefined);
  }
}
