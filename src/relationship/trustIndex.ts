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
  meanOf,
  type ScoredFacets,
  scoreFacets,
  summarizeFacets,
  summarizeIndex,
} from "./facetScores";

/** Options of the relationship indices. */
export interface RelationshipIndexOptions {
  /**
   * A segment column of the dataset holding each respondent's CRM customer id (read it with
   * `columns.segments`); default: the respondent id is the customer id.
   */
  readonly customerColumn?: string;
  /** Respondents to use, as row indices (default all). */
  readonly rows?: Int32Array;
}

/** One respondent's trust. */
export interface CustomerTrust {
  /** The CRM customer id (null when the customer column is blank). */
  readonly customer: string | null;
  readonly respondent: string;
  /** 1-based data row of the survey. */
  readonly row: number;
  /** Index of each trust facet the survey measured, by facet id. */
  readonly facets: Readonly<Record<string, FacetScore>>;
  /** T = mean of the scored facet indices (0–100); null when no facet is scored. */
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
  readonly customers: readonly CustomerTrust[];
  readonly warnings: readonly Notice[];
}

export const INDEX_OPTIONS = optionNames<RelationshipIndexOptions>({
  customerColumn: true,
  rows: true,
});

/** Checks the common arguments of an index function and scores the facets. */
export function openIndex(
  fn: string,
  dataset: Dataset,
  options: RelationshipIndexOptions,
  keys: readonly string[],
): { scored: ScoredFacets; customers: readonly (string | null)[] } {
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
  const rows = checkRows(fn, options.rows, dataset.n);
  const customers = customerIds(fn, dataset, options.customerColumn);
  return { scored: scoreFacets(fn, dataset, rows), customers };
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

/** Per-respondent trust from scored facets. */
export function trustOf(
  dataset: Dataset,
  scored: ScoredFacets,
  customers: readonly (string | null)[],
  at: readonly number[],
): CustomerTrust[] {
  return Array.from(scored.rows, (r, i) => {
    const facets: Record<string, FacetScore> = {};
    for (const d of at) facets[scored.facets[d]?.id as string] = facetScore(scored, dataset, d, i);
    return {
      customer: customers[r] ?? null,
      respondent: dataset.ids[r] as string,
      row: dataset.sourceRows[r] as number,
      facets,
      index: meanOf(Object.values(facets).map((f) => f.index)),
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
 * Trust in the firm, 0–100, per facet and overall, for each respondent of a relationship
 * survey (`validateRelationshipSurvey`), with each facet's reliability over the sample.
 *
 * - Facet index (respondent r, facet f with k items): the mean of r's answered items of f
 *   (reverse-keyed items recoded at validation), when at least max(2, ⌈k/2⌉) are answered,
 *   rescaled 100·(mean − min)/(max − min) to the scale's range; else null.
 * - Trust T = the mean of r's scored trust facets (benevolence, honesty, reliability,
 *   competence: those the survey measured), each counting equally; null when none is scored.
 * - Over the sample, per facet: mean and SD of the indices, Cronbach's alpha and McDonald's
 *   omega total (psych `omega(nfactors = 1)$omega.tot`, minres) of its items, pairwise.
 *
 * The facets follow Morgan & Hunt (1994, J. Marketing 58(3):20–38) and Doney & Cannon (1997,
 * J. Marketing 61(2):35–51); the 0–100 rescaling, the rule and the equal weighting are our
 * documented choices (docs/relationship.md).
 *
 * @param dataset - A relationship survey (`validateRelationshipSurvey`).
 * @param options - `customerColumn`, `rows`.
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
  const { scored, customers } = openIndex(fn, dataset, options, INDEX_OPTIONS);
  const at = constructFacets(fn, scored, "trust", "trust");
  const rows = trustOf(dataset, scored, customers, at);
  const overall = summarizeIndex(rows.map((c) => c.index));
  const warnings = unscoredWarning(rows.length - overall.n, "trust");
  return {
    kind: "trust-index",
    scale: { min: dataset.instrument.scale.min, max: dataset.instrument.scale.max },
    facets: summarizeFacets(dataset, scored, (f) => f.construct === "trust"),
    overall,
    customers: rows,
    warnings,
  };
}
