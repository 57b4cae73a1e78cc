import type { StageInputs } from "./stageInputs";
import type { Criterion, Stage, StageRules, SurveyCriterion, SurveyIndices } from "./stageRules";

/** One criterion as evaluated: the value it saw, the threshold, whether it was met. */
export interface StageEvidence {
  readonly stage: Stage;
  /** A rule on the features, or (with `rules.trust`) one on the survey's indices. */
  readonly criterion: Criterion | SurveyCriterion;
  /** The feature value the criterion read (null: not available, so not evaluated). */
  readonly value: number | boolean | null;
  /** The condition, e.g. `≥ 180 days`. */
  readonly threshold: string;
  /** Null when the criterion could not be evaluated (its feature is unknown). */
  readonly met: boolean | null;
  /** Weight in the stage's score (0 for the survey criteria: they gate, they are not scored). */
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

/** A build-up criterion: its stage, what it reads and when it is met (null: not evaluable). */
interface Rule {
  readonly stage: 1 | 2 | 3;
  readonly name: Criterion;
  readonly met: (f: StageInputs, r: StageRules) => boolean | null;
  readonly value: (f: StageInputs) => number | boolean | null;
  readonly threshold: (r: StageRules, f: StageInputs) => string;
}

const noProducts = (f: StageInputs) => f.productBreadth === 0;

/** The build-up criteria, grouped by stage in order (exploration, expansion, commitment). */
const RULES: readonly Rule[] = [
  {
    stage: 1,
    name: "new-customer",
    met: (f, r) => (f.customerDays as number) < r.newCustomerDays,
    value: (f) => f.customerDays,
    threshold: (r) => `< ${r.newCustomerDays} days since the first purchase`,
  },
  {
    stage: 1,
    name: "few-purchases",
    met: (f, r) => f.purchases365 < r.fewPurchases,
    value: (f) => f.purchases365,
    threshold: (r) => `< ${r.fewPurchases} purchases in 365 days`,
  },
  {
    stage: 1,
    name: "single-product",
    met: (f) => (noProducts(f) ? null : f.productBreadth <= 1),
    value: (f) => (noProducts(f) ? null : f.productBreadth),
    threshold: () => "≤ 1 product",
  },
  {
    stage: 1,
    name: "shopping-around",
    met: (f) => f.recentInquiries >= 1,
    value: (f) => f.recentInquiries,
    threshold: () => "≥ 1 recent inquiry or quote request",
  },
  {
    stage: 2,
    name: "expansion-tenure",
    met: (f, r) => f.tenureDays >= r.expansionTenureDays,
    value: (f) => f.tenureDays,
    threshold: (r) => `≥ ${r.expansionTenureDays} days`,
  },
  {
    stage: 2,
    name: "repeat-buying",
    met: (f, r) => f.purchases365 >= r.fewPurchases,
    value: (f) => f.purchases365,
    threshold: (r) => `≥ ${r.fewPurchases} purchases in 365 days`,
  },
  {
    stage: 2,
    name: "value-growing",
    met: (f, r) => (f.valueTrend === null ? null : f.valueTrend >= r.growthTrend),
    value: (f) => f.valueTrend,
    threshold: (r) => `value trend ≥ ${r.growthTrend}`,
  },
  {
    stage: 2,
    name: "breadth-growing",
    met: (f) =>
      noProducts(f)
        ? null
        : f.productBreadthEarlier > 0 && f.productBreadth > f.productBreadthEarlier,
    value: (f) => (noProducts(f) ? null : f.productBreadth),
    threshold: (_, f) =>
      `more products than the ${f.productBreadthEarlier} (≥ 1) at the start of the trend window`,
  },
  {
    stage: 2,
    name: "customer-initiated",
    met: (f, r) => (f.reciprocity === null ? null : f.reciprocity >= r.activeReciprocity),
    value: (f) => f.reciprocity,
    threshold: (r) => `customer-initiated share ≥ ${r.activeReciprocity}`,
  },
  {
    stage: 3,
    name: "long-tenure",
    met: (f, r) => f.tenureDays >= r.commitmentTenureDays,
    value: (f) => f.tenureDays,
    threshold: (r) => `≥ ${r.commitmentTenureDays} days`,
  },
  {
    stage: 3,
    name: "stable-value",
    met: (f, r) => (f.valueTrend === null ? null : Math.abs(f.valueTrend) < r.stableTrend),
    value: (f) => f.valueTrend,
    threshold: (r) => `|value trend| < ${r.stableTrend}`,
  },
  {
    stage: 3,
    name: "broad-or-share",
    met: (f, r) =>
      noProducts(f) && f.shareOfWallet === null
        ? null
        : f.productBreadth >= r.commitmentBreadth ||
          (f.shareOfWallet !== null && f.shareOfWallet >= r.commitmentShareOfWallet),
    value: (f) => (noProducts(f) ? f.shareOfWallet : f.productBreadth),
    threshold: (r) =>
      `≥ ${r.commitmentBreadth} products or share of wallet ≥ ${r.commitmentShareOfWallet}`,
  },
  {
    stage: 3,
    name: "contract",
    met: (f) => f.contracts >= 1,
    value: (f) => f.contracts,
    threshold: () => "≥ 1 contract or renewal",
  },
  {
    stage: 3,
    name: "few-complaints",
    met: (f, r) => f.complaintsRecent <= r.maxRecentComplaints && f.openComplaints === 0,
    value: (f) => f.complaintsRecent,
    threshold: (r, f) =>
      `≤ ${r.maxRecentComplaints} recent complaints, none open (${f.openComplaints} open)`,
  },
];

function entry(
  stage: number,
  criterion: Criterion | SurveyCriterion,
  value: number | boolean | null,
  threshold: string,
  met: boolean | null,
  rules: StageRules,
): StageEvidence {
  const name = STAGE_NAMES[stage] as Stage;
  const weight = (rules.weights as Readonly<Record<string, number>>)[criterion] ?? 0;
  return { stage: name, criterion, value, threshold, met, weight };
}

/** Whether `value` is at least `min`; null when the index is unknown. */
const atLeast = (value: number | null, min: number) => (value === null ? null : value >= min);

/**
 * Evaluates the stage rules on one customer's inputs. With `evidence`, every criterion is
 * pushed with what it saw; without, only the outcome is computed (the timeline's fast path:
 * no strings, no objects).
 *
 * Order: awareness when there is no purchase; dissolution when the last cancellation has no
 * purchase after it (confidence 1), or when silence or decline fire (0.8 for one, 0.9 for
 * both); otherwise the build-up stage (exploration, expansion, commitment) with the highest
 * score s = Σ w·met / Σ w over its evaluable criteria (ties: more coverage, then the earlier
 * stage), confidence s_best × coverage_best × (1 − s_second / s_best), coverage = evaluable
 * weight / all weight of the stage.
 *
 * With `rules.trust` (off by default) the survey's indices are read too: a trust index below
 * `dissolutionBelow` is a third dissolution signal (three signals: confidence 0.95), and the
 * commitment stage needs the trust and commitment indices at `trustMin` / `commitmentMin`; when
 * either is below, the better of exploration and expansion is chosen instead (an unknown index
 * is not evaluable and leaves the stage as the features put it). Without `rules.trust` the
 * result equals `stageOutcome`'s.
 */
export function assessStage(
  f: StageInputs,
  rules: StageRules,
  evidence: StageEvidence[] | null,
  outcome: StageOutcome,
  survey: SurveyIndices | null = null,
): StageOutcome {
  const scores = outcome.scores;
  const coverage = outcome.coverage;
  scores[0] = null;
  scores[1] = null;
  scores[2] = null;
  coverage[0] = 0;
  coverage[1] = 0;
  coverage[2] = 0;
  if (f.purchases === 0) {
    evidence?.push(entry(AWARENESS, "no-purchase", 0, "= 0 purchases", true, rules));
    outcome.stage = AWARENESS;
    outcome.confidence = 1;
    return outcome;
  }
  // Dissolution, checked first.
  const q90 = f.purchaseCycleQ90Days;
  const silenceLimit = Math.max(
    rules.silenceDays,
    q90 === null ? 0 : rules.silenceCycleMultiple * q90,
  );
  const silent = (f.recencyDays as number) > silenceLimit;
  const declining =
    f.valueTrend !== null &&
    f.valueTrend <= rules.declineTrend &&
    f.complaintsRecent >= rules.declineComplaints;
  if (evidence !== null) {
    evidence.push(
      entry(
        DISSOLUTION,
        "cancelled",
        f.cancelled,
        "a cancellation with no purchase after it",
        f.cancelled,
        rules,
      ),
      entry(
        DISSOLUTION,
        "silence",
        f.recencyDays,
        `> ${Math.round(silenceLimit * 100) / 100} days since the last purchase`,
        silent,
        rules,
      ),
      entry(
        DISSOLUTION,
        "decline",
        f.valueTrend,
        `value trend ≤ ${rules.declineTrend} with ≥ ${rules.declineComplaints} recent complaints (${f.complaintsRecent})`,
        f.valueTrend === null ? null : declining,
        rules,
      ),
    );
  }
  const trust = rules.trust;
  const low =
    trust === undefined || trust.dissolutionBelow === null
      ? null
      : survey?.trust == null
        ? null
        : survey.trust < trust.dissolutionBelow;
  if (evidence !== null && trust !== undefined && trust.dissolutionBelow !== null) {
    evidence.push(
      entry(
        DISSOLUTION,
        "low-trust",
        survey?.trust ?? null,
        `survey trust index < ${trust.dissolutionBelow}`,
        low,
        rules,
      ),
    );
  }
  // Build-up stages: weighted criteria.
  const weights = rules.weights;
  let met = 0;
  let evaluable = 0;
  let all = 0;
  let current = 1;
  for (let i = 0; i <= RULES.length; i++) {
    const rule = RULES[i];
    if (rule === undefined || rule.stage !== current) {
      const k = current - 1;
      scores[k] = evaluable > 0 ? met / evaluable : null;
      coverage[k] = all > 0 ? evaluable / all : 0;
      met = 0;
      evaluable = 0;
      all = 0;
      if (rule === undefined) break;
      current = rule.stage;
    }
    const weight = weights[rule.name];
    const ok = rule.met(f, rules);
    all += weight;
    if (ok !== null) {
      evaluable += weight;
      if (ok) met += weight;
    }
    if (evidence !== null) {
      evidence.push(
        entry(rule.stage, rule.name, rule.value(f), rule.threshold(rules, f), ok, rules),
      );
    }
  }
  const trustMet = trust === undefined ? null : atLeast(survey?.trust ?? null, trust.trustMin);
  const commitmentMet =
    trust === undefined ? null : atLeast(survey?.commitment ?? null, trust.commitmentMin);
  if (evidence !== null && trust !== undefined) {
    evidence.push(
      entry(
        COMMITMENT,
        "trust-index",
        survey?.trust ?? null,
        `survey trust index ≥ ${trust.trustMin}`,
        trustMet,
        rules,
      ),
      entry(
        COMMITMENT,
        "commitment-index",
        survey?.commitment ?? null,
        `survey commitment index ≥ ${trust.commitmentMin}`,
        commitmentMet,
        rules,
      ),
    );
  }
  if (f.cancelled) {
    outcome.stage = DISSOLUTION;
    outcome.confidence = 1;
    return outcome;
  }
  const signals = (silent ? 1 : 0) + (declining ? 1 : 0) + (low === true ? 1 : 0);
  if (signals > 0) {
    outcome.stage = DISSOLUTION;
    outcome.confidence = signals === 1 ? 0.8 : signals === 2 ? 0.9 : 0.95;
    return outcome;
  }
  // the survey's minimums gate commitment: below either, commitment is not a candidate
  const candidates = trustMet === false || commitmentMet === false ? 2 : 3;
  let best = 0;
  let second = -1;
  for (let k = 1; k < candidates; k++) {
    const s = scores[k] ?? -1;
    const b = scores[best] ?? -1;
    if (s > b || (s === b && (coverage[k] as number) > (coverage[best] as number))) {
      second = best;
      best = k;
    } else if (second < 0 || s > (scores[second] ?? -1)) second = k;
  }
  const sBest = scores[best] ?? 0;
  const sSecond = Math.max(0, scores[second] ?? 0);
  outcome.stage = EXPLORATION + best;
  outcome.confidence = sBest > 0 ? sBest * (coverage[best] as number) * (1 - sSecond / sBest) : 0;
  return outcome;
}

/** A fresh outcome to fill. */
export function emptyOutcome(): StageOutcome {
  return { stage: 0, confidence: 0, scores: [null, null, null], coverage: [0, 0, 0] };
}
