import stdlibNormalQuantile from "@stdlib/stats-base-dists-normal-quantile";

/**
 * Normal quantile μ + σ·Φ⁻¹(p) (@stdlib, as R's `qnorm`).
 *
 * The one module through which the library reaches `@stdlib/stats-base-dists-normal-quantile`: the build
 * bundles the package into this module's output (one file instead of the hundreds of small
 * CommonJS files of its dependency tree), so importing an entry that uses it costs one file;
 * the numbers are those of the package itself.
 *
 * @example
 * normalQuantile(0.975, 0, 1) //=> 1.9599639845400538
 */
export const normalQuantile: (p: number, mu: number, sigma: number) => number =
  stdlibNormalQuantile;
