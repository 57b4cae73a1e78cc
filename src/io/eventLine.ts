import { FORMULA_START, riskyLabel } from "../_lib/labelRisk";
import { prefixedNumber, trailingDigitsStart } from "../_lib/prefixedNumber";
import type { EventSetBuilder } from "../relationship/eventSetBuilder";
import { DEFAULT_INITIATOR, initiatorCodeOf, TYPE } from "../relationship/eventTypes";
import { ByteInterner } from "./byteLines";
import { EventCells } from "./eventCells";

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

/** 1 for each ASCII byte a cell that starts like a spreadsheet formula starts with (`FORMULA_START`). */
const FORMULA_BYTE = Uint8Array.from({ length: 128 }, (_, c) =>
  FORMULA_START.test(String.fromCharCode(c)) ? 1 : 0,
);

/**
 * Whether the event id `bytes[start, end)` (a plain cell) certainly gets no label issue: it
 * neither starts like a formula nor holds a `<` (the general path decides the rest).
 */
function plainId(bytes: Buffer, start: number, end: number): boolean {
  if (FORMULA_BYTE[bytes[start] as number] === 1) return false;
  for (let i = start; i < end; i++) if (bytes[i] === 60) return false;
  return true;
}

/** A label's risk by its interner index: 0 not yet asked, 1 none, 2 a label issue. */
const UNKNOWN = 0;
const RISKY = 2;

/** The customer key of a customer id with a label issue (see `EventLineReader.customerKey`). */
const RISKY_CUSTOMER = -0x80000000;

/**
 * The fast path of `readEventsCsv` for a line without quotes, read from the file's bytes:
 * cells located by offset, the timestamp, value and names read without a string per cell
 * (customers, types, currencies, products and channels interned by their bytes). It keeps the
 * event (through `EventSetBuilder.addChecked`) and returns true only when the general path
 * (`EventSetBuilder.add` on the decoded cells) would keep it without any issue (a label that
 * starts like a formula or holds markup is one: `riskyLabel`, asked once per distinct
 * customer, product and channel; the usual prefix + number customers once); otherwise it
 * changes nothing and returns false, and the caller hands the line to the general path, so
 * every issue and exclusion is the general path's.
 *
 * @example
 * const line = new EventLineReader(builder, at, 8, ",");
 * line.read(bytes, start, end, 2) //=> true (kept) or false (use the general path)
 */
export class EventLineReader {
  private readonly builder: EventSetBuilder;
  /** The per-cell checks, shared with the range reader of the second thread. */
  private readonly cells: EventCells;
  private readonly customers = new ByteInterner();
  private customerOf: Int32Array = new Int32Array(1024).fill(-2);
  private typeOf: Int32Array = new Int32Array(64).fill(-2);
  /** Per interned currency cell: 0 not yet compared, 1 the builder's currency, 2 another. */
  private currencyOk: Uint8Array = new Uint8Array(16);
  /** The builder's currency `currencyOk` was filled for. */
  private currencyBase: string | null = null;
  private productOf: Int32Array = new Int32Array(64).fill(-2);
  private channelOf: Int32Array = new Int32Array(64).fill(-2);
  private initiatorOf: Int32Array = new Int32Array(16).fill(-2);
  /** Per interned customer, product and channel: `riskyLabel` (UNKNOWN, 1 or RISKY). */
  private customerRisk: Uint8Array = new Uint8Array(1024);
  private productRisk: Uint8Array = new Uint8Array(64);
  private channelRisk: Uint8Array = new Uint8Array(64);
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
    this.cells = new EventCells(at, width, delimiter.charCodeAt(0));
    this.asOf = builder.asOf;
  }

  /** Reads the line `bytes[start, end)` (without its line break); true when the event was kept. */
  read(bytes: Buffer, start: number, end: number, line: number): boolean {
    const cells = this.cells;
    if (!cells.check(bytes, start, end)) return false;
    // type: a known name (looked up once per distinct cell)
    const t = cells.type;
    this.typeOf = grownMap(this.typeOf, t + 1);
    let type = this.typeOf[t] as number;
    if (type === -2) {
      type = this.builder.typeOf(cells.types.text(t));
      this.typeOf[t] = type;
    }
    if (type < 0) return false;
    const time = cells.time;
    if (time > this.asOf) return false;
    const value = cells.value;
    if (value < 0 && type !== TYPE.downgrade) return false;
    const currency = cells.currency;
    if (currency >= 0 && !this.baseCurrency(currency)) return false;
    let initiator = DEFAULT_INITIATOR[type] as number;
    const k = cells.initiator;
    if (k >= 0) {
      this.initiatorOf = grownMap(this.initiatorOf, k + 1);
      let code = this.initiatorOf[k] as number;
      if (code === -2) {
        code = initiatorCodeOf(cells.initiators.text(k)) ?? -3;
        this.initiatorOf[k] = code;
      }
      if (code === -3) return false;
      initiator = code;
    }
    // labels that start like a formula or hold markup: the general path warns of them
    if (!plainId(bytes, cells.idStart, cells.idEnd)) return false;
    // (a name already asked is one load and compare)
    const product = cells.product;
    if (product >= 0 && this.productRisk[product] !== 1 && this.risky(product, "product"))
      return false;
    const channel = cells.channel;
    if (channel >= 0 && this.channelRisk[channel] !== 1 && this.risky(channel, "channel"))
      return false;
    const key = this.customerKey(bytes, cells.customerStart, cells.customerEnd);
    if (key === RISKY_CUSTOMER) return false;
    // duplicate id: the last check (it adds the id when new)
    if (!this.builder.seen.addBytes(bytes, cells.idStart, cells.idEnd)) return false;
    this.builder.addChecked(
      this.customerAt(key, bytes, cells.customerStart, cells.customerEnd),
      time,
      type,
      value,
      product < 0 ? -1 : this.number(product, "product"),
      channel < 0 ? -1 : this.number(channel, "channel"),
      initiator,
      line,
    );
    // A value without a currency once a currency is met: the builder notes it (see
    // EventSetBuilder.notesBlankCurrency), as the general path does.
    if (currency < 0 && !Number.isNaN(value) && this.builder.notesBlankCurrency) {
      this.builder.noteBlankCurrency();
    }
    return true;
  }

  /**
   * The key of the customer id `bytes[start, end)` (a plain cell): its number n ≥ 0 when it is
   * the usual prefix and 1–7 digits without a leading zero, −(k + 1) for the k-th other id
   * interned, {@link RISKY_CUSTOMER} for an id with a label issue. Numbers nothing in the
   * builder (the event may still go to the general path).
   */
  private customerKey(bytes: Buffer, start: number, end: number): number {
    if (!this.prefixTried) this.findCustomerPrefix(bytes, start, end);
    const prefix = this.customerPrefix;
    if (prefix !== null) {
      // The usual id: the known prefix and 1–7 digits without a leading zero, read in one pass.
      const n = prefixedNumber(bytes, start, end, prefix, 7);
      if (n >= 0) return n;
    }
    const k = this.customers.intern(bytes, start, end);
    this.customerRisk = grownBytes(this.customerRisk, k + 1);
    let risk = this.customerRisk[k] as number;
    if (risk === UNKNOWN) {
      risk = riskyLabel(this.customers.text(k)) ? RISKY : 1;
      this.customerRisk[k] = risk;
    }
    return risk === RISKY ? RISKY_CUSTOMER : -(k + 1);
  }

  /** The builder's index of the customer of key `key` (see `customerKey`), numbering it when new. */
  private customerAt(key: number, bytes: Buffer, start: number, end: number): number {
    if (key >= 0) {
      if (key >= this.customerByNumber.length) {
        const next = new Int32Array(Math.max(key + 1, this.customerByNumber.length * 2)).fill(-1);
        next.set(this.customerByNumber);
        this.customerByNumber = next;
      }
      let c = this.customerByNumber[key] as number;
      if (c < 0) {
        c = this.builder.customerNumber(bytes.toString("utf8", start, end));
        this.customerByNumber[key] = c;
      }
      return c;
    }
    const k = -key - 1;
    this.customerOf = grownMap(this.customerOf, k + 1);
    let customer = this.customerOf[k] as number;
    if (customer === -2) {
      customer = this.builder.customerNumber(this.customers.text(k));
      this.customerOf[k] = customer;
    }
    return customer;
  }

  /**
   * The first customer id ending in 1–7 digits without a leading zero fixes the prefix of the
   * usual ids (null when that prefix is not ASCII or has a label issue: every id then takes
   * the interned path).
   */
  private findCustomerPrefix(bytes: Buffer, start: number, end: number): void {
    const from = trailingDigitsStart(bytes, start, end);
    const digits = end - from;
    if (digits > 0 && digits <= 7 && !(digits > 1 && bytes[from] === 48)) {
      this.prefixTried = true;
      const first = Uint8Array.from(bytes.subarray(start, from));
      // A prefix with a label issue (such as "=") gives every id of it one, and no prefix
      // gives it to some of its ids only: its ids are then interned, asked one by one.
      if (first.every((b) => b < 128) && !riskyLabel(`${String.fromCharCode(...first)}1`)) {
        this.customerPrefix = first;
      }
    }
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
      ok = this.cells.currencies.text(k).toUpperCase() === base ? 1 : 2;
      this.currencyOk[k] = ok;
    }
    return ok === 1;
  }

  /** Whether the interned product or channel `index` has a label issue (asked once per name). */
  private risky(index: number, kind: "product" | "channel"): boolean {
    let risks = kind === "product" ? this.productRisk : this.channelRisk;
    if (index >= risks.length) {
      risks = grownBytes(risks, index + 1);
      if (kind === "product") this.productRisk = risks;
      else this.channelRisk = risks;
    }
    let risk = risks[index] as number;
    if (risk === UNKNOWN) {
      const names = kind === "product" ? this.cells.products : this.cells.channels;
      risk = riskyLabel(names.text(index)) ? RISKY : 1;
      risks[index] = risk;
    }
    return risk === RISKY;
  }

  /** The builder's number of an interned product or channel (numbered on first use). */
  private number(index: number, kind: "product" | "channel"): number {
    if (kind === "product") {
      this.productOf = grownMap(this.productOf, index + 1);
      let n = this.productOf[index] as number;
      if (n === -2) {
        n = this.builder.productNumber(this.cells.products.text(index));
        this.productOf[index] = n;
      }
      return n;
    }
    this.channelOf = grownMap(this.channelOf, index + 1);
    let n = this.channelOf[index] as number;
    if (n === -2) {
      n = this.builder.channelNumber(this.cells.channels.text(index));
      this.channelOf[index] = n;
    }
    return n;
  }
}
