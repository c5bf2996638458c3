import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TYPESCRIPT_EXEC_ARGV } from '../../TypeScriptExecArgv.ts';
import { TimeoutError } from '../Deadline.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');
const JOB_MAIN = join(here, '..', 'job', 'JobMain.ts');

/** How one attempt of the job process ended. */
export type AttemptEnd =
  | { readonly kind: 'finished' }
  | { readonly kind: 'killed'; readonly point: string; readonly detail: string };

/** The job process failed on its own (not at a kill point): its last line of stderr says why. */
export class JobFailedError extends Error {
  override readonly name = 'JobFailedError';
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/**
 * Runs one attempt of the job in its own Node process (TYPESCRIPT_EXEC_ARGV), with
 * an IPC channel: when the job reports a kill point, it is killed with
 * SIGKILL at once. Bounded: an attempt that runs past `timeout` is killed
 * and reported. The job also exits when this process goes away.
 */
export function runJobAttempt(configPath: string, timeout: number): Promise<AttemptEnd> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(JOB_MAIN, [configPath], {
      cwd: repoRoot,
      execArgv: [...TYPESCRIPT_EXEC_ARGV],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    running.add(child);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-20_000);
      if (process.env.STREAMPROOF_REAL_DEBUG) process.stderr.write(d);
    });
    child.stdout?.on('data', () => undefined);
    let killedAt: { point: string; detail: string } | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeout);
    child.on('message', (m: { type?: string; point?: string; detail?: string }) => {
      if (m.type === 'kill-me' && killedAt === undefined) {
        killedAt = { point: m.point ?? '?', detail: m.detail ?? '' };
        child.kill('SIGKILL');
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      running.delete(child);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (timedOut) {
        reject(
          new TimeoutError(
            `the job process ran past ${timeout} ms and was killed; stderr: ${lastLine(stderr)}`,
          ),
        );
      } else if (killedAt !== undefined && signal === 'SIGKILL') {
        resolvePromise({ kind: 'killed', ...killedAt });
      } else if (code === 0) {
        resolvePromise({ kind: 'finished' });
      } else {
        reject(new JobFailedError(`the job process exited with ${signal ?? code}: ${lastLine(stderr)}`));
      }
    });
  });
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  const failed = lines.findIndex((l) => l.startsWith('job failed:'));
  return (
    (failed >= 0 ? lines.slice(failed, failed + 3).join(' | ') : (lines.at(-1) ?? '')).slice(0, 600) ||
    'nothing'
  );
}
