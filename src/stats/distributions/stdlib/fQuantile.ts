import stdlibFQuantile from "@stdlib/stats-base-dists-f-quantile";

/**
 * Quantile of F(d1, d2) (@stdlib, as R's `qf`): the x with P(F ≤ x) = p.
 *
 * The one module through which the library reaches `@stdlib/stats-base-dists-f-quantile`: the build
 * bundles the package into this module's output (one file instead of the hundreds of small
 * CommonJS files of its dependency tree), so importing an entry that uses it costs one file;
 * the numbers are those of the package itself.
 *
 * @example
 * fQuantile(0.5, 4, 4) //=> 1
 */
export const fQuantile: (p: number, d1: number, d2: number) => number = stdlibFQuantile;
