import { checkOptionKeys, invalidArgument, optionNames } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import { checkAlternative } from "./checkOptions";
import { normalPValue } from "./distributions/normalPValue";
import { signrankCdf } from "./distributions/stdlib/signrankCdf";
import type { Alternative } from "./types";

/**
 * A histogram of paired differences d = x − y: each distinct difference with how many pairs
 * have it. Either a Map (difference → count) or two parallel arrays. Zero differences may be
 * included (they are counted in `nZero` and dropped, as R does); counts must be whole numbers
 * ≥ 0. Keys are compared exactly: 0.1 + 0.2 and 0.3 are two different differences, as in R.
 *
 * @example
 * new Map([[-2, 5], [-1, 12], [0, 30], [1, 8]]);
 * { values: [-2, -1, 0, 1], counts: [5, 12, 30, 8] };
 */
export type DifferenceCounts =
  | ReadonlyMap<number, number>
  | { readonly values: ArrayLike<number>; readonly counts: ArrayLike<number> };

/** Options of the Wilcoxon signed-rank test. */
export interface WilcoxonOptions {
  /** Alternative hypothesis about the location of the differences; default "two-sided". */
  readonly alternative?: Alternative;
  /** Continuity correction of the normal approximation; default true (R's default). */
  readonly correct?: boolean;
  /**
   * Exact p-value from the signed-rank distribution. `undefined` (default): exact when
   * n′ < 50, as R; `true`: exact whenever possible; `false`: never. The exact distribution is
   * used only when there are no ties and no zero differences (otherwise the normal
   * approximation, with a note, as R does).
   */
  readonly exact?: boolean;
}

/** Result of {@link wilcoxonSignedRank} / {@link wilcoxonSignedRankFromCounts}. */
export interface WilcoxonSignedRankResult {
  /** R's method string, e.g. "Wilcoxon signed rank test with continuity correction". */
  readonly method: string;
  readonly alternative: Alternative;
  /** V = T⁺, the sum of the (average) ranks of |d| over the positive differences. */
  readonly V: number;
  /** T⁻ = n′(n′ + 1)/2 − V, the rank sum of the negative differences. */
  readonly tMinus: number;
  readonly pValue: number | null;
  /** n′: number of non-zero differences (those that are ranked). */
  readonly n: number;
  /** Zero differences, dropped before ranking (Wilcoxon's method, not Pratt's). */
  readonly nZero: number;
  /** Pairs dropped for a missing value (array version; 0 from counts). */
  readonly missing: number;
  /** True when some |d| are tied (average ranks were used). */
  readonly ties: boolean;
  /** True when the p-value is from the exact signed-rank distribution. */
  readonly exact: boolean;
  /** Normal-approximation statistic after tie and continuity correction; null when exact. */
  readonly zStatistic: number | null;
  /** Matched-pairs rank-biserial correlation r = (T⁺ − T⁻)/(T⁺ + T⁻) (Kerby 2014). */
  readonly rankBiserial: number | null;
  /** Facts a reader should know (R's warnings, e.g. why the exact p was not used). */
  readonly notes: readonly string[];
  /** Why a value is null. */
  readonly warnings: readonly Notice[];
}

const FN = "wilcoxonSignedRankFromCounts";

function entriesOf(counts: DifferenceCounts): [number, number][] {
  // A Map (or any ReadonlyMap-like object, e.g. from another realm): `values` is a method.
  if (
    counts !== null &&
    typeof counts === "object" &&
    typeof (counts as ReadonlyMap<number, number>).entries === "function" &&
    typeof (counts as { values?: unknown }).values === "function"
  ) {
    return [...(counts as ReadonlyMap<number, number>).entries()];
  }
  const arrays = counts as { values?: ArrayLike<number>; counts?: ArrayLike<number> };
  if (
    arrays === null ||
    typeof arrays !== "object" ||
    arrays.values === undefined ||
    arrays.counts === undefined
  ) {
    throw invalidArgument(FN, "counts", "a Map (difference → count) or { values, counts }", counts);
  }
  if (arrays.values.length !== arrays.counts.length) {
    throw new ServqualError("invalid-input", `${FN} requires values and counts of equal length`, [
      {
        code: "length-mismatch",
        message: `values has ${arrays.values.length} entries, counts has ${arrays.counts.length}`,
      },
    ]);
  }
  const out: [number, number][] = [];
  for (let i = 0; i < arrays.values.length; i++) {
    out.push([arrays.values[i] as number, arrays.counts[i] as number]);
  }
  return out;
}

/**
 * Exact-distribution p-value. P(V ≥ v) is taken as P(V ≤ N − v) (the distribution is
 * symmetric about N/2, N = n(n + 1)/2) so that small upper tails keep their precision.
 */
function exactPValue(v: number, n: number, alternative: Alternative): number {
  const total = (n * (n + 1)) / 2;
  const lower = (q: number): number => signrankCdf(q, n);
  const upperAtLeast = (q: number): number => lower(total - q);
  if (alternative === "less") return lower(v);
  if (alternative === "greater") return upperAtLeast(v);
  const p = v > total / 2 ? upperAtLeast(v) : lower(v);
  return Math.min(2 * p, 1);
}

/** The option names of the signed-rank test. */
export const WILCOXON_OPTIONS = optionNames<WilcoxonOptions>({
  alternative: true,
  correct: true,
  exact: true,
});

/**
 * Wilcoxon signed-rank test from the histogram of the paired differences, so a one-pass
 * accumulator can feed it: ranks follow from the counts (O(k log k) for k distinct |d|), never
 * from sorting the data.
 *
 * Zero differences are dropped (Wilcoxon 1945; R's method, not Pratt's). The n′ non-zero |d|
 * get average ranks: a tie group of size t whose values follow c smaller |d| has rank
 * c + (t + 1)/2. V = Σ ranks of the positive d. Exact p (no ties, no zeros, and n′ < 50 or
 * `exact: true`) from the signed-rank distribution (@stdlib signrank CDF); otherwise
 * z = (V − n′(n′+1)/4 − c) / √(n′(n′+1)(2n′+1)/24 − Σ(t³ − t)/48) with the continuity
 * correction c = 0.5·sign(V − n′(n′+1)/4) (two-sided), +0.5 (greater), −0.5 (less) or 0
 * (`correct: false`). Effect size: matched-pairs rank-biserial r = (T⁺ − T⁻)/(T⁺ + T⁻)
 * (Kerby 2014, Comprehensive Psychology 3).
 *
 * In R: `wilcox.test(x, y, paired = TRUE, alternative, exact, correct)`.
 *
 * @category stats
 * @param counts - the histogram of d = x − y: a Map difference → count, or `{ values, counts }`
 * @param options - alternative, correct (true), exact (undefined = R's rule)
 * @returns V, pValue, n (non-zero), nZero, method, zStatistic, rankBiserial; pValue and
 *   rankBiserial are null with a warning when every difference is zero
 * @throws {ServqualError} `invalid-input` for a non-finite difference, a negative or fractional
 *   count, or arrays of unequal length; `invalid-options` for an unknown alternative
 * @example
 * // Kiosk item K1, P − E: 116 zero gaps and five distinct |d|.
 * wilcoxonSignedRankFromCounts(
 *   new Map([[-6, 1], [-4, 2], [-3, 7], [-2, 27], [-1, 41], [0, 116], [1, 9], [2, 4]]),
 * );
 * //=> { V: 493.5, pValue: 8.2946e-11, n: 91, nZero: 116,
 * //     method: "Wilcoxon signed rank test with continuity correction", … }
 */
export function wilcoxonSignedRankFromCounts(
  counts: DifferenceCounts,
  options: WilcoxonOptions = {},
): WilcoxonSignedRankResult {
  checkOptionKeys(FN, options, WILCOXON_OPTIONS);
  return signedRankCore(entriesOf(counts), options, FN);
}

/**
 * Runs of equal |d| in ascending order: abs[i] with pos[i] positive and neg[i] negative
 * differences. The ranks of the signed-rank test follow from these counts alone.
 */
export interface AbsoluteRuns {
  readonly abs: Float64Array;
  readonly pos: Float64Array;
  readonly neg: Float64Array;
}

/** Validates (difference, count) entries and groups them into runs of equal |d|. */
export function runsFromEntries(
  entries: Iterable<[number, number]>,
  fn: string,
): { runs: AbsoluteRuns; nZero: number } {
  const issues: Issue[] = [];
  let nZero = 0;
  // |d| → [positive count, negative count]
  const byAbs = new Map<number, [number, number]>();
  for (const [value, count] of entries) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      if (issues.length < 20) {
        issues.push({
          code: "not-finite",
          message: `difference ${String(value)} is not a finite number`,
        });
      }
      continue;
    }
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
      if (issues.length < 20) {
        issues.push({
          code: "invalid-count",
          message: `count of difference ${value} is ${String(count)}; counts must be whole numbers ≥ 0`,
        });
      }
      continue;
    }
    if (count === 0) continue;
    if (value === 0) {
      nZero += count;
      continue;
    }
    const key = Math.abs(value);
    const slot = byAbs.get(key) ?? [0, 0];
    if (value > 0) slot[0] += count;
    else slot[1] += count;
    byAbs.set(key, slot);
  }
  if (issues.length > 0) {
    throw new ServqualError(
      "invalid-input",
      `${fn} requires finite differences and whole counts`,
      issues,
    );
  }
  const abs = Float64Array.from(byAbs.keys()).sort();
  const pos = new Float64Array(abs.length);
  const neg = new Float64Array(abs.length);
  for (let i = 0; i < abs.length; i++) {
    const [p, q] = byAbs.get(abs[i] as number) as [number, number];
    pos[i] = p;
    neg[i] = q;
  }
  return { runs: { abs, pos, neg }, nZero };
}

/** The test on validated (difference, count) entries; shared with the accumulator. */
export function signedRankCore(
  entries: Iterable<[number, number]>,
  options: WilcoxonOptions,
  fn: string,
  missing = 0,
): WilcoxonSignedRankResult {
  checkAlternative(options.alternative, fn);
  const { runs, nZero } = runsFromEntries(entries, fn);
  return signedRankFromRuns(runs, nZero, options, fn, missing);
}

/** The signed-rank test from runs of equal |d| (ascending) and the number of zero differences. */
export function signedRankFromRuns(
  runs: AbsoluteRuns,
  nZero: number,
  options: WilcoxonOptions,
  fn: string,
  missing = 0,
): WilcoxonSignedRankResult {
  const alternative = checkAlternative(options.alternative, fn);
  const correct = options.correct ?? true;
  let n = 0;
  let v = 0;
  let tieSum = 0;
  let ties = false;
  for (let i = 0; i < runs.abs.length; i++) {
    const pos = runs.pos[i] as number;
    const t = pos + (runs.neg[i] as number);
    const averageRank = n + (t + 1) / 2;
    v += averageRank * pos;
    if (t > 1) {
      ties = true;
      tieSum += t * t * t - t;
    }
    n += t;
  }
  const total = (n * (n + 1)) / 2;
  const tMinus = total - v;
  const notes: string[] = [];
  const warnings: Notice[] = [];
  const exactWanted = options.exact ?? n < 50;
  const base = { alternative, V: v, tMinus, n, nZero, missing, ties, notes, warnings };
  if (n === 0) {
    warnings.push(
      nZero > 0
        ? notice("zero-variance", "every difference is zero: the signed-rank test is undefined")
        : notice("no-data", "no differences: the signed-rank test needs data"),
    );
    return {
      ...base,
      method: "Wilcoxon signed rank test",
      pValue: null,
      exact: false,
      zStatistic: null,
      rankBiserial: null,
    };
  }
  const rankBiserial = (v - tMinus) / total;
  if (exactWanted && !ties && nZero === 0) {
    return {
      ...base,
      method: "Wilcoxon signed rank exact test",
      pValue: exactPValue(v, n, alternative),
      exact: true,
      zStatistic: null,
      rankBiserial,
    };
  }
  if (exactWanted && ties) notes.push("cannot compute exact p-value with ties");
  if (exactWanted && nZero > 0) notes.push("cannot compute exact p-value with zeroes");
  const centred = v - total / 2;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum / 48);
  let correction = 0;
  if (correct) {
    if (alternative === "two-sided") correction = 0.5 * Math.sign(centred);
    else correction = alternative === "greater" ? 0.5 : -0.5;
  }
  const z = (centred - correction) / sigma;
  return {
    ...base,
    method: correct
      ? "Wilcoxon signed rank test with continuity correction"
      : "Wilcoxon signed rank test",
    pValue: normalPValue(z, alternative),
    exact: false,
    zStatistic: z,
    rankBiserial,
  };
}
