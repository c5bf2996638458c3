import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { RealCheckpoint } from './types.ts';

function writeDurably(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/**
 * The job's checkpoint storage on disk: `chk-<id>.json`, each written to a
 * temporary file, fsynced and renamed, so a checkpoint file is either whole or
 * absent (a kill -9 mid-write leaves only the .tmp). The latest completed one
 * is the one with the highest id. The checkpoint id counter is kept durably
 * too (Flink keeps it in its HA store), so ids are never reused after a
 * restart and each transaction names the one checkpoint it belongs to.
 */
export class CheckpointDirectory {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  latest(): RealCheckpoint | undefined {
    const ids = readdirSync(this.dir)
      .map((f) => /^chk-(\d+)\.json$/.exec(f)?.[1])
      .filter((id): id is string => id !== undefined)
      .map(Number)
      .sort((a, b) => b - a);
    const id = ids[0];
    if (id === undefined) return undefined;
    return JSON.parse(readFileSync(join(this.dir, `chk-${id}.json`), 'utf8')) as RealCheckpoint;
  }

  store(checkpoint: RealCheckpoint): void {
    writeDurably(join(this.dir, `chk-${checkpoint.id}.json`), JSON.stringify(checkpoint));
  }

  /** The next checkpoint id, made durable before it is used. */
  nextCheckpointId(): number {
    const path = join(this.dir, 'checkpoint-id-counter');
    const last = existsSync(path) ? Number(readFileSync(path, 'utf8')) : 0;
    const next = last + 1;
    writeDurably(path, String(next));
    return next;
  }

  /** The id the next checkpoint will get (without taking it). */
  peekNextCheckpointId(): number {
    const path = join(this.dir, 'checkpoint-id-counter');
    return (existsSync(path) ? Number(readFileSync(path, 'utf8')) : 0) + 1;
  }

  file(name: string): string {
    return join(this.dir, name);
  }
}
