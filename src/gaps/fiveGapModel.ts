import { invalidArgument, isRecord } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { type Notice, notice } from "../_lib/notice";
import type { ContributingFactorsResult } from "./contributingFactors";
import type { GapNumber } from "./envelope";
import type { FiveGapCause, FiveGapEvidence, FiveGapFactor, FiveGapLink } from "./fiveGapEvidence";
import type { Gap1Result } from "./gap1";
import type { Gap2Result } from "./gap2";
import type { Gap3Result } from "./gap3";
import type { Gap4Result } from "./gap4";
import type { Gap5Result } from "./gap5";

/** The results already computed, each optional; `fiveGapModel` never recomputes them. */
export interface FiveGapInputs {
  readonly gap1?: Gap1Result;
  readonly gap2?: Gap2Result;
  readonly gap3?: Gap3Result;
  readonly gap4?: Gap4Result;
  readonly gap5?: Gap5Result;
  /** The contributing-factor survey scored by `contributingFactors`. */
  readonly factors?: ContributingFactorsResult;
}

export interface FiveGapOptions {
  /** Significance level of the Gap 5 and Gap 1 tests, on their adjusted p-values (default 0.05). */
  readonly alpha?: number;
  /** Smallest Gap 5 shortfall (scale points, ≥ 0) that counts (default 0: any significant one). */
  readonly minGap5?: number;
  /** Smallest Gap 1 underestimate (scale points, ≥ 0) that counts (default 0). */
  readonly minGap1?: number;
  /** Smallest overpromise (promise's unit, ≥ 0) that counts (default 0: any median worse than promised). */
  readonly minOverpromise?: number;
  /** How many weakest contributing factors to list per link (default 3). */
  readonly topFactors?: number;
}

const FIVE_GAP_OPTIONS = optionNames<FiveGapOptions>({
  alpha: true,
  minGap5: true,
  minGap1: true,
  minOverpromise: true,
  topFactors: true,
});
const INPUT_KEYS = ["gap1", "gap2", "gap3", "gap4", "gap5", "factors"];

/** Whether one gap was given, its overall figure and its worst dimension. */
export interface FiveGapPresence {
  readonly gap: GapNumber;
  readonly name: string;
  readonly present: boolean;
  readonly unit: string | null;
  readonly sign: string | null;
  /** The gap's overall figure (negative = shortfall), null when absent or not computable. */
  readonly overall: number | null;
  /** The dimension with the most negative figure, null when absent or none computable. */
  readonly worst: { readonly dimension: string; readonly value: number } | null;
}

/** One SERVQUAL dimension of Gap 5 with the links that explain its shortfall. */
export interface FiveGapDimension {
  readonly dimension: string;
  readonly label: string;
  /** Gap 5 mean, interval, adjusted p and n on this dimension. */
  readonly gap5: FiveGapEvidence | null;
  /** True when the Gap 5 shortfall is significant (adjusted p < alpha) and at least minGap5. */
  readonly shortfall: boolean;
  readonly links: readonly FiveGapLink[];
}

export interface FiveGapModelResult {
  readonly kind: "five-gap-model";
  readonly alpha: number;
  readonly thresholds: {
    readonly minGap5: number;
    readonly minGap1: number;
    readonly minOverpromise: number;
  };
  /** Gaps 1–5 in order, each present or absent. */
  readonly gaps: readonly FiveGapPresence[];
  /** One row per Gap 5 dimension (empty without Gap 5). */
  readonly dimensions: readonly FiveGapDimension[];
  /** Every link of every dimension, in dimension order. */
  readonly links: readonly FiveGapLink[];
  readonly warnings: readonly Notice[];
}

const NAMES: Record<GapNumber, string> = {
  1: "Gap 1: knowledge",
  2: "Gap 2: standards",
  3: "Gap 3: delivery",
  4: "Gap 4: communication",
  5: "Gap 5: service quality",
};

/**
 * The five-gap diagnosis (Parasuraman, Zeithaml & Berry 1985; Zeithaml, Berry & Parasuraman
 * 1988): joins the gap results already computed, states which gaps are present and how large,
 * and links each significant Gap 5 shortfall on a SERVQUAL dimension to the provider gaps on
 * that dimension that explain it, naming the numbers behind each link.
 *
 * Rules, for a dimension d with Gap 5 mean ≤ −minGap5 and adjusted p < alpha:
 * - delivery (Gap 3): a standard of d with compliance − target share < 0 and the Wilson upper
 *   bound of its compliance below the target share;
 * - standards (Gap 2): an attribute of d without a formal standard (coverage of d < 1);
 * - knowledge (Gap 1): managers' estimate − customers' expectation on d ≤ −minGap1 with
 *   adjusted p < alpha;
 * - communication (Gap 4): a promise on an attribute of d with overpromise ≤ −minOverpromise
 *   and < 0 (median delivery worse than promised).
 * Each link lists the `topFactors` weakest contributing factors of its gap when `factors` is
 * given. The model of linked gaps is the literature's; the thresholds are our choice.
 *
 * @param inputs - `{ gap1?, gap2?, gap3?, gap4?, gap5?, factors? }`, results of the calculators.
 * @throws {ServqualError} `invalid-argument` when an input is not the result it is named after,
 * `invalid-options` on an unknown option key.
 *
 * @example
 * const model = fiveGapModel({ gap5: gap5(survey), gap2: gap2(standards) });
 * model.links.map((l) => `${l.dimension}: ${l.cause}`); //=> ["responsiveness: standards"]
 */
export function fiveGapModel(inputs: FiveGapInputs, options?: FiveGapOptions): FiveGapModelResult {
  const fn = "fiveGapModel";
  const raw: unknown = inputs;
  if (!isRecord(raw))
    throw invalidArgument(
      fn,
      "inputs",
      "an object { gap1?, gap2?, gap3?, gap4?, gap5?, factors? }",
      inputs,
    );
  checkOptionKeys(fn, inputs, INPUT_KEYS, "inputs");
  checkOptionKeys(fn, options, FIVE_GAP_OPTIONS);
  for (const n of [1, 2, 3, 4, 5] as const) {
    const value = raw[`gap${n}`];
    if (
      value !== undefined &&
      (!isRecord(value) ||
        value.gap !== n ||
        !Array.isArray(value.dimensions) ||
        !Array.isArray(value.items))
    )
      throw invalidArgument(fn, `inputs.gap${n}`, `a Gap ${n} result (from gap${n})`, value);
  }
  if (
    inputs.factors !== undefined &&
    (!isRecord(raw.factors) || raw.factors.kind !== "contributing-factors")
  )
    throw invalidArgument(fn, "inputs.factors", "a result of contributingFactors", inputs.factors);
  const alpha = probability(fn, "options.alpha", options?.alpha, 0.05);
  const minGap5 = nonNegative(fn, "options.minGap5", options?.minGap5);
  const minGap1 = nonNegative(fn, "options.minGap1", options?.minGap1);
  const minOverpromise = nonNegative(fn, "options.minOverpromise", options?.minOverpromise);
  const top = options?.topFactors ?? 3;
  if (!Number.isInteger(top) || top < 0)
    throw invalidArgument(fn, "options.topFactors", "a whole number ≥ 0", top);

  const { gap1, gap2, gap3, gap4, gap5, factors } = inputs;
  const warnings: Notice[] = [];
  if (gap5 === undefined)
    warnings.push(
      notice("no-data", "no Gap 5 result: no shortfall to explain, so no links are drawn"),
    );
  const weakest = (gap: 1 | 2 | 3 | 4): readonly FiveGapFactor[] | null => {
    if (factors === undefined) return null;
    const summary = factors.gaps.find((g) => g.gap === gap);
    return (summary?.weakest ?? [])
      .slice(0, top)
      .map((f) => ({ factor: f.factor, label: f.label, index: f.index }));
  };
  const link = (
    dimension: string,
    cause: FiveGapCause,
    gap: 1 | 2 | 3 | 4,
    rule: string,
    evidence: FiveGapEvidence[],
  ): FiveGapLink => ({ dimension, cause, gap, rule, evidence, factors: weakest(gap) });

  const dimensions: FiveGapDimension[] = [];
  for (const row of gap5?.dimensions ?? []) {
    const d = row.dimension;
    const p = row.tTest.pAdjusted ?? row.tTest.pValue;
    const mean = row.gap.mean;
    const g5: FiveGapEvidence | null =
      mean === null
        ? null
        : {
            gap: 5,
            subject: d,
            measure: "mean gap P − E",
            value: mean,
            unit: "scale points",
            ci: row.gap.ci,
            p,
            n: row.n,
          };
    const shortfall = mean !== null && p !== null && mean < 0 && -mean >= minGap5 && p < alpha;
    const links: FiveGapLink[] = [];
    if (shortfall && g5 !== null) {
      for (const s of gap3?.items ?? []) {
        if (s.dimension !== d || s.gap === null || s.compliance === null || s.ci.upper === null)
          continue;
        if (s.gap < 0 && s.ci.upper < s.targetShare)
          links.push(
            link(
              d,
              "delivery",
              3,
              "Gap 5 shortfall with a standard of the dimension missed: compliance CI below the target share",
              [
                g5,
                {
                  gap: 3,
                  subject: s.item,
                  measure: "compliance − target share",
                  value: s.gap,
                  unit: "share of records",
                  ci: s.ci,
                  p: null,
                  n: s.evaluated,
                },
              ],
            ),
          );
      }
      const g2 = gap2?.dimensions.find((r) => r.dimension === d);
      if (g2 !== undefined && g2.missing.length > 0 && g2.gap !== null)
        links.push(
          link(
            d,
            "standards",
            2,
            `Gap 5 shortfall where attributes have no formal standard (${g2.missing.join(", ")})`,
            [
              g5,
              {
                gap: 2,
                subject: d,
                measure: "standards coverage − 1",
                value: g2.gap,
                unit: "share of attributes",
                ci: null,
                p: null,
                n: g2.attributes,
              },
            ],
          ),
        );
      const g1 = gap1?.dimensions.find((r) => r.dimension === d);
      const p1 = g1 === undefined ? null : (g1.test.pAdjusted ?? g1.test.pValue);
      if (
        g1 !== undefined &&
        g1.gap.mean !== null &&
        p1 !== null &&
        g1.gap.mean < 0 &&
        -g1.gap.mean >= minGap1 &&
        p1 < alpha
      )
        links.push(
          link(
            d,
            "knowledge",
            1,
            "Gap 5 shortfall where managers significantly underestimate customers' expectations",
            [
              g5,
              {
                gap: 1,
                subject: d,
                measure: "managers' estimate − customers' expectation",
                value: g1.gap.mean,
                unit: "scale points",
                ci: g1.gap.ci,
                p: p1,
                n: g1.required.n + g1.delivered.n,
              },
            ],
          ),
        );
      for (const pr of gap4?.items ?? []) {
        if (pr.dimension !== d || pr.overpromise === null) continue;
        if (pr.overpromise < 0 && -pr.overpromise >= minOverpromise) {
          const evidence: FiveGapEvidence[] = [
            g5,
            {
              gap: 4,
              subject: pr.item,
              measure: "overpromise (median delivered vs promised)",
              value: pr.overpromise,
              unit: pr.unit,
              ci: null,
              p: null,
              n: pr.evaluated,
            },
          ];
          if (pr.keptRate !== null)
            evidence.push({
              gap: 4,
              subject: pr.item,
              measure: "promise-kept rate",
              value: pr.keptRate,
              unit: "share of records",
              ci: pr.ci,
              p: null,
              n: pr.evaluated,
            });
          links.push(
            link(
              d,
              "communication",
              4,
              "Gap 5 shortfall where a promise on the dimension is not delivered",
              evidence,
            ),
          );
        }
      }
    }
    dimensions.push({ dimension: d, label: row.label, gap5: g5, shortfall, links });
  }

  const gaps: FiveGapPresence[] = [
    presence(
      1,
      gap1,
      gap1?.overall.gap.mean ?? null,
      gap1?.dimensions.map((r) => [r.dimension, r.gap.mean] as const),
    ),
    presence(
      2,
      gap2,
      gap2?.overall.gap ?? null,
      gap2?.dimensions.map((r) => [r.dimension, r.gap] as const),
    ),
    presence(
      3,
      gap3,
      gap3?.overall.gap ?? null,
      gap3?.dimensions.map((r) => [r.dimension, r.gap] as const),
    ),
    presence(
      4,
      gap4,
      gap4?.overall.gap ?? null,
      gap4?.dimensions.map((r) => [r.dimension, r.gap] as const),
    ),
    presence(
      5,
      gap5,
      gap5?.overall.unweighted.gap.mean ?? null,
      gap5?.dimensions.map((r) => [r.dimension, r.gap.mean] as const),
    ),
  ];
  if (gap5 !== undefined) {
    const known = new Set(gap5.dimensions.map((r) => r.dimension));
    for (const [n, result] of [
      [1, gap1],
      [2, gap2],
      [3, gap3],
      [4, gap4],
    ] as const) {
      const other = (result?.dimensions ?? []).map((r) => r.dimension).filter((x) => !known.has(x));
      if (other.length > 0)
        warnings.push(
          notice(
            "rows-left-out",
            `Gap ${n} dimensions not in Gap 5 cannot be linked: ${[...new Set(other)].join(", ")}`,
          ),
        );
    }
  }
  return {
    kind: "five-gap-model",
    alpha,
    thresholds: { minGap5, minGap1, minOverpromise },
    gaps,
    dimensions,
    links: dimensions.flatMap((d) => d.links),
    warnings,
  };
}

function presence(
  gap: GapNumber,
  result: { readonly unit: string; readonly sign: string } | undefined,
  overall: number | null,
  rows: readonly (readonly [string, number | null])[] | undefined,
): FiveGapPresence {
  let worst: { dimension: string; value: number } | null = null;
  for (const [dimension, value] of rows ?? [])
    if (value !== null && Number.isFinite(value) && (worst === null || value < worst.value))
      worst = { dimension, value };
  return {
    gap,
    name: NAMES[gap],
    present: result !== undefined,
    unit: result?.unit ?? null,
    sign: result?.sign ?? null,
    overall: overall !== null && Number.isFinite(overall) ? overall : null,
    worst,
  };
}

function probability(
  fn: string,
  param: string,
  value: number | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0 && value < 1))
    throw invalidArgument(fn, param, "a number between 0 and 1 (exclusive)", value);
  return value;
}

function nonNegative(fn: string, param: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw invalidArgument(fn, param, "a finite number ≥ 0", value);
  return value;
}
