/**
 * Ends a command whose run completed but whose verdict is a violation: the
 * command has printed what it found; the process exits with this code (1).
 */
export class VerdictExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'VerdictExit';
  }
}
