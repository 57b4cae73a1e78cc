import { about, type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import {
  RELATIONSHIP_FACETS,
  type RelationshipConstruct,
  type RelationshipFacet,
} from "../instrument/builtin/relationshipBank";
import { cronbachAlpha } from "../psychometrics/cronbachAlpha";
import { mcdonaldOmega } from "../psychometrics/mcdonaldOmega";
import { itemsNeeded } from "../responses/itemsNeeded";
import { respondentScores } from "../responses/respondentScores";
import { selectValues } from "../responses/rowSelection";
import type { Dataset, MissingPolicy } from "../responses/types";
import { meanCI } from "../stats/meanCI";

/** The index rule: a facet index needs at least max(2, ⌈k/2⌉) of its k items answered. */
export const INDEX_RULE: MissingPolicy = { kind: "minimum-share", share: 0.5, atLeast: 2 };

/** One respondent's index on one facet. */
export interface FacetScore {
  /** 100·(item mean − scale min)/(scale max − scale min); null below the answered-items rule. */
  readonly index: number | null;
  /** Items of the facet the respondent answered. */
  readonly answered: number;
  /** Items of the facet. */
  readonly items: number;
}

/** One facet over the sample: its indices and the reliability of its items. */
export interface FacetSummary {
  readonly facet: string;
  readonly label: string;
  readonly construct: RelationshipConstruct;
  readonly items: readonly string[];
  /** Items needed for an index: max(2, ⌈k/2⌉). */
  readonly itemsNeeded: number;
  /** Respondents with an index. */
  readonly n: number;
  /** Respondents without one (too few items answered). */
  readonly unscored: number;
  /** Mean of the respondents' indices, 0–100. */
  readonly mean: number | null;
  readonly sd: number | null;
  /** Cronbach's alpha of the facet's items over the sample (pairwise). */
  readonly alpha: number | null;
  /** McDonald's omega total of a one-factor minres solution (psych's `omega.tot`, pairwise). */
  readonly omega: number | null;
  readonly warnings: readonly Notice[];
}

/** Facet indices of every selected respondent, with the facets they belong to. */
export interface ScoredFacets {
  /** Facets of the dataset, in instrument order. */
  readonly facets: readonly RelationshipFacet[];
  /** Per facet, one index per selected respondent (NaN = not scored). */
  readonly index: readonly Float64Array[];
  /** Per facet, items answered per selected respondent. */
  readonly answered: readonly Uint8Array[];
  /** The dataset rows scored (output position i is row rows[i]). */
  readonly rows: Int32Array;
}

/**
 * The bank facet of each dimension of a relationship survey.
 *
 * @throws {ServqualError} `invalid-input`: no item answers (`absent-facet`), or a dimension that
 *   is not a facet of the bank (`unknown-dimension`).
 */
export function bankFacetsOf(fn: string, dataset: Dataset): RelationshipFacet[] {
  if (dataset.facets.perception === undefined) {
    throw new ServqualError("invalid-input", `${fn}: the dataset has no relationship answers.`, [
      {
        code: "absent-facet",
        message: `a relationship survey has one answer per item (format perception-only); this dataset (format "${dataset.instrument.format}") has none`,
        path: ["dataset"],
      },
    ]);
  }
  const byId = new Map(RELATIONSHIP_FACETS.map((f) => [f.id, f]));
  return dataset.instrument.dimensions.map((dimension, d) => {
    const facet = byId.get(dimension.id);
    if (facet === undefined) {
      throw new ServqualError("invalid-input", `${fn}: the dataset is not a relationship survey.`, [
        {
          code: "unknown-dimension",
          message: `the dimension "${dimension.id}" is not a facet of the relationship bank (${RELATIONSHIP_FACETS.map((f) => f.id).join(", ")})`,
          path: ["dataset", "instrument", "dimensions", d],
        },
      ]);
    }
    return facet;
  });
}

/**
 * Every selected respondent's 0–100 index on each facet, under the index rule, and the items
 * answered (the rule is the dataset's scoring kernel `respondentScores` with the policy
 * `minimum-share` 0.5, at least 2).
 */
export function scoreFacets(fn: string, dataset: Dataset, rows: Int32Array | null): ScoredFacets {
  const facets = bankFacetsOf(fn, dataset);
  const selected = rows ?? Int32Array.from({ length: dataset.n }, (_, i) => i);
  const { min, max } = dataset.instrument.scale;
  const index = respondentScores(
    { ...dataset, missingPolicy: INDEX_RULE },
    { facet: "perception", level: "dimension", rows: selected },
  );
  for (const column of index) {
    for (let i = 0; i < column.length; i++) {
      column[i] = (100 * ((column[i] as number) - min)) / (max - min);
    }
  }
  const columns = dataset.facets.perception ?? [];
  let at = 0;
  const answered = dataset.instrument.dimensions.map((dimension) => {
    const counts = new Uint8Array(selected.length);
    for (let j = 0; j < dimension.items.length; j++) {
      const column = columns[at + j];
      if (column === undefined) continue;
      for (let i = 0; i < selected.length; i++) {
        if (!Number.isNaN(column[selected[i] as number] as number))
          counts[i] = (counts[i] as number) + 1;
      }
    }
    at += dimension.items.length;
    return counts;
  });
  return { facets, index, answered, rows: selected };
}

/** One respondent's score on facet d. */
export function facetScore(
  scored: ScoredFacets,
  dataset: Dataset,
  d: number,
  i: number,
): FacetScore {
  const value = scored.index[d]?.[i] as number;
  return {
    index: Number.isNaN(value) ? null : value,
    answered: scored.answered[d]?.[i] as number,
    items: dataset.instrument.dimensions[d]?.items.length as number,
  };
}

/**
 * Each facet over the sample: mean and SD of the indices, Cronbach's alpha and McDonald's
 * omega total (one factor, minres) of its items, pairwise over the selected rows.
 */
export function summarizeFacets(
  dataset: Dataset,
  scored: ScoredFacets,
  which: (facet: RelationshipFacet) => boolean,
): FacetSummary[] {
  const columns = dataset.facets.perception ?? [];
  const out: FacetSummary[] = [];
  let at = 0;
  dataset.instrument.dimensions.forEach((dimension, d) => {
    const k = dimension.items.length;
    const first = at;
    at += k;
    const facet = scored.facets[d] as RelationshipFacet;
    if (!which(facet)) return;
    const values = scored.index[d] as Float64Array;
    const summary = meanCI(values);
    const warnings: Notice[] = summary.warnings.map((w) => about("index", w));
    const itemColumns = columns.slice(first, first + k).map((c) => selectValues(c, scored.rows));
    const itemNames = dimension.items.map((item) => item.id);
    let alpha: number | null = null;
    let omega: number | null = null;
    if (k < 2) {
      warnings.push(notice("single-item-dimension", "the facet has one item: no alpha or omega"));
    } else {
      const a = cronbachAlpha({ columns: itemColumns }, { itemNames, missing: "pairwise" });
      alpha = a.rawAlpha;
      warnings.push(...a.warnings.map((w) => about("alpha", w)));
      const o = mcdonaldOmega({ columns: itemColumns }, { itemNames, missing: "pairwise" });
      omega = o.omegaTotal;
      warnings.push(...o.warnings.map((w) => about("omega", w)));
    }
    out.push({
      facet: facet.id,
      label: dimension.label,
      construct: facet.construct,
      items: itemNames,
      itemsNeeded: itemsNeeded(INDEX_RULE, k),
      n: summary.n,
      unscored: values.length - summary.n,
      mean: summary.mean,
      sd: summary.sd,
      alpha,
      omega,
      warnings,
    });
  });
  return out;
}

/** Mean of the finite values, or null when there is none. */
export function meanOf(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v !== null && Number.isFinite(v)) {
      sum += v;
      n += 1;
    }
  }
  return n === 0 ? null : sum / n;
}

/**
 * Weighted mean Σ wᵢ·vᵢ / Σ wᵢ over the finite values (null when there is none, or when their
 * weights sum to 0). With equal weights it is the plain mean.
 *
 * @example
 * weightedMeanOf([80, 50, null], [2, 1, 1]) //=> 70
 */
export function weightedMeanOf(
  values: readonly (number | null)[],
  weights: readonly number[],
): number | null {
  let sum = 0;
  let total = 0;
  values.forEach((v, i) => {
    const w = weights[i] as number;
    if (v !== null && Number.isFinite(v) && w > 0) {
      sum += w * v;
      total += w;
    }
  });
  return total > 0 ? sum / total : null;
}

/** n, mean and SD of the non-null values (SD with n − 1; null below 2 values). */
export interface IndexSummary {
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
}

/** n, mean and SD of some indices. */
export function summarizeIndex(values: readonly (number | null)[]): IndexSummary {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = finite.length;
  if (n === 0) return { n, mean: null, sd: null };
  const mean = finite.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { n, mean, sd: null };
  const ss = finite.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { n, mean, sd: Math.sqrt(ss / (n - 1)) };
}
