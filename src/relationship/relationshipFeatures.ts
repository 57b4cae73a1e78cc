import { expectKind } from "../_lib/checkArgument";
import { type Notice, notice } from "../_lib/notice";
import { expectEventSet } from "./eventSetShape";
import { cutoffsOf, dateOption, FEATURE_OPTIONS, resolveFeatureSettings } from "./featureOptions";
import { FeatureScanner, iso } from "./featureScanner";
import type { CustomerFeatures, FeatureOptions, RelationshipFeaturesResult } from "./featureTypes";
import type { EventSet } from "./types";

/**
 * Each customer's relationship features at an as-of date, from their own events up to it:
 * tenure (days since first contact), recency (days since the last purchase), silence (days
 * since the last event), purchases and value in windows `(asOf − d, asOf]` (default 90 and 365
 * days), the value trend (value of the last `trendDays` against the `trendDays` before:
 * recent / earlier − 1), product breadth now and at the start of the trend window, share of
 * wallet (value of the last 365 days / `wallet[customer]`), reciprocity (customer-initiated
 * share of the events whose initiator is known), complaints (recent, earlier, open, median
 * resolution days, first in first out), the usual purchase cycle (median days between
 * consecutive purchases and their 90th percentile, R type 7), contracts, referrals, inquiries,
 * downgrades and cancellations. Purchases are the events of type first-purchase, purchase
 * and contract. Window starts are calendar days back in `timeZone` (date-fns `subDays`);
 * durations are elapsed days (milliseconds / 86,400,000). See docs/relationship.md.
 *
 * One pass over each customer's slice of the event set (already sorted by customer and time):
 * O(n) for the whole set, no per-customer sets or copies.
 *
 * @param events - An event set (`validateEvents(...).events`).
 * @param options - `asOf` (required), `windows`, `trendDays`, `complaintDays`, `wallet`, `timeZone`.
 * @returns One row per customer with an event up to `asOf`, in the order customers first appear.
 * @throws {ServqualError} `invalid-argument`, `invalid-options`.
 *
 * @example
 * const { events } = validateEvents([
 *   { id: 1, customer: "c1", timestamp: "2024-01-01", type: "purchase", value: 100 },
 *   { id: 2, customer: "c1", timestamp: "2024-03-01", type: "purchase", value: 50 },
 * ]);
 * const [c1] = relationshipFeatures(events, { asOf: "2024-03-31" }).customers;
 * c1.tenureDays //=> 90
 * c1.purchaseCycleDays //=> 60
 */
export function relationshipFeatures(
  events: EventSet,
  options: FeatureOptions,
): RelationshipFeaturesResult {
  expectEventSet("relationshipFeatures", "events", events);
  expectKind(
    "relationshipFeatures",
    "options",
    options,
    "object",
    "an object of options with asOf",
  );
  const settings = resolveFeatureSettings("relationshipFeatures", options, FEATURE_OPTIONS);
  const asOf = dateOption("relationshipFeatures", options.asOf, "asOf");
  const cut = cutoffsOf(asOf, settings);
  const scanner = new FeatureScanner(events, settings);
  const customers: CustomerFeatures[] = [];
  let notYet = 0;
  for (let c = 0; c < events.customers.length; c++) {
    if (scanner.scan(c, cut)) customers.push(scanner.features());
    else notYet += 1;
  }
  return {
    asOf: iso(asOf),
    currency: events.currency,
    customers,
    notYetCustomers: notYet,
    warnings: featureWarnings(customers, settings.wallet !== null),
  };
}

/** @internal Counts of customers with null features, by reason (also for the SQL path). */
export function featureWarnings(customers: readonly CustomerFeatures[], wallet: boolean): Notice[] {
  let noCycle = 0;
  let noTrend = 0;
  let noWallet = 0;
  for (const f of customers) {
    if (f.purchaseCycleDays === null) noCycle += 1;
    if (f.valueTrend.change === null) noTrend += 1;
    if (wallet && f.shareOfWallet === null) noWallet += 1;
  }
  const warnings: Notice[] = [];
  if (customers.length === 0) {
    warnings.push(notice("no-customers", "no customer has an event up to the as-of date"));
  }
  if (noCycle > 0) {
    warnings.push(
      notice(
        "too-few-purchases",
        `${noCycle} customers have fewer than 2 purchases: their purchase cycle is null`,
      ),
    );
  }
  if (noTrend > 0) {
    warnings.push(
      notice(
        "no-earlier-value",
        `${noTrend} customers have no value in the earlier trend window: their value trend is null`,
      ),
    );
  }
  if (noWallet > 0) {
    warnings.push(
      notice(
        "unknown-wallet",
        `${noWallet} customers have no wallet size or no value in the last 365 days: their share of wallet is null`,
      ),
    );
  }
  return warnings;
}
