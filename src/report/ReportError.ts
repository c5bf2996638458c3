/** A consistency report that cannot be read, rendered or merged; the message says what to do. */
export class ReportError extends Error {
  readonly exitCode = 2;

  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}
