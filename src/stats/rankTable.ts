import { sortedCounts } from "./sortedCounts";

/** Average ranks of a pooled sample and its tie statistic. */
export interface RankTable {
  /** value → average rank (1-based) among all pooled values. */
  readonly rankOf: ReadonlyMap<number, number>;
  /** Σ(t³ − t) over the groups of tied values. */
  readonly tieSum: number;
  /** True when some value occurs more than once. */
  readonly ties: boolean;
  readonly n: number;
}

/**
 * Average ("mid") ranks of the pooled values, as R's `rank(ties.method = "average")`, found by
 * counting the distinct values (a Map; a sort only when nearly all are distinct): the t values
 * equal to v, above c smaller ones, get rank c + (t + 1)/2.
 */
export function rankTable(samples: readonly Float64Array[]): RankTable {
  let total = 0;
  for (const sample of samples) total += sample.length;
  const pooled = new Float64Array(total);
  let offset = 0;
  for (const sample of samples) {
    pooled.set(sample, offset);
    offset += sample.length;
  }
  const sc = sortedCounts(pooled);
  const rankOf = new Map<number, number>();
  let before = 0;
  let tieSum = 0;
  for (let i = 0; i < sc.values.length; i++) {
    const t = sc.counts[i] as number;
    rankOf.set(sc.values[i] as number, before + (t + 1) / 2);
    if (t > 1) tieSum += t * t * t - t;
    before += t;
  }
  return { rankOf, tieSum, ties: tieSum > 0, n: total };
}

/** Σ of the average ranks of one sample's values. */
export function rankSum(sample: Float64Array, table: RankTable): number {
  let sum = 0;
  for (let i = 0; i < sample.length; i++) sum += table.rankOf.get(sample[i] as number) as number;
  return sum;
}
