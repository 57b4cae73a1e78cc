import { expectShape, invalidArgument, isRecord } from "../_lib/checkArgument";
import { assessStage, emptyOutcome, type StageEvidence } from "./assessStage";
import type { CustomerFeatures } from "./featureTypes";
import { resolveStageRules } from "./resolveStageRules";
import { stageEvidence } from "./stageEvidence";
import { stageInputsOf } from "./stageInputs";
import { stageOutcome } from "./stageOutcome";
import {
  STAGES,
  type Stage,
  type StageRules,
  type StageRulesInput,
  type SurveyIndices,
} from "./stageRules";

/** What would move a relationship on: the next stage and the criteria it still misses. */
export interface NextStage {
  /** The next stage of the build-up; null for commitment (the last). */
  readonly stage: Stage | null;
  /** The next stage's criteria not met (or not evaluable), with the values seen. */
  readonly needs: readonly StageEvidence[];
  readonly note: string;
}

/** The stage of one customer's relationship, with the evidence behind it. */
export interface StageAssessment {
  readonly customer: string;
  readonly asOf: string;
  readonly stage: Stage;
  /** 0–1 (see docs/relationship.md). */
  readonly confidence: number;
  /** Score of each build-up stage (share of its evaluable weight met); null when not evaluable. */
  readonly scores: {
    readonly exploration: number | null;
    readonly expansion: number | null;
    readonly commitment: number | null;
  };
  /** Every criterion evaluated, with the value it saw and whether it was met. */
  readonly evidence: readonly StageEvidence[];
  readonly next: NextStage;
}

const FEATURES = {
  what: "one customer's features (an element of relationshipFeatures(...).customers)",
  fields: {
    customer: "string",
    purchases: "number",
    tenureDays: "number",
    complaints: "object",
    valueTrend: "object",
  },
} as const;

/**
 * Classifies a relationship into awareness, exploration, expansion, commitment or
 * dissolution (Dwyer, Schurr & Oh 1987) by transparent rules on its features:
 *
 * - awareness: no purchase yet;
 * - dissolution (checked first): a cancellation with no purchase after it (confidence 1), or
 *   silence (days since the last purchase > max(`silenceDays`, `silenceCycleMultiple` × the
 *   customer's own 90th-percentile purchase gap)), or decline (value trend ≤ `declineTrend`
 *   with ≥ `declineComplaints` recent complaints): 0.8 for one, 0.9 for both;
 * - otherwise the build-up stage with the highest score s = Σ w·met / Σ w over its evaluable
 *   criteria (exploration: new customer, few purchases, single product, shopping around;
 *   expansion: tenure, repeat buying, value growing, breadth growing, customer-initiated;
 *   commitment: long tenure, stable value, broad or high share of wallet, contract, few
 *   complaints), confidence s_best × coverage × (1 − s_second / s_best).
 *
 * The criteria follow the stage descriptions of Dwyer et al.; thresholds and weights are our
 * documented defaults (`DEFAULT_STAGE_RULES`), each one changeable in `rules`.
 *
 * Optionally (off by default) trust and commitment, the key mediating variables of Morgan &
 * Hunt (1994), are criteria too: with `rules.trust = { commitmentMin?, trustMin?,
 * dissolutionBelow? }` (defaults 60, 60, 30 on the 0–100 indices) and the customer's `survey`
 * indices, commitment needs T ≥ trustMin and C ≥ commitmentMin (else the better of exploration
 * and expansion), and T < dissolutionBelow is a dissolution signal like silence and decline.
 * The evidence names the indices seen; an unknown index is not evaluable.
 *
 * @param features - One customer's features.
 * @param rules - Thresholds and weights to change (the rest keep their defaults), and `trust`.
 * @param survey - The customer's trust and commitment indices (0–100, e.g. a row of
 *   `relationshipQuality(...).customers`); read only with `rules.trust`.
 * @returns The stage, confidence, scores, evidence and what the next stage needs.
 * @throws {ServqualError} `invalid-argument`, `invalid-options`.
 *
 * @example
 * const { events } = validateEvents([
 *   { id: 1, customer: "c1", timestamp: "2024-01-01", type: "inquiry" },
 * ]);
 * const [c1] = relationshipFeatures(events, { asOf: "2024-02-01" }).customers;
 * classifyStage(c1).stage //=> "awareness"
 * // a behaviourally committed customer whose survey trust is 45 stays in expansion:
 * classifyStage(f, { trust: { trustMin: 60 } }, { trust: 45, commitment: 70 }).stage //=> "expansion"
 */
export function classifyStage(
  features: CustomerFeatures,
  rules?: StageRulesInput,
  survey?: SurveyIndices,
): StageAssessment {
  expectShape("classifyStage", "features", features, FEATURES);
  const resolved = resolveStageRules("classifyStage", rules);
  const indices = surveyIndices("classifyStage", survey, resolved);
  const inputs = stageInputsOf(features);
  let evidence: StageEvidence[];
  let outcome: ReturnType<typeof emptyOutcome>;
  if (resolved.trust === undefined) {
    // What assessStage(inputs, resolved, evidence, …) gives, by its two straight-line halves
    // (fast-check properties in test/relationship/fastPaths.test.ts keep them equal).
    evidence = stageEvidence(inputs, resolved);
    outcome = stageOutcome(inputs, resolved, emptyOutcome());
  } else {
    // with the survey criteria (rules.trust): the general evaluation, evidence and survey read
    evidence = [];
    outcome = assessStage(inputs, resolved, evidence, emptyOutcome(), indices);
  }
  const stage = STAGES[outcome.stage] as Stage;
  return {
    customer: features.customer,
    asOf: features.asOf,
    stage,
    confidence: outcome.confidence,
    scores: {
      exploration: outcome.scores[0],
      expansion: outcome.scores[1],
      commitment: outcome.scores[2],
    },
    evidence,
    next: nextStage(stage, evidence, resolved),
  };
}

/**
 * The survey indices checked: null without them; each a number 0–100 or null.
 *
 * @throws {ServqualError} `invalid-argument` for another shape, or indices without `rules.trust`
 *   (they would not be read).
 */
export function surveyIndices(
  fn: string,
  survey: unknown,
  rules: StageRules,
  param = "survey",
): SurveyIndices | null {
  if (survey === undefined) return null;
  const what = "{ trust, commitment }: indices 0–100 or null";
  if (!isRecord(survey)) throw invalidArgument(fn, param, what, survey);
  for (const key of Object.keys(survey)) {
    if (key !== "trust" && key !== "commitment") {
      throw invalidArgument(fn, `${param}.${key}`, `no such key (${what})`, survey[key]);
    }
  }
  for (const key of ["trust", "commitment"] as const) {
    const v = survey[key];
    if (v !== null && v !== undefined && !(typeof v === "number" && v >= 0 && v <= 100)) {
      throw invalidArgument(fn, `${param}.${key}`, "an index from 0 to 100 or null", v);
    }
  }
  if (rules.trust === undefined) {
    throw invalidArgument(
      fn,
      param,
      "survey indices only with rules.trust (they are not read otherwise)",
      survey,
    );
  }
  return {
    trust: (survey.trust as number | null | undefined) ?? null,
    commitment: (survey.commitment as number | null | undefined) ?? null,
  };
}

function nextStage(stage: Stage, evidence: readonly StageEvidence[], rules: StageRules): NextStage {
  const trust = rules.trust;
  const missing = (of: Stage) => evidence.filter((e) => e.stage === of && e.met !== true);
  switch (stage) {
    case "awareness":
      return { stage: "exploration", needs: [], note: "a first purchase starts exploration" };
    case "exploration":
      return {
        stage: "expansion",
        needs: missing("expansion"),
        note: "expansion needs the criteria listed in needs",
      };
    case "expansion":
      return {
        stage: "commitment",
        needs: missing("commitment"),
        note:
          trust === undefined
            ? "commitment needs the criteria listed in needs"
            : `commitment needs the criteria listed in needs, with the survey's trust index ≥ ${trust.trustMin} and commitment index ≥ ${trust.commitmentMin}`,
      };
    case "commitment":
      return {
        stage: null,
        needs: [],
        note:
          trust === undefined
            ? "commitment is the last build-up stage: keep the dissolution criteria clear"
            : `commitment is the last build-up stage: keep the dissolution criteria clear and the survey's trust index ≥ ${trust.trustMin} and commitment index ≥ ${trust.commitmentMin}`,
      };
    default:
      return {
        stage: "exploration",
        needs: evidence.filter((e) => e.stage === "dissolution" && e.met === true),
        note:
          trust?.dissolutionBelow == null
            ? "a purchase or contract after the cancellation, and none of the listed criteria firing, reopens the relationship (re-exploration)"
            : `a purchase or contract after the cancellation, and none of the listed criteria firing (the survey's trust index back at ${trust.dissolutionBelow} or more), reopens the relationship (re-exploration)`,
      };
  }
}
