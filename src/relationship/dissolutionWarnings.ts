import { expectShape } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import type { CustomerFeatures, RelationshipFeaturesResult } from "./featureTypes";
import { DEFAULT_STAGE_RULES } from "./stageRules";

/** The signals of the early warning. */
export type DissolutionSignal = "value-falling" | "complaints-rising" | "long-silence";

/** One signal with the values it saw. */
export interface SignalEvidence {
  readonly signal: DissolutionSignal;
  readonly value: number;
  readonly threshold: number;
  readonly message: string;
}

/** A customer at risk: every signal that fired. */
export interface AtRiskCustomer {
  readonly customer: string;
  readonly signals: readonly SignalEvidence[];
}

/** Thresholds of the early warning (our documented defaults). */
export interface DissolutionWarningOptions {
  /** Value trend at or below this (default −0.2: a fifth less than the window before). */
  readonly fallingTrend?: number;
  /** Recent complaints at least this many (default 2) and more than in the window before. */
  readonly risingComplaints?: number;
  /** Days since the last purchase above this multiple of the customer's median purchase cycle (default 2). */
  readonly silenceMultiple?: number;
  /**
   * For a customer without a purchase rhythm of their own (fewer than two purchases, or a
   * median purchase cycle under a day): days since the last purchase above this (default the
   * stage rules' `silenceDays`, 180).
   */
  readonly silenceDays?: number;
}

/** Customers at risk of dissolution at the features' as-of date. */
export interface DissolutionWarnings {
  readonly asOf: string;
  /** Customers checked: those with a purchase and no cancellation in force. */
  readonly checked: number;
  /** At risk, most signals first (then in the features' order). */
  readonly customers: readonly AtRiskCustomer[];
  readonly counts: Readonly<Record<DissolutionSignal, number>>;
  /** The thresholds in force (the defaults or the options given), so a reader sees the rules. */
  readonly thresholds: {
    readonly fallingTrend: number;
    readonly risingComplaints: number;
    readonly silenceMultiple: number;
    readonly silenceDays: number;
  };
}

/**
 * The shortest median purchase cycle read as a rhythm of the customer's own: one day. The
 * customer-base literature counts purchase occasions by day (transactions of one customer on
 * one day are one occasion: BTYD's `dc.MergeTransactionsOnSameDate`, after Fader & Hardie's
 * CDNOW data); a median gap under a day means most gaps fall within one occasion (several
 * products of one order), which says nothing about how often the customer comes back.
 */
const MIN_RHYTHM_DAYS = 1;

/** A money value for a message, rounded to cents. */
const cents = (value: number | null): string =>
  value === null ? "none" : String(Math.round(value * 100) / 100);

const OPTIONS = optionNames<DissolutionWarningOptions>({
  fallingTrend: true,
  risingComplaints: true,
  silenceMultiple: true,
  silenceDays: true,
});

const FEATURES = {
  what: "the result of relationshipFeatures",
  fields: { asOf: "string", customers: "array" },
} as const;

function numberOption(
  value: unknown,
  name: string,
  fallback: number,
  min: number,
  issues: Issue[],
): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isFinite(value) && value >= min) return value;
  issues.push({
    code: "invalid-option",
    message: `${name} must be a finite number ≥ ${min}`,
    path: [name],
  });
  return fallback;
}

/**
 * An early warning of dissolution for customers who have bought and not cancelled: value
 * falling (value trend ≤ `fallingTrend`), complaints rising (recent complaints ≥
 * `risingComplaints` and more than in the window before), silence long against the
 * customer's own rhythm (days since the last purchase > `silenceMultiple` × their median
 * purchase cycle). A customer without a rhythm of their own (fewer than two purchases, or a
 * median cycle under one day: purchases of one order at the same instant
 * give a cycle of 0, against which any pause would be "long") is silent instead after
 * `silenceDays` (the stage rules' silence, 180 by default): the stage's own dissolution rule,
 * as there is no rhythm to be early against. Each signal carries the values it saw. The three
 * signals are DOMAIN's dissolution indicators (Dwyer, Schurr & Oh 1987: withdrawal); the
 * thresholds, the one-day minimum rhythm and the fallback are our documented choices.
 *
 * @param features - The result of `relationshipFeatures`.
 * @param options - `fallingTrend`, `risingComplaints`, `silenceMultiple`, `silenceDays`.
 * @returns The customers at risk, most signals first, and the count of each signal.
 * @throws {ServqualError} `invalid-argument`, `invalid-options`.
 *
 * @example
 * const { events } = validateEvents([
 *   { id: 1, customer: "c1", timestamp: "2024-01-01", type: "purchase", value: 10 },
 *   { id: 2, customer: "c1", timestamp: "2024-01-31", type: "purchase", value: 10 },
 * ]);
 * const w = dissolutionWarnings(relationshipFeatures(events, { asOf: "2024-04-30" }));
 * w.customers[0].signals[0].signal //=> "long-silence"
 * w.customers[0].signals[0].threshold //=> 60 (2 × the 30-day cycle; 90 days silent)
 */
export function dissolutionWarnings(
  features: RelationshipFeaturesResult,
  options: DissolutionWarningOptions = {},
): DissolutionWarnings {
  expectShape("dissolutionWarnings", "features", features, FEATURES);
  checkOptionKeys("dissolutionWarnings", options ?? undefined, OPTIONS);
  const o = options ?? {};
  const issues: Issue[] = [];
  const fallingTrend = numberOption(o.fallingTrend, "fallingTrend", -0.2, -1, issues);
  const risingComplaints = numberOption(o.risingComplaints, "risingComplaints", 2, 1, issues);
  const silenceMultiple = numberOption(o.silenceMultiple, "silenceMultiple", 2, 0, issues);
  const silenceDays = numberOption(
    o.silenceDays,
    "silenceDays",
    DEFAULT_STAGE_RULES.silenceDays,
    0,
    issues,
  );
  if (issues.length > 0)
    throw new ServqualError(
      "invalid-options",
      "dissolutionWarnings: the options are not valid.",
      issues,
    );
  const counts: Record<DissolutionSignal, number> = {
    "value-falling": 0,
    "complaints-rising": 0,
    "long-silence": 0,
  };
  const atRisk: AtRiskCustomer[] = [];
  let checked = 0;
  for (const f of features.customers) {
    if (f.purchases === 0 || f.cancelled) continue;
    checked += 1;
    const signals: SignalEvidence[] = [];
    const trend = f.valueTrend.change;
    if (trend !== null && trend <= fallingTrend) {
      signals.push({
        signal: "value-falling",
        value: trend,
        threshold: fallingTrend,
        message: `value of the last ${f.valueTrend.days} days ${cents(f.valueTrend.recent)} against ${cents(f.valueTrend.earlier)} before: ${Math.round(trend * 1000) / 10}%`,
      });
    }
    if (f.complaints.recent >= risingComplaints && f.complaints.recent > f.complaints.earlier) {
      signals.push({
        signal: "complaints-rising",
        value: f.complaints.recent,
        threshold: risingComplaints,
        message: `${f.complaints.recent} complaints recently against ${f.complaints.earlier} in the window before`,
      });
    }
    const silence = longSilence(f, silenceMultiple, silenceDays);
    if (silence !== null) signals.push(silence);
    if (signals.length === 0) continue;
    for (const s of signals) counts[s.signal] += 1;
    atRisk.push({ customer: f.customer, signals });
  }
  const order = new Map(atRisk.map((c, i) => [c, i]));
  atRisk.sort(
    (a, b) =>
      b.signals.length - a.signals.length || (order.get(a) as number) - (order.get(b) as number),
  );
  return {
    asOf: features.asOf,
    checked,
    customers: atRisk,
    counts,
    thresholds: { fallingTrend, risingComplaints, silenceMultiple, silenceDays },
  };
}

/**
 * The long-silence signal of one customer, or null: days since the last purchase above
 * `silenceMultiple` × the median purchase cycle when that cycle is at least
 * {@link MIN_RHYTHM_DAYS}, else above `silenceDays`.
 */
function longSilence(
  f: CustomerFeatures,
  silenceMultiple: number,
  silenceDays: number,
): SignalEvidence | null {
  const recency = f.recencyDays;
  if (recency === null) return null;
  const cycle = f.purchaseCycleDays;
  const rhythm = cycle !== null && cycle >= MIN_RHYTHM_DAYS;
  const threshold = rhythm ? silenceMultiple * cycle : silenceDays;
  if (!(recency > threshold)) return null;
  const days = `${Math.round(recency)} days since the last purchase`;
  let message: string;
  if (rhythm) {
    message = `${days}; this customer usually buys every ${Math.round(cycle * 10) / 10} days`;
  } else {
    const why =
      cycle === null
        ? "fewer than two purchases"
        : `a median of ${Math.round(cycle * 10) / 10} days between purchases, under a day`;
    message = `${days}; no purchase rhythm of their own (${why}), so the silence of ${silenceDays} days applies`;
  }
  return { signal: "long-silence", value: recency, threshold, message };
}
