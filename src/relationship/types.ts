import type { IssueLogSummary } from "../_lib/issueLog";
import type { Notice } from "../_lib/notice";
import type { EventType, Initiator } from "./eventTypes";

/** A timestamp as an ISO 8601 string, a `Date` or milliseconds since 1970 (UTC). */
export type TimestampInput = string | Date | number;

/**
 * One CRM event as a record (an object per event). Only `id`, `customer`, `timestamp` and
 * `type` are required; other keys of the record are ignored (CRM exports carry more).
 */
export interface EventRecord {
  readonly id: string | number;
  readonly customer: string | number;
  readonly timestamp: TimestampInput;
  /** One of `EVENT_TYPES`, or a name mapped onto one by `typeMap`. */
  readonly type: string;
  /** A money value (purchases, contracts, downgrades); blank or absent when none. */
  readonly value?: number | string | null;
  /** ISO 4217 code of the value; blank means the base currency. */
  readonly currency?: string | null;
  readonly product?: string | null;
  readonly channel?: string | null;
  /** Who started the event; absent: the type's default (see docs/relationship.md). */
  readonly initiator?: Initiator | string | null;
}

/** How events are validated (arrays and CSV files alike). */
export interface EventOptions {
  /**
   * The date the data describe: events after it are excluded (`future-timestamp`). Without
   * it, no event is in the future.
   */
  readonly asOf?: TimestampInput;
  /** Custom type names of your CRM mapped onto servqual's, e.g. `{ order: "purchase" }`. */
  readonly typeMap?: Readonly<Record<string, EventType>>;
  /**
   * The currency values are summed in. Without it, the currency of the most valued events (a
   * tie to the first code alphabetically), whatever the order the events arrive in.
   */
  readonly currency?: string;
  /**
   * Conversion into `currency`: `rates.USD = 0.92` means 1 USD = 0.92 of the base currency.
   * A value in another currency without a rate keeps its event but loses its value
   * (`mixed-currency`).
   */
  readonly rates?: Readonly<Record<string, number>>;
  /** Every known customer id: those without a usable event are reported (`no-events`). */
  readonly customers?: readonly (string | number)[];
  /** How many issues are listed in full (all are counted). Default 1,000. */
  readonly issueLimit?: number;
  /** How many excluded events are listed in full (all are counted). Default 1,000. */
  readonly excludedLimit?: number;
}

/**
 * Validated CRM events, columnar (one array per field, index = event): plain data that
 * survives `structuredClone`. Events are kept in input order; `order` lists them sorted by
 * (customer, time) and `customerStart[c]…customerStart[c + 1]` is customer `c`'s slice of it.
 */
export interface EventSet {
  readonly kind: "event-set";
  /** Events used. */
  readonly n: number;
  /** Customer ids, by index (customers with at least one usable event). */
  readonly customers: readonly string[];
  readonly customer: Int32Array;
  /** Milliseconds since 1970 (UTC). */
  readonly time: Float64Array;
  /** Index into `EVENT_TYPES`. */
  readonly type: Uint8Array;
  /** The value in `currency`; NaN when there is none. */
  readonly value: Float64Array;
  /** The currency of every value, or null when no event has a value with a currency. */
  readonly currency: string | null;
  /** Index into `products`, -1 when none. */
  readonly product: Int32Array;
  readonly products: readonly string[];
  /** Index into `channels`, -1 when none. */
  readonly channel: Int32Array;
  readonly channels: readonly string[];
  /** 1 customer, 0 firm, -1 unknown (after the type's default). */
  readonly initiator: Int8Array;
  /** The record's row (arrays) or line (files), for messages. */
  readonly source: Int32Array;
  /** Event indices sorted by customer, then time. */
  readonly order: Int32Array;
  /** Start of each customer's slice of `order` (length customers + 1). */
  readonly customerStart: Int32Array;
  /** The `asOf` events were checked against, ISO 8601, or null. */
  readonly asOf: string | null;
}

/** What validation found: counts in = used + excluded, and every issue by code. */
export interface EventValidationReport extends IssueLogSummary {
  readonly eventsIn: number;
  readonly eventsUsed: number;
  readonly eventsExcluded: number;
  /** Records whose event id was seen before (each excluded once, `duplicate-event`). */
  readonly duplicates: number;
  /** Customers with at least one usable event. */
  readonly customers: number;
  /**
   * Customers with no usable event: only excluded events, or listed in `options.customers`
   * without any event (each reported as `no-events`).
   */
  readonly customersWithoutEvents: number;
  /** Values that lost their amount (other currency without a rate, negative, not a number). */
  readonly valuesDropped: number;
  readonly warnings: readonly Notice[];
}

/** An event set and its validation report. */
export interface ValidatedEvents {
  readonly events: EventSet;
  readonly report: EventValidationReport;
}
