import { checkOptionKeys, expectShape, invalidArgument, optionNames } from "../_lib/guards";
import { classifyStage } from "./classifyStage";
import { meanOf } from "./facetScores";
import type { CustomerFeatures } from "./featureTypes";
import { STAGES, type Stage, type StageRulesInput } from "./stageRules";
import type { CustomerTrust } from "./trustIndex";

/** The bases of trust of Lewicki & Bunker (1995, 1996), in the order they develop. */
export type TrustBasisKind = "calculus" | "knowledge" | "identification";

/** Options of {@link trustBasis}. */
export interface TrustBasisOptions {
  /** The customer's stage, when already classified (default: `classifyStage(features, rules)`). */
  readonly stage?: Stage;
  /** Stage rules for the classification (when `stage` is not given). */
  readonly rules?: StageRulesInput;
  /** Tenure (days) from which a shared history can support knowledge-based trust (default 365). */
  readonly knowledgeTenureDays?: number;
  /** Tenure (days) from which identification can have formed (default 730). */
  readonly identificationTenureDays?: number;
  /** A facet index at or above this is strong (default 65). */
  readonly strongTrust?: number;
}

/** One criterion of a basis, with the value it saw. */
export interface BasisEvidence {
  readonly basis: TrustBasisKind;
  readonly criterion: string;
  readonly value: number | string | null;
  readonly threshold: string;
  /** Null when the value is unknown (the facet was not measured or not scored). */
  readonly met: boolean | null;
}

/** Result of {@link trustBasis}. */
export interface TrustBasisResult {
  readonly customer: string;
  readonly stage: Stage;
  /** The basis with the highest score; ties go to the earlier basis. */
  readonly basis: TrustBasisKind;
  /** Share of each basis's evaluable criteria met; null when none is evaluable. */
  readonly scores: Readonly<Record<TrustBasisKind, number | null>>;
  readonly evidence: readonly BasisEvidence[];
}

const OPTIONS = optionNames<TrustBasisOptions>({
  stage: true,
  rules: true,
  knowledgeTenureDays: true,
  identificationTenureDays: true,
  strongTrust: true,
});

const BASES: readonly TrustBasisKind[] = ["calculus", "knowledge", "identification"];

function positive(fn: string, key: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw invalidArgument(fn, `options.${key}`, "a number ≥ 0", value);
  }
  return value;
}

/**
 * Which basis of trust dominates a relationship (Lewicki & Bunker 1995, 1996, after Shapiro,
 * Sheppard & Cheraskin 1992): calculus-based (deterrence and cost–benefit, early),
 * knowledge-based (predictability from a shared history) or identification-based (shared goals
 * and values; mature relationships only, and many never reach it).
 *
 * The rule is our documented choice: three criteria per basis, each met or not (or unknown
 * when its input is missing), score = met / evaluable, the highest score wins, ties to the
 * earlier basis (the conservative reading of a sequential model).
 *
 * - calculus: tenure < `knowledgeTenureDays` (365); stage awareness, exploration or
 *   dissolution; benevolence below `strongTrust` (65) (trust not yet resting on goodwill).
 * - knowledge: tenure ≥ `knowledgeTenureDays`; stage expansion; credibility (mean of honesty,
 *   reliability and competence measured) ≥ `strongTrust`.
 * - identification: tenure ≥ `identificationTenureDays` (730); stage commitment; benevolence
 *   ≥ `strongTrust` and ≥ credibility (goodwill leads).
 *
 * @param features - One customer's features (`relationshipFeatures(...).customers[i]`).
 * @param trust - The same customer's trust (`trustIndex(...).customers[j]`).
 * @param options - `stage`, `rules`, `knowledgeTenureDays`, `identificationTenureDays`, `strongTrust`.
 * @returns The dominant basis, the three scores and every criterion with its value.
 * @throws {ServqualError} `invalid-argument` for wrong arguments or two different customers.
 *
 * @example
 * // 3 years, committed, benevolence 90 ≥ credibility 80: identification 3/3
 * trustBasis(features, trust).basis //=> "identification"
 */
export function trustBasis(
  features: CustomerFeatures,
  trust: CustomerTrust,
  options: TrustBasisOptions = {},
): TrustBasisResult {
  const fn = "trustBasis";
  expectShape(fn, "features", features, {
    what: "one customer's features (an element of relationshipFeatures(...).customers)",
    fields: { customer: "string", tenureDays: "number", complaints: "object" },
  });
  expectShape(fn, "trust", trust, {
    what: "one customer's trust (an element of trustIndex(...).customers)",
    fields: { facets: "object" },
  });
  checkOptionKeys(fn, options, OPTIONS);
  if (trust.customer !== null && trust.customer !== features.customer) {
    throw invalidArgument(
      fn,
      "trust",
      `the trust of customer ${features.customer} (the features' customer)`,
      trust.customer,
    );
  }
  if (options.stage !== undefined && !(STAGES as readonly string[]).includes(options.stage)) {
    throw invalidArgument(fn, "options.stage", `a stage (${STAGES.join(", ")})`, options.stage);
  }
  const knowledgeDays = positive(fn, "knowledgeTenureDays", options.knowledgeTenureDays, 365);
  const identificationDays = positive(
    fn,
    "identificationTenureDays",
    options.identificationTenureDays,
    730,
  );
  const strong = positive(fn, "strongTrust", options.strongTrust, 65);
  const stage = options.stage ?? classifyStage(features, options.rules).stage;
  const facet = (id: string): number | null => trust.facets[id]?.index ?? null;
  const benevolence = facet("benevolence");
  const credibility = meanOf([facet("honesty"), facet("reliability"), facet("competence")]);
  const tenure = features.tenureDays;
  const evidence: BasisEvidence[] = [
    {
      basis: "calculus",
      criterion: "early-tenure",
      value: tenure,
      threshold: `tenure < ${knowledgeDays} days`,
      met: tenure < knowledgeDays,
    },
    {
      basis: "calculus",
      criterion: "early-stage",
      value: stage,
      threshold: "awareness, exploration or dissolution",
      met: stage === "awareness" || stage === "exploration" || stage === "dissolution",
    },
    {
      basis: "calculus",
      criterion: "no-goodwill-yet",
      value: benevolence,
      threshold: `benevolence < ${strong}`,
      met: benevolence === null ? null : benevolence < strong,
    },
    {
      basis: "knowledge",
      criterion: "shared-history",
      value: tenure,
      threshold: `tenure ≥ ${knowledgeDays} days`,
      met: tenure >= knowledgeDays,
    },
    {
      basis: "knowledge",
      criterion: "expansion-stage",
      value: stage,
      threshold: "expansion",
      met: stage === "expansion",
    },
    {
      basis: "knowledge",
      criterion: "predictable",
      value: credibility,
      threshold: `mean of honesty, reliability, competence ≥ ${strong}`,
      met: credibility === null ? null : credibility >= strong,
    },
    {
      basis: "identification",
      criterion: "long-tenure",
      value: tenure,
      threshold: `tenure ≥ ${identificationDays} days`,
      met: tenure >= identificationDays,
    },
    {
      basis: "identification",
      criterion: "commitment-stage",
      value: stage,
      threshold: "commitment",
      met: stage === "commitment",
    },
    {
      basis: "identification",
      criterion: "goodwill-leads",
      value: benevolence,
      threshold: `benevolence ≥ ${strong} and ≥ credibility`,
      met:
        benevolence === null
          ? null
          : benevolence >= strong && (credibility === null || benevolence >= credibility),
    },
  ];
  const scores = {} as Record<TrustBasisKind, number | null>;
  let best: TrustBasisKind = "calculus";
  let bestScore = -1;
  for (const basis of BASES) {
    const own = evidence.filter((e) => e.basis === basis && e.met !== null);
    const score = own.length === 0 ? null : own.filter((e) => e.met).length / own.length;
    scores[basis] = score;
    if (score !== null && score > bestScore) {
      best = basis;
      bestScore = score;
    }
  }
  return { customer: features.customer, stage, basis: best, scores, evidence };
}
