/**
 * Fixed-size fingerprints of respondent ids, so that the threads of a parallel read can tell
 * whether an id occurs in two byte ranges without sending the id strings back (8 bytes an id
 * instead of a string, and none for the rows of a range that gives up).
 */

/** The 53-bit fingerprint of a string (two 32-bit FNV-1a style hashes with different seeds). */
export function idHash(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
  b ^= b >>> 13;
  return (a >>> 0) * 2 ** 21 + ((b >>> 0) >>> 11);
}

/** A growing list of fingerprints (a Float64Array doubled when full). */
export class IdHashList {
  private values = new Float64Array(1024);
  private count = 0;

  /** Adds the fingerprint of `id`. */
  add(id: string): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = idHash(id);
  }

  /** The fingerprints, sorted ascending (a copy of exactly their number). */
  sorted(): Float64Array {
    return this.values.slice(0, this.count).sort();
  }
}

/**
 * Whether two sorted fingerprint lists share a value (a merge of the two; an id in both lists
 * always shares its fingerprint, two different ids only with probability about 2⁻⁵³ per pair).
 */
export function sortedListsMeet(a: Float64Array, b: Float64Array): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) return true;
    if (x < y) i++;
    else j++;
  }
  return false;
}
