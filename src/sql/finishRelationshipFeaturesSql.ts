import { expectKind } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import { DAY, iso } from "../relationship/featureScanner";
import type {
  CustomerFeatures,
  RelationshipFeaturesResult,
  WindowFeatures,
} from "../relationship/featureTypes";
import { featureWarnings } from "../relationship/relationshipFeatures";
import type { SqlResultRow } from "./readGapSqlRows";
import { featuresSqlPlan, type RelationshipFeaturesSqlOptions } from "./relationshipFeaturesSql";

/** How the events of the table were counted (events in = used + excluded). */
export interface EventSqlValidation {
  readonly eventsIn: number;
  readonly eventsUsed: number;
  readonly eventsExcluded: number;
  /** Excluded events by code (`missing-event-id`, `duplicate-event`, `bad-timestamp`, …). */
  readonly exclusionCounts: Readonly<Record<string, number>>;
  /** Events counted once because their id was seen before. */
  readonly duplicates: number;
  /**
   * Events kept without their value, by code (`bad-value`, `negative-value`, `bad-currency`,
   * `mixed-currency`).
   */
  readonly valueIssueCounts: Readonly<Record<string, number>>;
  readonly valuesDropped: number;
  /** Initiators that are neither `customer` nor `firm` (the type's default is used). */
  readonly badInitiators: number;
  /** Customers with a usable event. */
  readonly customers: number;
  /** Customers named only by excluded events (unknown type, bad timestamp). */
  readonly customersWithoutEvents: number;
  /**
   * The valued events of each currency (kept, a usable value, a three-letter code; upper-cased),
   * the counts the base is chosen on without `currency`; blank and bad codes are not listed.
   */
  readonly currencies: readonly { readonly currency: string; readonly values: number }[];
}

/** What {@link finishRelationshipFeaturesSql} returns: the features and the validation counts. */
export interface RelationshipFeaturesSqlResult extends RelationshipFeaturesResult {
  readonly validation: EventSqlValidation;
}

function badResult(message: string): ServqualError {
  return new ServqualError(
    "invalid-input",
    "finishRelationshipFeaturesSql: the rows are not those of the relationshipFeaturesSql statement.",
    [{ code: "bad-sql-result", message }],
  );
}

/** A cell as a number or null (numbers, bigints and numeric text read). */
function cell(row: SqlResultRow, name: string): number | null {
  const value = row[name];
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  throw badResult(`${name} is ${String(value)}, not a number`);
}

/** A count or sum cell, 0 when NULL (a SUM over no value). */
function zero(row: SqlResultRow, name: string): number {
  return cell(row, name) ?? 0;
}

/**
 * Finishes the rows of a {@link relationshipFeaturesSql} statement into the result of
 * `relationshipFeatures` (the same customers, features, nulls and warnings), with the events'
 * validation counts: days are (as-of − time) / 86,400,000 ms; value trend = recent / earlier −
 * 1 (null without an earlier value); share of wallet = value of the last 365 days /
 * `wallet[customer]`; reciprocity = customer-initiated / (customer + firm initiated); a
 * customer is cancelled when the last cancellation is not before the last purchase or contract.
 *
 * @param rows - The result set, as objects.
 * @param options - The options given to relationshipFeaturesSql.
 * @returns The features (customers in order of their first event with `orderBy`, else by id)
 *   and the validation counts.
 * @throws {ServqualError} `invalid-input` (`bad-sql-result`) for rows of another statement;
 *   `invalid-argument` / `invalid-options` for bad options.
 * @example
 * const { customers, validation } = finishRelationshipFeaturesSql(rows, { table: "events", dialect: "duckdb", asOf: "2025-12-31" });
 */
export function finishRelationshipFeaturesSql(
  rows: readonly SqlResultRow[],
  options: RelationshipFeaturesSqlOptions,
): RelationshipFeaturesSqlResult {
  const fn = "finishRelationshipFeaturesSql";
  expectKind(fn, "rows", rows, "array", "the rows of the relationshipFeaturesSql statement");
  const plan = featuresSqlPlan(fn, options);
  const { settings, cut } = plan;
  const asOf = cut.asOf;
  const asOfText = iso(asOf);
  const counts = new Map<string, number>();
  const currencies: { currency: string; values: number }[] = [];
  let base: string | null = plan.baseCurrency;
  const customerRows: { rank: number; row: SqlResultRow }[] = [];
  for (const row of rows) {
    if (typeof row !== "object" || row === null) throw badResult("a row is not an object");
    const part = row.part;
    const key = row.key;
    const n = cell(row, "n");
    if (typeof key !== "string" || n === null) throw badResult("a row has no key or no n");
    if (part === "customer") customerRows.push({ rank: n, row });
    else if (part === "count") counts.set(key, (counts.get(key) ?? 0) + n);
    else if (part === "currency") currencies.push({ currency: key, values: n });
    else if (part === "base") base = key;
    else throw badResult(`part is ${String(part)}`);
  }
  if (!counts.has("events-in")) throw badResult("the count of events is missing");
  customerRows.sort((a, b) => a.rank - b.rank);
  const customers = customerRows.map(({ row }) => customerFeatures(row, plan, asOf, asOfText));
  const get = (code: string) => counts.get(code) ?? 0;
  const exclusionCounts: Record<string, number> = {};
  let excluded = 0;
  for (const code of [
    "missing-event-id",
    "missing-customer",
    "unknown-event-type",
    "bad-timestamp",
    "duplicate-event",
  ]) {
    if (get(code) > 0) {
      exclusionCounts[code] = get(code);
      excluded += get(code);
    }
  }
  const valueIssueCounts: Record<string, number> = {};
  let dropped = 0;
  for (const code of ["bad-value", "negative-value", "bad-currency", "mixed-currency"]) {
    if (get(code) > 0) {
      valueIssueCounts[code] = get(code);
      dropped += get(code);
    }
  }
  const eventsIn = get("events-in");
  const eventsUsed = get("events-used");
  if (eventsIn !== eventsUsed + excluded) {
    throw badResult(`${eventsIn} events in but ${eventsUsed} used and ${excluded} excluded`);
  }
  return {
    asOf: asOfText,
    currency: base,
    customers,
    notYetCustomers: get("not-yet"),
    warnings: featureWarnings(customers, settings.wallet !== null),
    validation: {
      eventsIn,
      eventsUsed,
      eventsExcluded: excluded,
      exclusionCounts,
      duplicates: get("duplicate-event"),
      valueIssueCounts,
      valuesDropped: dropped,
      badInitiators: get("bad-initiator"),
      customers: get("customers"),
      customersWithoutEvents: get("customers-without-events"),
      currencies: currencies.sort((a, b) => (a.currency < b.currency ? -1 : 1)),
    },
  };
}

/** One customer's features from their row, as FeatureScanner.features() writes them. */
function customerFeatures(
  row: SqlResultRow,
  plan: ReturnType<typeof featuresSqlPlan>,
  asOf: number,
  asOfText: string,
): CustomerFeatures {
  const { settings } = plan;
  const id = row.key as string;
  const purchases = zero(row, "purchases");
  const valueKnown = zero(row, "value_known");
  const firstEvent = zero(row, "first_event");
  const lastEvent = zero(row, "last_event");
  const firstPurchase = cell(row, "first_purchase");
  const lastPurchase = cell(row, "last_purchase");
  const windows: WindowFeatures[] = settings.windows.map((days, w) => {
    const count = zero(row, `w${w}_purchases`);
    return {
      days,
      purchases: count,
      value: count > 0 && zero(row, `w${w}_known`) === 0 ? null : zero(row, `w${w}_value`),
    };
  });
  const purchases365 = zero(row, "purchases365");
  const known365 = zero(row, "known365");
  const value365 = zero(row, "value365");
  const trendRecent = zero(row, "trend_recent");
  const trendEarlier = zero(row, "trend_earlier");
  const spend = settings.wallet === null ? undefined : settings.wallet.get(id);
  const customerInitiated = zero(row, "customer_initiated");
  const firmInitiated = zero(row, "firm_initiated");
  const complaints = zero(row, "complaints");
  const resolved = zero(row, "resolved");
  const contracts = zero(row, "contracts");
  const lastContract = cell(row, "last_contract");
  const cancellations = zero(row, "cancellations");
  const lastCancel = cell(row, "last_cancel");
  const days = (from: number | null) => (from === null ? null : (asOf - from) / DAY);
  return {
    customer: id,
    asOf: asOfText,
    events: zero(row, "events"),
    firstEventAt: iso(firstEvent),
    lastEventAt: iso(lastEvent),
    firstPurchaseAt: purchases > 0 && firstPurchase !== null ? iso(firstPurchase) : null,
    lastPurchaseAt: purchases > 0 && lastPurchase !== null ? iso(lastPurchase) : null,
    tenureDays: (asOf - firstEvent) / DAY,
    customerDays: purchases > 0 ? days(firstPurchase) : null,
    recencyDays: purchases > 0 ? days(lastPurchase) : null,
    silenceDays: (asOf - lastEvent) / DAY,
    purchases,
    value: valueKnown > 0 ? zero(row, "value") : null,
    purchases365,
    value365: purchases365 > 0 && known365 === 0 ? null : value365,
    windows,
    valueTrend: {
      days: settings.trendDays,
      recent: valueKnown > 0 ? trendRecent : null,
      earlier: valueKnown > 0 ? trendEarlier : null,
      change: trendEarlier > 0 ? trendRecent / trendEarlier - 1 : null,
    },
    productBreadth: zero(row, "breadth"),
    productBreadthEarlier: zero(row, "breadth_earlier"),
    shareOfWallet: known365 === 0 || spend === undefined ? null : value365 / spend,
    customerInitiated,
    firmInitiated,
    reciprocity:
      customerInitiated + firmInitiated > 0
        ? customerInitiated / (customerInitiated + firmInitiated)
        : null,
    complaints: {
      total: complaints,
      recent: zero(row, "complaints_recent"),
      earlier: zero(row, "complaints_earlier"),
      open: complaints - resolved,
      resolved,
      medianResolutionDays: cell(row, "median_resolution"),
      unmatchedResolutions: zero(row, "resolutions") - resolved,
    },
    purchaseCycleDays: cell(row, "cycle"),
    purchaseCycleQ90Days: cell(row, "cycle_q90"),
    contracts,
    lastContractAt: contracts > 0 && lastContract !== null ? iso(lastContract) : null,
    referrals: zero(row, "referrals"),
    inquiries: zero(row, "inquiries"),
    recentInquiries: zero(row, "recent_inquiries"),
    supportRequests: zero(row, "support"),
    campaignExposures: zero(row, "campaigns"),
    recentDowngrades: zero(row, "recent_downgrades"),
    cancellations,
    cancelled:
      cancellations > 0 &&
      lastCancel !== null &&
      (lastPurchase === null || lastCancel >= lastPurchase),
  };
}
