import stdlibChisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";

/**
 * Distribution function P(X ≤ x) of the chi-square distribution with k degrees of freedom (@stdlib, as R's `pchisq`), a regularized lower incomplete gamma P(k/2, x/2).
 *
 * The one module through which the library reaches `@stdlib/stats-base-dists-chisquare-cdf`: the build
 * bundles the package into this module's output (one file instead of the hundreds of small
 * CommonJS files of its dependency tree), so importing an entry that uses it costs one file;
 * the numbers are those of the package itself.
 *
 * @example
 * chisquareCdf(2, 2) //=> 1 - Math.exp(-1)
 */
export const chisquareCdf: (x: number, k: number) => number = stdlibChisquareCdf;
