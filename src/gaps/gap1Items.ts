/**
 * The item-level figures of Gap 1: mean |gap|, Spearman's ρ of the item means, p-value
 * adjustment within a family, and the most under- and over-estimated items.
 */
import { adjustPValues, type PAdjustMethod } from "../stats/adjustPValues";
import type { Gap1Misjudgement, Gap1Statistics } from "./gap1Types";

/** Mean |gap_i| and Spearman's ρ of the two sides' item means, over items with both means. */
export function itemFigures(rows: readonly Gap1Statistics[]): {
  meanAbsoluteItemGap: number | null;
  itemRankCorrelation: number | null;
} {
  const both = rows.filter((row) => row.required.mean !== null && row.delivered.mean !== null);
  if (both.length === 0) return { meanAbsoluteItemGap: null, itemRankCorrelation: null };
  const meanAbsoluteItemGap =
    both.reduce((sum, row) => sum + Math.abs(row.gap.mean as number), 0) / both.length;
  if (both.length < 3) return { meanAbsoluteItemGap, itemRankCorrelation: null };
  const a = averageRanks(both.map((row) => row.required.mean as number));
  const b = averageRanks(both.map((row) => row.delivered.mean as number));
  return { meanAbsoluteItemGap, itemRankCorrelation: pearson(a, b) };
}

/** Ranks 1..n, ties given their average rank (as R's rank(ties.method = "average")). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.v === order[start]?.v) end += 1;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[(order[k] as { i: number }).i] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Pearson's r, null when a side does not vary. */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

export function adjustFamily<T extends Gap1Statistics>(
  rows: readonly T[],
  method: PAdjustMethod,
): T[] {
  const adjusted = adjustPValues(
    rows.map((row) => row.test.pValue),
    method,
  ).adjusted;
  return rows.map((row, i) => ({ ...row, test: { ...row.test, pAdjusted: adjusted[i] ?? null } }));
}

/** Items whose gap has the given sign, largest magnitude first (ties in instrument order). */
export function misjudged(
  items: readonly ({ item: string; label: string; dimension: string } & Gap1Statistics)[],
  sign: -1 | 1,
  top: number,
): Gap1Misjudgement[] {
  return items
    .map((row, order) => ({ row, order }))
    .filter(({ row }) => row.gap.mean !== null && Math.sign(row.gap.mean) === sign)
    .sort(
      (a, b) =>
        sign * ((b.row.gap.mean as number) - (a.row.gap.mean as number)) || a.order - b.order,
    )
    .slice(0, top)
    .map(({ row }) => ({
      item: row.item,
      label: row.label,
      dimension: row.dimension,
      gap: row.gap.mean as number,
      g: row.effectSize.g,
    }));
}
