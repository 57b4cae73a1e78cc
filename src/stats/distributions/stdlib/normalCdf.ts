import stdlibNormalCdf from "@stdlib/stats-base-dists-normal-cdf";

/**
 * Normal distribution function Φ((x − μ)/σ) (@stdlib, as R's `pnorm`).
 *
 * The one module through which the library reaches `@stdlib/stats-base-dists-normal-cdf`: the build
 * bundles the package into this module's output (one file instead of the hundreds of small
 * CommonJS files of its dependency tree), so importing an entry that uses it costs one file;
 * the numbers are those of the package itself.
 *
 * @example
 * normalCdf(0, 0, 1) //=> 0.5
 */
export const normalCdf: (x: number, mu: number, sigma: number) => number = stdlibNormalCdf;
