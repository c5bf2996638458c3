/** A checkpoint or savepoint cannot be restored into this job (Flink refuses the same cases). */
export class SavepointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SavepointError';
  }
}
