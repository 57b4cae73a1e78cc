import type { EventSetBuilder } from "../relationship/eventSetBuilder";
import { DEFAULT_INITIATOR, initiatorCodeOf, TYPE } from "../relationship/eventTypes";
import { parseTimestamp } from "../relationship/parseTimestamp";
import { ByteInterner, plainCell, plainDecimal, splitCells, utcStampAt } from "./byteLines";

/** A cell's index in an interner mapped to a number of the builder (−2: not yet looked up). */
function grownMap(map: Int32Array, size: number): Int32Array {
  if (size <= map.length) return map;
  const next = new Int32Array(Math.max(size, map.length * 2)).fill(-2);
  next.set(map);
  return next;
}

/** A byte map grown (zeros added) to hold at least `size` entries. */
function grownBytes(map: Uint8Array, size: number): Uint8Array {
  if (size <= map.length) return map;
  const next = new Uint8Array(Math.max(size, map.length * 2));
  next.set(map);
  return next;
}

/**
 * The fast path of `readEventsCsv` for a line without quotes, read from the file's bytes:
 * cells located by offset, the timestamp, value and names read without a string per cell
 * (customers, types, currencies, products and channels interned by their bytes). It keeps the
 * event (through `EventSetBuilder.addChecked`) and returns true only when the general path
 * (`EventSetBuilder.add` on the decoded cells) would keep it without any issue; otherwise it
 * changes nothing and returns false, and the caller hands the line to the general path, so
 * every issue and exclusion is the general path's.
 *
 * @example
 * const line = new EventLineReader(builder, at, 8, ",");
 * line.read(bytes, start, end, 2) //=> true (kept) or false (use the general path)
 */
export class EventLineReader {
  private readonly builder: EventSetBuilder;
  private readonly at: Int32Array;
  private readonly needed: number;
  private readonly delimiter: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly customers = new ByteInterner();
  private customerOf: Int32Array = new Int32Array(1024).fill(-2);
  private readonly types = new ByteInterner();
  private typeOf: Int32Array = new Int32Array(64).fill(-2);
  private readonly currencies = new ByteInterner();
  /** Per interned currency cell: 0 not yet compared, 1 the builder's currency, 2 another. */
  private currencyOk: Uint8Array = new Uint8Array(16);
  /** The builder's currency `currencyOk` was filled for. */
  private currencyBase: string | null = null;
  private readonly products = new ByteInterner();
  private productOf: Int32Array = new Int32Array(64).fill(-2);
  private readonly channels = new ByteInterner();
  private channelOf: Int32Array = new Int32Array(64).fill(-2);
  private readonly initiators = new ByteInterner();
  private initiatorOf: Int32Array = new Int32Array(16).fill(-2);
  private readonly asOf: number;
  /**
   * Customer ids made of one fixed prefix (that of the first such id, ASCII) and a decimal
   * number without leading zeros: the builder's customer index by number (−1: not yet seen),
   * so the usual `c123` ids need no hashing.
   */
  private customerPrefix: Uint8Array | null = null;
  private prefixTried = false;
  private customerByNumber: Int32Array = new Int32Array(1024).fill(-1);

  /**
   * @param at - The header column of each event field (id, customer, timestamp, type, value,
   * currency, product, channel, initiator; −1 absent).
   * @param width - The header's cell count.
   * @param delimiter - The one-character delimiter.
   */
  constructor(builder: EventSetBuilder, at: Int32Array, width: number, delimiter: string) {
    this.builder = builder;
    this.at = at;
    let needed = 0;
    for (const column of at) needed = Math.max(needed, column + 1);
    this.needed = needed;
    this.delimiter = delimiter.charCodeAt(0);
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
    this.asOf = builder.asOf;
  }

  /** Reads the line `bytes[start, end)` (without its line break); true when the event was kept. */
  read(bytes: Buffer, start: number, end: number, line: number): boolean {
    const starts = this.starts;
    const ends = this.ends;
    const count = splitCells(bytes, start, end, this.delimiter, starts, ends);
    if (count < this.needed) return false;
    const at = this.at;
    // id and customer: plain text of 1–200 characters (the general path trims and checks).
    const idStart = starts[at[0] as number] as number;
    const idEnd = ends[at[0] as number] as number;
    if (!plainCell(bytes, idStart, idEnd) || idEnd - idStart > 200) return false;
    const cStart = starts[at[1] as number] as number;
    const cEnd = ends[at[1] as number] as number;
    if (!plainCell(bytes, cStart, cEnd) || cEnd - cStart > 200) return false;
    // type: a known name (looked up once per distinct cell)
    const t = this.types.intern(
      bytes,
      starts[at[3] as number] as number,
      ends[at[3] as number] as number,
    );
    this.typeOf = grownMap(this.typeOf, t + 1);
    let type = this.typeOf[t] as number;
    if (type === -2) {
      type = this.builder.typeOf(this.types.text(t));
      this.typeOf[t] = type;
    }
    if (type < 0) return false;
    // timestamp
    const tsStart = starts[at[2] as number] as number;
    const tsEnd = ends[at[2] as number] as number;
    let time = tsEnd - tsStart === 20 ? utcStampAt(bytes, tsStart) : Number.NaN;
    if (Number.isNaN(time)) {
      const text = bytes.toString("utf8", tsStart, tsEnd);
      time = parseTimestamp(
        text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32)
          ? text.trim()
          : text,
      );
      if (Number.isNaN(time)) return false;
    }
    if (time > this.asOf) return false;
    // value and currency
    let value = Number.NaN;
    const vColumn = at[4] as number;
    if (vColumn >= 0 && (ends[vColumn] as number) > (starts[vColumn] as number)) {
      value = plainDecimal(bytes, starts[vColumn] as number, ends[vColumn] as number);
      if (Number.isNaN(value)) return false;
      if (value < 0 && type !== TYPE.downgrade) return false;
      const kColumn = at[5] as number;
      if (kColumn >= 0 && (ends[kColumn] as number) > (starts[kColumn] as number)) {
        const kStart = starts[kColumn] as number;
        const kEnd = ends[kColumn] as number;
        if (!plainCell(bytes, kStart, kEnd)) return false;
        if (!this.baseCurrency(this.currencies.intern(bytes, kStart, kEnd))) return false;
      }
    }
    // product, channel, initiator: blank or plain
    const product = this.name(bytes, at[6] as number, this.products);
    if (product === -3) return false;
    const channel = this.name(bytes, at[7] as number, this.channels);
    if (channel === -3) return false;
    let initiator = DEFAULT_INITIATOR[type] as number;
    const iColumn = at[8] as number;
    if (iColumn >= 0 && (ends[iColumn] as number) > (starts[iColumn] as number)) {
      const iStart = starts[iColumn] as number;
      const iEnd = ends[iColumn] as number;
      if (!plainCell(bytes, iStart, iEnd)) return false;
      const k = this.initiators.intern(bytes, iStart, iEnd);
      this.initiatorOf = grownMap(this.initiatorOf, k + 1);
      let code = this.initiatorOf[k] as number;
      if (code === -2) {
        code = initiatorCodeOf(this.initiators.text(k)) ?? -3;
        this.initiatorOf[k] = code;
      }
      if (code === -3) return false;
      initiator = code;
    }
    // duplicate id: the last check (it adds the id when new)
    if (!this.builder.seen.addBytes(bytes, idStart, idEnd)) return false;
    const customer = this.customerAt(bytes, cStart, cEnd);
    this.builder.addChecked(
      customer,
      time,
      type,
      value,
      product < 0 ? -1 : this.number(product, "product"),
      channel < 0 ? -1 : this.number(channel, "channel"),
      initiator,
      line,
    );
    return true;
  }

  /** The builder's index of the customer id `bytes[start, end)` (a plain cell), numbering it when new. */
  private customerAt(bytes: Buffer, start: number, end: number): number {
    let from = end;
    while (from > start) {
      const code = bytes[from - 1] as number;
      if (code < 48 || code > 57) break;
      from -= 1;
    }
    const digits = end - from;
    if (digits > 0 && digits <= 7 && !(digits > 1 && bytes[from] === 48)) {
      if (!this.prefixTried) {
        this.prefixTried = true;
        const first = Uint8Array.from(bytes.subarray(start, from));
        if (first.every((b) => b < 128)) this.customerPrefix = first;
      }
      const prefix = this.customerPrefix;
      let same = prefix !== null && prefix.length === from - start;
      for (let k = 0; same && k < (prefix as Uint8Array).length; k++) {
        same = bytes[start + k] === (prefix as Uint8Array)[k];
      }
      if (same) {
        let n = 0;
        for (let i = from; i < end; i++) n = n * 10 + ((bytes[i] as number) - 48);
        if (n >= this.customerByNumber.length) {
          const next = new Int32Array(Math.max(n + 1, this.customerByNumber.length * 2)).fill(-1);
          next.set(this.customerByNumber);
          this.customerByNumber = next;
        }
        let c = this.customerByNumber[n] as number;
        if (c < 0) {
          c = this.builder.customerNumber(bytes.toString("utf8", start, end));
          this.customerByNumber[n] = c;
        }
        return c;
      }
    }
    const k = this.customers.intern(bytes, start, end);
    this.customerOf = grownMap(this.customerOf, k + 1);
    let customer = this.customerOf[k] as number;
    if (customer === -2) {
      customer = this.builder.customerNumber(this.customers.text(k));
      this.customerOf[k] = customer;
    }
    return customer;
  }

  /**
   * Whether the interned currency cell `k` is the builder's currency (upper-cased), answered
   * once per distinct cell while the builder's currency stays the same.
   */
  private baseCurrency(k: number): boolean {
    const base = this.builder.currency;
    if (base !== this.currencyBase) {
      this.currencyBase = base;
      this.currencyOk.fill(0);
    }
    this.currencyOk = grownBytes(this.currencyOk, k + 1);
    let ok = this.currencyOk[k] as number;
    if (ok === 0) {
      ok = this.currencies.text(k).toUpperCase() === base ? 1 : 2;
      this.currencyOk[k] = ok;
    }
    return ok === 1;
  }

  /** A name cell: −1 blank or absent, −3 not plain, else its interner index. */
  private name(bytes: Buffer, column: number, names: ByteInterner): number {
    if (column < 0) return -1;
    const s = this.starts[column] as number;
    const e = this.ends[column] as number;
    if (e === s) return -1;
    if (!plainCell(bytes, s, e)) return -3;
    return names.intern(bytes, s, e);
  }

  /** The builder's number of an interned product or channel (numbered on first use). */
  private number(index: number, kind: "product" | "channel"): number {
    if (kind === "product") {
      this.productOf = grownMap(this.productOf, index + 1);
      let n = this.productOf[index] as number;
      if (n === -2) {
        n = this.builder.productNumber(this.products.text(index));
        this.productOf[index] = n;
      }
      return n;
    }
    this.channelOf = grownMap(this.channelOf, index + 1);
    let n = this.channelOf[index] as number;
    if (n === -2) {
      n = this.builder.channelNumber(this.channels.text(index));
      this.channelOf[index] = n;
    }
    return n;
  }
}
