import type { AnswerColumn } from "../responses/types";

/**
 * One dimension's rows of one piece of a grouped pass (see `accumulateGroupedRows`): what the
 * row loop reads, the per-group tables it adds to and the compact per-row form it writes.
 *
 * The piece's rows are taken in runs, one run per group (a stable counting sort of the piece:
 * each group's rows in dataset order), so a run's group sums are kept in registers and its
 * tables' offsets are fixed for the run.
 */
export interface GroupedDimensionPiece {
  readonly min: number;
  /** Scale points R = max − min + 1. */
  readonly points: number;
  /** min − s (s the scale midpoint): a shifted sum is Σa + count·low. */
  readonly low: number;
  /** Items of the dimension, its first item, and the items its score needs. */
  readonly k: number;
  readonly first: number;
  readonly need: number;
  readonly dimension: number;
  readonly dimensions: number;
  /** Position l of the group-ordered piece is the piece's row rowAt[l]. */
  readonly rowAt: Int32Array;
  /** Per row of the piece: the offset of its group's pair counts (rows of no group: a spare region). */
  readonly pairBaseOf: Int32Array;
  /** Rows in the piece. */
  size: number;
  /** Runs: run t is group runGroup[t] at positions runEnd[t − 1] (0 for t = 0)…runEnd[t] − 1. */
  runs: number;
  readonly runGroup: Int32Array;
  readonly runEnd: Int32Array;
  /** (E, P) pair counts: g·groupCells + item·R² + a·R + c; region `items` of a group is padding. */
  readonly pairs: Int32Array;
  readonly groupCells: number;
  /** Offset of the padding region within a group's pair counts (items·R²). */
  readonly padding: number;
  /** Score sums n, ΣR̄, ΣR̄², ΣD̄, ΣD̄², ΣR̄D̄ at g·stride + dimension·6. */
  readonly sums: Float64Array;
  readonly stride: number;
  /** Tallies of (items answered c, gap steps s) at g·tallyCells + tallyBase + c·width + s. */
  readonly tally: Int32Array;
  readonly tallyCells: number;
  readonly tallyBase: number;
  readonly width: number;
  /** Respondents without a score at g·dimensions + dimension. */
  readonly unscored: Int32Array;
  /** mean[s] = (s + k·low)/k: the score of a row of all k items whose digit sum is s. */
  readonly mean: Float64Array;
  /**
   * Out, per row of the piece: the digit sums Σa, Σc of the items answered on both sides (set); for a
   * row not taken whole (an item missing, or a dimension of more than five items) also the
   * items answered (`counts`, set) and bit `dimension` of `irregular` (or-ed in).
   */
  readonly sumA: Int32Array;
  readonly sumC: Int32Array;
  readonly counts: Int32Array;
  readonly irregular: Int32Array;
}

/** Σa, Σc, items answered of one row (the slow path's result). */
const row = new Int32Array(3);

/**
 * One row (r, within the piece's columns) of one dimension item by item: a pair with either
 * answer missing adds nothing; a pair on the grid adds its count and a, c to `row`. Returns
 * false when a present answer is off the grid (not from a validated dataset).
 */
function addRowByItem(
  e: readonly AnswerColumn[],
  p: readonly AnswerColumn[],
  r: number,
  piece: GroupedDimensionPiece,
  base: number,
): boolean {
  const { k, min, points, pairs } = piece;
  const cells = points * points;
  let sumA = 0;
  let sumC = 0;
  let count = 0;
  for (let i = 0; i < k; i++) {
    const x = ((e[i] as AnswerColumn)[r] as number) - min;
    const y = ((p[i] as AnswerColumn)[r] as number) - min;
    const a = x | 0;
    const c = y | 0;
    if (a === x && a >>> 0 < points && c === y && c >>> 0 < points) {
      const cell = base + i * cells + a * points + c;
      pairs[cell] = (pairs[cell] as number) + 1;
      sumA += a;
      sumC += c;
      count += 1;
    } else if (!(Number.isNaN(x) || Number.isNaN(y))) return false;
  }
  row[0] = sumA;
  row[1] = sumC;
  row[2] = count;
  return true;
}

/**
 * Adds one dimension's rows of a piece to their groups' tables, in two loops. The first reads
 * the rows in dataset order (every answer once, the columns read straight through): each
 * item's (E, P) pair count into the row's group, and the row's digit sums Σa, Σc; a row whose
 * every answer is a scale point takes the unrolled loop of up to five items (as the
 * complete-case kernel of `accumulateGaps` does), any other row goes item by item and leaves
 * its item count too. The second ({@link scoreGroupedDimension}) takes the rows group by group.
 * Returns false (the pass must be given up) when a present answer is off the grid.
 */
export function addGroupedDimension(
  e: readonly AnswerColumn[],
  p: readonly AnswerColumn[],
  zero: AnswerColumn,
  piece: GroupedDimensionPiece,
): boolean {
  const { k, min, points, pairBaseOf, size, pairs } = piece;
  const { sumA: outA, sumC: outC, counts, irregular } = piece;
  const range = points;
  const cells = points * points;
  const whole = k <= 5 && piece.need <= k;
  const e0 = e[0] as AnswerColumn;
  const e1 = k > 1 ? (e[1] as AnswerColumn) : zero;
  const e2 = k > 2 ? (e[2] as AnswerColumn) : zero;
  const e3 = k > 3 ? (e[3] as AnswerColumn) : zero;
  const e4 = k > 4 ? (e[4] as AnswerColumn) : zero;
  const p0 = p[0] as AnswerColumn;
  const p1 = k > 1 ? (p[1] as AnswerColumn) : zero;
  const p2 = k > 2 ? (p[2] as AnswerColumn) : zero;
  const p3 = k > 3 ? (p[3] as AnswerColumn) : zero;
  const p4 = k > 4 ? (p[4] as AnswerColumn) : zero;
  // Item i's cells at first + i (a padding slot: the group's padding region).
  const slot = (i: number) => (i < k ? (piece.first + i) * cells : piece.padding);
  const b0 = slot(0);
  const b1 = slot(1);
  const b2 = slot(2);
  const b3 = slot(3);
  const b4 = slot(4);
  const itemBase = piece.first * cells;
  const bit = 1 << piece.dimension;
  for (let r = 0; r < size; r++) {
    const base = pairBaseOf[r] as number;
    if (whole) {
      const x0 = (e0[r] as number) - min;
      const x1 = (e1[r] as number) - min;
      const x2 = (e2[r] as number) - min;
      const x3 = (e3[r] as number) - min;
      const x4 = (e4[r] as number) - min;
      const y0 = (p0[r] as number) - min;
      const y1 = (p1[r] as number) - min;
      const y2 = (p2[r] as number) - min;
      const y3 = (p3[r] as number) - min;
      const y4 = (p4[r] as number) - min;
      const a0 = x0 | 0;
      const a1 = x1 | 0;
      const a2 = x2 | 0;
      const a3 = x3 | 0;
      const a4 = x4 | 0;
      const c0 = y0 | 0;
      const c1 = y1 | 0;
      const c2 = y2 | 0;
      const c3 = y3 | 0;
      const c4 = y4 | 0;
      if (
        a0 === x0 &&
        a0 >>> 0 < range &&
        a1 === x1 &&
        a1 >>> 0 < range &&
        a2 === x2 &&
        a2 >>> 0 < range &&
        a3 === x3 &&
        a3 >>> 0 < range &&
        a4 === x4 &&
        a4 >>> 0 < range &&
        c0 === y0 &&
        c0 >>> 0 < range &&
        c1 === y1 &&
        c1 >>> 0 < range &&
        c2 === y2 &&
        c2 >>> 0 < range &&
        c3 === y3 &&
        c3 >>> 0 < range &&
        c4 === y4 &&
        c4 >>> 0 < range
      ) {
        let cell = base + b0 + a0 * range + c0;
        pairs[cell] = (pairs[cell] as number) + 1;
        cell = base + b1 + a1 * range + c1;
        pairs[cell] = (pairs[cell] as number) + 1;
        cell = base + b2 + a2 * range + c2;
        pairs[cell] = (pairs[cell] as number) + 1;
        cell = base + b3 + a3 * range + c3;
        pairs[cell] = (pairs[cell] as number) + 1;
        cell = base + b4 + a4 * range + c4;
        pairs[cell] = (pairs[cell] as number) + 1;
        outA[r] = a0 + a1 + a2 + a3 + a4;
        outC[r] = c0 + c1 + c2 + c3 + c4;
        continue;
      }
    }
    // A missing answer (or one off the grid, or a long dimension): item by item.
    if (!addRowByItem(e, p, r, piece, base + itemBase)) return false;
    outA[r] = row[0] as number;
    outC[r] = row[1] as number;
    counts[r] = row[2] as number;
    irregular[r] = (irregular[r] as number) | bit;
  }
  return true;
}

/**
 * The second loop of {@link addGroupedDimension}: run by run (one group each, its rows in
 * dataset order), each row's dimension score into the group's score sums (held in registers
 * for the run) and (items, gap steps) tally, as the row-list path forms them: a row taken whole
 * scores mean[Σa] = (Σa + k·low)/k (the same doubles); any other row is unscored below `need`
 * items, else scores (Σa + count·low)/count (sums of whole or half numbers, exact; divided once).
 */
export function scoreGroupedDimension(piece: GroupedDimensionPiece): void {
  const { k, rowAt, runGroup, runEnd, runs, sums, tally, mean } = piece;
  const { sumA, sumC, counts, irregular } = piece;
  const { stride, tallyCells, width, need, low } = piece;
  const bit = 1 << piece.dimension;
  const unscoredAt = piece.dimension;
  const dimensions = piece.dimensions;
  const tallyWhole = piece.tallyBase + k * width;
  let l = 0;
  for (let t = 0; t < runs; t++) {
    const g = runGroup[t] as number;
    const end = runEnd[t] as number;
    const at = g * stride + piece.dimension * 6;
    const tallyGroup = g * tallyCells + piece.tallyBase;
    const tallyAt = g * tallyCells + tallyWhole;
    let n = sums[at] as number;
    let sumR = sums[at + 1] as number;
    let sumR2 = sums[at + 2] as number;
    let sumD = sums[at + 3] as number;
    let sumD2 = sums[at + 4] as number;
    let sumRD = sums[at + 5] as number;
    for (; l < end; l++) {
      const r = rowAt[l] as number;
      const sA = sumA[r] as number;
      const sC = sumC[r] as number;
      if (((irregular[r] as number) & bit) === 0) {
        const meanR = mean[sA] as number;
        const meanD = mean[sC] as number;
        n += 1;
        sumR += meanR;
        sumR2 += meanR * meanR;
        sumD += meanD;
        sumD2 += meanD * meanD;
        sumRD += meanR * meanD;
        const cell = tallyAt + sC - sA;
        tally[cell] = (tally[cell] as number) + 1;
        continue;
      }
      const count = counts[r] as number;
      if (count < need) {
        const u = g * dimensions + unscoredAt;
        piece.unscored[u] = (piece.unscored[u] as number) + 1;
        continue;
      }
      const meanR = (sA + count * low) / count;
      const meanD = (sC + count * low) / count;
      if (Number.isNaN(meanR)) continue;
      n += 1;
      sumR += meanR;
      sumR2 += meanR * meanR;
      sumD += meanD;
      sumD2 += meanD * meanD;
      sumRD += meanR * meanD;
      const cell = tallyGroup + count * width + sC - sA;
      tally[cell] = (tally[cell] as number) + 1;
    }
    sums[at] = n;
    sums[at + 1] = sumR;
    sums[at + 2] = sumR2;
    sums[at + 3] = sumD;
    sums[at + 4] = sumD2;
    sums[at + 5] = sumRD;
  }
}
