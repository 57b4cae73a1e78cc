import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import { checkRows } from "../responses/rowSelection";
import type { Dataset } from "../responses/types";
import { customerIds } from "./customerIds";
import {
  type FacetScore,
  type FacetSummary,
  facetScore,
  type IndexSummary,
  type ScoredFacets,
  scoreFacets,
  summarizeFacets,
  summarizeIndex,
  weightedMeanOf,
} from "./facetScores";
import { type FacetWeights, facetWeightsOf, TRUST_WEIGHTED } from "./facetWeights";
import {
  latestPerCustomer,
  type RepeatedCustomers,
  type RepeatedResponses,
  repeatedWarning,
} from "./latestPerCustomer";

/** Options of the relationship indices. */
export interface RelationshipIndexOptions {
  /**
   * A segment column of the dataset holding each respondent's CRM customer id (read it with
   * `columns.segments`); default: the respondent id is the customer id.
   */
  readonly customerColumn?: string;
  /** Respondents to use, as row indices (default all). */
  readonly rows?: Int32Array;
  /**
   * A customer who answered more than once: `"latest"` (default) keeps the customer's latest
   * response only (by response date when every response of the customer has one, else the last
   * row) and lists the others in `repeated`; `"all"` keeps every response as an entry of its own
   * (a panel read response by response), with a `repeated-customer` warning.
   */
  readonly responses?: RepeatedResponses;
  /**
   * Weights of the facets in T (trust facets) and in the attitudinal commitment index
   * (`affective`, `normative`), by facet id; a facet not named weighs 1. Each weight a finite
   * number ≥ 0, at least one positive per index; other names are refused.
   */
  readonly facetWeights?: FacetWeights;
}

/** One customer's trust (from one response: see `responses`). */
export interface CustomerTrust {
  /** The CRM customer id (null when the customer column is blank). */
  readonly customer: string | null;
  readonly respondent: string;
  /** 1-based data row of the survey. */
  readonly row: number;
  /** Index of each trust facet the survey measured, by facet id. */
  readonly facets: Readonly<Record<string, FacetScore>>;
  /**
   * T = the weighted mean of the scored facet indices (0–100; equal weights unless
   * `facetWeights`); null when no facet with a positive weight is scored.
   */
  readonly index: number | null;
}

/** Result of {@link trustIndex}. */
export interface TrustIndexResult {
  readonly kind: "trust-index";
  readonly scale: { readonly min: number; readonly max: number };
  /** The trust facets over the sample (indices, alpha, omega). */
  readonly facets: readonly FacetSummary[];
  /** T over the sample. */
  readonly overall: IndexSummary;
  /** One entry per customer (rows of the same customer: see `repeated`). */
  readonly customers: readonly CustomerTrust[];
  /** Respondents = customers + responses left out as a customer's earlier answer. */
  readonly repeated: RepeatedCustomers;
  readonly warnings: readonly Notice[];
}

export const INDEX_OPTIONS = optionNames<RelationshipIndexOptions>({
  customerColumn: true,
  rows: true,
  responses: true,
  facetWeights: true,
});

/** The common arguments of an index function, checked, with the facets scored. */
export interface OpenedIndex {
  /** Facet indices of the rows used (one per customer unless `responses: "all"`). */
  readonly scored: ScoredFacets;
  readonly customers: readonly (string | null)[];
  readonly repeated: RepeatedCustomers;
  /** Facet id → weight (see `facetWeights`). */
  readonly weights: ReadonlyMap<string, number>;
}

/**
 * Checks the common arguments of an index function, keeps one response per customer (see
 * `responses`) and scores the facets of the rows kept.
 */
export function openIndex(
  fn: string,
  dataset: Dataset,
  options: RelationshipIndexOptions,
  keys: readonly string[],
  weighted: readonly (readonly string[])[],
): OpenedIndex {
  expectShape(fn, "dataset", dataset, shapes.dataset);
  checkOptionKeys(fn, options, keys);
  if (options.customerColumn !== undefined && typeof options.customerColumn !== "string") {
    throw invalidArgument(
      fn,
      "options.customerColumn",
      "a segment column name",
      options.customerColumn,
    );
  }
  const responses = options.responses ?? "latest";
  if (responses !== "latest" && responses !== "all") {
    throw invalidArgument(fn, "options.responses", '"latest" or "all"', responses);
  }
  const weights = facetWeightsOf(fn, options.facetWeights, weighted);
  const selected =
    checkRows(fn, options.rows, dataset.n) ?? Int32Array.from(dataset.ids, (_, i) => i);
  const customers = customerIds(fn, dataset, options.customerColumn);
  const kept = latestPerCustomer(dataset, selected, customers, responses);
  return {
    scored: scoreFacets(fn, dataset, kept.rows),
    customers,
    repeated: kept.report,
    weights,
  };
}

/** The facet positions of one construct; throws when the survey measured none of them. */
export function constructFacets(
  fn: string,
  scored: ScoredFacets,
  construct: string,
  what: string,
): number[] {
  const at = scored.facets.flatMap((f, d) => (f.construct === construct ? [d] : []));
  if (at.length === 0) {
    throw new ServqualError("invalid-input", `${fn}: the survey measured no ${what} facet.`, [
      {
        code: "unknown-dimension",
        message: `the dataset's dimensions (${scored.facets.map((f) => f.id).join(", ")}) include no ${what} facet of the relationship bank`,
        path: ["dataset", "instrument", "dimensions"],
      },
    ]);
  }
  return at;
}

/** Trust of each scored row from its facets (weights by facet id; a facet not in them weighs 1). */
export function trustOf(
  dataset: Dataset,
  scored: ScoredFacets,
  customers: readonly (string | null)[],
  at: readonly number[],
  weights: ReadonlyMap<string, number> = new Map(),
): CustomerTrust[] {
  const ids = at.map((d) => scored.facets[d]?.id as string);
  const w = ids.map((id) => weights.get(id) ?? 1);
  return Array.from(scored.rows, (r, i) => {
    const facets: Record<string, FacetScore> = {};
    at.forEach((d, j) => {
      facets[ids[j] as string] = facetScore(scored, dataset, d, i);
    });
    return {
      customer: customers[r] ?? null,
      respondent: dataset.ids[r] as string,
      row: dataset.sourceRows[r] as number,
      facets,
      index: weightedMeanOf(
        ids.map((id) => facets[id]?.index ?? null),
        w,
      ),
    };
  });
}

/** A warning for respondents without an index. */
export function unscoredWarning(count: number, what: string): Notice[] {
  return count === 0
    ? []
    : [
        notice(
          "unscored-respondents",
          `${count} respondent${count === 1 ? " has" : "s have"} no ${what} index (fewer than max(2, ⌈k/2⌉) of k items answered on every facet)`,
        ),
      ];
}

/**
 * Trust in the firm, 0–100, per facet and overall, for each customer of a relationship
 * survey (`validateRelationshipSurvey`), with each facet's reliability over the sample.
 *
 * - One entry per customer (our rule, `responses: "latest"`): of several responses with the
 *   same customer id (`customerColumn`), the latest is used (by response date when every one
 *   has a date, else the last row); the others are counted and listed in `repeated` with a
 *   `repeated-customer` warning. `responses: "all"` keeps each response as an entry.
 *
 * - Facet index (respondent r, facet f with k items): the mean of r's answered items of f
 *   (reverse-keyed items recoded at validation), when at least max(2, ⌈k/2⌉) are answered,
 *   rescaled 100·(mean − min)/(max − min) to the scale's range; else null.
 * - Trust T = the mean of r's scored trust facets (benevolence, honesty, reliability,
 *   competence: those the survey measured), each counting equally unless `facetWeights` says
 *   otherwise (T = Σ w·index / Σ w over the scored facets); null when none is scored.
 * - Over the sample (the entries kept), per facet: mean and SD of the indices, Cronbach's alpha
 *   and McDonald's omega total (psych `omega(nfactors = 1)$omega.tot`, minres) of its items,
 *   pairwise.
 *
 * The facets follow Morgan & Hunt (1994, J. Marketing 58(3):20–38) and Doney & Cannon (1997,
 * J. Marketing 61(2):35–51); the 0–100 rescaling, the rule and the equal weighting are our
 * documented choices (docs/relationship.md).
 *
 * @param dataset - A relationship survey (`validateRelationshipSurvey`).
 * @param options - `customerColumn`, `rows`, `responses`, `facetWeights` (trust facets).
 * @returns Plain JSON data; null values carry coded warnings.
 * @throws {ServqualError} `invalid-argument`; `invalid-input` when a dimension is not a bank
 *   facet or no trust facet was measured.
 *
 * @example
 * const { dataset } = validateRelationshipSurvey([{ respondent_id: "c1", tbe1: 7, tbe2: 5, tbe3: "" }],
 *   { facets: ["benevolence"] });
 * trustIndex(dataset).customers[0]?.index //=> 83.33 (mean 6 on 1–7: 100·5/6)
 */
export function trustIndex(
  dataset: Dataset,
  options: RelationshipIndexOptions = {},
): TrustIndexResult {
  const fn = "trustIndex";
  const { scored, customers, repeated, weights } = openIndex(fn, dataset, options, INDEX_OPTIONS, [
    TRUST_WEIGHTED,
  ]);
  const at = constructFacets(fn, scored, "trust", "trust");
  const rows = trustOf(dataset, scored, customers, at, weights);
  const overall = summarizeIndex(rows.map((c) => c.index));
  const warnings = [
    ...repeatedWarning(repeated),
    ...unscoredWarning(rows.length - overall.n, "trust"),
  ];
  return {
    kind: "trust-index",
    scale: { min: dataset.instrument.scale.min, max: dataset.instrument.scale.max },
    facets: summarizeFacets(dataset, scored, (f) => f.construct === "trust"),
    overall,
    customers: rows,
    repeated,
    warnings,
  };
}
