/**
 * The identity of a key or namespace inside state tables: a canonical string,
 * so that equal keys (as Flink's equals) share state, and so that iteration
 * order is insertion order rather than object identity.
 */
export function stateKeyId(key: unknown): string {
  switch (typeof key) {
    case 'string':
      return `s${key}`;
    case 'number':
      return `n${key}`;
    case 'boolean':
      return key ? 'T' : 'F';
    case 'bigint':
      return `b${key}`;
    case 'undefined':
      return 'u';
    default:
      return key === null ? 'z' : `j${JSON.stringify(key)}`;
  }
}
