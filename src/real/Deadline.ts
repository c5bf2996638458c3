/**
 * Bounded waiting for the real-system code: every wait has a limit and fails
 * with a message that says what did not happen in time, so a test never hangs.
 */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Resolves with `promise`, or rejects with "<what> did not finish within <ms> ms". */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Thrown by a `waitFor` probe to stop waiting at once: `waitFor` rethrows `reason`. */
export class StopWaiting extends Error {
  constructor(readonly reason: Error) {
    super(reason.message);
  }
}

/**
 * Polls `probe` every `every` ms until it returns a value other than undefined, for at most `ms`.
 * A probe that throws is retried (the thing may not be up yet), unless it throws StopWaiting.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  ms: number,
  what: string,
  every = 50,
): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      if (e instanceof StopWaiting) throw e.reason;
      last = e;
    }
    if (Date.now() >= end) {
      const why = last instanceof Error ? ` (last error: ${last.message})` : '';
      throw new TimeoutError(`${what} did not happen within ${ms} ms${why}`);
    }
    await sleep(every);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
