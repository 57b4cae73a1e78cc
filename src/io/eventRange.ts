import { prefixBeforeDigits, prefixedNumber } from "../_lib/prefixedNumber";
import { ByteInterner, hasQuote } from "./byteLines";
import { EventCells } from "./eventCells";
import { readLineBlocks } from "./readLineBlocks";

/** What a worker of the parallel event reader is asked to read. */
export interface EventRangeJob {
  readonly path: string;
  /** First byte of the range (the start of a line). */
  readonly start: number;
  /** End of the range (the file's size). */
  readonly end: number;
  /** The header column of each event field (id, customer, timestamp, type, value, currency, product, channel, initiator; −1 absent). */
  readonly at: readonly number[];
  /** The header's cell count. */
  readonly width: number;
  /** The delimiter's byte. */
  readonly delimiter: number;
}

/**
 * A byte range of an events file read into compact columns, one entry per non-empty line
 * (`records` of them), without any state that depends on the lines before the range: every
 * label is numbered in the range's own tables, ids and customers of the form prefix + number
 * are kept as numbers. `kind` 0 marks a line that passed every check that does not depend on
 * earlier lines (the rest is checked when the ranges are joined), 1 a line for the general path.
 */
export interface EventRangeResult {
  readonly ok: true;
  readonly records: number;
  /** Line breaks in the range (its lines, empty ones included). */
  readonly lines: number;
  readonly kind: Uint8Array;
  /** The record's line, counted from 1 at the range's first line. */
  readonly line: Int32Array;
  /** Byte offset of the record's line in the file. */
  readonly offset: Float64Array;
  /** The id's number after `idPrefix`. */
  readonly id: Int32Array;
  /** The customer's number after `customerPrefix` (≥ 0), or −(k + 1) for `customerTexts[k]`. */
  readonly customer: Int32Array;
  readonly time: Float64Array;
  readonly type: Int16Array;
  readonly value: Float64Array;
  /** Index in `currencyTexts`, −1 none. */
  readonly currency: Int16Array;
  readonly product: Int32Array;
  readonly channel: Int32Array;
  /** Index in `initiatorTexts`, −1 blank. */
  readonly initiator: Int16Array;
  readonly idPrefix: string;
  readonly customerPrefix: string;
  readonly customerTexts: readonly string[];
  readonly typeTexts: readonly string[];
  readonly currencyTexts: readonly string[];
  readonly productTexts: readonly string[];
  readonly channelTexts: readonly string[];
  readonly initiatorTexts: readonly string[];
}

/** Why a range is not read in parallel (the main thread then reads it). */
export interface EventRangeRefusal {
  readonly ok: false;
  readonly reason: string;
}

/** Lines looked at before the share of general-path lines is judged. */
const JUDGE_AFTER = 10_000;
/** Largest share of general-path lines a parallel range may have. */
const SLOW_SHARE = 0.01;
const SMALL_LABELS = 32_000;

function grow<T extends Float64Array | Int32Array | Int16Array | Uint8Array>(a: T, n: number): T {
  const next = new (a.constructor as new (n: number) => T)(n);
  next.set(a);
  return next;
}

/**
 * Reads the lines of `bytes` one range of an events file holds into columns (see
 * {@link EventRangeResult}): the byte checks of `EventLineReader.read` (cells by offset,
 * plain ids and names, timestamps, decimals), none of the checks that depend on earlier lines
 * (duplicate ids, the set's currency, numbering of customers and names). Refuses the range
 * (the caller reads it itself) when it holds a double quote (a quoted cell may span lines), or
 * when more than 1% of its lines would need the general path (ids that are not prefix + number).
 */
export class EventRangeParser {
  private n = 0;
  private slow = 0;
  private lines = 0;
  private capacity: number;
  private kind: Uint8Array;
  private line: Int32Array;
  private offset: Float64Array;
  private id: Int32Array;
  private customer: Int32Array;
  private time: Float64Array;
  private type: Int16Array;
  private value: Float64Array;
  private currency: Int16Array;
  private product: Int32Array;
  private channel: Int32Array;
  private initiator: Int16Array;
  private idPrefix: Uint8Array | null = null;
  private customerPrefix: Uint8Array | null = null;
  private readonly customers = new ByteInterner();
  /** The per-cell checks, shared with the one-thread line reader. */
  private readonly cells: EventCells;
  refusal: string | null = null;

  constructor(job: EventRangeJob) {
    this.cells = new EventCells(job.at, job.width, job.delimiter);
    this.capacity = Math.max(1024, Math.floor((job.end - job.start) / 48));
    const c = this.capacity;
    this.kind = new Uint8Array(c);
    this.line = new Int32Array(c);
    this.offset = new Float64Array(c);
    this.id = new Int32Array(c);
    this.customer = new Int32Array(c);
    this.time = new Float64Array(c);
    this.type = new Int16Array(c);
    this.value = new Float64Array(c);
    this.currency = new Int16Array(c);
    this.product = new Int32Array(c);
    this.channel = new Int32Array(c);
    this.initiator = new Int16Array(c);
  }

  /** Reads a block of whole lines (`fileOffset` is the file offset of `bytes[start]`). */
  block(bytes: Uint8Array, start: number, end: number, fileOffset: number): void {
    if (this.refusal !== null) return;
    if (hasQuote(bytes, start, end)) {
      this.refusal = "a double quote";
      return;
    }
    let pos = start;
    while (pos < end) {
      let lf = bytes.indexOf(10, pos);
      const last = lf < 0 || lf >= end;
      if (last) lf = end;
      this.lines += last ? 0 : 1;
      const lineNo = this.lines + (last ? 1 : 0);
      if (lf > pos) {
        const at = this.record();
        this.line[at] = lineNo;
        this.offset[at] = fileOffset + (pos - start);
        // A last line without a line break goes to the general path (as it does on one thread).
        this.kind[at] = last || !this.read(bytes, pos, lf, at) ? 1 : 0;
        if (this.kind[at] === 1) this.slow += 1;
      }
      pos = lf + 1;
    }
    if (this.n >= JUDGE_AFTER && this.slow > this.n * SLOW_SHARE) {
      this.refusal = "many lines for the general path";
    }
  }

  private record(): number {
    if (this.n === this.capacity) {
      const c = this.capacity * 2;
      this.kind = grow(this.kind, c);
      this.line = grow(this.line, c);
      this.offset = grow(this.offset, c);
      this.id = grow(this.id, c);
      this.customer = grow(this.customer, c);
      this.time = grow(this.time, c);
      this.type = grow(this.type, c);
      this.value = grow(this.value, c);
      this.currency = grow(this.currency, c);
      this.product = grow(this.product, c);
      this.channel = grow(this.channel, c);
      this.initiator = grow(this.initiator, c);
      this.capacity = c;
    }
    const at = this.n;
    this.n += 1;
    return at;
  }

  /** The byte checks of one line (those of `EventLineReader`); false sends it to the general path. */
  private read(bytes: Uint8Array, start: number, end: number, r: number): boolean {
    const cells = this.cells;
    if (!cells.check(bytes, start, end)) return false;
    if (
      cells.type >= SMALL_LABELS ||
      cells.currency >= SMALL_LABELS ||
      cells.initiator >= SMALL_LABELS
    )
      return false;
    const idStart = cells.idStart;
    const idEnd = cells.idEnd;
    this.idPrefix ??= prefixBeforeDigits(bytes, idStart, idEnd);
    if (this.idPrefix === null) return false;
    const id = prefixedNumber(bytes, idStart, idEnd, this.idPrefix, 9);
    if (id < 0) return false;
    const cStart = cells.customerStart;
    const cEnd = cells.customerEnd;
    this.customerPrefix ??= prefixBeforeDigits(bytes, cStart, cEnd);
    let customer =
      this.customerPrefix === null
        ? -1
        : prefixedNumber(bytes, cStart, cEnd, this.customerPrefix, 9);
    // Customer numbers beyond 7 digits are numbered as texts (as EventLineReader does).
    if (customer < 0 || customer > 9_999_999) {
      customer = -(this.customers.intern(bytes, cStart, cEnd) + 1);
    }
    this.id[r] = id;
    this.customer[r] = customer;
    this.time[r] = cells.time;
    this.type[r] = cells.type;
    this.value[r] = cells.value;
    this.currency[r] = cells.currency;
    this.product[r] = cells.product;
    this.channel[r] = cells.channel;
    this.initiator[r] = cells.initiator;
    return true;
  }

  /** The columns read (or the refusal). */
  result(): EventRangeResult | EventRangeRefusal {
    if (this.refusal !== null) return { ok: false, reason: this.refusal };
    const texts = (interner: ByteInterner): string[] =>
      Array.from({ length: interner.size }, (_, k) => interner.text(k));
    const ascii = (bytes: Uint8Array | null): string =>
      bytes === null ? "" : String.fromCharCode(...bytes);
    return {
      ok: true,
      records: this.n,
      lines: this.lines,
      kind: this.kind,
      line: this.line,
      offset: this.offset,
      id: this.id,
      customer: this.customer,
      time: this.time,
      type: this.type,
      value: this.value,
      currency: this.currency,
      product: this.product,
      channel: this.channel,
      initiator: this.initiator,
      idPrefix: ascii(this.idPrefix),
      customerPrefix: ascii(this.customerPrefix),
      customerTexts: texts(this.customers),
      typeTexts: texts(this.cells.types),
      currencyTexts: texts(this.cells.currencies),
      productTexts: texts(this.cells.products),
      channelTexts: texts(this.cells.channels),
      initiatorTexts: texts(this.cells.initiators),
    };
  }
}

/** Reads a job's range of the file (see {@link EventRangeParser}). Node only. */
export async function readEventRange(
  job: EventRangeJob,
): Promise<EventRangeResult | EventRangeRefusal> {
  const parser = new EventRangeParser(job);
  let base = job.start;
  await readLineBlocks(
    job.path,
    (bytes, start, end) => {
      parser.block(bytes, start, end, base);
      base += end - start;
    },
    job.start,
    job.end,
  );
  return parser.result();
}

/** The buffers of a result, to move them to the main thread instead of copying them. */
export function transferList(result: EventRangeResult | EventRangeRefusal): ArrayBuffer[] {
  if (!result.ok) return [];
  return [
    result.kind,
    result.line,
    result.offset,
    result.id,
    result.customer,
    result.time,
    result.type,
    result.value,
    result.currency,
    result.product,
    result.channel,
    result.initiator,
  ].map((column) => column.buffer as ArrayBuffer);
}
