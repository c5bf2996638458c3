import type { CompletedCheckpoint } from './types.ts';

/** How an upload of one task's snapshot goes: how long it takes, and whether it fails. */
export interface UploadOutcome {
  readonly delay: number;
  readonly fails: boolean;
}

/** Decides upload outcomes; the fault injector replaces it to slow down or fail uploads. */
export type UploadPolicy = (task: string, checkpointId: number) => UploadOutcome;

export const RELIABLE_UPLOADS: UploadPolicy = () => ({ delay: 0, fails: false });

/**
 * A simulated checkpoint storage (Flink's CheckpointStorage, e.g. a file
 * system): task snapshots are uploaded with a delay (the asynchronous part of
 * a checkpoint) that may fail; completed checkpoints are retained, newest last.
 */
export class CheckpointStorage {
  private readonly completed: CompletedCheckpoint[] = [];
  uploadPolicy: UploadPolicy = RELIABLE_UPLOADS;

  constructor(private readonly retained = 3) {}

  upload(task: string, checkpointId: number): UploadOutcome {
    return this.uploadPolicy(task, checkpointId);
  }

  /** Keeps a completed checkpoint; savepoints are not subject to retention, as in Flink. */
  store(checkpoint: CompletedCheckpoint): void {
    this.completed.push(checkpoint);
    const checkpoints = this.completed.filter((c) => c.kind === 'checkpoint');
    while (checkpoints.length > this.retained) {
      const oldest = checkpoints.shift() as CompletedCheckpoint;
      this.completed.splice(this.completed.indexOf(oldest), 1);
    }
  }

  /** The latest completed checkpoint or savepoint (what a failover restores from). */
  latest(): CompletedCheckpoint | undefined {
    return this.completed.at(-1);
  }

  all(): readonly CompletedCheckpoint[] {
    return this.completed;
  }
}
