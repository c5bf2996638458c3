import { UsageError } from '../UsageError.ts';

/** A scenario that cannot be found or read, or does not match scenarios/scenario.schema.json. */
export class ScenarioError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}
