import { invalidArgument, isRecord, optionNames } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import type { Dataset } from "../responses/types";
import {
  type CommitmentEvidenceRecord,
  type EvidenceReport,
  validateEvidence,
} from "./commitmentEvidence";
import {
  type CommitmentIndexOptions,
  type CustomerCommitment,
  commitmentOf,
  evidenceSettings,
} from "./commitmentIndex";
import {
  type FacetSummary,
  facetScore,
  type IndexSummary,
  meanOf,
  summarizeFacets,
  summarizeIndex,
} from "./facetScores";
import { type StageInput, stageLookup } from "./stageLookup";
import { STAGES, type Stage } from "./stageRules";
import { type CustomerTrust, constructFacets, openIndex, trustOf } from "./trustIndex";

/** Options of {@link relationshipQuality}. */
export interface RelationshipQualityOptions extends CommitmentIndexOptions {
  /** Observed commitment evidence per customer (see `commitmentIndex`). */
  readonly evidence?: readonly CommitmentEvidenceRecord[];
  /** Weight of the core (T + C)/2 in the extended index (0–1, default 0.6). */
  readonly coreWeight?: number;
  /** Band limits: below `weak` is weak, above `strong` is strong (defaults 40 and 65). */
  readonly bands?: { readonly weak?: number; readonly strong?: number };
  /** Stages by customer: adds the mean indices per stage (`byStage`). */
  readonly stages?: StageInput;
}

/** A band of the relationship-quality index (our labels, not normed). */
export type QualityBand = "weak" | "moderate" | "strong";

/** One respondent's relationship quality. */
export interface CustomerQuality {
  readonly customer: string | null;
  readonly respondent: string;
  readonly row: number;
  /** T (see `trustIndex`). */
  readonly trust: number | null;
  /** C (see `commitmentIndex`). */
  readonly commitment: number | null;
  readonly calculative: number | null;
  readonly satisfaction: number | null;
  readonly mutualGoals: number | null;
  readonly cooperativeNorms: number | null;
  /** RQI_core = (T + C)/2; null when T or C is. */
  readonly core: number | null;
  /**
   * RQI_ext = coreWeight·core + (1 − coreWeight)·mean(S, MG, CN scored); null when the core is
   * null or none of the three is scored.
   */
  readonly extended: number | null;
  /** Band of `extended` (or `core` when there is no extended index); null when neither. */
  readonly band: QualityBand | null;
}

/** Mean indices of the customers in one stage. */
export interface StageQuality {
  readonly stage: Stage;
  readonly respondents: number;
  readonly trust: IndexSummary;
  readonly commitment: IndexSummary;
  readonly core: IndexSummary;
  readonly extended: IndexSummary;
}

/** Result of {@link relationshipQuality}. */
export interface RelationshipQualityResult {
  readonly kind: "relationship-quality";
  readonly scale: { readonly min: number; readonly max: number };
  readonly coreWeight: number;
  readonly bandLimits: { readonly weak: number; readonly strong: number };
  readonly evidenceWeight: number;
  /** Every facet the survey measured, over the sample (indices, alpha, omega). */
  readonly facets: readonly FacetSummary[];
  readonly summary: {
    readonly trust: IndexSummary;
    readonly commitment: IndexSummary;
    readonly core: IndexSummary;
    readonly extended: IndexSummary;
  };
  /** Respondents per band. */
  readonly bands: Readonly<Record<QualityBand, number>>;
  readonly customers: readonly CustomerQuality[];
  /** Per stage (stages with respondents, in stage order), or null without `stages`. */
  readonly byStage: readonly StageQuality[] | null;
  /** Respondents whose customer has no stage (null without `stages`). */
  readonly withoutStage: number | null;
  readonly evidence: EvidenceReport | null;
  readonly warnings: readonly Notice[];
}

const OPTIONS = optionNames<RelationshipQualityOptions>({
  customerColumn: true,
  rows: true,
  evidenceWeight: true,
  fullContractMonths: true,
  evidence: true,
  coreWeight: true,
  bands: true,
  stages: true,
});

/**
 * Relationship quality per respondent: trust, commitment and, when measured, satisfaction,
 * mutual goals and cooperative norms, combined into a core and an extended index (0–100).
 *
 * - T and C as {@link trustIndex} and {@link commitmentIndex} (C with the evidence folded in).
 * - RQI_core = (T + C)/2 (trust and commitment as the key mediating variables of Morgan &
 *   Hunt 1994; the equal weights are our choice).
 * - RQI_ext = a·RQI_core + (1 − a)·mean(S, MG, CN of those scored), a = `coreWeight` (0.6):
 *   relationship-quality reviews (Vieira, Winklhofer & Ennew 2008; Athanasopoulou 2009) name
 *   these as further dimensions but give no weighting, so the weights are ours.
 * - Bands (ours, not normed): < 40 weak, 40–65 moderate, > 65 strong.
 *
 * @param dataset - A relationship survey with trust and commitment facets.
 * @param options - `evidence`, `evidenceWeight`, `fullContractMonths`, `coreWeight`, `bands`,
 *   `stages`, `customerColumn`, `rows`.
 * @returns Plain JSON data; null values carry coded warnings.
 * @throws {ServqualError} `invalid-argument`; `invalid-input` when the survey lacks trust or
 *   commitment facets.
 *
 * @example
 * // T = 80, C = 60, satisfaction 90 (no MG, CN): core 70, extended 0.6·70 + 0.4·90 = 78
 * relationshipQuality(dataset).customers[0] //=> { …, core: 70, extended: 78, band: "strong" }
 */
export function relationshipQuality(
  dataset: Dataset,
  options: RelationshipQualityOptions = {},
): RelationshipQualityResult {
  const fn = "relationshipQuality";
  const { scored, customers } = openIndex(fn, dataset, options, OPTIONS);
  const { weight, fullMonths } = evidenceSettings(fn, options);
  const coreWeight = options.coreWeight ?? 0.6;
  if (typeof coreWeight !== "number" || !(coreWeight >= 0 && coreWeight <= 1)) {
    throw invalidArgument(fn, "options.coreWeight", "a number from 0 to 1", coreWeight);
  }
  if (options.bands !== undefined && !isRecord(options.bands)) {
    throw invalidArgument(fn, "options.bands", "{ weak?, strong? }", options.bands);
  }
  const weak = options.bands?.weak ?? 40;
  const strong = options.bands?.strong ?? 65;
  if (
    typeof weak !== "number" ||
    typeof strong !== "number" ||
    !(weak >= 0 && weak <= strong && strong <= 100)
  ) {
    throw invalidArgument(fn, "options.bands", "0 ≤ weak ≤ strong ≤ 100", options.bands);
  }
  const stageOf =
    options.stages === undefined ? null : stageLookup(fn, "options.stages", options.stages);
  const trustAt = constructFacets(fn, scored, "trust", "trust");
  const commitmentAt = constructFacets(fn, scored, "commitment", "commitment");
  const known = new Set<string>();
  for (const r of scored.rows) {
    const c = customers[r];
    if (c !== null && c !== undefined) known.add(c);
  }
  const checked =
    options.evidence === undefined
      ? null
      : validateEvidence(fn, options.evidence, known, fullMonths);
  const trust: CustomerTrust[] = trustOf(dataset, scored, customers, trustAt);
  const commitment: CustomerCommitment[] = commitmentOf(
    dataset,
    scored,
    customers,
    commitmentAt,
    checked?.byCustomer ?? new Map(),
    weight,
  );
  const other = (construct: string, i: number): number | null => {
    const d = scored.facets.findIndex((f) => f.construct === construct);
    return d < 0 ? null : facetScore(scored, dataset, d, i).index;
  };
  const bandOf = (v: number | null): QualityBand | null =>
    v === null ? null : v < weak ? "weak" : v > strong ? "strong" : "moderate";
  const rows: CustomerQuality[] = trust.map((t, i) => {
    const c = commitment[i] as CustomerCommitment;
    const satisfaction = other("satisfaction", i);
    const mutualGoals = other("mutualGoals", i);
    const cooperativeNorms = other("cooperativeNorms", i);
    const core = t.index === null || c.index === null ? null : (t.index + c.index) / 2;
    const extra = meanOf([satisfaction, mutualGoals, cooperativeNorms]);
    const extended =
      core === null || extra === null ? null : coreWeight * core + (1 - coreWeight) * extra;
    return {
      customer: t.customer,
      respondent: t.respondent,
      row: t.row,
      trust: t.index,
      commitment: c.index,
      calculative: c.facets.calculative?.index ?? null,
      satisfaction,
      mutualGoals,
      cooperativeNorms,
      core,
      extended,
      band: bandOf(extended ?? core),
    };
  });
  const summary = {
    trust: summarizeIndex(rows.map((r) => r.trust)),
    commitment: summarizeIndex(rows.map((r) => r.commitment)),
    core: summarizeIndex(rows.map((r) => r.core)),
    extended: summarizeIndex(rows.map((r) => r.extended)),
  };
  const bands: Record<QualityBand, number> = { weak: 0, moderate: 0, strong: 0 };
  for (const r of rows) if (r.band !== null) bands[r.band] += 1;
  const warnings: Notice[] = [];
  const noCore = rows.length - summary.core.n;
  if (noCore > 0) {
    warnings.push(
      notice(
        "unscored-respondents",
        `${noCore} respondent${noCore === 1 ? " has" : "s have"} no core index (trust or commitment not scored)`,
      ),
    );
  }
  if (
    summary.core.n > 0 &&
    summary.extended.n === 0 &&
    !scored.facets.some((f) =>
      ["satisfaction", "mutualGoals", "cooperativeNorms"].includes(f.construct),
    )
  ) {
    warnings.push(
      notice(
        "not-computable",
        "the extended index is null: the survey measured no satisfaction, mutual-goals or cooperative-norms facet",
      ),
    );
  }
  if (checked !== null && checked.report.recordsExcluded > 0) {
    warnings.push(
      notice(
        "rows-left-out",
        `${checked.report.recordsExcluded} of ${checked.report.recordsIn} evidence records were excluded (see evidence.excludedRows)`,
      ),
    );
  }
  let byStage: StageQuality[] | null = null;
  let withoutStage: number | null = null;
  if (stageOf !== null) {
    withoutStage = 0;
    const groups = new Map<Stage, CustomerQuality[]>();
    for (const r of rows) {
      const stage = r.customer === null ? undefined : stageOf.get(r.customer);
      if (stage === undefined) {
        withoutStage += 1;
        continue;
      }
      const list = groups.get(stage) ?? [];
      list.push(r);
      groups.set(stage, list);
    }
    byStage = STAGES.flatMap((stage) => {
      const list = groups.get(stage);
      if (list === undefined) return [];
      return [
        {
          stage,
          respondents: list.length,
          trust: summarizeIndex(list.map((r) => r.trust)),
          commitment: summarizeIndex(list.map((r) => r.commitment)),
          core: summarizeIndex(list.map((r) => r.core)),
          extended: summarizeIndex(list.map((r) => r.extended)),
        },
      ];
    });
    if (withoutStage > 0) {
      warnings.push(
        notice(
          "no-stage",
          `${withoutStage} respondent${withoutStage === 1 ? "'s customer has" : "s' customers have"} no stage: not in byStage`,
        ),
      );
    }
  }
  return {
    kind: "relationship-quality",
    scale: { min: dataset.instrument.scale.min, max: dataset.instrument.scale.max },
    coreWeight,
    bandLimits: { weak, strong },
    evidenceWeight: weight,
    facets: summarizeFacets(dataset, scored, () => true),
    summary,
    bands,
    customers: rows,
    byStage,
    withoutStage,
    evidence: checked?.report ?? null,
    warnings,
  };
}
