import { expectShape, invalidArgument, isRecord } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import type { CommitmentEvidenceRecord } from "./commitmentEvidence";
import type { CustomerFeatures, RelationshipFeaturesResult } from "./featureTypes";

/** Options of {@link commitmentEvidenceFromFeatures}: the documented thresholds. */
export interface EvidenceFromFeaturesOptions {
  /**
   * Months a contract or renewal runs from its date (default 12); null: contracts run until
   * cancelled (open-ended accounts).
   */
  readonly termMonths?: number | null;
  /** Distinct products at which switching costs count fully (default 4; one product counts 0). */
  readonly fullBreadth?: number;
  /** Years as a customer at which investments count fully (default 5). */
  readonly fullTenureYears?: number;
  /** Share of wallet from which a customer counts as exclusive (default 0.8). */
  readonly exclusiveShare?: number;
}

const OPTIONS = optionNames<EvidenceFromFeaturesOptions>({
  termMonths: true,
  fullBreadth: true,
  fullTenureYears: true,
  exclusiveShare: true,
});

const FEATURES = {
  what: "the result of relationshipFeatures",
  fields: { asOf: "string", customers: "array" },
} as const;

const DAY = 86_400_000;
/** Mean Gregorian month and year in days. */
const MONTH_DAYS = 365.2425 / 12;
const YEAR_DAYS = 365.2425;

function positive(fn: string, name: string, value: unknown, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || v < min) {
    throw invalidArgument(fn, `options.${name}`, `a finite number ≥ ${min}`, v);
  }
  return v;
}

/**
 * Observed commitment evidence (the `evidence` input of `commitmentIndex` and
 * `relationshipQuality`) derived from each customer's CRM features, one record per customer in
 * the features' order. The rules are our documented choice (docs/relationship.md); the
 * components themselves are those of the commitment literature: contract length and
 * relationship-specific investments (Morgan & Hunt 1994; Anderson & Weitz 1992), switching
 * costs (Burnham, Frels & Mahajan 2003) and exclusivity (share of wallet).
 *
 * - contractMonths = `termMonths` × contracts (each contract or renewal adds a term) while the
 *   last contract or renewal is younger than `termMonths` at the as-of date and the customer has
 *   not cancelled; otherwise 0 (lapsed or cancelled). With `termMonths: null` contracts run until
 *   cancelled and contractMonths is the months since the first purchase.
 * - switchingCosts = min(max(breadth − 1, 0) / (`fullBreadth` − 1), 1): each product beyond the
 *   first adds to what leaving costs (cross-buying).
 * - investments = min(customer days / (365.2425 × `fullTenureYears`), 1): time as a customer as
 *   the proxy of learned procedures and set-up; null without a purchase.
 * - exclusive = share of wallet ≥ `exclusiveShare`; null when the wallet is unknown.
 *
 * @param features - The result of `relationshipFeatures`.
 * @param options - `termMonths` (12), `fullBreadth` (4), `fullTenureYears` (5), `exclusiveShare` (0.8).
 * @returns One evidence record per customer of the features.
 * @throws {ServqualError} `invalid-argument` for features of the wrong shape or a bad option.
 *
 * @example
 * // 2 contracts, the last 3 months before as-of, 3 products, 2.5 years a customer, wallet share 0.9
 * commitmentEvidenceFromFeatures(features)[0]
 * //=> { customer: "c1", contractMonths: 24, switchingCosts: 0.667, investments: 0.5, exclusive: true }
 */
export function commitmentEvidenceFromFeatures(
  features: RelationshipFeaturesResult,
  options: EvidenceFromFeaturesOptions = {},
): CommitmentEvidenceRecord[] {
  const fn = "commitmentEvidenceFromFeatures";
  expectShape(fn, "features", features, FEATURES);
  checkOptionKeys(fn, options, OPTIONS);
  const term =
    options.termMonths === null ? null : positive(fn, "termMonths", options.termMonths, 12, 1);
  const fullBreadth = positive(fn, "fullBreadth", options.fullBreadth, 4, 2);
  const fullYears = positive(fn, "fullTenureYears", options.fullTenureYears, 5, Number.MIN_VALUE);
  const share = options.exclusiveShare ?? 0.8;
  if (typeof share !== "number" || !(share > 0 && share <= 1)) {
    throw invalidArgument(fn, "options.exclusiveShare", "a number in (0, 1]", share);
  }
  return features.customers.map((f, i) => {
    if (!isRecord(f) || typeof f.customer !== "string" || typeof f.asOf !== "string") {
      throw invalidArgument(fn, `features.customers[${i}]`, "one customer's features", f);
    }
    return evidenceOf(f, term, fullBreadth, fullYears, share);
  });
}

function evidenceOf(
  f: CustomerFeatures,
  term: number | null,
  fullBreadth: number,
  fullYears: number,
  exclusiveShare: number,
): CommitmentEvidenceRecord {
  let contractMonths = 0;
  if (f.contracts > 0 && !f.cancelled) {
    if (term === null) {
      contractMonths = f.customerDays === null ? 0 : f.customerDays / MONTH_DAYS;
    } else if (f.lastContractAt !== null) {
      const ageDays = (Date.parse(f.asOf) - Date.parse(f.lastContractAt)) / DAY;
      if (ageDays < term * MONTH_DAYS) contractMonths = term * f.contracts;
    }
  }
  const breadth = Math.max(f.productBreadth - 1, 0) / (fullBreadth - 1);
  return {
    customer: f.customer,
    contractMonths,
    switchingCosts: Math.min(breadth, 1),
    investments:
      f.customerDays === null ? null : Math.min(f.customerDays / (YEAR_DAYS * fullYears), 1),
    exclusive: f.shareOfWallet === null ? null : f.shareOfWallet >= exclusiveShare,
  };
}
