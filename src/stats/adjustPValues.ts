import { expectKind } from "../_lib/guards";
import { type Issue, ServqualError } from "../_lib/ServqualError";

/** p-value adjustment methods, named as in R's `p.adjust`. */
export type PAdjustMethod = "holm" | "hochberg" | "bonferroni" | "BH" | "BY";

/** One input position of {@link adjustPValues}. */
export interface AdjustedPValue {
  /** Position in the input. */
  readonly index: number;
  /** The raw p-value; null when missing (null, undefined or NaN in the input). */
  readonly p: number | null;
  /** The adjusted p-value; null when the raw p is missing. */
  readonly adjusted: number | null;
  /**
   * Rank of p among the m non-missing p-values, 1 = smallest (ties in input order). Step-down
   * methods (holm) walk ranks 1 → m, step-up methods (hochberg, BH, BY) walk m → 1.
   */
  readonly rank: number | null;
}

/** Result of {@link adjustPValues}. */
export interface PValueAdjustment {
  readonly method: PAdjustMethod;
  /** How the method walks the ranked p-values. */
  readonly direction: "single-step" | "step-down" | "step-up";
  /** Number of non-missing p-values: the number of tests the adjustment counts. */
  readonly m: number;
  /** One entry per input position, in input order. */
  readonly entries: readonly AdjustedPValue[];
  /** The adjusted p-values in input order (null where the input was missing). */
  readonly adjusted: readonly (number | null)[];
}

const FN = "adjustPValues";
const DIRECTION = {
  bonferroni: "single-step",
  holm: "step-down",
  hochberg: "step-up",
  BH: "step-up",
  BY: "step-up",
} as const;

/**
 * Adjusts p-values for multiple testing, exactly as R's `p.adjust`. With the m non-missing p
 * sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎ (rank i):
 *
 * - bonferroni: min(1, m·p)
 * - holm (Holm 1979, Scand J Stat 6(2)): p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎)
 * - hochberg (Hochberg 1988, Biometrika 75(4)): p̃₍ᵢ₎ = min(1, min_{j ≥ i} (m − j + 1)·p₍ⱼ₎)
 * - BH (Benjamini & Hochberg 1995, JRSS B 57(1)): p̃₍ᵢ₎ = min(1, min_{j ≥ i} (m/j)·p₍ⱼ₎)
 * - BY (Benjamini & Yekutieli 2001, Ann Stat 29(4)): as BH times q = Σ_{k=1}^{m} 1/k
 *
 * The running max (holm, R's `cummax`) and running min (step-up methods, R's `cummin` over the
 * p-values in decreasing order) keep the adjusted values in the order of the raw ones.
 * Missing p-values (null, undefined, NaN) stay null and are not counted in m, as in R. With
 * m ≤ 1 every p is returned unchanged (R does the same).
 *
 * In R: `p.adjust(p, method)`.
 *
 * @category stats
 * @param p - p-values in [0, 1]; null/undefined/NaN mark a missing one
 * @param method - "holm" | "hochberg" | "bonferroni" | "BH" | "BY"
 * @returns per input position the raw p, the adjusted p and its rank, plus the adjusted array
 * @throws {ServqualError} `invalid-input` for a p outside [0, 1] or a non-number;
 *   `invalid-options` for an unknown method
 * @example
 * adjustPValues([0.01, 0.04, 0.03, 0.005], "holm").adjusted;
 * //=> [0.03, 0.06, 0.06, 0.02]
 */
export function adjustPValues(
  p: ArrayLike<number | null | undefined>,
  method: PAdjustMethod,
): PValueAdjustment {
  expectKind("adjustPValues", "p", p, "array-like", "an array of p-values");
  if (!Object.hasOwn(DIRECTION, method)) {
    throw new ServqualError(
      "invalid-options",
      `${FN}: method must be one of holm, hochberg, bonferroni, BH, BY`,
      [{ code: "unknown-value", message: `method is ${String(method)}`, path: ["method"] }],
    );
  }
  if (p === null || p === undefined || typeof p.length !== "number") {
    throw new ServqualError("invalid-input", `${FN} requires an array of p-values`);
  }
  const issues: Issue[] = [];
  const present: number[] = [];
  const raw: (number | null)[] = [];
  for (let i = 0; i < p.length; i++) {
    const value: unknown = p[i];
    if (
      value === null ||
      value === undefined ||
      (typeof value === "number" && Number.isNaN(value))
    ) {
      raw.push(null);
    } else if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
      raw.push(null);
      if (issues.length < 20) {
        issues.push({
          code: "out-of-range",
          message: `p[${i}] is ${String(value)}; a p-value must be a number in [0, 1]`,
          path: [i],
        });
      }
    } else {
      raw.push(value);
      present.push(i);
    }
  }
  if (issues.length > 0) {
    throw new ServqualError("invalid-input", `${FN} requires p-values in [0, 1]`, issues);
  }
  const m = present.length;
  // Ascending order of p, ties in input order (R's order() is stable).
  const order = present.slice().sort((a, b) => (raw[a] as number) - (raw[b] as number) || a - b);
  const adjusted: (number | null)[] = raw.slice();
  const rank: (number | null)[] = raw.map(() => null);
  order.forEach((index, position) => {
    rank[index] = position + 1;
  });
  const value = (i: number): number => raw[order[i - 1] as number] as number;
  const set = (i: number, v: number): void => {
    adjusted[order[i - 1] as number] = Math.min(1, v);
  };
  if (m > 1) {
    if (method === "bonferroni") {
      for (let i = 1; i <= m; i++) set(i, m * value(i));
    } else if (method === "holm") {
      let running = Number.NEGATIVE_INFINITY;
      for (let i = 1; i <= m; i++) {
        running = Math.max(running, (m - i + 1) * value(i));
        set(i, running);
      }
    } else {
      let q = 1;
      if (method === "BY") {
        q = 0;
        for (let k = 1; k <= m; k++) q += 1 / k;
      }
      let running = Number.POSITIVE_INFINITY;
      for (let i = m; i >= 1; i--) {
        // Operation order as R: (n + 1 - i) * p, n / i * p, q * n / i * p.
        const candidate =
          method === "hochberg"
            ? (m + 1 - i) * value(i)
            : method === "BH"
              ? (m / i) * value(i)
              : ((q * m) / i) * value(i);
        running = Math.min(running, candidate);
        set(i, running);
      }
    }
  }
  const entries = raw.map((pValue, index) => ({
    index,
    p: pValue,
    adjusted: adjusted[index] as number | null,
    rank: rank[index] as number | null,
  }));
  return { method, direction: DIRECTION[method], m, entries, adjusted };
}
