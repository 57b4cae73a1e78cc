import stdlibFCdf from "@stdlib/stats-base-dists-f-cdf";

/**
 * Distribution function P(F ≤ x) of F(d1, d2) (@stdlib, as R's `pf`), a regularized incomplete beta I_{d1·x/(d1·x + d2)}(d1/2, d2/2).
 *
 * The one module through which the library reaches `@stdlib/stats-base-dists-f-cdf`: the build
 * bundles the package into this module's output (one file instead of the hundreds of small
 * CommonJS files of its dependency tree), so importing an entry that uses it costs one file;
 * the numbers are those of the package itself.
 *
 * @example
 * fCdf(1, 4, 4) //=> 0.5
 */
export const fCdf: (x: number, d1: number, d2: number) => number = stdlibFCdf;
