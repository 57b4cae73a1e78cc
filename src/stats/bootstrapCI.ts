import { checkOptionKeys, expectKind, optionNames } from "../_lib/guards";
import type { Interval } from "../_lib/interval";
import { type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import { checkLevel } from "./checkOptions";
import { normalCdf } from "./distributions/stdlib/normalCdf";
import { normalQuantile } from "./distributions/stdlib/normalQuantile";
import { finiteValues } from "./finiteValues";
import { meanVariance } from "./moments";
import { seededRandom } from "./seededRandom";
import type { NumericInput } from "./types";

/** Options of {@link bootstrapCI}. */
export interface BootstrapOptions {
  /** Seed of the generator ({@link seededRandom}); default 20240917. Same seed → same result. */
  readonly seed?: number;
  /** Number of bootstrap resamples B; default 2000. */
  readonly resamples?: number;
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /** "percentile" (default) or "bca" (bias-corrected and accelerated). */
  readonly method?: "percentile" | "bca";
}

/** Result of {@link bootstrapCI}. */
export interface BootstrapResult extends Interval {
  readonly method: "percentile" | "bca";
  /** The statistic on the original data. */
  readonly estimate: number | null;
  /** The tail probabilities whose replicate quantiles are the bounds (α/2, 1 − α/2 for percentile). */
  readonly quantiles: readonly [number, number] | null;
  /** Bootstrap SE: SD of the replicates. */
  readonly se: number | null;
  /** Mean of the replicates minus the estimate. */
  readonly bias: number | null;
  /** BCa bias correction z₀ (null for percentile). */
  readonly biasCorrection: number | null;
  /** BCa acceleration a from the jackknife (null for percentile). */
  readonly acceleration: number | null;
  readonly resamples: number;
  /** Replicates that were NaN or ±Infinity and were left out. */
  readonly nonFiniteReplicates: number;
  readonly seed: number;
  readonly n: number;
  readonly missing: number;
  readonly warnings: readonly Notice[];
}

const FN = "bootstrapCI";
const DEFAULT_SEED = 20240917;

/** Type-7 quantile of an ascending array. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const index = (sorted.length - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const h = index - lo;
  const a = sorted[lo] as number;
  return h > 0 ? (1 - h) * a + h * (sorted[hi] as number) : a;
}

function checkOptions(options: BootstrapOptions) {
  const seed = options.seed ?? DEFAULT_SEED;
  const resamples = options.resamples ?? 2000;
  const method = options.method ?? "percentile";
  const level = checkLevel(options.level, FN);
  if (!Number.isSafeInteger(seed)) {
    throw new ServqualError("invalid-options", `${FN}: seed must be a safe integer`, [
      { code: "not-an-integer", message: `seed is ${String(seed)}`, path: ["seed"] },
    ]);
  }
  if (!Number.isInteger(resamples) || resamples < 2) {
    throw new ServqualError("invalid-options", `${FN}: resamples must be a whole number ≥ 2`, [
      { code: "out-of-range", message: `resamples is ${String(resamples)}`, path: ["resamples"] },
    ]);
  }
  if (method !== "percentile" && method !== "bca") {
    throw new ServqualError("invalid-options", `${FN}: method must be "percentile" or "bca"`, [
      { code: "unknown-value", message: `method is ${String(method)}`, path: ["method"] },
    ]);
  }
  return { seed, resamples, method, level };
}

const BOOTSTRAP_OPTIONS = optionNames<BootstrapOptions>({
  seed: true,
  resamples: true,
  level: true,
  method: true,
});

/**
 * Bootstrap confidence interval of any statistic of one sample, seeded and reproducible.
 *
 * Resampling: B samples of size n drawn with replacement, indices ⌊u·n⌋ from
 * {@link seededRandom}(seed) (xoshiro128**), so the same seed gives the same interval.
 * Percentile (Efron 1979, Ann Stat 7(1)): the α/2 and 1 − α/2 quantiles (type 7) of the
 * replicates θ*. BCa (Efron 1987, JASA 82(397)): bias correction
 * z₀ = Φ⁻¹((#{θ* < θ̂} + ½#{θ* = θ̂})/B) (replicates equal to θ̂ count half, which matters for
 * Likert data where many replicates tie with θ̂; boot's `bca.ci` counts only θ* < θ̂), acceleration from the jackknife
 * values θ₍ᵢ₎ with mean θ̄: a = Σ(θ̄ − θ₍ᵢ₎)³ / (6·[Σ(θ̄ − θ₍ᵢ₎)²]^{3/2}), and the bounds are
 * the replicate quantiles at α₁,₂ = Φ(z₀ + (z₀ + z_{α/2, 1−α/2})/(1 − a(z₀ + z_{α/2, 1−α/2}))).
 * BCa evaluates the statistic n more times (jackknife), O(n²) work for an O(n) statistic.
 *
 * The `statistic` receives a Float64Array that is reused between calls: read it, do not keep
 * it. Replicates that are not finite are left out and counted.
 *
 * In R: `boot::boot.ci(boot::boot(x, function(d, i) stat(d[i]), R = B), type = c("perc",
 * "bca"))` — same method, but R's random numbers and its quantile interpolation
 * (order statistic (B + 1)·α) differ, so the numbers differ by Monte Carlo error.
 *
 * @category stats
 * @param data - the sample; null/undefined/NaN are dropped and counted in `missing`
 * @param statistic - function of a sample returning a number (e.g. the mean)
 * @param options - seed (20240917), resamples (2000), level (0.95), method ("percentile")
 * @returns the interval with the estimate, bootstrap SE and bias, and for BCa z₀ and a;
 *   null + warning when n < 2, the statistic is not finite or z₀ is infinite
 * @throws {ServqualError} `invalid-input` for ±Infinity or non-numbers; `invalid-options` for a
 *   bad seed, resamples, level, method or a statistic that is not a function
 * @example
 * const mean = (s: Float64Array) => s.reduce((a, b) => a + b, 0) / s.length;
 * bootstrapCI([3, 5, 4, 6, 2, 5, 4], mean, { seed: 1, method: "bca" });
 * //=> { method: "bca", estimate: 4.142857…, lower: 3.142857…, upper: 5,
 * //     biasCorrection: -0.0137…, acceleration: -0.0171…, se: 0.4786…, … }
 */
export function bootstrapCI(
  data: NumericInput,
  statistic: (sample: Float64Array) => number,
  options: BootstrapOptions = {},
): BootstrapResult {
  expectKind("bootstrapCI", "data", data, "array-like", "an array of numbers");
  expectKind("bootstrapCI", "statistic", statistic, "function", "a function of a sample");
  checkOptionKeys("bootstrapCI", options, BOOTSTRAP_OPTIONS);
  const { seed, resamples, method, level } = checkOptions(options);
  if (typeof statistic !== "function") {
    throw new ServqualError("invalid-options", `${FN} requires a statistic function`);
  }
  const { values, missing } = finiteValues(data, FN, "data");
  const n = values.length;
  const warnings: Notice[] = [];
  const empty: BootstrapResult = {
    method,
    estimate: null,
    level,
    lower: null,
    upper: null,
    quantiles: null,
    se: null,
    bias: null,
    biasCorrection: null,
    acceleration: null,
    resamples,
    nonFiniteReplicates: 0,
    seed,
    n,
    missing,
    warnings,
  };
  if (n < 2) {
    warnings.push(notice("too-few-values", "the bootstrap needs at least 2 values"));
    return empty;
  }
  const estimate = statistic(Float64Array.from(values));
  if (!Number.isFinite(estimate)) {
    warnings.push(notice("non-finite-statistic", "the statistic is not finite on the data"));
    return empty;
  }
  const random = seededRandom(seed);
  const buffer = new Float64Array(n);
  const replicates = new Float64Array(resamples);
  let kept = 0;
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) buffer[i] = values[Math.floor(random() * n)] as number;
    const value = statistic(buffer);
    if (Number.isFinite(value)) replicates[kept++] = value;
  }
  const nonFiniteReplicates = resamples - kept;
  const base = { ...empty, estimate, nonFiniteReplicates };
  if (nonFiniteReplicates > 0) {
    warnings.push(
      notice(
        "non-finite-replicates",
        `${nonFiniteReplicates} of ${resamples} replicates were not finite and were left out`,
      ),
    );
  }
  if (kept < 2) {
    warnings.push(notice("too-few-values", "fewer than 2 finite replicates: no interval"));
    return base;
  }
  const sorted = replicates.slice(0, kept).sort();
  const moments = meanVariance(sorted);
  const summary = { ...base, se: Math.sqrt(moments.variance), bias: moments.mean - estimate };
  const alpha = 1 - level;
  if (method === "percentile") {
    const quantiles: [number, number] = [alpha / 2, 1 - alpha / 2];
    return {
      ...summary,
      quantiles,
      lower: quantileSorted(sorted, quantiles[0]),
      upper: quantileSorted(sorted, quantiles[1]),
    };
  }
  let below = 0;
  let equal = 0;
  for (let i = 0; i < kept; i++) {
    const value = sorted[i] as number;
    if (value < estimate) below++;
    else if (value === estimate) equal++;
  }
  const share = (below + equal / 2) / kept;
  if (share <= 0 || share >= 1) {
    warnings.push(
      notice(
        "bca-undefined",
        "every replicate lies on one side of the estimate: the BCa bias correction is infinite",
      ),
    );
    return summary;
  }
  const z0 = normalQuantile(share, 0, 1);
  const jackknife = new Float64Array(n);
  const leaveOneOut = new Float64Array(n - 1);
  for (let i = 0; i < n; i++) {
    leaveOneOut.set(values.subarray(0, i), 0);
    leaveOneOut.set(values.subarray(i + 1), i);
    jackknife[i] = statistic(leaveOneOut);
  }
  const jackMean = meanVariance(jackknife).mean;
  let sum2 = 0;
  let sum3 = 0;
  for (let i = 0; i < n; i++) {
    const dev = jackMean - (jackknife[i] as number);
    sum2 += dev * dev;
    sum3 += dev * dev * dev;
  }
  if (!Number.isFinite(sum2) || !Number.isFinite(sum3)) {
    warnings.push(
      notice(
        "non-finite-statistic",
        "the statistic is not finite on some jackknife sample: no BCa interval",
      ),
    );
    return { ...summary, biasCorrection: z0 };
  }
  const acceleration = sum2 > 0 ? sum3 / (6 * sum2 ** 1.5) : 0;
  if (sum2 === 0)
    warnings.push(
      notice("constant-jackknife", "all jackknife values are equal: acceleration set to 0"),
    );
  const adjust = (z: number): number => {
    const shifted = z0 + z;
    const denominator = 1 - acceleration * shifted;
    // Past the pole of the BCa map the adjusted level runs off to the end of the replicates.
    if (denominator <= 0) return z > 0 ? 1 : 0;
    return normalCdf(z0 + shifted / denominator, 0, 1);
  };
  const quantiles: [number, number] = [
    adjust(normalQuantile(alpha / 2, 0, 1)),
    adjust(normalQuantile(1 - alpha / 2, 0, 1)),
  ];
  return {
    ...summary,
    biasCorrection: z0,
    acceleration,
    quantiles,
    lower: quantileSorted(sorted, quantiles[0]),
    upper: quantileSorted(sorted, quantiles[1]),
  };
}
