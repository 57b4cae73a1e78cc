import { closestName, editDistance } from "../_lib/closestName";
import { IssueLog, type IssueLogSummary, mergeIssueLogs } from "../_lib/issueLog";
import { formulaLike, holdsMarkup } from "../_lib/labelRisk";
import { type Notice, notice } from "../_lib/notice";
import { parseDecimal } from "../_lib/parseDecimal";
import type { Issue, IssueCode } from "../_lib/ServqualError";
import { cellText, showCell } from "../responses/parseAnswer";
import { CurrencyBase, type SettledCurrency } from "./currencyBase";
import type { ResolvedEventOptions } from "./eventOptions";
import {
  DEFAULT_INITIATOR,
  EVENT_TYPES,
  initiatorCodeOf,
  normalizeTypeName,
  TYPE,
} from "./eventTypes";
import { IdSet } from "./idSet";
import { parseTimestamp as parseTimestampTrimmed } from "./parseTimestamp";
import { rememberSortedColumns, sortEvents } from "./sortEvents";
import type { EventSet, EventValidationReport, ValidatedEvents } from "./types";

/** Where a record is: its 1-based row and, in a file, its line. */
export interface EventWhere {
  readonly row: number;
  readonly line?: number;
}

/** A currency code as the event model has it (ISO 4217 form: three letters). */
const CURRENCY_CODE = /^[A-Za-z]{3}$/;

/** Distinct raw type names remembered (beyond it, names are resolved each time). */
const TYPE_CACHE_LIMIT = 10_000;

function grow<T extends Float64Array | Int32Array | Uint8Array | Int8Array>(
  array: T,
  size: number,
): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

function blank(cell: unknown): boolean {
  if (cell === undefined || cell === null) return true;
  if (typeof cell !== "string") return false;
  // Fast path: a cell that starts with a visible character is not blank.
  return cell.length === 0 || (cell.charCodeAt(0) <= 32 && cell.trim().length === 0);
}

/** An id cell as text (strings trimmed, integers written out), or null when unusable. */
function idText(cell: unknown): string | null {
  if (typeof cell === "string") {
    const text = cell.trim();
    return text.length > 0 && text.length <= 200 ? text : null;
  }
  if (typeof cell === "number" && Number.isSafeInteger(cell)) return String(cell);
  return null;
}

/**
 * Builds an {@link EventSet} record by record, recording every problem in one
 * {@link IssueLog}: the engine behind `validateEvents` and `readEventsCsv`. Each record is
 * used or excluded (with coded reasons), so events in = used + excluded.
 */
export class EventSetBuilder {
  private readonly options: ResolvedEventOptions;
  readonly log: IssueLog;
  private size = 0;
  private capacity: number;
  private customerCol: Int32Array;
  private timeCol: Float64Array;
  private typeCol: Uint8Array;
  private valueCol: Float64Array;
  private productCol: Int32Array;
  private channelCol: Int32Array;
  private initiatorCol: Int8Array;
  private sourceCol: Int32Array;
  private readonly customerIndex = new Map<string, number>();
  private readonly customerIds: string[] = [];
  private readonly productIndex = new Map<string, number>();
  private readonly productNames: string[] = [];
  private readonly channelIndex = new Map<string, number>();
  private readonly channelNames: string[] = [];
  /** Event ids seen (a reader's fast path adds through `seen.addBytes`). */
  readonly seen = new IdSet();
  private readonly typeCache = new Map<string, number>();
  /** Customers met only in excluded records (removed once they have a usable event). */
  private readonly unusedCustomers = new Map<string, EventWhere>();
  /** The base currency given by `options.currency`, or null: settled at the end. */
  private readonly fixedCurrency: string | null;
  /** The base currency while it is not fixed (the values in others are noted). */
  private readonly currencies = new CurrencyBase();
  /** The kept-event count at each excluded record, in order (a kept event's row follows). */
  private readonly excludedAt: number[] = [];
  /** Whether records have file lines (the event's `source` is then its line). */
  private lines = false;
  private eventsIn = 0;
  private duplicates = 0;
  private valuesDropped = 0;

  constructor(options: ResolvedEventOptions, expected = 1024) {
    this.options = options;
    this.log = new IssueLog(options);
    this.capacity = Math.max(16, expected);
    this.customerCol = new Int32Array(this.capacity);
    this.timeCol = new Float64Array(this.capacity);
    this.typeCol = new Uint8Array(this.capacity);
    this.valueCol = new Float64Array(this.capacity);
    this.productCol = new Int32Array(this.capacity);
    this.channelCol = new Int32Array(this.capacity);
    this.initiatorCol = new Int8Array(this.capacity);
    this.sourceCol = new Int32Array(this.capacity);
    this.fixedCurrency = options.currency;
    for (const [name, type] of Object.entries(options.typeMap)) {
      this.typeCache.set(normalizeTypeName(name), EVENT_TYPES.indexOf(type));
    }
  }

  private issue(code: IssueCode, message: string, where: EventWhere, column: string): void {
    this.log.record({ code, message, row: where.row, ...lineOf(where), column });
  }

  /** Excludes a record: one issue and one excluded row naming it. */
  excludeRecord(
    code: Notice["code"] & IssueCode,
    message: string,
    where: EventWhere,
    column: string,
    id: string | null,
  ): void {
    this.excludeWith(code, code, message, where, column, id);
  }

  /** Excludes a record whose issue code and exclusion reason differ (e.g. `ragged-row`). */
  excludeWith(
    code: IssueCode,
    reason: Notice["code"],
    message: string,
    where: EventWhere,
    column: string,
    id: string | null,
  ): void {
    this.eventsIn += 1;
    if (this.fixedCurrency === null) this.excludedAt.push(this.size);
    this.issue(code, message, where, column);
    this.log.exclude({ row: where.row, ...lineOf(where), id, reasons: [notice(reason, message)] });
  }

  /** The as-of instant (events after it are excluded). */
  get asOf(): number {
    return this.options.asOf;
  }

  /**
   * The currency a fast path may keep a value in without telling the builder: the fixed
   * base, else the first currency met (null before it). Without `options.currency` the base
   * is settled by `finish` (see {@link CurrencyBase}).
   */
  get currency(): string | null {
    return this.fixedCurrency ?? this.currencies.current;
  }

  /**
   * True when a fast path that keeps an event with a value but no currency must then call
   * {@link noteBlankCurrency} (a currency was met and the base is not fixed).
   */
  get notesBlankCurrency(): boolean {
    return this.fixedCurrency === null && this.currencies.notesBlanks;
  }

  /** Notes that the event just kept by `addChecked` has a value and no currency. */
  noteBlankCurrency(): void {
    this.currencies.blank(this.size - 1);
  }

  /** The index of a customer id (trimmed text), adding the customer when new. */
  customerNumber(customer: string): number {
    let c = this.customerIndex.get(customer);
    if (c === undefined) {
      c = this.customerIds.length;
      this.customerIds.push(customer);
      this.customerIndex.set(customer, c);
      this.unusedCustomers.delete(customer);
    }
    return c;
  }

  /** The index of a product name (trimmed, non-blank), adding it when new. */
  productNumber(product: string): number {
    return intern(product, this.productIndex, this.productNames);
  }

  /** The index of a channel name (trimmed, non-blank), adding it when new. */
  channelNumber(channel: string): number {
    return intern(channel, this.channelIndex, this.channelNames);
  }

  /**
   * Adds an event a reader has already checked in full, exactly as `add` would have kept it
   * (id new in `seen` and added there, customer and names numbered, timestamp parsed and not
   * after `asOf`, value valid in the set's currency (`currency`) or NaN, initiator
   * resolved): the fast path of `readEventsCsv`. `line` is the event's line in the file. A
   * kept value without a currency is then noted by `noteBlankCurrency` when
   * `notesBlankCurrency` says so.
   */
  addChecked(
    customer: number,
    time: number,
    type: number,
    value: number,
    product: number,
    channel: number,
    initiator: number,
    line: number,
  ): void {
    if (this.size === this.capacity) this.enlarge();
    const at = this.size;
    this.customerCol[at] = customer;
    this.timeCol[at] = time;
    this.typeCol[at] = type;
    this.valueCol[at] = value;
    this.productCol[at] = product;
    this.channelCol[at] = channel;
    this.initiatorCol[at] = initiator;
    this.sourceCol[at] = line;
    this.size += 1;
    this.eventsIn += 1;
    this.lines = true;
  }

  /** The event type of a type cell (custom names mapped by `typeMap`), or −1. */
  typeOf(cell: unknown): number {
    if (typeof cell !== "string") return -1;
    const cached = this.typeCache.get(cell);
    if (cached !== undefined) return cached;
    const name = normalizeTypeName(cell);
    let type = this.typeCache.get(name);
    if (type === undefined) type = EVENT_TYPES.indexOf(name as (typeof EVENT_TYPES)[number]);
    if (this.typeCache.size < TYPE_CACHE_LIMIT) this.typeCache.set(cell, type);
    return type;
  }

  private remember(customer: string, where: EventWhere): void {
    if (!this.customerIndex.has(customer) && !this.unusedCustomers.has(customer)) {
      this.unusedCustomers.set(customer, { row: where.row, ...lineOf(where) });
    }
  }

  /**
   * Adds one event. Cells are as read (strings from a file; anything from records).
   */
  add(
    idCell: unknown,
    customerCell: unknown,
    timeCell: unknown,
    typeCell: unknown,
    valueCell: unknown,
    currencyCell: unknown,
    productCell: unknown,
    channelCell: unknown,
    initiatorCell: unknown,
    where: EventWhere,
  ): void {
    const id = idText(idCell);
    if (id === null) {
      this.excludeRecord(
        "missing-event-id",
        blank(idCell)
          ? "the event has no id; the event is excluded"
          : `${showCell(idCell)} is not a usable event id (text of 1 to 200 characters or an integer); the event is excluded`,
        where,
        "id",
        null,
      );
      return;
    }
    const customer = idText(customerCell);
    if (customer === null) {
      this.excludeRecord(
        "missing-customer",
        blank(customerCell)
          ? `event ${id} names no customer; the event is excluded`
          : `${showCell(customerCell)} is not a usable customer id; the event is excluded`,
        where,
        "customer",
        id,
      );
      return;
    }
    const type = this.typeOf(typeCell);
    if (type < 0) {
      const known = [...EVENT_TYPES, ...Object.keys(this.options.typeMap)];
      const text = cellText(typeCell ?? "");
      const name = normalizeTypeName(text);
      const candidate = typeof typeCell === "string" ? closestName(name, known) : null;
      // Suggest only a near miss (a typo), not the least unlike of unrelated names.
      const closest =
        candidate !== null &&
        editDistance(name, candidate.toLowerCase()) <= Math.max(1, Math.floor(name.length / 3))
          ? candidate
          : null;
      this.remember(customer, where);
      this.excludeRecord(
        "unknown-event-type",
        `${blank(typeCell) ? "a blank type" : showCell(typeCell)} is not an event type${closest === null ? "" : ` (did you mean '${closest}'?)`}; map custom types with options.typeMap; the event is excluded`,
        where,
        "type",
        id,
      );
      return;
    }
    const time =
      typeof timeCell === "string"
        ? parseTimeText(timeCell)
        : timeCell instanceof Date
          ? timeCell.getTime()
          : typeof timeCell === "number" && Number.isFinite(timeCell)
            ? timeCell
            : Number.NaN;
    if (Number.isNaN(time)) {
      this.remember(customer, where);
      this.excludeRecord(
        "bad-timestamp",
        `${blank(timeCell) ? "a blank timestamp" : showCell(timeCell)} is not an ISO 8601 timestamp (yyyy-mm-ddThh:mm:ssZ); the event is excluded`,
        where,
        "timestamp",
        id,
      );
      return;
    }
    if (time > this.options.asOf) {
      this.remember(customer, where);
      this.excludeRecord(
        "future-timestamp",
        `${new Date(time).toISOString()} is after the as-of date ${new Date(this.options.asOf).toISOString()}; the event is excluded`,
        where,
        "timestamp",
        id,
      );
      return;
    }
    if (!this.seen.add(id)) {
      this.duplicates += 1;
      this.excludeRecord(
        "duplicate-event",
        `event id ${id} was seen before; the event is counted once (the first record is kept)`,
        where,
        "id",
        id,
      );
      return;
    }
    const product = nameText(productCell);
    const channel = nameText(channelCell);
    // The event is kept: labels a spreadsheet or a browser would act on are warned of.
    this.checkLabel(id, "event id", where, "id");
    this.checkLabel(customer, "customer id", where, "customer");
    if (product !== null) this.checkLabel(product, "product", where, "product");
    if (channel !== null) this.checkLabel(channel, "channel", where, "channel");
    const value = this.valueOf(valueCell, currencyCell, type, where);
    let initiator: number = DEFAULT_INITIATOR[type] as number;
    if (!blank(initiatorCell)) {
      const code = initiatorCodeOf(typeof initiatorCell === "string" ? initiatorCell.trim() : "");
      if (code !== null) initiator = code;
      else {
        this.issue(
          "bad-initiator",
          `${showCell(initiatorCell)} is not an initiator ('customer' or 'firm'); the type's default is used`,
          where,
          "initiator",
        );
      }
    }
    let c = this.customerIndex.get(customer);
    if (c === undefined) {
      c = this.customerIds.length;
      this.customerIds.push(customer);
      this.customerIndex.set(customer, c);
      this.unusedCustomers.delete(customer);
    }
    if (this.size === this.capacity) this.enlarge();
    const at = this.size;
    this.customerCol[at] = c;
    this.timeCol[at] = time;
    this.typeCol[at] = type;
    this.valueCol[at] = value;
    this.productCol[at] =
      product === null ? -1 : intern(product, this.productIndex, this.productNames);
    this.channelCol[at] =
      channel === null ? -1 : intern(channel, this.channelIndex, this.channelNames);
    this.initiatorCol[at] = initiator;
    this.sourceCol[at] = where.line ?? where.row;
    if (where.line !== undefined) this.lines = true;
    this.size += 1;
    this.eventsIn += 1;
  }

  /**
   * Warns of a label of a kept event that starts like a spreadsheet formula
   * (`formula-like-label`) or holds markup (`markup-in-label`), as the survey readers do for
   * their labels and respondent ids: the label is kept as plain text.
   */
  private checkLabel(text: string, what: string, where: EventWhere, column: string): void {
    if (formulaLike(text)) {
      this.issue(
        "formula-like-label",
        `the ${what} ${showCell(text)} starts like a spreadsheet formula; it is kept as plain text (never evaluated) and escaped in reports; the event is kept`,
        where,
        column,
      );
    }
    if (holdsMarkup(text)) {
      this.issue(
        "markup-in-label",
        `the ${what} ${showCell(text)} contains markup; it is kept as plain text and escaped in reports; the event is kept`,
        where,
        column,
      );
    }
  }

  private dropValue(code: IssueCode, message: string, where: EventWhere, column: string): number {
    this.valuesDropped += 1;
    this.issue(code, message, where, column);
    return Number.NaN;
  }

  private valueOf(
    valueCell: unknown,
    currencyCell: unknown,
    type: number,
    where: EventWhere,
  ): number {
    if (blank(valueCell)) return Number.NaN;
    const value =
      typeof valueCell === "number"
        ? valueCell
        : typeof valueCell === "string"
          ? parseDecimal(valueCell.trim())
          : Number.NaN;
    if (!Number.isFinite(value)) {
      return this.dropValue(
        "bad-value",
        `${showCell(valueCell)} is not a number (a plain decimal such as 129.90); the event is kept without a value`,
        where,
        "value",
      );
    }
    if (value < 0 && type !== TYPE.downgrade) {
      return this.dropValue(
        "negative-value",
        `the value ${value} is negative, which makes no sense for ${EVENT_TYPES[type]} (only a downgrade may lose value); the event is kept without a value`,
        where,
        "value",
      );
    }
    if (blank(currencyCell)) {
      if (this.notesBlankCurrency) this.currencies.blank(this.size);
      return value;
    }
    const code = cellText(currencyCell).trim();
    if (!CURRENCY_CODE.test(code)) {
      return this.dropValue(
        "bad-currency",
        `${showCell(currencyCell)} is not a currency code (three letters, ISO 4217, such as EUR); the event is kept without a value`,
        where,
        "currency",
      );
    }
    const currency = code.toUpperCase();
    const base = this.fixedCurrency;
    if (base === null) {
      // Kept as read; a value in a currency other than the base is dropped by `finish`.
      this.currencies.met(currency, this.size);
      return value;
    }
    if (currency === base) return value;
    const rates = this.options.rates;
    if (rates !== null && Object.hasOwn(rates, currency))
      return value * (rates[currency] as number);
    return this.dropValue(
      "mixed-currency",
      `the value is in ${currency}, the set's currency is ${base}, and no rate converts ${currency} (options.rates); the event is kept without a value rather than summing two currencies`,
      where,
      "currency",
    );
  }

  /**
   * Drops the values a settled base leaves out (`mixed-currency` at each event's row and
   * line), returning their issues as a log part to merge in input order.
   */
  private dropOthers(settled: SettledCurrency): IssueLogSummary {
    const base = settled.base as string;
    const baseCount = settled.counts.get(base) ?? 0;
    const issues: Issue[] = [];
    for (const { at, currency } of settled.dropped) {
      this.valueCol[at] = Number.NaN;
      this.valuesDropped += 1;
      if (issues.length >= this.options.issueLimit) continue;
      const count = settled.counts.get(currency) ?? 0;
      issues.push({
        code: "mixed-currency",
        message: `the value is in ${currency}, the set's currency is ${base}: the currency of the most valued events (${baseCount} against ${count} in ${currency}; a tie goes to the first code alphabetically), and no rate converts ${currency} (options.currency with options.rates); the event is kept without a value rather than summing two currencies`,
        row: this.rowOf(at),
        ...(this.lines ? { line: this.sourceCol[at] as number } : {}),
        column: "currency",
      });
    }
    const total = settled.dropped.length;
    return {
      issues,
      issueCounts: { "mixed-currency": total },
      issuesTruncated: total > issues.length,
      rowsExcluded: 0,
      exclusionCounts: {},
      excludedRows: [],
      excludedRowsTruncated: false,
    };
  }

  /** The 1-based row of kept event `at`: its place among kept and excluded records. */
  private rowOf(at: number): number {
    const marks = this.excludedAt;
    let lo = 0;
    let hi = marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((marks[mid] as number) <= at) lo = mid + 1;
      else hi = mid;
    }
    return at + 1 + lo;
  }

  private enlarge(): void {
    const next = this.capacity * 2;
    this.customerCol = grow(this.customerCol, next);
    this.timeCol = grow(this.timeCol, next);
    this.typeCol = grow(this.typeCol, next);
    this.valueCol = grow(this.valueCol, next);
    this.productCol = grow(this.productCol, next);
    this.channelCol = grow(this.channelCol, next);
    this.initiatorCol = grow(this.initiatorCol, next);
    this.sourceCol = grow(this.sourceCol, next);
    this.capacity = next;
  }

  /**
   * Settles the base currency (without `options.currency`), reports customers without usable
   * events and returns the event set with its report.
   */
  finish(): ValidatedEvents {
    const settled =
      this.fixedCurrency === null ? this.currencies.settle(this.valueCol, this.size) : null;
    // Values dropped at the end are merged into the issues so far in input order; the
    // no-events issues then follow, as they do without such values.
    const merged =
      settled !== null && settled.dropped.length > 0
        ? mergeIssueLogs([this.log.summary(), this.dropOthers(settled)], this.options)
        : null;
    const log = merged === null ? this.log : new IssueLog(this.options);
    for (const known of this.options.customers) {
      if (!this.customerIndex.has(known) && !this.unusedCustomers.has(known)) {
        this.unusedCustomers.set(known, { row: 0 });
      }
    }
    for (const [customer, where] of this.unusedCustomers) {
      log.record({
        code: "no-events",
        message:
          where.row === 0
            ? `customer ${customer} is listed in options.customers but has no event; it has no features`
            : `customer ${customer} has no usable event (every event of theirs is excluded); it has no features`,
        ...(where.row === 0 ? {} : { row: where.row, ...lineOf(where) }),
        column: "customer",
      });
    }
    const n = this.size;
    // The columns are handed over as they are (a view of their first n entries) when at
    // least three quarters of them are used: no second copy of every column at the peak of
    // memory (the builder is done with them); copied to their size otherwise.
    const view = n >= this.capacity * 0.75;
    const keep = <T extends Float64Array | Int32Array | Uint8Array | Int8Array>(column: T): T =>
      (view ? column.subarray(0, n) : column.slice(0, n)) as T;
    const customer = keep(this.customerCol);
    const time = keep(this.timeCol);
    const type = keep(this.typeCol);
    const value = keep(this.valueCol);
    const product = keep(this.productCol);
    const initiator = keep(this.initiatorCol);
    const { order, customerStart, sorted } = sortEvents(
      customer,
      time,
      type,
      product,
      value,
      this.customerIds.length,
      initiator,
    );
    const events: EventSet = {
      kind: "event-set",
      n,
      customers: this.customerIds,
      customer,
      time,
      type,
      value,
      currency: this.fixedCurrency ?? settled?.base ?? null,
      product,
      products: this.productNames,
      channel: keep(this.channelCol),
      channels: this.channelNames,
      initiator,
      source: keep(this.sourceCol),
      order,
      customerStart,
      asOf: Number.isFinite(this.options.asOf) ? new Date(this.options.asOf).toISOString() : null,
    };
    rememberSortedColumns(events, sorted);
    const summary =
      merged === null ? this.log.summary() : appendIssues(merged, log.summary(), this.options);
    const warnings: Notice[] = [];
    if (summary.issuesTruncated || summary.excludedRowsTruncated) {
      let issueCount = 0;
      for (const count of Object.values(summary.issueCounts)) issueCount += count;
      warnings.push(
        notice(
          "list-truncated",
          `${issueCount} issues and ${this.log.excludedCount} excluded events; the first ${this.options.issueLimit} and ${this.options.excludedLimit} are listed, all are counted`,
        ),
      );
    }
    const report: EventValidationReport = {
      ...summary,
      eventsIn: this.eventsIn,
      eventsUsed: n,
      eventsExcluded: this.log.excludedCount,
      duplicates: this.duplicates,
      customers: this.customerIds.length,
      customersWithoutEvents: this.unusedCustomers.size,
      valuesDropped: this.valuesDropped,
      warnings,
    };
    return { events, report };
  }
}

/**
 * A log summary with the issues of a later one after its own (listed while the first is
 * complete and there is room: the list stays the first issues, without a hole).
 */
function appendIssues(
  first: IssueLogSummary,
  then: IssueLogSummary,
  limits: { readonly issueLimit: number },
): IssueLogSummary {
  const room = first.issuesTruncated ? 0 : Math.max(0, limits.issueLimit - first.issues.length);
  const issues = [...first.issues, ...then.issues.slice(0, room)];
  const issueCounts: Record<string, number> = { ...first.issueCounts };
  let total = 0;
  for (const [code, count] of Object.entries(then.issueCounts)) {
    issueCounts[code] = (issueCounts[code] ?? 0) + count;
  }
  for (const count of Object.values(issueCounts)) total += count;
  return { ...first, issues, issueCounts, issuesTruncated: total > issues.length };
}

function lineOf(where: EventWhere): { line?: number } {
  return where.line === undefined ? {} : { line: where.line };
}

function parseTimeText(text: string): number {
  return parseTimestampTrimmed(
    text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32)
      ? text.trim()
      : text,
  );
}

/** A product or channel cell as its name (strings trimmed), or null when blank. */
function nameText(cell: unknown): string | null {
  if (blank(cell)) return null;
  return typeof cell === "string" ? cell.trim() : cellText(cell);
}

/** The index of a name (trimmed, non-blank), adding it when new. */
function intern(text: string, index: Map<string, number>, names: string[]): number {
  let at = index.get(text);
  if (at === undefined) {
    at = names.length;
    names.push(text);
    index.set(text, at);
  }
  return at;
}
