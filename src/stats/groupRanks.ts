/** Mid-rank sums of several samples pooled together, and the tie statistic. */
export interface GroupRanks {
  /** Σ of the average ranks of each sample's values, in sample order. */
  readonly rankSums: readonly number[];
  /** Σ(t³ − t) over the groups of tied pooled values. */
  readonly tieSum: number;
  /** True when some pooled value occurs more than once. */
  readonly ties: boolean;
  /** Total number of pooled values. */
  readonly n: number;
}

/** Above this many distinct values per sample, sorting beats counting in a Map. */
const MAP_LIMIT = 4096;

/** Distinct values (ascending) with each sample's count of them. */
interface Runs {
  readonly values: Float64Array;
  /** counts[g][r]: how often sample g has values[r]. */
  readonly counts: readonly Float64Array[];
}

function runsByCounting(samples: readonly Float64Array[]): Runs | null {
  const maps: Map<number, number>[] = [];
  const all = new Set<number>();
  for (const sample of samples) {
    const map = new Map<number, number>();
    for (let i = 0; i < sample.length; i++) {
      const value = sample[i] as number;
      map.set(value, (map.get(value) ?? 0) + 1);
      if (map.size > MAP_LIMIT) return null;
    }
    for (const key of map.keys()) all.add(key);
    if (all.size > MAP_LIMIT) return null;
    maps.push(map);
  }
  const values = Float64Array.from(all).sort();
  const counts = maps.map((map) => {
    const row = new Float64Array(values.length);
    for (let r = 0; r < values.length; r++) row[r] = map.get(values[r] as number) ?? 0;
    return row;
  });
  return { values, counts };
}

/** k-way merge of the separately sorted samples (typed-array sorts; no Map of every value). */
function runsBySorting(samples: readonly Float64Array[]): Runs {
  const sorted = samples.map((sample) => sample.slice().sort());
  let total = 0;
  for (const sample of sorted) total += sample.length;
  const values = new Float64Array(total);
  const counts = sorted.map(() => new Float64Array(total));
  const position = sorted.map(() => 0);
  let r = 0;
  for (;;) {
    let value = Number.POSITIVE_INFINITY;
    for (let g = 0; g < sorted.length; g++) {
      const at = position[g] as number;
      const sample = sorted[g] as Float64Array;
      if (at < sample.length && (sample[at] as number) < value) value = sample[at] as number;
    }
    if (value === Number.POSITIVE_INFINITY) break;
    for (let g = 0; g < sorted.length; g++) {
      const sample = sorted[g] as Float64Array;
      let at = position[g] as number;
      const start = at;
      while (at < sample.length && sample[at] === value) at++;
      position[g] = at;
      (counts[g] as Float64Array)[r] = at - start;
    }
    values[r] = value;
    r++;
  }
  return { values: values.slice(0, r), counts: counts.map((row) => row.slice(0, r)) };
}

/**
 * Average ("mid") ranks of the pooled samples, as R's `rank(ties.method = "average")`, summed
 * per sample. The t pooled values equal to v, above c smaller ones, all get rank
 * c + (t + 1)/2. Distinct values are found by counting (a Map per sample) — Likert data are
 * never sorted — or, when there are more than 4096 distinct values, by sorting each sample and
 * merging.
 */
export function groupRanks(samples: readonly Float64Array[]): GroupRanks {
  const runs = runsByCounting(samples) ?? runsBySorting(samples);
  const rankSums = samples.map(() => 0);
  let before = 0;
  let tieSum = 0;
  for (let r = 0; r < runs.values.length; r++) {
    let t = 0;
    for (const row of runs.counts) t += row[r] as number;
    const rank = before + (t + 1) / 2;
    runs.counts.forEach((row, g) => {
      const count = row[r] as number;
      if (count > 0) rankSums[g] = (rankSums[g] as number) + rank * count;
    });
    if (t > 1) tieSum += t * t * t - t;
    before += t;
  }
  return { rankSums, tieSum, ties: tieSum > 0, n: before };
}
