import { parseTimestamp } from "../relationship/parseTimestamp";
import {
  ByteInterner,
  decodeUtf8,
  plainCell,
  plainDecimal,
  splitCells,
  utcStampAt,
} from "./byteLines";

/**
 * The per-cell checks of an event line read from its bytes, shared by the one-thread line
 * reader (`EventLineReader`) and the range reader of the second thread (`EventRangeParser`),
 * so both keep exactly the same lines: as many cells as the header has (no more, no fewer),
 * found by offset, the id and customer plain text of 1–200 bytes, the timestamp read
 * (`YYYY-MM-DDTHH:MM:SSZ` from its bytes, any other shape by `parseTimestamp`), a value a plain decimal, a currency (read only with a value),
 * product, channel and initiator blank or plain. The type, currency, product, channel and
 * initiator cells are interned by their bytes (no string per cell). Nothing here depends on
 * earlier lines (the type's meaning, the as-of date, the set's currency, duplicate ids and
 * the numbering of customers are the callers' checks).
 *
 * After `check` returns true the fields hold the line's cells: `idStart`/`idEnd` and
 * `customerStart`/`customerEnd` (byte ranges), `time` (epoch ms), `value` (NaN when blank),
 * and the interner index of `type`, `currency`, `product`, `channel` and `initiator` (−1
 * blank or absent).
 *
 * @example
 * const cells = new EventCells(at, 8, 44);
 * if (cells.check(bytes, start, end)) cells.types.text(cells.type) //=> "purchase"
 */
export class EventCells {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly delimiter: number;
  private readonly idColumn: number;
  private readonly customerColumn: number;
  private readonly timeColumn: number;
  private readonly typeColumn: number;
  private readonly valueColumn: number;
  private readonly currencyColumn: number;
  private readonly productColumn: number;
  private readonly channelColumn: number;
  private readonly initiatorColumn: number;
  readonly types = new ByteInterner();
  readonly currencies = new ByteInterner();
  readonly products = new ByteInterner();
  readonly channels = new ByteInterner();
  readonly initiators = new ByteInterner();
  idStart = 0;
  idEnd = 0;
  customerStart = 0;
  customerEnd = 0;
  time = Number.NaN;
  value = Number.NaN;
  type = -1;
  currency = -1;
  product = -1;
  channel = -1;
  initiator = -1;

  /**
   * @param at - The header column of each event field (id, customer, timestamp, type, value,
   * currency, product, channel, initiator; −1 absent; the first four present).
   * @param width - The header's cell count.
   * @param delimiter - The delimiter's byte.
   */
  constructor(at: ArrayLike<number>, width: number, delimiter: number) {
    this.delimiter = delimiter;
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
    this.idColumn = at[0] as number;
    this.customerColumn = at[1] as number;
    this.timeColumn = at[2] as number;
    this.typeColumn = at[3] as number;
    this.valueColumn = at[4] as number;
    this.currencyColumn = at[5] as number;
    this.productColumn = at[6] as number;
    this.channelColumn = at[7] as number;
    this.initiatorColumn = at[8] as number;
  }

  /** Checks the line `bytes[start, end)` (without its line break); true when every cell passes. */
  check(bytes: Uint8Array, start: number, end: number): boolean {
    const starts = this.starts;
    const ends = this.ends;
    const count = splitCells(bytes, start, end, this.delimiter, starts, ends);
    // Another cell count than the header's (−1: more): the general path excludes the row.
    if (count !== starts.length) return false;
    const idStart = starts[this.idColumn] as number;
    const idEnd = ends[this.idColumn] as number;
    if (!plainCell(bytes, idStart, idEnd) || idEnd - idStart > 200) return false;
    const cStart = starts[this.customerColumn] as number;
    const cEnd = ends[this.customerColumn] as number;
    if (!plainCell(bytes, cStart, cEnd) || cEnd - cStart > 200) return false;
    const type = this.types.intern(
      bytes,
      starts[this.typeColumn] as number,
      ends[this.typeColumn] as number,
    );
    const tsStart = starts[this.timeColumn] as number;
    const tsEnd = ends[this.timeColumn] as number;
    let time = tsEnd - tsStart === 20 ? utcStampAt(bytes, tsStart) : Number.NaN;
    if (Number.isNaN(time)) {
      const text = decodeUtf8(bytes, tsStart, tsEnd);
      time = parseTimestamp(
        text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32)
          ? text.trim()
          : text,
      );
      if (Number.isNaN(time)) return false;
    }
    let value = Number.NaN;
    let currency = -1;
    const vColumn = this.valueColumn;
    if (vColumn >= 0 && (ends[vColumn] as number) > (starts[vColumn] as number)) {
      value = plainDecimal(bytes, starts[vColumn] as number, ends[vColumn] as number);
      if (Number.isNaN(value)) return false;
      const kColumn = this.currencyColumn;
      if (kColumn >= 0 && (ends[kColumn] as number) > (starts[kColumn] as number)) {
        const kStart = starts[kColumn] as number;
        const kEnd = ends[kColumn] as number;
        if (!plainCell(bytes, kStart, kEnd)) return false;
        currency = this.currencies.intern(bytes, kStart, kEnd);
      }
    }
    const product = this.name(bytes, this.productColumn, this.products);
    if (product === -3) return false;
    const channel = this.name(bytes, this.channelColumn, this.channels);
    if (channel === -3) return false;
    const initiator = this.name(bytes, this.initiatorColumn, this.initiators);
    if (initiator === -3) return false;
    this.idStart = idStart;
    this.idEnd = idEnd;
    this.customerStart = cStart;
    this.customerEnd = cEnd;
    this.time = time;
    this.value = value;
    this.type = type;
    this.currency = currency;
    this.product = product;
    this.channel = channel;
    this.initiator = initiator;
    return true;
  }

  /** A name cell: −1 blank or absent, −3 not plain, else its interner index. */
  private name(bytes: Uint8Array, column: number, names: ByteInterner): number {
    if (column < 0) return -1;
    const s = this.starts[column] as number;
    const e = this.ends[column] as number;
    if (e === s) return -1;
    if (!plainCell(bytes, s, e)) return -3;
    return names.intern(bytes, s, e);
  }
}
