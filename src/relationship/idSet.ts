import { prefixedNumber } from "../_lib/prefixedNumber";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

function decode(bytes: Uint8Array, start: number, end: number): string {
  return decoder.decode(bytes.subarray(start, end));
}

/** Largest number kept in the bitmap (2^28 bits = 32 MiB); larger ids go to the set. */
const BITMAP_LIMIT = 2 ** 28;

/**
 * The set of event ids seen, exact and fast for the usual CRM ids: an id that is a fixed
 * prefix (that of the first such id, e.g. `e` or `EV-`) followed by a decimal number without
 * leading zeros is one bit in a growing bitmap; any other id goes to a `Set`. 5 million ids
 * `e0…e4999999` take 625 KB instead of a quarter of a gigabyte of set entries.
 */
export class IdSet {
  private prefix: string | null = null;
  /** The prefix's bytes when it is ASCII (so `addBytes` can compare bytes), else null. */
  private prefixBytes: Uint8Array | null = null;
  private bits: Uint8Array = new Uint8Array(1 << 16);
  private readonly others = new Set<string>();

  /** Adds an id; false when it was already there. */
  add(id: string): boolean {
    const n = this.numberOf(id);
    if (n < 0) {
      if (this.others.has(id)) return false;
      this.others.add(id);
      return true;
    }
    return this.addNumber(n);
  }

  /**
   * Adds the id whose UTF-8 bytes are `bytes[start, end)` (a plain cell: no blanks at either
   * end); answers as `add` of the decoded text would, without decoding the usual ids.
   */
  addBytes(bytes: Uint8Array, start: number, end: number): boolean {
    const prefix = this.prefixBytes;
    if (prefix !== null) {
      // The usual id: the prefix and 1–9 digits without a leading zero, read in one pass.
      const n = prefixedNumber(bytes, start, end, prefix, 9);
      if (n >= 0 && n < BITMAP_LIMIT) return this.addNumber(n);
    }
    return this.add(decode(bytes, start, end));
  }

  /**
   * Adds the id `prefix` + `n` (n a whole number ≥ 0, written without leading zeros); answers
   * as `add` of that text would, without making the text when the prefix is the set's.
   */
  addNumbered(prefix: string, n: number): boolean {
    if (this.prefix === prefix && n < BITMAP_LIMIT) return this.addNumber(n);
    return this.add(`${prefix}${n}`);
  }

  private addNumber(n: number): boolean {
    const byte = n >>> 3;
    if (byte >= this.bits.length) {
      const next = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      next.set(this.bits);
      this.bits = next;
    }
    const mask = 1 << (n & 7);
    const current = this.bits[byte] as number;
    if ((current & mask) !== 0) return false;
    this.bits[byte] = current | mask;
    return true;
  }

  /** The id's number when it is the prefix + a decimal number in the bitmap's range, else −1. */
  private numberOf(id: string): number {
    const length = id.length;
    let start = length;
    while (start > 0) {
      const code = id.charCodeAt(start - 1);
      if (code < 48 || code > 57) break;
      start -= 1;
    }
    const digits = length - start;
    if (digits === 0 || digits > 9 || (digits > 1 && id.charCodeAt(start) === 48)) return -1;
    if (this.prefix === null) {
      this.prefix = id.slice(0, start);
      const bytes = encoder.encode(this.prefix);
      if (bytes.length === this.prefix.length) this.prefixBytes = bytes;
    }
    if (start !== this.prefix.length || (start > 0 && !id.startsWith(this.prefix))) return -1;
    let n = 0;
    for (let i = start; i < length; i++) n = n * 10 + (id.charCodeAt(i) - 48);
    return n < BITMAP_LIMIT ? n : -1;
  }
}
