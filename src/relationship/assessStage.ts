import type { StageInputs } from "./stageInputs";
import type { Criterion, Stage, StageRules } from "./stageRules";

/** One criterion as evaluated: the value it saw, the threshold, whether it was met. */
export interface StageEvidence {
  readonly stage: Stage;
  readonly criterion: Criterion;
  /** The feature value the criterion read (null: not available, so not evaluated). */
  readonly value: number | boolean | null;
  /** The condition, e.g. `≥ 180 days`. */
  readonly threshold: string;
  /** Null when the criterion could not be evaluated (its feature is unknown). */
  readonly met: boolean | null;
  readonly weight: number;
}

/** Stage index and confidence (what the timeline keeps). */
export interface StageOutcome {
  stage: number;
  confidence: number;
  /** Scores of exploration, expansion, commitment (null when none of their criteria is evaluable). */
  readonly scores: [number | null, number | null, number | null];
  readonly coverage: [number, number, number];
}

/** Stage indices (positions in STAGES). */
export const AWARENESS = 0;
export const EXPLORATION = 1;
export const EXPANSION = 2;
export const COMMITMENT = 3;
export const DISSOLUTION = 4;

const STAGE_NAMES: readonly Stage[] = [
  "awareness",
  "exploration",
  "expansion",
  "commitment",
  "dissolution",
];

/**
 * Evaluates the stage rules on one customer's inputs. With `evidence`, every criterion is
 * pushed with what it saw; without, only the outcome is computed (the timeline's fast path).
 *
 * Order: awareness when there is no purchase; dissolution when the last cancellation has no
 * purchase after it (confidence 1), or when silence or decline fire (0.8 for one, 0.9 for
 * both); otherwise the build-up stage (exploration, expansion, commitment) with the highest
 * score s = Σ w·met / Σ w over its evaluable criteria (ties: the earlier stage), confidence
 * s_best × coverage_best × (1 − s_second / s_best), coverage = evaluable weight / all weight.
 */
export function assessStage(
  f: StageInputs,
  rules: StageRules,
  evidence: StageEvidence[] | null,
  outcome: StageOutcome,
): StageOutcome {
  const w = rules.weights;
  const push = (
    stage: number,
    criterion: Criterion,
    value: number | boolean | null,
    threshold: string,
    met: boolean | null,
  ): void => {
    evidence?.push({
      stage: STAGE_NAMES[stage] as Stage,
      criterion,
      value,
      threshold,
      met,
      weight: w[criterion],
    });
  };
  outcome.scores[0] = null;
  outcome.scores[1] = null;
  outcome.scores[2] = null;
  outcome.coverage[0] = 0;
  outcome.coverage[1] = 0;
  outcome.coverage[2] = 0;
  if (f.purchases === 0) {
    push(AWARENESS, "no-purchase", f.purchases, "= 0 purchases", true);
    outcome.stage = AWARENESS;
    outcome.confidence = 1;
    return outcome;
  }
  // Dissolution, checked first.
  const silenceLimit = Math.max(
    rules.silenceDays,
    f.purchaseCycleQ90Days === null ? 0 : rules.silenceCycleMultiple * f.purchaseCycleQ90Days,
  );
  const silent = (f.recencyDays as number) > silenceLimit;
  const declining =
    f.valueTrend !== null &&
    f.valueTrend <= rules.declineTrend &&
    f.complaintsRecent >= rules.declineComplaints;
  if (evidence !== null) {
    push(
      DISSOLUTION,
      "cancelled",
      f.cancelled,
      "a cancellation with no purchase after it",
      f.cancelled,
    );
    push(
      DISSOLUTION,
      "silence",
      f.recencyDays,
      `> ${round(silenceLimit)} days since the last purchase`,
      silent,
    );
    push(
      DISSOLUTION,
      "decline",
      f.valueTrend,
      `value trend ≤ ${rules.declineTrend} with ≥ ${rules.declineComplaints} recent complaints (${f.complaintsRecent})`,
      f.valueTrend === null ? null : declining,
    );
  }
  // Build-up stages: weighted criteria.
  const noProducts = f.productBreadth === 0;
  let met = 0;
  let evaluable = 0;
  let all = 0;
  const criterion = (
    stage: number,
    name: Criterion,
    value: number | boolean | null,
    threshold: string,
    ok: boolean | null,
  ) => {
    const weight = w[name];
    all += weight;
    if (ok !== null) {
      evaluable += weight;
      if (ok) met += weight;
    }
    push(stage, name, value, threshold, ok);
  };
  const close = (k: 0 | 1 | 2) => {
    outcome.scores[k] = evaluable > 0 ? met / evaluable : null;
    outcome.coverage[k] = all > 0 ? evaluable / all : 0;
    met = 0;
    evaluable = 0;
    all = 0;
  };
  const customerDays = f.customerDays as number;
  criterion(
    EXPLORATION,
    "new-customer",
    customerDays,
    `< ${rules.newCustomerDays} days since the first purchase`,
    customerDays < rules.newCustomerDays,
  );
  criterion(
    EXPLORATION,
    "few-purchases",
    f.purchases365,
    `< ${rules.fewPurchases} purchases in 365 days`,
    f.purchases365 < rules.fewPurchases,
  );
  criterion(
    EXPLORATION,
    "single-product",
    noProducts ? null : f.productBreadth,
    "≤ 1 product",
    noProducts ? null : f.productBreadth <= 1,
  );
  criterion(
    EXPLORATION,
    "shopping-around",
    f.recentInquiries,
    "≥ 1 recent inquiry or quote request",
    f.recentInquiries >= 1,
  );
  close(0);
  criterion(
    EXPANSION,
    "expansion-tenure",
    f.tenureDays,
    `≥ ${rules.expansionTenureDays} days`,
    f.tenureDays >= rules.expansionTenureDays,
  );
  criterion(
    EXPANSION,
    "repeat-buying",
    f.purchases365,
    `≥ ${rules.fewPurchases} purchases in 365 days`,
    f.purchases365 >= rules.fewPurchases,
  );
  criterion(
    EXPANSION,
    "value-growing",
    f.valueTrend,
    `value trend ≥ ${rules.growthTrend}`,
    f.valueTrend === null ? null : f.valueTrend >= rules.growthTrend,
  );
  criterion(
    EXPANSION,
    "breadth-growing",
    noProducts ? null : f.productBreadth,
    `more products than the ${f.productBreadthEarlier} (≥ 1) at the start of the trend window`,
    noProducts ? null : f.productBreadthEarlier > 0 && f.productBreadth > f.productBreadthEarlier,
  );
  criterion(
    EXPANSION,
    "customer-initiated",
    f.reciprocity,
    `customer-initiated share ≥ ${rules.activeReciprocity}`,
    f.reciprocity === null ? null : f.reciprocity >= rules.activeReciprocity,
  );
  close(1);
  criterion(
    COMMITMENT,
    "long-tenure",
    f.tenureDays,
    `≥ ${rules.commitmentTenureDays} days`,
    f.tenureDays >= rules.commitmentTenureDays,
  );
  criterion(
    COMMITMENT,
    "stable-value",
    f.valueTrend,
    `|value trend| < ${rules.stableTrend}`,
    f.valueTrend === null ? null : Math.abs(f.valueTrend) < rules.stableTrend,
  );
  const broadKnown = !noProducts || f.shareOfWallet !== null;
  criterion(
    COMMITMENT,
    "broad-or-share",
    noProducts ? f.shareOfWallet : f.productBreadth,
    `≥ ${rules.commitmentBreadth} products or share of wallet ≥ ${rules.commitmentShareOfWallet}`,
    broadKnown
      ? f.productBreadth >= rules.commitmentBreadth ||
          (f.shareOfWallet !== null && f.shareOfWallet >= rules.commitmentShareOfWallet)
      : null,
  );
  criterion(COMMITMENT, "contract", f.contracts, "≥ 1 contract or renewal", f.contracts >= 1);
  criterion(
    COMMITMENT,
    "few-complaints",
    f.complaintsRecent,
    `≤ ${rules.maxRecentComplaints} recent complaints, none open (${f.openComplaints} open)`,
    f.complaintsRecent <= rules.maxRecentComplaints && f.openComplaints === 0,
  );
  close(2);
  if (f.cancelled) {
    outcome.stage = DISSOLUTION;
    outcome.confidence = 1;
    return outcome;
  }
  if (silent || declining) {
    outcome.stage = DISSOLUTION;
    outcome.confidence = silent && declining ? 0.9 : 0.8;
    return outcome;
  }
  let best = 0;
  let second = -1;
  for (let k = 1; k < 3; k++) {
    const s = outcome.scores[k] ?? -1;
    const b = outcome.scores[best] ?? -1;
    if (
      s > b ||
      (s === b && (outcome.coverage[k] as number) > (outcome.coverage[best] as number))
    ) {
      second = best;
      best = k;
    } else if (second < 0 || s > (outcome.scores[second] ?? -1)) second = k;
  }
  const sBest = outcome.scores[best] ?? 0;
  const sSecond = Math.max(0, outcome.scores[second] ?? 0);
  outcome.stage = EXPLORATION + best;
  outcome.confidence =
    sBest > 0 ? sBest * (outcome.coverage[best] as number) * (1 - sSecond / sBest) : 0;
  return outcome;
}

/** A fresh outcome to fill. */
export function emptyOutcome(): StageOutcome {
  return { stage: 0, confidence: 0, scores: [null, null, null], coverage: [0, 0, 0] };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
