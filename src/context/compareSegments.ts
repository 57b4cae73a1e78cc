import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import type { Interval } from "../_lib/interval";
import { type Notice, notice } from "../_lib/notice";
import { respondentScores } from "../responses/respondentScores";
import type { Dataset } from "../responses/types";
import { adjustPValues, type PAdjustMethod } from "../stats/adjustPValues";
import { dunnTest } from "../stats/dunnTest";
import { gamesHowell } from "../stats/gamesHowell";
import { kruskalWallis } from "../stats/kruskalWallis";
import { welchAnova } from "../stats/welchAnova";
import { planCells } from "./cellPlan";

/** Options of {@link compareSegments}. */
export interface CompareSegmentsOptions {
  /** The segment column whose values are compared (region, channel, …). */
  readonly by: string;
  /** "welch" (default): Welch's ANOVA + Games–Howell; "kruskal": Kruskal–Wallis + Dunn. */
  readonly method?: "welch" | "kruskal";
  /** Adjustment across every test of the call (default "holm"). */
  readonly pAdjust?: PAdjustMethod;
  /** Segment values with fewer respondents are left out of the tests (default 30, ≥ 2). */
  readonly minimumN?: number;
  readonly level?: number;
  readonly rows?: Int32Array;
}

/** The option names of {@link compareSegments}. */
export const COMPARE_SEGMENTS_OPTIONS = optionNames<CompareSegmentsOptions>({
  by: true,
  method: true,
  pAdjust: true,
  minimumN: true,
  level: true,
  rows: true,
});

/** One pair of segment values. */
export interface SegmentPair {
  readonly group1: string;
  readonly group2: string;
  readonly n1: number;
  readonly n2: number;
  /** Welch: mean gap of group2 − group1; Kruskal: mean rank of group2 − group1. */
  readonly estimate: number | null;
  /** Games–Howell t, or Dunn z. */
  readonly statistic: number | null;
  /** Games–Howell p (studentized range) or Dunn's unadjusted normal p. */
  readonly pValue: number | null;
  /** Adjusted across every pair of every dimension of the call. */
  readonly pAdjusted: number | null;
  /** Games–Howell interval of the difference (Welch only). */
  readonly ci: Interval | null;
}

/** The comparison of one dimension (or the overall score). */
export interface SegmentComparison {
  /** Dimension id or "overall". */
  readonly id: string;
  readonly groups: readonly {
    readonly segment: string;
    readonly n: number;
    readonly mean: number | null;
    readonly sd: number | null;
  }[];
  /** Welch's F or Kruskal–Wallis H. */
  readonly statistic: number | null;
  readonly df1: number | null;
  /** Welch's fractional denominator df (null for Kruskal–Wallis). */
  readonly df2: number | null;
  readonly pValue: number | null;
  /** Adjusted across the dimensions and overall of the call. */
  readonly pAdjusted: number | null;
  readonly pairs: readonly SegmentPair[];
  readonly warnings: readonly Notice[];
}

/** Result of {@link compareSegments}. */
export interface CompareSegmentsResult {
  readonly kind: "segment-comparison";
  readonly by: string;
  readonly method: "welch" | "kruskal";
  /** Why this method (for the report). */
  readonly reason: string;
  readonly test: string;
  readonly followUp: string;
  readonly pAdjustMethod: PAdjustMethod;
  readonly minimumN: number;
  /** Segment values left out for having fewer than minimumN respondents (blank included). */
  readonly leftOut: readonly { readonly segment: string | null; readonly rows: number }[];
  readonly comparisons: readonly SegmentComparison[];
  readonly warnings: readonly Notice[];
}

const REASONS = {
  welch:
    "Welch's ANOVA compares mean gaps without assuming equal variances across segments (the safe default for unequal segment sizes); Games–Howell pairs follow it for the same reason",
  kruskal:
    "Kruskal–Wallis compares segments by ranks, without assuming normal gap scores (chosen for skewed or strongly discrete scores); Dunn's pairs use the same ranks",
} as const;

/**
 * Do segments (regions, channels, branches) differ in their Gap 5? Per dimension and overall,
 * over respondents' gap scores (the mean of their item gaps, `respondentScores`):
 *
 * - `method: "welch"` (default): Welch's one-way ANOVA (Welch 1951), then Games–Howell pairs
 *   (Games & Howell 1976);
 * - `method: "kruskal"`: Kruskal–Wallis (Kruskal & Wallis 1952), then Dunn's pairs (Dunn 1964).
 *
 * The method and the reason for it are in the result. Multiple testing is controlled across
 * everything the call compares: the omnibus p-values of all dimensions and overall form one
 * family, all pairwise p-values of all dimensions another (`pAdjust`, default Holm; for
 * Games–Howell p, already Tukey-adjusted within a dimension, this is conservative). Segment
 * values with fewer than `minimumN` respondents (and blank labels) are left out and listed.
 *
 * In R: `oneway.test(score ~ segment)` + `rstatix::games_howell_test`, or
 * `kruskal.test(score ~ segment)` + `rstatix::dunn_test(p.adjust.method = "none")`, then
 * `p.adjust` over the call.
 *
 * @param dataset - A dataset with the segment column.
 * @param options - `by`, `method`, `pAdjust`, `minimumN`, `level`, `rows`.
 * @returns Per dimension and overall: the groups, the omnibus test, the pairs.
 * @throws {ServqualError} `invalid-input` for an unknown segment column; `invalid-argument`
 *   for a bad method or option.
 * @example
 * const c = compareSegments(dataset, { by: "region", method: "welch" });
 * c.comparisons.filter((d) => (d.pAdjusted ?? 1) < 0.05).map((d) => d.id);
 */
export function compareSegments(
  dataset: Dataset,
  options: CompareSegmentsOptions,
): CompareSegmentsResult {
  const fn = "compareSegments";
  expectShape(fn, "dataset", dataset, shapes.dataset);
  checkOptionKeys(fn, options, COMPARE_SEGMENTS_OPTIONS);
  if (typeof options.by !== "string") {
    throw invalidArgument(fn, "options.by", "one segment column name", options.by);
  }
  const method = options.method ?? "welch";
  if (method !== "welch" && method !== "kruskal") {
    throw invalidArgument(fn, "options.method", '"welch" or "kruskal"', method);
  }
  const pAdjustMethod = options.pAdjust ?? "holm";
  adjustPValues([], pAdjustMethod);
  const plan = planCells(fn, dataset, {
    by: [options.by],
    ...(options.minimumN === undefined ? {} : { minimumN: options.minimumN }),
    ...(options.level === undefined ? {} : { level: options.level }),
    ...(options.rows === undefined ? {} : { rows: options.rows }),
  });
  const segment = plan.segments[0] as { values: readonly (string | null)[] };
  const rowList = plan.rows ?? Int32Array.from({ length: dataset.n }, (_, i) => i);
  const rowsOf = new Map<string | null, number[]>();
  for (let i = 0; i < rowList.length; i++) {
    const label = segment.values[rowList[i] as number] ?? null;
    const list = rowsOf.get(label);
    if (list === undefined) rowsOf.set(label, [i]);
    else list.push(i);
  }
  const leftOut: { segment: string | null; rows: number }[] = [];
  const kept: { name: string; positions: number[] }[] = [];
  for (const [label, positions] of [...rowsOf].sort(([a], [b]) =>
    a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0,
  )) {
    if (label === null || positions.length < plan.minimumN) {
      leftOut.push({ segment: label, rows: positions.length });
    } else kept.push({ name: label, positions });
  }
  const warnings: Notice[] = [];
  // One warning per segment left out, grouped (one report line) by the column compared.
  for (const l of leftOut) {
    const name = l.segment ?? "(blank)";
    warnings.push({
      ...notice(
        "small-cell",
        `left out of the tests: ${name} (${l.rows}), ${l.segment === null ? "a blank label" : `fewer than minimumN = ${plan.minimumN} respondents`}`,
      ),
      group: {
        subject: `segments by ${options.by}`,
        reason: `left out of the tests (fewer than minimumN = ${plan.minimumN} respondents, or a blank label)`,
        member: name,
        unit: "segment",
      },
    });
  }
  const dimensionScores = respondentScores(dataset, {
    facet: "gap",
    level: "dimension",
    rows: rowList,
  });
  const overallScores = respondentScores(dataset, {
    facet: "gap",
    level: "overall",
    rows: rowList,
  });
  const series = [
    ...dataset.instrument.dimensions.map((d, i) => ({
      id: d.id,
      scores: dimensionScores[i] as Float64Array,
    })),
    { id: "overall", scores: overallScores },
  ];
  const raw = series.map(({ id, scores }) => {
    const groups = kept.map((group) => ({
      name: group.name,
      values: Float64Array.from(group.positions, (i) => scores[i] as number),
    }));
    if (groups.length < 2) {
      return {
        id,
        groups: groups.map((g) => ({ segment: g.name, n: g.values.length, mean: null, sd: null })),
        statistic: null,
        df1: null,
        df2: null,
        pValue: null,
        pairs: [] as Omit<SegmentPair, "pAdjusted">[],
        warnings: [notice("too-few-values", "fewer than two segment values to compare")],
      };
    }
    if (method === "welch") {
      const omnibus = welchAnova(groups);
      const pairs = gamesHowell(groups, { level: plan.level });
      return {
        id,
        groups: omnibus.groups.map((g) => ({ segment: g.name, n: g.n, mean: g.mean, sd: g.sd })),
        statistic: omnibus.F,
        df1: omnibus.df1,
        df2: omnibus.df2,
        pValue: omnibus.pValue,
        pairs: pairs.comparisons.map((c) => ({
          group1: c.group1,
          group2: c.group2,
          n1: c.n1,
          n2: c.n2,
          estimate: c.estimate,
          statistic: c.t,
          pValue: c.pValue,
          ci: c.ci,
        })),
        warnings: [...omnibus.warnings, ...pairs.warnings],
      };
    }
    const omnibus = kruskalWallis(groups);
    const pairs = dunnTest(groups, { pAdjust: pAdjustMethod });
    return {
      id,
      groups: omnibus.groups.map((g) => ({ segment: g.name, n: g.n, mean: g.mean, sd: g.sd })),
      statistic: omnibus.H,
      df1: omnibus.df,
      df2: null,
      pValue: omnibus.pValue,
      pairs: pairs.comparisons.map((c) => ({
        group1: c.group1,
        group2: c.group2,
        n1: c.n1,
        n2: c.n2,
        estimate: c.estimate,
        statistic: c.z,
        pValue: c.pValue,
        ci: null,
      })),
      warnings: [...omnibus.warnings, ...pairs.warnings],
    };
  });
  const omnibusP = adjustPValues(
    raw.map((r) => r.pValue),
    pAdjustMethod,
  ).adjusted;
  const pairP = adjustPValues(
    raw.flatMap((r) => r.pairs.map((p) => p.pValue)),
    pAdjustMethod,
  ).adjusted;
  let k = 0;
  return {
    kind: "segment-comparison",
    by: options.by,
    method,
    reason: REASONS[method],
    test: method === "welch" ? "Welch's one-way ANOVA" : "Kruskal–Wallis rank sum test",
    followUp: method === "welch" ? "Games–Howell" : "Dunn",
    pAdjustMethod,
    minimumN: plan.minimumN,
    leftOut,
    comparisons: raw.map((r, i) => ({
      ...r,
      pAdjusted: omnibusP[i] ?? null,
      pairs: r.pairs.map((p) => ({ ...p, pAdjusted: pairP[k++] ?? null })),
    })),
    warnings,
  };
}
