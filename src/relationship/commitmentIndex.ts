import { invalidArgument, optionNames } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import type { Dataset } from "../responses/types";
import {
  type CommitmentEvidence,
  type CommitmentEvidenceRecord,
  type EvidenceReport,
  validateEvidence,
} from "./commitmentEvidence";
import {
  type FacetScore,
  type FacetSummary,
  facetScore,
  type IndexSummary,
  type ScoredFacets,
  summarizeFacets,
  summarizeIndex,
  weightedMeanOf,
} from "./facetScores";
import { COMMITMENT_WEIGHTED } from "./facetWeights";
import type { RepeatedCustomers } from "./latestPerCustomer";
import { repeatedWarning } from "./latestPerCustomer";
import {
  constructFacets,
  openIndex,
  type RelationshipIndexOptions,
  unscoredWarning,
} from "./trustIndex";

/** Options of {@link commitmentIndex}. */
export interface CommitmentIndexOptions extends RelationshipIndexOptions {
  /** Weight w of the observed evidence in the commitment index (0–1, default 0.25; 0 = report only). */
  readonly evidenceWeight?: number;
  /** Contract length (months) that counts as full evidence (default 36). */
  readonly fullContractMonths?: number;
}

/** One customer's commitment (from one response: see `responses`). */
export interface CustomerCommitment {
  readonly customer: string | null;
  readonly respondent: string;
  readonly row: number;
  /** Index of each commitment facet measured (affective, calculative, normative), by facet id. */
  readonly facets: Readonly<Record<string, FacetScore>>;
  /**
   * Mean of the affective and normative indices (calculative left out), weighted by
   * `facetWeights` (equal by default); null when neither is scored.
   */
  readonly attitudinal: number | null;
  /** The customer's observed evidence, or null when none was given. */
  readonly evidence: CommitmentEvidence | null;
  /**
   * C = (1 − w)·attitudinal + w·evidence when both exist, the attitudinal index without
   * evidence, null without an attitudinal index.
   */
  readonly index: number | null;
}

/** Result of {@link commitmentIndex}. */
export interface CommitmentIndexResult {
  readonly kind: "commitment-index";
  readonly scale: { readonly min: number; readonly max: number };
  readonly evidenceWeight: number;
  readonly fullContractMonths: number;
  readonly facets: readonly FacetSummary[];
  /** C over the sample. */
  readonly overall: IndexSummary;
  /** The calculative index over the sample, reported beside C (never added into it). */
  readonly calculative: IndexSummary;
  /** One entry per customer (rows of the same customer: see `repeated`). */
  readonly customers: readonly CustomerCommitment[];
  /** Respondents = customers + responses left out as a customer's earlier answer. */
  readonly repeated: RepeatedCustomers;
  /** What the evidence check found (null without evidence). */
  readonly evidence: EvidenceReport | null;
  readonly warnings: readonly Notice[];
}

export const COMMITMENT_OPTIONS = optionNames<CommitmentIndexOptions>({
  customerColumn: true,
  rows: true,
  responses: true,
  facetWeights: true,
  evidenceWeight: true,
  fullContractMonths: true,
});

/** Checked evidence settings. */
export function evidenceSettings(
  fn: string,
  options: Pick<CommitmentIndexOptions, "evidenceWeight" | "fullContractMonths">,
): { weight: number; fullMonths: number } {
  const weight = options.evidenceWeight ?? 0.25;
  if (typeof weight !== "number" || !(weight >= 0 && weight <= 1)) {
    throw invalidArgument(fn, "options.evidenceWeight", "a number from 0 to 1", weight);
  }
  const fullMonths = options.fullContractMonths ?? 36;
  if (typeof fullMonths !== "number" || !(fullMonths > 0) || !Number.isFinite(fullMonths)) {
    throw invalidArgument(fn, "options.fullContractMonths", "a number of months > 0", fullMonths);
  }
  return { weight, fullMonths };
}

/**
 * Commitment of each scored row from its facets and validated evidence (facet weights by
 * facet id; a facet not in them weighs 1).
 */
export function commitmentOf(
  dataset: Dataset,
  scored: ScoredFacets,
  customers: readonly (string | null)[],
  at: readonly number[],
  evidence: ReadonlyMap<string, CommitmentEvidence>,
  weight: number,
  facetWeights: ReadonlyMap<string, number> = new Map(),
): CustomerCommitment[] {
  const w = COMMITMENT_WEIGHTED.map((id) => facetWeights.get(id) ?? 1);
  return Array.from(scored.rows, (r, i) => {
    const facets: Record<string, FacetScore> = {};
    for (const d of at) facets[scored.facets[d]?.id as string] = facetScore(scored, dataset, d, i);
    const attitudinal = weightedMeanOf(
      COMMITMENT_WEIGHTED.map((id) => facets[id]?.index ?? null),
      w,
    );
    const customer = customers[r] ?? null;
    const own = customer === null ? null : (evidence.get(customer) ?? null);
    const index =
      attitudinal === null
        ? null
        : own === null
          ? attitudinal
          : (1 - weight) * attitudinal + weight * own.index;
    return {
      customer,
      respondent: dataset.ids[r] as string,
      row: dataset.sourceRows[r] as number,
      facets,
      attitudinal,
      evidence: own,
      index,
    };
  });
}

/**
 * Commitment to the relationship, 0–100, for each customer of a relationship survey, with
 * observed commitment evidence folded in when given. One entry per customer: of repeated
 * responses the latest is used, as in {@link trustIndex} (`responses`).
 *
 * - Facet indices as in {@link trustIndex} (item mean under the rule max(2, ⌈k/2⌉), rescaled
 *   to 0–100): affective A, normative N and calculative Cc (Allen & Meyer 1990), each reported.
 * - Attitudinal commitment = mean(A, N) of those scored (weighted by `facetWeights` when given:
 *   Σ w·index / Σ w); Cc is left out because calculative
 *   (continuance) commitment can undermine a relationship (Fullerton 2005) and is reported
 *   beside it.
 * - Evidence (our choice): each given field of a customer's record becomes a component on 0–1
 *   (investments, min(contractMonths / fullContractMonths, 1), exclusive 1/0, switching costs);
 *   E = 100 × their mean. C = (1 − w)·attitudinal + w·E, w = `evidenceWeight` (0.25); without
 *   evidence C = attitudinal; without an attitudinal index C is null.
 *
 * @param dataset - A relationship survey with commitment facets (`validateRelationshipSurvey`).
 * @param evidence - Observed evidence per customer (optional); records are checked, every
 *   record in = used + excluded, each problem a coded issue.
 * @param options - `evidenceWeight`, `fullContractMonths`, `customerColumn`, `rows`,
 *   `responses`, `facetWeights` (`affective`, `normative`).
 * @returns Plain JSON data; null values carry coded warnings.
 * @throws {ServqualError} `invalid-argument`; `invalid-input` when no commitment facet was
 *   measured or a dimension is not a bank facet.
 *
 * @example
 * // A = 100 (all 7s), N = 50 (all 4s): attitudinal 75; a 36-month contract alone: E = 100
 * commitmentIndex(dataset, [{ customer: "c1", contractMonths: 36 }]).customers[0]?.index
 * //=> 81.25 (0.75·75 + 0.25·100)
 */
export function commitmentIndex(
  dataset: Dataset,
  evidence?: readonly CommitmentEvidenceRecord[],
  options: CommitmentIndexOptions = {},
): CommitmentIndexResult {
  const fn = "commitmentIndex";
  const { scored, customers, repeated, weights } = openIndex(
    fn,
    dataset,
    options,
    COMMITMENT_OPTIONS,
    [COMMITMENT_WEIGHTED],
  );
  const { weight, fullMonths } = evidenceSettings(fn, options);
  const at = constructFacets(fn, scored, "commitment", "commitment");
  const known = new Set<string>();
  for (const r of scored.rows) {
    const c = customers[r];
    if (c !== null && c !== undefined) known.add(c);
  }
  const checked = evidence === undefined ? null : validateEvidence(fn, evidence, known, fullMonths);
  const rows = commitmentOf(
    dataset,
    scored,
    customers,
    at,
    checked?.byCustomer ?? new Map(),
    weight,
    weights,
  );
  const overall = summarizeIndex(rows.map((c) => c.index));
  const warnings = [
    ...repeatedWarning(repeated),
    ...unscoredWarning(rows.length - overall.n, "commitment"),
  ];
  if (checked !== null && checked.report.recordsExcluded > 0) {
    warnings.push(
      notice(
        "rows-left-out",
        `${checked.report.recordsExcluded} of ${checked.report.recordsIn} evidence records were excluded (see evidence.excludedRows)`,
      ),
    );
  }
  return {
    kind: "commitment-index",
    scale: { min: dataset.instrument.scale.min, max: dataset.instrument.scale.max },
    evidenceWeight: weight,
    fullContractMonths: fullMonths,
    facets: summarizeFacets(dataset, scored, (f) => f.construct === "commitment"),
    overall,
    calculative: summarizeIndex(rows.map((c) => c.facets.calculative?.index ?? null)),
    customers: rows,
    repeated,
    evidence: checked?.report ?? null,
    warnings,
  };
}
