import { expectKind } from "../_lib/guards";
import type { Interval } from "../_lib/interval";
import { type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import { checkLevel } from "./checkOptions";
import { normalQuantile } from "./distributions/stdlib/normalQuantile";

/** Result of {@link wilsonInterval}. */
export interface WilsonInterval extends Interval {
  readonly successes: number;
  readonly n: number;
  /** p̂ = successes/n. */
  readonly proportion: number | null;
  /** `"wilson"`. */
  readonly method: "wilson";
  readonly warnings: readonly Notice[];
}

function checkCount(value: number, name: string): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new ServqualError("invalid-input", `wilsonInterval: ${name} must be a whole number ≥ 0`, [
      { code: "out-of-range", message: `${name} is ${String(value)}`, path: [name] },
    ]);
  }
}

/**
 * Wilson score interval for a proportion (Wilson 1927, JASA 22(158)): with p̂ = x/n and
 * z = z₁₋α/₂,
 * (p̂ + z²/(2n) ± z·√(p̂(1 − p̂)/n + z²/(4n²))) / (1 + z²/n),
 * with the bound set to exactly 0 when p̂ = 0 and to 1 when p̂ = 1 (as R). Unlike the Wald
 * interval it stays inside [0, 1] and keeps its coverage for small n or extreme p̂.
 *
 * In R: `prop.test(x, n, conf.level = level, correct = FALSE)$conf.int`
 * (= `binom::binom.confint(x, n, methods = "wilson")`).
 *
 * @category stats
 * @param successes - number of successes x (whole number, 0 ≤ x ≤ n)
 * @param n - number of trials (whole number)
 * @param level - confidence level, default 0.95
 * @returns p̂ and the interval; null + warning when n = 0
 * @throws {ServqualError} `invalid-input` for non-integers, negatives or x > n;
 *   `invalid-options` for a bad level
 * @example
 * wilsonInterval(8, 10);
 * //=> { proportion: 0.8, lower: 0.490162…, upper: 0.943317…, level: 0.95, … }
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): WilsonInterval {
  expectKind("wilsonInterval", "successes", successes, "number", "a count");
  expectKind("wilsonInterval", "n", n, "number", "a count");
  const confidence = checkLevel(level, "wilsonInterval");
  checkCount(successes, "successes");
  checkCount(n, "n");
  if (successes > n) {
    throw new ServqualError("invalid-input", "wilsonInterval: successes cannot exceed n", [
      { code: "out-of-range", message: `successes is ${successes}, n is ${n}` },
    ]);
  }
  const method = "wilson" as const;
  if (n === 0) {
    return {
      successes,
      n,
      proportion: null,
      level: confidence,
      lower: null,
      upper: null,
      method,
      warnings: [notice("no-data", "n = 0: no proportion to estimate")],
    };
  }
  const p = successes / n;
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
  // R's prop.test form: z22n = z²/(2n); (p + z22n ± z·√(p(1 − p)/n + z22n/(2n)))/(1 + 2·z22n).
  const z22n = (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z22n / (2 * n));
  const lower = p <= 0 ? 0 : (p + z22n - half) / (1 + 2 * z22n);
  const upper = p >= 1 ? 1 : (p + z22n + half) / (1 + 2 * z22n);
  return { successes, n, proportion: p, level: confidence, lower, upper, method, warnings: [] };
}
