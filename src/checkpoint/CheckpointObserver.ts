import type { CompletedCheckpoint } from './types.ts';

/** Told of every checkpoint outcome (the history recorder is one). */
export interface CheckpointObserver {
  onCompleted(checkpoint: CompletedCheckpoint): void;
  onAborted(aborted: {
    readonly id: number;
    readonly kind: 'checkpoint' | 'savepoint';
    readonly triggeredAt: number;
    readonly abortedAt: number;
    readonly reason: string;
  }): void;
}
