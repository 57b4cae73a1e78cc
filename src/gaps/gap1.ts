import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import type { Interval } from "../_lib/interval";
import { about, type Notice, notice } from "../_lib/notice";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";
import { respondentScores } from "../responses/respondentScores";
import { checkRows, selectValues } from "../responses/rowSelection";
import type { Dataset } from "../responses/types";
import type { ManagementSurvey } from "../responses/validateManagementSurvey";
import { adjustPValues, type PAdjustMethod } from "../stats/adjustPValues";
import { checkLevel } from "../stats/checkOptions";
import { hedgesG } from "../stats/hedgesG";
import { meanVariance } from "../stats/moments";
import { tTestCore } from "../stats/pairedTTestFromSummary";
import { welchTTest } from "../stats/welchTTest";
import type { GapEnvelope } from "./envelope";

/** Options of {@link gap1}. */
export interface Gap1Options {
  /** Confidence level of every interval (default 0.95). */
  readonly level?: number;
  /** p-value adjustment within the item family and the dimension family (default "holm"). */
  readonly pAdjust?: PAdjustMethod;
  /** How many items to list in `underestimated` and `overestimated` (default 3). */
  readonly top?: number;
  /** Customers to use, as row indices of the customers' dataset (default all). */
  readonly rows?: Int32Array;
  /** Managers to use, as row indices of the managers' dataset (default all). */
  readonly managerRows?: Int32Array;
}

/** One side of Gap 1: which group it is, how many answered, their mean and SD (n − 1). */
export interface Gap1Side<Side extends "customers" | "managers"> {
  readonly side: Side;
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
}

/**
 * The test of Gap 1: Welch's t-test of managers vs customers when at least two managers
 * answered, else the one-sample t-test of the customers' expectations against the one manager's
 * estimate (t and the interval are of managers − customers).
 */
export interface Gap1Test {
  readonly method: "welch" | "one-sample" | null;
  readonly t: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  /** p adjusted within the family (items, or dimensions) by `pAdjustMethod`. */
  readonly pAdjusted: number | null;
}

/** Gap 1 on one item, dimension or overall: managers' estimate − customers' expectation. */
export interface Gap1Statistics {
  /** Customers' expectation. */
  readonly required: Gap1Side<"customers">;
  /** Managers' estimate of it. */
  readonly delivered: Gap1Side<"managers">;
  /** Mean estimate − mean expectation (negative: management underestimates), with its t interval. */
  readonly gap: {
    readonly mean: number | null;
    readonly se: number | null;
    readonly ci: Interval;
  };
  readonly test: Gap1Test;
  /** Hedges' g (managers − customers, in SD units) with a normal-approximation interval. */
  readonly effectSize: { readonly g: number | null; readonly ci: Interval };
  readonly warnings: readonly Notice[];
}

/**
 * Gap 1 overall: the comparison of respondents' overall scores (mean of their dimension
 * scores) plus two figures over items: how far off managers are on average, and whether they
 * at least rank the items as customers do.
 */
export interface Gap1Overall extends Gap1Statistics {
  /** Mean over items of |gap_i| (items with a gap), or null when no item has one. */
  readonly meanAbsoluteItemGap: number | null;
  /**
   * Spearman's ρ between managers' and customers' item means (average ranks for ties; null with
   * fewer than 3 items or when one side's means are all equal).
   */
  readonly itemRankCorrelation: number | null;
}

/** An item where management misjudges customers' expectations. */
export interface Gap1Misjudgement {
  readonly item: string;
  readonly label: string;
  readonly dimension: string;
  readonly gap: number;
  readonly g: number | null;
}

/** The Gap 1 result in the common gap envelope (gap 1, design `independent-groups`). */
export type Gap1Result = GapEnvelope<
  { readonly item: string; readonly label: string; readonly dimension: string } & Gap1Statistics,
  {
    readonly dimension: string;
    readonly label: string;
    readonly items: readonly string[];
  } & Gap1Statistics,
  Gap1Overall
> & {
  readonly gap: 1;
  readonly name: "Gap 1: management's perception vs customers' expectations";
  readonly design: "independent-groups";
  readonly unit: "scale points";
  readonly sign: "managers' estimate − customers' expectation; negative = management underestimates";
  readonly instrument: {
    readonly id: string;
    readonly name: string;
    readonly scaleMin: number;
    readonly scaleMax: number;
  };
  readonly level: number;
  readonly pAdjustMethod: PAdjustMethod;
  /** Customers and managers with at least one dimension score. */
  readonly customers: number;
  readonly managers: number;
  /** Items with a negative gap, most negative first (at most `top`). */
  readonly underestimated: readonly Gap1Misjudgement[];
  /** Items with a positive gap, most positive first (at most `top`). */
  readonly overestimated: readonly Gap1Misjudgement[];
};

/** The option names of {@link gap1}. */
export const GAP1_OPTIONS = optionNames<Gap1Options>({
  level: true,
  pAdjust: true,
  top: true,
  rows: true,
  managerRows: true,
});

const FN = "gap1";

/**
 * Gap 1 of the gap model (knowledge): how far management's perception of customers'
 * expectations is from those expectations (Parasuraman, Zeithaml & Berry 1985, J. Marketing
 * 49(4):41–50). Customers give E on each item; managers estimate it on the same items and scale
 * (`validateManagementSurvey`).
 *
 * gap = mean estimate − mean expectation, per item, per dimension (respondents' dimension
 * scores, under each dataset's missing-data policy) and overall (mean of dimension scores);
 * negative = management underestimates what customers expect. The groups are independent:
 * - ≥ 2 managers: Welch's t-test, df by Welch–Satterthwaite (R: `t.test(managers, customers)`);
 * - 1 manager (value m): one-sample t-test t = (m − x̄)/(s/√n), df = n − 1 (R:
 *   `t.test(customers, mu = m)` with the sign of t flipped);
 * - Hedges' g = J·d, J = 1 − 3/(4·df − 1), pooled SD (one manager: the customers' SD), with a
 *   normal-approximation interval (Hedges & Olkin 1985).
 * p-values are adjusted within the item and the dimension family (Holm by default).
 * `underestimated` / `overestimated` list the items with the largest negative / positive gaps.
 *
 * @param customers - Customers' answers (a dataset with expectation answers).
 * @param managers - The management survey (`validateManagementSurvey`) or a dataset whose
 *   expectation answers are managers' estimates on the same instrument.
 * @param options - `level`, `pAdjust`, `top`, `rows` (customers), `managerRows`.
 * @returns The Gap 1 envelope; values that cannot be computed are null with a warning.
 * @throws {ServqualError} `invalid-argument`; `invalid-input` when the two sides are on
 *   different instruments (`instrument-mismatch`) or scales (`scale-mismatch`), or when no
 *   manager or customer is left (`no-managers`, `no-customers`).
 *
 * @example
 * const managers = validateManagementSurvey(managerRows, instruments.servqual22);
 * const result = gap1(customers, managers);
 * result.underestimated[0] //=> { item: "7", dimension: "reliability", gap: -1.1, … }
 */
export function gap1(
  customers: Dataset,
  managers: ManagementSurvey | Dataset,
  options: Gap1Options = {},
): Gap1Result {
  expectShape(FN, "customers", customers, shapes.dataset);
  const managerData = managersDataset(managers);
  checkOptionKeys(FN, options, GAP1_OPTIONS);
  const level = checkLevel(options.level, FN);
  const pAdjustMethod = options.pAdjust ?? "holm";
  const top = options.top ?? 3;
  if (!Number.isInteger(top) || top < 0) {
    throw invalidArgument(FN, "options.top", "a whole number ≥ 0", top);
  }
  const rows = checkRows(FN, options.rows, customers.n);
  const managerRows = checkRows(FN, options.managerRows, managerData.n);
  checkSameInstrument(customers.instrument, managerData.instrument);
  const customerE = expectationColumns(customers, "customers");
  const managerE = expectationColumns(managerData, "managers");
  const instrument = customers.instrument;

  const compare = (c: ArrayLike<number>, m: ArrayLike<number>) =>
    compareGroups(finite(c), finite(m), level);

  let i = 0;
  const itemStats: (Gap1Statistics & { item: string; label: string; dimension: string })[] = [];
  for (const dimension of instrument.dimensions) {
    for (const item of dimension.items) {
      const stats = compare(
        selectValues(customerE[i] as ArrayLike<number>, rows),
        selectValues(managerE[i] as ArrayLike<number>, managerRows),
      );
      itemStats.push({
        item: item.id,
        label: item.label,
        dimension: dimension.id,
        ...stats,
        warnings: stats.warnings.map((w) => about(`item ${item.id}`, w)),
      });
      i += 1;
    }
  }
  const customerScores = respondentScores(customers, {
    facet: "expectation",
    level: "dimension",
    ...(rows === null ? {} : { rows }),
  });
  const managerScores = respondentScores(managerData, {
    facet: "expectation",
    level: "dimension",
    ...(managerRows === null ? {} : { rows: managerRows }),
  });
  const dimensionStats = instrument.dimensions.map((dimension, d) => {
    const stats = compare(customerScores[d] as Float64Array, managerScores[d] as Float64Array);
    return {
      dimension: dimension.id,
      label: dimension.label,
      items: dimension.items.map((item) => item.id),
      ...stats,
      warnings: stats.warnings.map((w) => about(`dimension ${dimension.id}`, w)),
    };
  });
  const customerOverall = meanOfScored(customerScores);
  const managerOverall = meanOfScored(managerScores);
  const customerCount = countScored(customerOverall);
  const managerCount = countScored(managerOverall);
  if (managerCount === 0) throw noOne("managers", "no-managers");
  if (customerCount === 0) throw noOne("customers", "no-customers");
  const overall = compare(customerOverall, managerOverall);

  const items = adjustFamily(itemStats, pAdjustMethod);
  const dimensions = adjustFamily(dimensionStats, pAdjustMethod);
  const warnings: Notice[] = [];
  if (managerCount === 1) {
    warnings.push(
      notice(
        "single-manager",
        "one manager's estimates: each gap is tested with the one-sample t-test of customers' expectations against that value, which treats the estimate as fixed (no spread among managers is known)",
      ),
    );
  }
  return {
    gap: 1,
    name: "Gap 1: management's perception vs customers' expectations",
    design: "independent-groups",
    unit: "scale points",
    sign: "managers' estimate − customers' expectation; negative = management underestimates",
    instrument: {
      id: instrument.id,
      name: instrument.name,
      scaleMin: instrument.scale.min,
      scaleMax: instrument.scale.max,
    },
    level,
    pAdjustMethod,
    customers: customerCount,
    managers: managerCount,
    items,
    dimensions,
    overall: {
      ...overall,
      test: { ...overall.test, pAdjusted: overall.test.pValue },
      ...itemFigures(items),
    },
    underestimated: misjudged(items, -1, top),
    overestimated: misjudged(items, 1, top),
    warnings,
  };
}

/** The managers' dataset of a management survey, or the dataset itself. */
function managersDataset(managers: ManagementSurvey | Dataset): Dataset {
  if (
    managers !== null &&
    typeof managers === "object" &&
    (managers as ManagementSurvey).kind === "management-survey"
  ) {
    const { dataset } = managers as ManagementSurvey;
    expectShape(FN, "managers.dataset", dataset, shapes.dataset);
    return dataset;
  }
  expectShape(FN, "managers", managers, {
    what: "a ManagementSurvey (from validateManagementSurvey) or a Dataset of managers' estimates",
    fields: shapes.dataset.fields,
  });
  return managers as Dataset;
}

function checkSameInstrument(customers: Instrument, managers: Instrument): void {
  const issues: Issue[] = [];
  const a = customers.scale;
  const b = managers.scale;
  if (a.min !== b.min || a.max !== b.max || a.step !== b.step) {
    issues.push({
      code: "scale-mismatch",
      message: `customers answered on ${a.min}–${a.max} (step ${a.step}) but managers on ${b.min}–${b.max} (step ${b.step}); Gap 1 needs one scale`,
      path: ["managers", "instrument", "scale"],
    });
  }
  const layout = (instrument: Instrument) =>
    instrument.dimensions
      .map((d) => `${d.id}:${d.items.map((item) => item.id).join(",")}`)
      .join(";");
  if (layout(customers) !== layout(managers)) {
    issues.push({
      code: "instrument-mismatch",
      message: `the managers' instrument "${managers.id}" does not have the dimensions and items of the customers' instrument "${customers.id}" in the same order; read the management file with the customers' instrument`,
      path: ["managers", "instrument"],
    });
  }
  if (issues.length > 0) {
    throw new ServqualError("invalid-input", `${FN}: customers and managers do not match.`, issues);
  }
}

function expectationColumns(dataset: Dataset, who: string): readonly ArrayLike<number>[] {
  const columns = dataset.facets.expectation;
  if (columns === undefined) {
    throw new ServqualError(
      "invalid-input",
      `${FN}: the ${who}' dataset has no expectation answers.`,
      [
        {
          code: "absent-facet",
          message: `the ${who}' dataset (format "${dataset.instrument.format}") has no expectation answers`,
          path: [who],
        },
      ],
    );
  }
  return columns;
}

function noOne(who: "managers" | "customers", code: "no-managers" | "no-customers"): ServqualError {
  return new ServqualError("invalid-input", `${FN}: no ${who} to compare.`, [
    {
      code,
      message: `no ${who === "managers" ? "manager" : "customer"} has a score on any dimension (or the row selection is empty); Gap 1 needs at least one`,
      path: [who],
    },
  ]);
}

/** The finite values of a column, as a Float64Array. */
function finite(column: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < column.length; i++) if (Number.isFinite(column[i])) count += 1;
  const out = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (Number.isFinite(v)) out[at++] = v;
  }
  return out;
}

/** Per respondent: the mean of their scored dimensions (NaN when none is scored). */
function meanOfScored(dimensions: readonly Float64Array[]): Float64Array {
  const n = dimensions[0]?.length ?? 0;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let sum = 0;
    let count = 0;
    for (const column of dimensions) {
      const v = column[r] as number;
      if (!Number.isNaN(v)) {
        sum += v;
        count += 1;
      }
    }
    out[r] = count === 0 ? Number.NaN : sum / count;
  }
  return out;
}

function countScored(values: Float64Array): number {
  let count = 0;
  for (const v of values) if (!Number.isNaN(v)) count += 1;
  return count;
}

/** Managers − customers on one row of the tables. */
function compareGroups(c: Float64Array, m: Float64Array, level: number): Gap1Statistics {
  const mc = meanVariance(c);
  const mm = meanVariance(m);
  const side = <S extends "customers" | "managers">(
    name: S,
    values: Float64Array,
    moments: ReturnType<typeof meanVariance>,
  ): Gap1Side<S> => ({
    side: name,
    n: values.length,
    mean: values.length > 0 ? moments.mean : null,
    sd: values.length > 1 ? Math.sqrt(moments.variance) : null,
  });
  const required = side("customers", c, mc);
  const delivered = side("managers", m, mm);
  const nullCi: Interval = { level, lower: null, upper: null, method: "t" };
  const warnings: Notice[] = [];
  if (c.length === 0 || m.length === 0) {
    warnings.push(
      notice(
        "no-data",
        `${c.length === 0 ? "no customer" : "no manager"} answered: the gap cannot be computed`,
      ),
    );
    const g = hedgesG(level, 0, 0, 0, 0, 0, 0);
    return {
      required,
      delivered,
      gap: { mean: null, se: null, ci: nullCi },
      test: { method: null, t: null, df: null, pValue: null, pAdjusted: null },
      effectSize: { g: null, ci: g.ci },
      warnings,
    };
  }
  const difference = mm.mean - mc.mean;
  let test: Gap1Test;
  let se: number | null;
  let ci: Interval;
  if (m.length >= 2) {
    const welch = welchTTest(m, c, { level });
    warnings.push(...welch.warnings);
    test = { method: "welch", t: welch.t, df: welch.df, pValue: welch.pValue, pAdjusted: null };
    se = welch.stderr;
    ci = { level, lower: welch.ci.lower, upper: welch.ci.upper, method: "t" };
  } else {
    const one = tTestCore(
      { n: c.length, mean: difference, sd: c.length > 1 ? Math.sqrt(mc.variance) : null },
      { level },
      FN,
      "One Sample t-test",
    );
    warnings.push(...one.warnings);
    test = { method: "one-sample", t: one.t, df: one.df, pValue: one.pValue, pAdjusted: null };
    se = one.stderr;
    ci = { level, lower: one.ci.lower, upper: one.ci.upper, method: "t" };
  }
  const g = hedgesG(
    level,
    mc.mean,
    c.length > 1 ? Math.sqrt(mc.variance) : 0,
    c.length,
    mm.mean,
    m.length > 1 ? Math.sqrt(mm.variance) : 0,
    m.length,
  );
  warnings.push(...g.warnings.map((w) => about("Hedges' g", w)));
  return {
    required,
    delivered,
    gap: { mean: difference, se, ci },
    test,
    effectSize: { g: g.g, ci: g.ci },
    warnings,
  };
}

/** Mean |gap_i| and Spearman's ρ of the two sides' item means, over items with both means. */
function itemFigures(rows: readonly Gap1Statistics[]): {
  meanAbsoluteItemGap: number | null;
  itemRankCorrelation: number | null;
} {
  const both = rows.filter((row) => row.required.mean !== null && row.delivered.mean !== null);
  if (both.length === 0) return { meanAbsoluteItemGap: null, itemRankCorrelation: null };
  const meanAbsoluteItemGap =
    both.reduce((sum, row) => sum + Math.abs(row.gap.mean as number), 0) / both.length;
  if (both.length < 3) return { meanAbsoluteItemGap, itemRankCorrelation: null };
  const a = averageRanks(both.map((row) => row.required.mean as number));
  const b = averageRanks(both.map((row) => row.delivered.mean as number));
  return { meanAbsoluteItemGap, itemRankCorrelation: pearson(a, b) };
}

/** Ranks 1..n, ties given their average rank (as R's rank(ties.method = "average")). */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.v === order[start]?.v) end += 1;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[(order[k] as { i: number }).i] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Pearson's r, null when a side does not vary. */
function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

function adjustFamily<T extends Gap1Statistics>(rows: readonly T[], method: PAdjustMethod): T[] {
  const adjusted = adjustPValues(
    rows.map((row) => row.test.pValue),
    method,
  ).adjusted;
  return rows.map((row, i) => ({ ...row, test: { ...row.test, pAdjusted: adjusted[i] ?? null } }));
}

/** Items whose gap has the given sign, largest magnitude first (ties in instrument order). */
function misjudged(
  items: readonly ({ item: string; label: string; dimension: string } & Gap1Statistics)[],
  sign: -1 | 1,
  top: number,
): Gap1Misjudgement[] {
  return items
    .map((row, order) => ({ row, order }))
    .filter(({ row }) => row.gap.mean !== null && Math.sign(row.gap.mean) === sign)
    .sort(
      (a, b) =>
        sign * ((b.row.gap.mean as number) - (a.row.gap.mean as number)) || a.order - b.order,
    )
    .slice(0, top)
    .map(({ row }) => ({
      item: row.item,
      label: row.label,
      dimension: row.dimension,
      gap: row.gap.mean as number,
      g: row.effectSize.g,
    }));
}
