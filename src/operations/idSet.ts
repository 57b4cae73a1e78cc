import { decodeUtf8 } from "../io/byteLines";

/**
 * Open-addressing set of non-negative integers below 2^53 in a `Float64Array` (key + 1 stored;
 * 0 marks an empty slot), half full at most.
 */
class NumberSet {
  private slots = new Float64Array(1024);
  private used = 0;

  /** Adds `key`; false when it was there already. */
  add(key: number): boolean {
    if (this.used * 2 >= this.slots.length) this.grow();
    return this.put(this.slots, key + 1);
  }

  private put(slots: Float64Array, stored: number): boolean {
    const mask = slots.length - 1;
    const low = (stored % 4294967296) | 0;
    const high = (stored / 4294967296) | 0;
    let at = (Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1) >>> 7) & mask;
    while (true) {
      const there = slots[at] as number;
      if (there === 0) {
        slots[at] = stored;
        if (slots === this.slots) this.used += 1;
        return true;
      }
      if (there === stored) return false;
      at = (at + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Float64Array(old.length * 2);
    for (const stored of old) if (stored !== 0) this.put(slots, stored);
    this.slots = slots;
  }
}

/** Longest run of trailing digits kept as a number (the key is value · 16 + digit count < 2^53). */
const MAX_DIGITS = 14;

/**
 * The set of record ids seen, for the duplicate check: an id made of a prefix and a run of
 * trailing digits (`t123`, `10045`, `TCK-000123`) is kept as the number `value · 16 + digit
 * count` in a typed-array set per prefix (exact: another digit count or prefix is another
 * key), or as one bit of a bitmap when the digits have no leading zero (`t123`: the number
 * alone says the id), every other id as a string; so a million ticket ids do not keep a million strings
 * alive. `add` answers as `Set.add` followed by a size check would.
 *
 * @example
 * const ids = new IdSet();
 * ids.add("t1") //=> true
 * ids.add("t01") //=> true (another id)
 * ids.add("t1") //=> false (seen)
 */
/** Numbers below this limit without a leading zero go to a bitmap (2^27 bits = 16 MiB at most). */
const BITMAP_LIMIT = 2 ** 27;

/** A growing bitmap of non-negative integers below {@link BITMAP_LIMIT}. */
class NumberBits {
  private bits = new Uint8Array(1 << 12);

  /** Adds `n`; false when it was there already. */
  add(n: number): boolean {
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
}

/** The sets of one prefix: a bitmap for numbers written without a leading zero, a hash set for the rest. */
interface PrefixSets {
  readonly bits: NumberBits;
  readonly numbers: NumberSet;
}

export class IdSet {
  private readonly strings = new Set<string>();
  private readonly byPrefix = new Map<string, PrefixSets>();
  private lastPrefix = "";
  private lastSet: PrefixSets | null = null;
  /** The bytes of the last prefix when `addBytes` set it (null when `add` did). */
  private lastBytes: Uint8Array | null = null;

  /** Adds an id; false when it was added before. */
  add(id: string): boolean {
    let k = id.length;
    let value = 0;
    let scale = 1;
    while (k > 0 && id.length - k < MAX_DIGITS) {
      const c = id.charCodeAt(k - 1) - 48;
      if (c < 0 || c > 9) break;
      value += c * scale;
      scale *= 10;
      k -= 1;
    }
    const count = id.length - k;
    const before = k > 0 ? id.charCodeAt(k - 1) - 48 : -1;
    if (count === 0 || (before >= 0 && before <= 9)) {
      // No trailing digits, or more than MAX_DIGITS of them: kept as text.
      const size = this.strings.size;
      this.strings.add(id);
      return this.strings.size !== size;
    }
    let set = this.lastSet;
    if (set === null || k !== this.lastPrefix.length || !id.startsWith(this.lastPrefix)) {
      set = this.prefixSets(id.slice(0, k));
      this.lastBytes = null;
    }
    return IdSet.addNumber(set, value, count, id.charCodeAt(k) === 48);
  }

  /**
   * Adds the id written as UTF-8 in `bytes[start, end)`; answers as `add` of its decoded text,
   * without making a string when the id is a prefix and digits whose prefix is the last one seen
   * (the usual ticket id); otherwise through `add`.
   *
   * @example
   * ids.addBytes(Buffer.from("t17"), 0, 3) // as ids.add("t17")
   */
  addBytes(bytes: Uint8Array, start: number, end: number): boolean {
    let k = end;
    let value = 0;
    let scale = 1;
    while (k > start && end - k < MAX_DIGITS) {
      const c = (bytes[k - 1] as number) - 48;
      if (c < 0 || c > 9) break;
      value += c * scale;
      scale *= 10;
      k -= 1;
    }
    const count = end - k;
    const before = k > start ? (bytes[k - 1] as number) - 48 : -1;
    if (count === 0 || (before >= 0 && before <= 9)) return this.add(decodeUtf8(bytes, start, end));
    let set = this.lastSet;
    const last = this.lastBytes;
    let same = set !== null && last !== null && last.length === k - start;
    if (same) {
      for (let i = 0; i < k - start; i++) {
        if (last?.[i] !== bytes[start + i]) {
          same = false;
          break;
        }
      }
    }
    if (!same || set === null) {
      set = this.prefixSets(decodeUtf8(bytes, start, k));
      this.lastBytes = bytes.slice(start, k);
    }
    return IdSet.addNumber(set, value, count, bytes[k] === 48);
  }

  /** The sets of a prefix (made when new), remembered as the last prefix seen. */
  private prefixSets(prefix: string): PrefixSets {
    let set = this.byPrefix.get(prefix);
    if (set === undefined) {
      set = { bits: new NumberBits(), numbers: new NumberSet() };
      this.byPrefix.set(prefix, set);
    }
    this.lastPrefix = prefix;
    this.lastSet = set;
    return set;
  }

  /** Adds the trailing number `value` of `count` digits (`leadingZero`: its first digit is 0). */
  private static addNumber(
    set: PrefixSets,
    value: number,
    count: number,
    leadingZero: boolean,
  ): boolean {
    // Written without a leading zero, the digits are the number's own: one bit (exact: every
    // other spelling of the number has a leading zero and another count, so another key).
    if ((count === 1 || !leadingZero) && value < BITMAP_LIMIT) return set.bits.add(value);
    return set.numbers.add(value * 16 + count);
  }
}
