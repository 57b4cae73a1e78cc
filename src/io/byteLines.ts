/**
 * Byte-level scanning shared by the fast paths of the record and event CSV readers: a file read
 * in blocks that end at a line break, lines and cells found by byte offsets, ISO timestamps,
 * plain decimals and repeated labels read without making a string per cell (isomorphic: plain
 * `Uint8Array`s; the file reading is `readLineBlocks`). Every function
 * here answers "not simple" (NaN, −1, false) rather than guessing, and the reader then hands
 * the line to its general (papaparse) path, so issues are always the general path's.
 */

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** The text of `bytes[start, end)` decoded as UTF-8 (as `Buffer#toString` does: a BOM is kept, bad bytes are U+FFFD). */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  // Node's Buffer decodes a range in place (no view object); elsewhere TextDecoder.
  if (typeof Buffer !== "undefined" && bytes instanceof Buffer) {
    return bytes.toString("utf8", start, end);
  }
  return utf8.decode(bytes.subarray(start, end));
}

/** True when `bytes[start, end)` holds a double quote. */
export function hasQuote(bytes: Uint8Array, start: number, end: number): boolean {
  const at = bytes.indexOf(34, start);
  return at >= 0 && at < end;
}

/**
 * Splits the line `bytes[start, end)` at the delimiter byte, writing each cell's start and end
 * into `starts`/`ends`; returns the number of cells, or −1 when there are more than
 * `starts.length` (the caller's header width).
 *
 * @example
 * splitCells(Uint8Array.from("a,bb,"), 0, 5, 44, starts, ends) //=> 3 (cells [0,1), [2,4), [5,5))
 */
export function splitCells(
  bytes: Uint8Array,
  start: number,
  end: number,
  delimiter: number,
  starts: Int32Array,
  ends: Int32Array,
): number {
  const width = starts.length;
  let cell = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    if (bytes[i] === delimiter) {
      if (cell >= width - 1) return -1;
      starts[cell] = from;
      ends[cell] = i;
      cell++;
      from = i + 1;
    }
  }
  starts[cell] = from;
  ends[cell] = end;
  return cell + 1;
}

/**
 * True when the cell `bytes[start, end)` is not blank and starts and ends with a visible ASCII
 * character (so trimming it changes nothing).
 */
export function plainCell(bytes: Uint8Array, start: number, end: number): boolean {
  if (end <= start) return false;
  const a = bytes[start] as number;
  const b = bytes[end - 1] as number;
  return a > 32 && a < 127 && b > 32 && b < 127;
}

/** True when every byte of `bytes[start, end)` is ASCII (the cell decodes to the same characters). */
export function asciiCell(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((bytes[i] as number) > 127) return false;
  return true;
}

const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Reads `YYYY-MM-DDTHH:MM:SSZ` (20 bytes; `T`, `t` or a space; `Z` or `z`) at `at` into epoch
 * milliseconds (UTC), range-checked (month 1–12, the day within its month, hour 0–23, minute
 * and second 0–59, year ≥ 1000); NaN for any other shape, so the caller reads the cell with its
 * general timestamp reader. Where it gives a number, it is the number ISO 8601 gives.
 *
 * @example
 * utcStampAt(Uint8Array.from("2024-03-01T09:30:00Z"), 0) //=> Date.UTC(2024, 2, 1, 9, 30)
 */
export function utcStampAt(bytes: Uint8Array, at: number): number {
  const sep = bytes[at + 10] as number;
  const zone = bytes[at + 19] as number;
  if (
    bytes[at + 4] !== 45 ||
    bytes[at + 7] !== 45 ||
    bytes[at + 13] !== 58 ||
    bytes[at + 16] !== 58 ||
    (sep !== 84 && sep !== 32 && sep !== 116) ||
    (zone !== 90 && zone !== 122)
  )
    return Number.NaN;
  const y0 = (bytes[at] as number) - 48;
  const y1 = (bytes[at + 1] as number) - 48;
  const y2 = (bytes[at + 2] as number) - 48;
  const y3 = (bytes[at + 3] as number) - 48;
  const m0 = (bytes[at + 5] as number) - 48;
  const m1 = (bytes[at + 6] as number) - 48;
  const d0 = (bytes[at + 8] as number) - 48;
  const d1 = (bytes[at + 9] as number) - 48;
  const h0 = (bytes[at + 11] as number) - 48;
  const h1 = (bytes[at + 12] as number) - 48;
  const i0 = (bytes[at + 14] as number) - 48;
  const i1 = (bytes[at + 15] as number) - 48;
  const s0 = (bytes[at + 17] as number) - 48;
  const s1 = (bytes[at + 18] as number) - 48;
  if (
    (y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1 | h0 | h1 | i0 | i1 | s0 | s1) < 0 ||
    y0 > 9 ||
    y1 > 9 ||
    y2 > 9 ||
    y3 > 9 ||
    m0 > 9 ||
    m1 > 9 ||
    d0 > 9 ||
    d1 > 9 ||
    h0 > 9 ||
    h1 > 9 ||
    i0 > 9 ||
    i1 > 9 ||
    s0 > 9 ||
    s1 > 9
  )
    return Number.NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  const h = h0 * 10 + h1;
  const mi = i0 * 10 + i1;
  const s = s0 * 10 + s1;
  if (y < 1000 || m < 1 || m > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return Number.NaN;
  if (d > (DAYS[m] as number)) return Number.NaN;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return Number.NaN;
  return daysFromCivil(y, m, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + s * 1000;
}

/**
 * Days since 1970-01-01 of a valid proleptic Gregorian date with year ≥ 1 (Howard Hinnant's
 * days_from_civil, "chrono-compatible low-level date algorithms"): exact integer arithmetic,
 * the day `Date.UTC(y, m − 1, d) / 86,400,000` gives, without the cost of `Date.UTC`.
 *
 * @example
 * daysFromCivil(2024, 3, 1) //=> 19783
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Reads a plain decimal `-?D+(.D+)?` (at most 15 digits in all, no leading zero before another
 * digit) at `bytes[start, end)`: the integer of its digits divided by a power of ten, one
 * correctly rounded division of two exact numbers, so the result equals `parseDecimal(text)`. NaN for anything else (the caller decodes the
 * cell and reads it with its general number reader).
 *
 * @example
 * plainDecimal(Uint8Array.from("129.90"), 0, 6) //=> 129.9
 */
export function plainDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === 45;
  if (negative) i++;
  let digits = 0;
  let fraction = -1;
  let value = 0;
  for (; i < end; i++) {
    const c = (bytes[i] as number) - 48;
    if (c >= 0 && c <= 9) {
      value = value * 10 + c;
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === -2 && fraction < 0 && digits > 0) fraction = 0;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 15 || fraction === 0) return Number.NaN;
  // No leading zero before another digit (`07`), as in the general grammar.
  const first = negative ? start + 1 : start;
  const second = bytes[first + 1] as number;
  if (bytes[first] === 48 && first + 1 < end && second >= 48 && second <= 57) return Number.NaN;
  const result = fraction > 0 ? value / (POWERS[fraction] as number) : value;
  // −0 is 0, as in parseDecimal.
  return (negative ? -result : result) + 0;
}

/**
 * Strings met again and again (types, regions, channels, customer ids) by their bytes: a hash
 * table from a cell's bytes to a small index, the text decoded once, on first sight.
 *
 * @example
 * const names = new ByteInterner();
 * names.intern(Uint8Array.from("North"), 0, 5) //=> 0; names.text(0) //=> "North"
 */
export class ByteInterner {
  private table = new Int32Array(1024).fill(-1);
  private hashes: Int32Array = new Int32Array(256);
  private starts: Int32Array = new Int32Array(257);
  private arena: Uint8Array = new Uint8Array(4096);
  private readonly texts: string[] = [];
  /** Cache of recent lookups: a slot per (length, first, middle, last byte) key, −1 empty. */
  private readonly recent = new Int32Array(4096).fill(-1);

  /** Number of distinct cells. */
  get size(): number {
    return this.texts.length;
  }

  /** The text of an index. */
  text(index: number): string {
    return this.texts[index] as string;
  }

  private static hash(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
    return h | 0;
  }

  private same(index: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[index] as number;
    const length = (this.starts[index + 1] as number) - from;
    if (length !== end - start) return false;
    const arena = this.arena;
    for (let k = 0; k < length; k++) if (arena[from + k] !== bytes[start + k]) return false;
    return true;
  }

  /** The index of the cell's bytes, or −1 when they were never interned. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const h = ByteInterner.hash(bytes, start, end);
    const mask = this.table.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const index = this.table[at] as number;
      if (index < 0) return -1;
      if (this.hashes[index] === h && this.same(index, bytes, start, end)) return index;
    }
  }

  /**
   * The index of the cell's bytes, adding them (decoded as UTF-8) when new. A direct-mapped
   * cache keyed by the length and three bytes (first, middle, last) answers a label met
   * before with one comparison of its bytes, without hashing them.
   */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length === 0) return this.internHashed(bytes, start, end);
    const key =
      (length * 7919 +
        (bytes[start] as number) * 131 +
        (bytes[end - 1] as number) * 31 +
        (bytes[start + (length >> 1)] as number)) &
      4095;
    const hit = this.recent[key] as number;
    if (hit >= 0 && this.same(hit, bytes, start, end)) return hit;
    const index = this.internHashed(bytes, start, end);
    this.recent[key] = index;
    return index;
  }

  /** {@link intern} through the hash table. */
  private internHashed(bytes: Uint8Array, start: number, end: number): number {
    const h = ByteInterner.hash(bytes, start, end);
    let mask = this.table.length - 1;
    let at = h & mask;
    for (; ; at = (at + 1) & mask) {
      const index = this.table[at] as number;
      if (index < 0) break;
      if (this.hashes[index] === h && this.same(index, bytes, start, end)) return index;
    }
    const index = this.texts.length;
    this.texts.push(decodeUtf8(bytes, start, end));
    if (index + 1 >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const starts = new Int32Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
    }
    const from = this.starts[index] as number;
    const length = end - start;
    if (from + length > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, from + length));
      arena.set(this.arena);
      this.arena = arena;
    }
    this.arena.set(bytes.subarray(start, end), from);
    this.starts[index + 1] = from + length;
    this.hashes[index] = h;
    this.table[at] = index;
    if ((index + 1) * 2 > this.table.length) {
      const table = new Int32Array(this.table.length * 2).fill(-1);
      mask = table.length - 1;
      for (let k = 0; k <= index; k++) {
        let slot = (this.hashes[k] as number) & mask;
        while ((table[slot] as number) >= 0) slot = (slot + 1) & mask;
        table[slot] = k;
      }
      this.table = table;
    }
    return index;
  }
}
