import { AWARENESS, DISSOLUTION, EXPLORATION, type StageOutcome } from "./assessStage";
import type { StageInputs } from "./stageInputs";
import { CRITERIA, type StageRules } from "./stageRules";

/** The weights of the build-up criteria in evaluation order, and each stage's weight total. */
interface CompiledRules {
  readonly w: Float64Array;
  readonly all: Float64Array;
}

const compiledRules = new WeakMap<StageRules, CompiledRules>();

/**
 * The build-up criteria in `assessStage`'s order (4 exploration, 5 expansion, 5 commitment):
 * {@link CRITERIA} after its four dissolution criteria.
 */
const ORDER = CRITERIA.slice(4);
const STAGE_OF = [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2];

/** The rules' weights read once into a flat array (resolved rules are frozen or fresh objects). */
function compile(rules: StageRules): CompiledRules {
  let compiled = compiledRules.get(rules);
  if (compiled !== undefined) return compiled;
  const w = new Float64Array(ORDER.length);
  const all = new Float64Array(3);
  for (let i = 0; i < ORDER.length; i++) {
    const weight = rules.weights[ORDER[i] as (typeof CRITERIA)[number]];
    w[i] = weight;
    const k = STAGE_OF[i] as number;
    all[k] = (all[k] as number) + weight;
  }
  compiled = { w, all };
  compiledRules.set(rules, compiled);
  return compiled;
}

/**
 * The stage and confidence of `assessStage` without evidence, for the timeline's many
 * customer-months: the same criteria, weights summed in the same order (so the same scores to
 * the last bit), written out as straight-line code over the inputs instead of a loop through
 * one closure per criterion, with the weights read once per rules object. A fast-check
 * property checks it against `assessStage` on random inputs and rules.
 */
export function stageOutcome(
  f: StageInputs,
  rules: StageRules,
  outcome: StageOutcome,
): StageOutcome {
  const scores = outcome.scores;
  const coverage = outcome.coverage;
  if (f.purchases === 0) {
    scores[0] = null;
    scores[1] = null;
    scores[2] = null;
    coverage[0] = 0;
    coverage[1] = 0;
    coverage[2] = 0;
    outcome.stage = AWARENESS;
    outcome.confidence = 1;
    return outcome;
  }
  const { w, all } = compile(rules);
  const q90 = f.purchaseCycleQ90Days;
  const silenceLimit = Math.max(
    rules.silenceDays,
    q90 === null ? 0 : rules.silenceCycleMultiple * q90,
  );
  const silent = (f.recencyDays as number) > silenceLimit;
  const trend = f.valueTrend;
  const declining =
    trend !== null && trend <= rules.declineTrend && f.complaintsRecent >= rules.declineComplaints;
  const breadth = f.productBreadth;
  const noProducts = breadth === 0;
  let met = 0;
  let evaluable = 0;
  let weight = 0;
  // exploration
  weight = w[0] as number;
  evaluable += weight;
  if ((f.customerDays as number) < rules.newCustomerDays) met += weight;
  weight = w[1] as number;
  evaluable += weight;
  if (f.purchases365 < rules.fewPurchases) met += weight;
  if (!noProducts) {
    weight = w[2] as number;
    evaluable += weight;
    if (breadth <= 1) met += weight;
  }
  weight = w[3] as number;
  evaluable += weight;
  if (f.recentInquiries >= 1) met += weight;
  setScore(outcome, 0, met, evaluable, all[0] as number);
  // expansion
  met = 0;
  evaluable = 0;
  weight = w[4] as number;
  evaluable += weight;
  if (f.tenureDays >= rules.expansionTenureDays) met += weight;
  weight = w[5] as number;
  evaluable += weight;
  if (f.purchases365 >= rules.fewPurchases) met += weight;
  if (trend !== null) {
    weight = w[6] as number;
    evaluable += weight;
    if (trend >= rules.growthTrend) met += weight;
  }
  if (!noProducts) {
    weight = w[7] as number;
    evaluable += weight;
    if (f.productBreadthEarlier > 0 && breadth > f.productBreadthEarlier) met += weight;
  }
  const reciprocity = f.reciprocity;
  if (reciprocity !== null) {
    weight = w[8] as number;
    evaluable += weight;
    if (reciprocity >= rules.activeReciprocity) met += weight;
  }
  setScore(outcome, 1, met, evaluable, all[1] as number);
  // commitment
  met = 0;
  evaluable = 0;
  weight = w[9] as number;
  evaluable += weight;
  if (f.tenureDays >= rules.commitmentTenureDays) met += weight;
  if (trend !== null) {
    weight = w[10] as number;
    evaluable += weight;
    if (Math.abs(trend) < rules.stableTrend) met += weight;
  }
  const share = f.shareOfWallet;
  if (!(noProducts && share === null)) {
    weight = w[11] as number;
    evaluable += weight;
    if (
      breadth >= rules.commitmentBreadth ||
      (share !== null && share >= rules.commitmentShareOfWallet)
    )
      met += weight;
  }
  weight = w[12] as number;
  evaluable += weight;
  if (f.contracts >= 1) met += weight;
  weight = w[13] as number;
  evaluable += weight;
  if (f.complaintsRecent <= rules.maxRecentComplaints && f.openComplaints === 0) met += weight;
  setScore(outcome, 2, met, evaluable, all[2] as number);
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

function setScore(
  outcome: StageOutcome,
  k: number,
  met: number,
  evaluable: number,
  all: number,
): void {
  outcome.scores[k] = evaluable > 0 ? met / evaluable : null;
  outcome.coverage[k] = all > 0 ? evaluable / all : 0;
}
