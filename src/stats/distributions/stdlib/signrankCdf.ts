import stdlibSignrankCdf from "@stdlib/stats-base-dists-signrank-cdf";

/**
 * Distribution function P(V ≤ x) of Wilcoxon's signed-rank statistic V for n pairs without ties (@stdlib, as R's `psignrank`).
 *
 * The one module through which the library reaches `@stdlib/stats-base-dists-signrank-cdf`: the build
 * bundles the package into this module's output (one file instead of the hundreds of small
 * CommonJS files of its dependency tree), so importing an entry that uses it costs one file;
 * the numbers are those of the package itself.
 *
 * @example
 * signrankCdf(0, 3) //=> 0.125 (1 of the 2³ sign patterns; 0.12500000000000003 in floating point)
 */
export const signrankCdf: (x: number, n: number) => number = stdlibSignrankCdf;
