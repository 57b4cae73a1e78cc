import type { PairKey } from "../stats/pairedAccumulator";

/**
 * Exact keys of averaged gaps for the signed-rank test (internal to the gap module).
 *
 * A respondent's mean gap over c items is s/c scale steps (s the integer gap sum). Times
 * M = lcm(1..m) (m the most items that can be averaged) it is the whole number s·(M/c), so
 * equal means give equal keys and the order of keys is the order of means: the Wilcoxon ranks
 * (and so V and p) are those of the exact means, with no floating-point noise in the ties.
 * When M·range fits in a double's 53-bit integer range the key is a `number`; beyond that (an
 * instrument with about 40 or more items in a dimension) it is a `bigint` with the same value,
 * so instruments of any size keep exact ranks. {@link rankableHistogram} turns bigint keys into
 * order-preserving small numbers before the test.
 */

/** An exact gap key: a whole number of 1/M scale steps (the paired accumulator's key). */
export type GapKey = PairKey;

/** A key scale M: a number when every key fits a double exactly, else a bigint. */
export type KeyScale = PairKey;

/** Largest |key| kept as a number (below 2^53, with headroom for sums of keys). */
export const MAX_EXACT_KEY = 2 ** 52;

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

const lcmCache = new Map<number, bigint>();

/**
 * lcm(1, 2, …, m), exact at any m (bigint). lcm(1..20) = 232792560.
 *
 * @example lcmUpTo(6) //=> 60n
 */
export function lcmUpTo(m: number): bigint {
  const cached = lcmCache.get(m);
  if (cached !== undefined) return cached;
  let result = 1n;
  for (let k = 2; k <= m; k++) {
    const big = BigInt(k);
    result = (result * big) / gcd(result, big);
  }
  if (lcmCache.size < 64) lcmCache.set(m, result);
  return result;
}

/**
 * The key scale for a whole-number multiplier `scale` and gap keys up to `range` scale steps
 * in size: a number when scale·range ≤ `limit` (default 2^52), else the bigint.
 */
export function keyScaleOf(scale: bigint, range: number, limit = MAX_EXACT_KEY): KeyScale {
  return scale * BigInt(Math.max(1, Math.ceil(range))) <= BigInt(limit) ? Number(scale) : scale;
}

/**
 * Key of a gap sum of `steps` over `count` items: steps·(scale/count), exact when `count`
 * divides `scale` (it does for scale = lcm(1..m), count ≤ m).
 */
export function averagedKey(steps: number, count: number, scale: KeyScale): GapKey {
  if (typeof scale === "number") return (steps * scale) / count;
  return BigInt(steps) * (scale / BigInt(count));
}

/** −1, 0 or 1 by the sign of an exact key. */
export function keySign(key: GapKey): number {
  if (typeof key === "number") return Math.sign(key);
  return key < 0n ? -1 : key > 0n ? 1 : 0;
}

/**
 * A histogram with number keys for the signed-rank test: returned as it is when every key is a
 * number; bigint keys are replaced by sign·(1 + position of |key| among the distinct |key|),
 * which keeps zeros, signs, ties and order of |key|, so the ranks, V and p are unchanged.
 *
 * @example rankableHistogram(new Map([[-10n ** 30n, 2], [10n ** 30n, 1], [3n, 4]]))
 * //=> Map { -2 => 2, 2 => 1, 1 => 4 }
 */
export function rankableHistogram(
  histogram: ReadonlyMap<GapKey, number>,
): ReadonlyMap<number, number> {
  let allNumbers = true;
  for (const key of histogram.keys()) {
    if (typeof key !== "number") {
      allNumbers = false;
      break;
    }
  }
  if (allNumbers) return histogram as ReadonlyMap<number, number>;
  const toBig = (key: GapKey) => (typeof key === "bigint" ? key : BigInt(key));
  const magnitudes = [
    ...new Set(
      [...histogram.keys()].map((key) => {
        const big = toBig(key);
        return big < 0n ? -big : big;
      }),
    ),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const position = new Map<bigint, number>();
  let next = 1;
  for (const magnitude of magnitudes) {
    if (magnitude === 0n) continue;
    position.set(magnitude, next++);
  }
  const out = new Map<number, number>();
  for (const [key, count] of histogram) {
    const big = toBig(key);
    const magnitude = big < 0n ? -big : big;
    const value = magnitude === 0n ? 0 : (big < 0n ? -1 : 1) * (position.get(magnitude) as number);
    out.set(value, (out.get(value) ?? 0) + count);
  }
  return out;
}
