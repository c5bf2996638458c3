/**
 * Java's hashCode for the key types a JS pipeline uses, so that keys land in
 * the same key groups as the equivalent Java keys would in Flink:
 * String.hashCode, Integer.hashCode (int32 values), Double.hashCode (other
 * numbers), Boolean.hashCode, and for arrays Flink's TupleN.hashCode (31 * h +
 * field, from h = 0: Flink keys by tuples, never by arrays, whose Java hash is
 * by identity). Plain objects hash their JSON text; bigint like Long.hashCode.
 */
const view = new DataView(new ArrayBuffer(8));

export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

export function javaHashCode(key: unknown): number {
  switch (typeof key) {
    case 'string':
      return javaStringHashCode(key);
    case 'number': {
      if ((key | 0) === key && !Object.is(key, -0)) return key;
      view.setFloat64(0, Number.isNaN(key) ? Number.NaN : key);
      return (view.getInt32(0) ^ view.getInt32(4)) | 0;
    }
    case 'boolean':
      return key ? 1231 : 1237;
    case 'bigint': {
      const v = BigInt.asIntN(64, key);
      return Number(BigInt.asIntN(32, v ^ (v >> 32n)));
    }
    case 'undefined':
      return 0;
    default: {
      if (key === null) return 0;
      if (Array.isArray(key)) {
        let h = 0;
        for (const e of key) h = (Math.imul(31, h) + javaHashCode(e)) | 0;
        return h;
      }
      return javaStringHashCode(JSON.stringify(key));
    }
  }
}
