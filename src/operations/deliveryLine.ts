import { ByteInterner, decodeUtf8, plainCell, splitCells, utcStampAt } from "../io/byteLines";
import type { DeliveryContext, DeliveryRecord } from "./deliveryRecords";
import { parseTimestamp, utcMs } from "./timestamp";

const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Reads the common timestamp shape `YYYY-MM-DDTHH:MM:SSZ` (20 characters, `T` or a space,
 * `Z`) at `at` in `text` into epoch milliseconds, without making a string; NaN when the text
 * there has another shape or a field out of range. Where it gives a number it is the number
 * `parseTimestamp` gives for the same 20 characters (a test checks this on generated text).
 *
 * @example
 * parseUtcStampAt("x,2024-03-01T09:30:00Z", 2) //=> Date.UTC(2024, 2, 1, 9, 30)
 */
export function parseUtcStampAt(text: string, at: number): number {
  const sep = text.charCodeAt(at + 10);
  const zone = text.charCodeAt(at + 19);
  if (
    text.charCodeAt(at + 4) !== 45 ||
    text.charCodeAt(at + 7) !== 45 ||
    text.charCodeAt(at + 13) !== 58 ||
    text.charCodeAt(at + 16) !== 58 ||
    (sep !== 84 && sep !== 32 && sep !== 116) ||
    (zone !== 90 && zone !== 122)
  )
    return Number.NaN;
  const y0 = text.charCodeAt(at + 0) - 48;
  const y1 = text.charCodeAt(at + 1) - 48;
  const y2 = text.charCodeAt(at + 2) - 48;
  const y3 = text.charCodeAt(at + 3) - 48;
  const m0 = text.charCodeAt(at + 5) - 48;
  const m1 = text.charCodeAt(at + 6) - 48;
  const d0 = text.charCodeAt(at + 8) - 48;
  const d1 = text.charCodeAt(at + 9) - 48;
  const h0 = text.charCodeAt(at + 11) - 48;
  const h1 = text.charCodeAt(at + 12) - 48;
  const i0 = text.charCodeAt(at + 14) - 48;
  const i1 = text.charCodeAt(at + 15) - 48;
  const s0 = text.charCodeAt(at + 17) - 48;
  const s1 = text.charCodeAt(at + 18) - 48;
  // Every digit in 0–9 (an unsigned compare rejects the negatives too).
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    h0 >>> 0 > 9 ||
    h1 >>> 0 > 9 ||
    i0 >>> 0 > 9 ||
    i1 >>> 0 > 9 ||
    s0 >>> 0 > 9 ||
    s1 >>> 0 > 9
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
  return utcMs(y, m, d) + h * 3_600_000 + mi * 60_000 + s * 1000;
}

/** True when the cell `text[start, end)` is not blank and has no space at either end (trim is a no-op). */
function plain(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  const a = text.charCodeAt(start);
  const b = text.charCodeAt(end - 1);
  return a > 32 && a < 127 && b > 32 && b < 127;
}

/**
 * The fast path of the delivery-record CSV reader: reads a line without quotes straight from
 * the chunk text (cells located by the delimiter, timestamps read in place) and returns its
 * record when the line is one the general path (`checkDeliveryCells`) keeps without any issue;
 * null for every other line (blank or padded cells, another cell count, a time zone cell, a
 * timestamp that does not parse, is after `asOf` or before `created`, an unknown attribute),
 * which the caller then hands to the general path, so issues are always the general path's.
 * A record returned equals the one the general path makes from the same line.
 *
 * @param context - The reader's context (calendar table, attributes, asOf).
 * @param delimiter - The one-character delimiter.
 * @param positions - The header cell of each field of `DELIVERY_FIELDS` (−1: absent).
 * @param width - The header's cell count.
 * @example
 * const read = deliveryLineReader(context, ",", positions, 9);
 * read(line, 0, line.length, 1, 2) // a DeliveryRecord, or null: use the general path
 */
export function deliveryLineReader(
  context: DeliveryContext,
  delimiter: string,
  positions: Int32Array,
  width: number,
): (text: string, start: number, end: number, row: number, line: number) => DeliveryRecord | null {
  const starts = new Int32Array(width);
  const ends = new Int32Array(width);
  const { table, attributes, asOf } = context;
  const zoneAt = positions[9] as number;
  const timeAt = [
    positions[2] as number,
    positions[3] as number,
    positions[4] as number,
    positions[5] as number,
    positions[6] as number,
  ];
  const times = new Float64Array(5);
  const sep = delimiter.charCodeAt(0);
  const text3 = (text: string, col: number): string | null | undefined => {
    if (col < 0) return null;
    const s = starts[col] as number;
    const e = ends[col] as number;
    if (e === s) return null;
    return plain(text, s, e) ? text.slice(s, e) : undefined;
  };
  return (text, start, end, row, line) => {
    let cell = 0;
    let from = start;
    for (let i = start; i < end; i++) {
      if (text.charCodeAt(i) === sep) {
        if (cell >= width - 1) return null;
        starts[cell] = from;
        ends[cell] = i;
        cell++;
        from = i + 1;
      }
    }
    starts[cell] = from;
    ends[cell] = end;
    cell++;
    if (cell !== width) return null;
    if (zoneAt >= 0 && (ends[zoneAt] as number) > (starts[zoneAt] as number)) return null;
    const idAt = positions[0] as number;
    const attributeAt = positions[1] as number;
    if (!plain(text, starts[idAt] as number, ends[idAt] as number)) return null;
    if (!plain(text, starts[attributeAt] as number, ends[attributeAt] as number)) return null;
    const attribute = text.slice(starts[attributeAt] as number, ends[attributeAt] as number);
    if (attributes !== null && !attributes.has(attribute)) return null;
    for (let k = 0; k < 5; k++) {
      const col = timeAt[k] as number;
      const s = col < 0 ? 0 : (starts[col] as number);
      const e = col < 0 ? 0 : (ends[col] as number);
      if (e === s) {
        if (k === 0) return null;
        times[k] = Number.NaN;
        continue;
      }
      if (!plain(text, s, e)) return null;
      const t = e - s === 20 ? parseUtcStampAt(text, s) : Number.NaN;
      const value = Number.isNaN(t) ? parseTimestamp(text.slice(s, e), table) : t;
      if (Number.isNaN(value) || value > asOf) return null;
      if (k > 0 && value < (times[0] as number)) return null;
      times[k] = value;
    }
    const region = text3(text, positions[7] as number);
    const channel = text3(text, positions[8] as number);
    if (region === undefined || channel === undefined) return null;
    const t1 = times[1] as number;
    const t2 = times[2] as number;
    const t3 = times[3] as number;
    const t4 = times[4] as number;
    return {
      row,
      line,
      id: text.slice(starts[idAt] as number, ends[idAt] as number),
      attribute,
      created: times[0] as number,
      firstResponse: Number.isNaN(t1) ? null : t1,
      resolved: Number.isNaN(t2) ? null : t2,
      promisedBy: Number.isNaN(t3) ? null : t3,
      delivered: Number.isNaN(t4) ? null : t4,
      region,
      channel,
      timeZone: null,
    };
  };
}

/**
 * What {@link deliveryBytesScanner} found on the last line it accepted: the five instants
 * (created, first response, resolved, promised by, delivered; NaN where blank), the interned
 * attribute, region and channel (indices of `names`, −1 where blank) and the id's byte range.
 */
export interface DeliveryScan {
  readonly times: Float64Array;
  readonly names: ByteInterner;
  attribute: number;
  region: number;
  channel: number;
  idStart: number;
  idEnd: number;
}

/**
 * The byte-level scan of a quote-free line `bytes[start, end)`: one pass splits the cells at
 * the delimiter, then `YYYY-MM-DDTHH:MM:SSZ` timestamps are read from their digits
 * (`utcStampAt`) and attributes, regions and channels interned by their bytes (one string per
 * distinct value, not per record). `scan` answers true only for a line the general path
 * (`checkDeliveryCells`) keeps without any issue, the values then in `result`; false for every
 * other line, which the caller hands to the general path.
 *
 * @example
 * const { scan, result } = deliveryBytesScanner(context, ",", positions, 9);
 * if (scan(bytes, 0, bytes.length)) result.times[0] // created, epoch ms
 */
export function deliveryBytesScanner(
  context: DeliveryContext,
  delimiter: string,
  positions: Int32Array,
  width: number,
): { scan: (bytes: Uint8Array, start: number, end: number) => boolean; result: DeliveryScan } {
  const starts = new Int32Array(width);
  const ends = new Int32Array(width);
  const { table, attributes, asOf } = context;
  const zoneAt = positions[9] as number;
  const idAt = positions[0] as number;
  const attributeAt = positions[1] as number;
  const regionAt = positions[7] as number;
  const channelAt = positions[8] as number;
  const timeAt = Int32Array.from([
    positions[2] as number,
    positions[3] as number,
    positions[4] as number,
    positions[5] as number,
    positions[6] as number,
  ]);
  const times = new Float64Array(5);
  const sep = delimiter.charCodeAt(0);
  const names = new ByteInterner();
  const result: DeliveryScan = {
    times,
    names,
    attribute: -1,
    region: -1,
    channel: -1,
    idStart: 0,
    idEnd: 0,
  };
  /** Per interned attribute: 1 known, 0 unknown, undefined not yet looked up. */
  const known: number[] = [];
  /** The interned label of a cell: −1 blank, −2 padded (not simple). */
  const label = (bytes: Uint8Array, col: number): number => {
    if (col < 0) return -1;
    const s = starts[col] as number;
    const e = ends[col] as number;
    if (e === s) return -1;
    return plainCell(bytes, s, e) ? names.intern(bytes, s, e) : -2;
  };
  const scan = (bytes: Uint8Array, start: number, end: number): boolean => {
    if (splitCells(bytes, start, end, sep, starts, ends) !== width) return false;
    if (zoneAt >= 0 && (ends[zoneAt] as number) > (starts[zoneAt] as number)) return false;
    const idStart = starts[idAt] as number;
    const idEnd = ends[idAt] as number;
    if (!plainCell(bytes, idStart, idEnd)) return false;
    const aStart = starts[attributeAt] as number;
    const aEnd = ends[attributeAt] as number;
    if (!plainCell(bytes, aStart, aEnd)) return false;
    const a = names.intern(bytes, aStart, aEnd);
    if (attributes !== null) {
      let ok = known[a];
      if (ok === undefined) {
        ok = attributes.has(names.text(a)) ? 1 : 0;
        known[a] = ok;
      }
      if (ok === 0) return false;
    }
    for (let k = 0; k < 5; k++) {
      const col = timeAt[k] as number;
      const s = col < 0 ? 0 : (starts[col] as number);
      const e = col < 0 ? 0 : (ends[col] as number);
      if (e === s) {
        if (k === 0) return false;
        times[k] = Number.NaN;
        continue;
      }
      if (!plainCell(bytes, s, e)) return false;
      const t = e - s === 20 ? utcStampAt(bytes, s) : Number.NaN;
      const value = Number.isNaN(t) ? parseTimestamp(decodeUtf8(bytes, s, e), table) : t;
      if (Number.isNaN(value) || value > asOf) return false;
      if (k > 0 && value < (times[0] as number)) return false;
      times[k] = value;
    }
    const region = label(bytes, regionAt);
    const channel = label(bytes, channelAt);
    if (region === -2 || channel === -2) return false;
    result.attribute = a;
    result.region = region;
    result.channel = channel;
    result.idStart = idStart;
    result.idEnd = idEnd;
    return true;
  };
  return { scan, result };
}

/**
 * The byte-level twin of {@link deliveryLineReader}, for the quote-free blocks the reader takes
 * from the file's bytes (through {@link deliveryBytesScanner}): returns a record only for a
 * line the general path keeps without any issue (the same conditions as
 * `deliveryLineReader`), null otherwise, and the record equals the general path's.
 *
 * @example
 * const read = deliveryBytesReader(context, ",", positions, 9);
 * read(bytes, 0, bytes.length, 1, 2) // a DeliveryRecord, or null: use the general path
 */
export function deliveryBytesReader(
  context: DeliveryContext,
  delimiter: string,
  positions: Int32Array,
  width: number,
): (
  bytes: Uint8Array,
  start: number,
  end: number,
  row: number,
  line: number,
) => DeliveryRecord | null {
  const { scan, result } = deliveryBytesScanner(context, delimiter, positions, width);
  const { times, names } = result;
  const text = (index: number) => (index < 0 ? null : names.text(index));
  return (bytes, start, end, row, line) => {
    if (!scan(bytes, start, end)) return null;
    const t1 = times[1] as number;
    const t2 = times[2] as number;
    const t3 = times[3] as number;
    const t4 = times[4] as number;
    return {
      row,
      line,
      id: decodeUtf8(bytes, result.idStart, result.idEnd),
      attribute: names.text(result.attribute),
      created: times[0] as number,
      firstResponse: Number.isNaN(t1) ? null : t1,
      resolved: Number.isNaN(t2) ? null : t2,
      promisedBy: Number.isNaN(t3) ? null : t3,
      delivered: Number.isNaN(t4) ? null : t4,
      region: text(result.region),
      channel: text(result.channel),
      timeZone: null,
    };
  };
}
