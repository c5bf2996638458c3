/**
 * An incremental 64-bit hash built from two 32-bit MurmurHash3-style lanes.
 *
 * Only 32-bit integer arithmetic (Math.imul, shifts) is used, and floats are
 * read through a little-endian DataView, so a digest is the same on every
 * platform and Node version. Not cryptographic: it fingerprints traces.
 */
const floatView = new DataView(new ArrayBuffer(8));

const TAG_INT = 0x1;
const TAG_FLOAT = 0x2;
const TAG_STRING = 0x3;
const TAG_OTHER = 0x4;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Hash64 {
  private lo: number;
  private hi: number;
  private words = 0;

  constructor(seed = 0) {
    this.lo = seed | 0;
    this.hi = (seed ^ 0x9e3779b9) | 0;
  }

  /** Mixes one 32-bit word into both lanes. */
  word(w: number): void {
    let k = Math.imul(w | 0, 0xcc9e2d51);
    k = rotl(k, 15);
    k = Math.imul(k, 0x1b873593);
    let lo = this.lo ^ k;
    lo = rotl(lo, 13);
    this.lo = (Math.imul(lo, 5) + 0xe6546b64) | 0;

    // The second lane sees the word through other constants and the first
    // lane's state, so the two halves are not independent copies.
    let k2 = Math.imul((w ^ 0x27d4eb2f) | 0, 0x85ebca6b);
    k2 = rotl(k2, 16);
    k2 = Math.imul(k2, 0xc2b2ae35);
    let hi = this.hi ^ k2 ^ this.lo;
    hi = rotl(hi, 17);
    this.hi = (Math.imul(hi, 9) + 0x52dce729) | 0;
    this.words++;
  }

  /** Mixes a number: int32 values as one word, anything else as its IEEE-754 bits. */
  number(x: number): void {
    if ((x | 0) === x) {
      this.word(x);
    } else {
      floatView.setFloat64(0, x, true);
      this.word(floatView.getUint32(0, true));
      this.word(floatView.getUint32(4, true));
    }
  }

  /**
   * Mixes a string: its length and form, then its characters. A string of
   * Latin-1 characters only (ids, keys, names: nearly all of them) goes in
   * four characters per word; any other, its UTF-16 code units two per word.
   * The first word (length * 2, plus 1 for the Latin-1 form) tells the forms
   * apart.
   */
  string(s: string): void {
    const n = s.length;
    // Latin-1 is assumed and checked while packing (one pass over the characters, not two); on the
    // first wider character the state is put back as it was and the string goes in the other form.
    const lo = this.lo;
    const hi = this.hi;
    const words = this.words;
    this.word((n << 1) | 1);
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const a = s.charCodeAt(i);
      const b = s.charCodeAt(i + 1);
      const c = s.charCodeAt(i + 2);
      const d = s.charCodeAt(i + 3);
      if ((a | b | c | d) > 0xff) {
        this.wideString(s, lo, hi, words);
        return;
      }
      this.word(a | (b << 8) | (c << 16) | (d << 24));
    }
    const rest = n - i;
    if (rest === 0) return;
    const a = s.charCodeAt(i);
    const b = rest > 1 ? s.charCodeAt(i + 1) : 0;
    const c = rest > 2 ? s.charCodeAt(i + 2) : 0;
    if ((a | b | c) > 0xff) {
      this.wideString(s, lo, hi, words);
      return;
    }
    this.word(a | (b << 8) | (c << 16));
  }

  /** `string` for a string with a character past Latin-1, from the state (lo, hi, words) before it. */
  private wideString(s: string, lo: number, hi: number, words: number): void {
    this.lo = lo;
    this.hi = hi;
    this.words = words;
    const n = s.length;
    this.word(n << 1);
    let i = 0;
    for (; i + 1 < n; i += 2) this.word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < n) this.word(s.charCodeAt(i));
  }

  /** Mixes a tagged value so that 1, 1.5, "1" and true never collide by type. */
  value(v: unknown): void {
    if (typeof v === 'number') {
      if ((v | 0) === v) {
        this.word(TAG_INT);
        this.word(v);
      } else {
        this.word(TAG_FLOAT);
        this.number(v);
      }
    } else if (typeof v === 'string') {
      this.word(TAG_STRING);
      this.string(v);
    } else {
      this.word(TAG_OTHER);
      this.string(v === undefined ? 'undefined' : JSON.stringify(v));
    }
  }

  /** The digest of everything mixed so far, as 16 lowercase hex digits. */
  hex(): string {
    const n = this.words;
    const a = fmix(this.lo ^ n);
    const b = fmix(this.hi ^ Math.imul(n, 0x9e3779b9) ^ a);
    return b.toString(16).padStart(8, '0') + a.toString(16).padStart(8, '0');
  }
}

/** The 64-bit hash of one string, as 16 hex digits. */
export function hashString(s: string, seed = 0): string {
  const h = new Hash64(seed);
  h.string(s);
  return h.hex();
}
