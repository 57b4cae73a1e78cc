import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import { type Interval, interval } from "../_lib/interval";
import { about, type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import {
  CONTRIBUTING_FACTORS,
  type ContributingFactor,
  type FactorGap,
} from "../instrument/builtin/contributingFactors1988";
import { cronbachAlpha } from "../psychometrics/cronbachAlpha";
import { respondentScores } from "../responses/respondentScores";
import { checkRows, selectValues } from "../responses/rowSelection";
import type { Dataset, MissingPolicy } from "../responses/types";
import { checkLevel } from "../stats/checkOptions";
import { meanCI } from "../stats/meanCI";

/** Options of {@link contributingFactors} and {@link factorIndexScores}. */
export interface ContributingFactorsOptions {
  /** Confidence level of the index intervals (default 0.95). */
  readonly level?: number;
  /** How many weakest factors to list per gap (default 2). */
  readonly top?: number;
  /** Respondents to use, as row indices (default all). */
  readonly rows?: Int32Array;
}

/** One factor over the sample. */
export interface FactorIndex {
  readonly factor: string;
  readonly label: string;
  readonly gap: FactorGap;
  /** `widens`: a + factor of the literature, its items reverse-keyed (higher index = less of it). */
  readonly direction: "reduces" | "widens";
  readonly items: readonly string[];
  /** Respondents with an index (at least max(2, ⌈k/2⌉) of the k items answered). */
  readonly n: number;
  /** Respondents without one. */
  readonly unscored: number;
  /** Mean item score on the answer scale. */
  readonly mean: number | null;
  /** Mean index 0–100 = 100·(mean − scale min)/(scale max − scale min); higher = better placed. */
  readonly index: number | null;
  /** SD of the respondents' indices. */
  readonly sd: number | null;
  /** t interval of the mean index. */
  readonly ci: Interval;
  /** Cronbach's alpha of the factor's items (pairwise), with the Feldt interval. */
  readonly alpha: number | null;
  readonly alphaCi: Interval;
  readonly warnings: readonly Notice[];
}

/** The factors of one gap. */
export interface FactorGapSummary {
  readonly gap: FactorGap;
  readonly factors: readonly string[];
  /** Mean of the factor indices (each factor counts equally), or null when none has one. */
  readonly index: number | null;
  /** The lowest factor indices, weakest first (at most `top`). */
  readonly weakest: readonly {
    readonly factor: string;
    readonly label: string;
    readonly index: number;
  }[];
}

/** Result of {@link contributingFactors}. */
export interface ContributingFactorsResult {
  readonly kind: "contributing-factors";
  readonly instrument: {
    readonly id: string;
    readonly scaleMin: number;
    readonly scaleMax: number;
  };
  readonly level: number;
  /** Respondents with at least one factor index. */
  readonly respondents: number;
  readonly factors: readonly FactorIndex[];
  /** Gaps 1–4, each with the factors the survey measured. */
  readonly gaps: readonly FactorGapSummary[];
  readonly warnings: readonly Notice[];
}

const OPTIONS = optionNames<ContributingFactorsOptions>({ level: true, top: true, rows: true });

/** The index rule: a factor index needs max(2, ⌈k/2⌉) of its k items answered. */
const INDEX_RULE: MissingPolicy = { kind: "minimum-share", share: 0.5, atLeast: 2 };

/**
 * Respondents' factor indices, 0–100, one Float64Array per factor (instrument order): the mean
 * of the respondent's answered items of the factor (reverse-keyed items recoded), when at least
 * max(2, ⌈k/2⌉) of its k items are answered (else NaN), rescaled as
 * 100·(mean − scale min)/(scale max − scale min).
 *
 * @param dataset - A factor survey (`validateFactorSurvey`).
 * @param options - `rows` (default all).
 * @returns One array per factor, one value per selected respondent.
 * @throws {ServqualError} `invalid-argument`; `invalid-input` (`unknown-dimension`) when a
 *   dimension of the dataset is not a contributing factor.
 *
 * @example
 * factorIndexScores(dataset)[0]?.[0] //=> 66.67 (answers 5, 5, 5 on 1–7)
 */
export function factorIndexScores(
  dataset: Dataset,
  options: Pick<ContributingFactorsOptions, "rows"> = {},
): Float64Array[] {
  const fn = "factorIndexScores";
  expectShape(fn, "dataset", dataset, shapes.dataset);
  checkOptionKeys(fn, options, ["rows"]);
  return indexScores(fn, dataset, checkRows(fn, options.rows, dataset.n));
}

function indexScores(fn: string, dataset: Dataset, rows: Int32Array | null): Float64Array[] {
  factorsOf(fn, dataset);
  const { min, max } = dataset.instrument.scale;
  const scores = respondentScores(
    { ...dataset, missingPolicy: INDEX_RULE },
    { facet: "perception", level: "dimension", ...(rows === null ? {} : { rows }) },
  );
  for (const column of scores) {
    for (let r = 0; r < column.length; r++) {
      column[r] = (100 * ((column[r] as number) - min)) / (max - min);
    }
  }
  return scores;
}

/**
 * Contributing-factor indices of gaps 1–4 (Zeithaml, Berry & Parasuraman 1988, J. Marketing
 * 52(2):35–48) from a factor survey of managers or employees.
 *
 * Per factor: each respondent's index (see {@link factorIndexScores}: item mean under the
 * index rule max(2, ⌈k/2⌉), rescaled to 0–100), its sample mean with a t interval, and
 * Cronbach's alpha of the factor's items (pairwise, Feldt interval). Per gap: the mean of its
 * factors' indices and the weakest factors (lowest index first). Every index reads "higher =
 * better placed": the items of factors that widen a gap (levels of management, role conflict,
 * role ambiguity, propensity to overpromise) are reverse-keyed. The 0–100 rescaling and the
 * equal weighting of factors within a gap are our documented choices, not the literature's.
 *
 * @param dataset - A factor survey (`validateFactorSurvey`, or `validateResponses` with
 *   `contributingFactors1988` or an instrument made of some of its factors).
 * @param options - `level`, `top`, `rows`.
 * @returns Plain JSON data; null values carry coded warnings.
 * @throws {ServqualError} `invalid-argument`; `invalid-input` when a dimension is not a
 *   contributing factor or the dataset has no item answers.
 *
 * @example
 * const { dataset } = validateFactorSurvey(rows);
 * const result = contributingFactors(dataset);
 * result.gaps[2]?.weakest[0] //=> { factor: "roleConflict", label: "role conflict (…)", index: 38.9 }
 */
export function contributingFactors(
  dataset: Dataset,
  options: ContributingFactorsOptions = {},
): ContributingFactorsResult {
  const fn = "contributingFactors";
  expectShape(fn, "dataset", dataset, shapes.dataset);
  checkOptionKeys(fn, options, OPTIONS);
  const level = checkLevel(options.level, fn);
  const top = options.top ?? 2;
  if (!Number.isInteger(top) || top < 0) {
    throw invalidArgument(fn, "options.top", "a whole number ≥ 0", top);
  }
  const rows = checkRows(fn, options.rows, dataset.n);
  const known = factorsOf(fn, dataset);
  const scores = indexScores(fn, dataset, rows);
  const columns = dataset.facets.perception ?? [];
  const { min, max } = dataset.instrument.scale;
  let itemAt = 0;
  const factors: FactorIndex[] = dataset.instrument.dimensions.map((dimension, d) => {
    const factor = known[d] as ContributingFactor;
    const values = scores[d] as Float64Array;
    const summary = meanCI(values, level);
    const k = dimension.items.length;
    const itemColumns = columns.slice(itemAt, itemAt + k).map((c) => selectValues(c, rows));
    itemAt += k;
    const warnings: Notice[] = summary.warnings.map((w) => about("index", w));
    let alpha: number | null = null;
    let alphaCi: Interval = interval(level, null, null, "feldt");
    if (k < 2) {
      warnings.push(notice("single-item-dimension", "the factor has one item: no alpha"));
    } else {
      const result = cronbachAlpha(
        { columns: itemColumns },
        { itemNames: dimension.items.map((item) => item.id), missing: "pairwise" },
      );
      alpha = result.rawAlpha;
      alphaCi = result.feldt;
      warnings.push(...result.warnings.map((w) => about("alpha", w)));
    }
    const index = summary.mean;
    return {
      factor: dimension.id,
      label: dimension.label,
      gap: factor.gap,
      direction: factor.direction,
      items: dimension.items.map((item) => item.id),
      n: summary.n,
      unscored: values.length - summary.n,
      mean: index === null ? null : min + (index / 100) * (max - min),
      index,
      sd: summary.sd,
      ci: interval(level, summary.lower, summary.upper, "t"),
      alpha,
      alphaCi,
      warnings,
    };
  });
  const gaps: FactorGapSummary[] = ([1, 2, 3, 4] as const)
    .map((gap) => {
      const own = factors.filter((f) => f.gap === gap);
      const scored = own.filter((f) => f.index !== null);
      return {
        gap,
        factors: own.map((f) => f.factor),
        index:
          scored.length === 0
            ? null
            : scored.reduce((sum, f) => sum + (f.index as number), 0) / scored.length,
        weakest: scored
          .map((f, order) => ({ f, order }))
          .sort((a, b) => (a.f.index as number) - (b.f.index as number) || a.order - b.order)
          .slice(0, top)
          .map(({ f }) => ({ factor: f.factor, label: f.label, index: f.index as number })),
      };
    })
    .filter((g) => g.factors.length > 0);
  let respondents = 0;
  const n = scores[0]?.length ?? 0;
  for (let r = 0; r < n; r++) {
    if (scores.some((column) => !Number.isNaN(column[r] as number))) respondents += 1;
  }
  const warnings: Notice[] = [];
  const unscored = n - respondents;
  if (unscored > 0) {
    warnings.push(
      notice(
        "unscored-respondents",
        `${unscored} respondent${unscored === 1 ? " has" : "s have"} no factor index (fewer than max(2, ⌈k/2⌉) items answered on every factor)`,
      ),
    );
  }
  return {
    kind: "contributing-factors",
    instrument: { id: dataset.instrument.id, scaleMin: min, scaleMax: max },
    level,
    respondents,
    factors,
    gaps,
    warnings,
  };
}

/** The factor of each dimension; throws when a dimension is not a contributing factor. */
function factorsOf(fn: string, dataset: Dataset): ContributingFactor[] {
  if (dataset.facets.perception === undefined) {
    throw new ServqualError("invalid-input", `${fn}: the dataset has no factor answers.`, [
      {
        code: "absent-facet",
        message: `a factor survey has one answer per item (format perception-only); this dataset (format "${dataset.instrument.format}") has none`,
        path: ["dataset"],
      },
    ]);
  }
  const byId = new Map(CONTRIBUTING_FACTORS.map((f) => [f.id, f]));
  return dataset.instrument.dimensions.map((dimension, d) => {
    const factor = byId.get(dimension.id);
    if (factor === undefined) {
      throw new ServqualError("invalid-input", `${fn}: the dataset is not a factor survey.`, [
        {
          code: "unknown-dimension",
          message: `the dimension "${dimension.id}" is not a contributing factor (${CONTRIBUTING_FACTORS.map((f) => f.id).join(", ")})`,
          path: ["dataset", "instrument", "dimensions", d],
        },
      ]);
    }
    return factor;
  });
}
