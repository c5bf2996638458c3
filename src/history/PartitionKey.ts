/**
 * A source partition's key in a history (DESIGN §4): "<source name>#<partition>".
 * Checkpoint records name source offsets by it, and the checkers group input
 * records by it (source order holds within one partition). Shared by whatever
 * writes histories (the simulation's recorder, the real job) and the checkers.
 */
export function partitionKey(sourceName: string, partition: number): string {
  return `${sourceName}#${partition}`;
}
