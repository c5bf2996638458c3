/** One list-append result as it lands in an external system. */
export interface Row {
  readonly key: string;
  readonly id: string;
  readonly position: number;
}

/** An operation failed in the external system (write error, expired or fenced transaction...). */
export class ExternalSystemError extends Error {
  constructor(
    readonly kind:
      | 'write-error'
      | 'commit-error'
      | 'transaction-expired'
      | 'producer-fenced'
      | 'unknown-transaction',
    message: string,
  ) {
    super(message);
    this.name = 'ExternalSystemError';
  }
}
