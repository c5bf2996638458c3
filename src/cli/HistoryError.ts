import { UsageError } from './UsageError.ts';

/** A history file that cannot be read or does not match src/history/history.schema.json. */
export class HistoryError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryError';
  }
}
