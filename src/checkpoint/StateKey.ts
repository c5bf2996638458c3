import type { Transformation } from '../runtime/graph/Transformation.ts';

/**
 * The key a vertex's state is stored under in a checkpoint: its uid, else an
 * id derived from its position in the program (like Flink's generated operator
 * ids, stable while the program does not change). Savepoints of changed jobs
 * match state by uid.
 */
export function vertexStateKey(vertex: Transformation): string {
  return vertex.uid ?? `auto-${vertex.id}`;
}
