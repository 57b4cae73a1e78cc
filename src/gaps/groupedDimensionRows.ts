import type { AnswerColumn } from "../responses/types";

/**
 * One dimension's rows of one piece of a grouped pass (see `accumulateGroupedRows`): what the
 * row loop reads and the per-group tables and per-row scratch it adds to.
 */
export interface GroupedDimensionPiece {
  /** Rows in the piece; row l of the piece is dataset row start + l. */
  readonly length: number;
  readonly start: number;
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
  /** Rows to take, in this order: position l reads the columns at rowAt[l] (0…length − 1). */
  readonly rowAt: Int32Array;
  /** Per position: its row's group (−1: none) and the offset of the group's pair counts (−1: none). */
  readonly groupAt: Int32Array;
  readonly pairBaseAt: Int32Array;
  /** (E, P) pair counts: pairBase + item·R² + a·R + c; region `items` of a group is padding. */
  readonly pairs: Int32Array;
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
  /** Out, per row: the score (NaN: none), its gap in steps and the items behind it. */
  readonly scoreR: Float64Array;
  readonly scoreD: Float64Array;
  readonly steps: Int32Array;
  readonly counts: Int32Array;
  /** Added to, per row: Σa, Σc and the items answered on both sides over all dimensions. */
  readonly allA: Int32Array;
  readonly allC: Int32Array;
  readonly allCount: Int32Array;
}

/** Σa, Σc, items answered of one row (the slow path's result). */
const row = new Int32Array(3);

/**
 * One row (r, within the piece's columns) of one dimension item by item: a pair with either answer missing adds nothing; a pair
 * on the grid adds its count and a, c to `row`. Returns false when a present answer is off the
 * grid (not from a validated dataset).
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
 * A row's dimension score from Σa, Σc and the items answered: unscored below `need`, else the
 * mean (Σa + count·low)/count added to the group's score sums and tally, as the row-list path
 * forms them (sums of whole or half numbers, exact; divided once).
 */
function scoreRow(
  piece: GroupedDimensionPiece,
  l: number,
  g: number,
  sumA: number,
  sumC: number,
  count: number,
) {
  const { scoreR, scoreD, steps, counts, sums, tally } = piece;
  piece.allA[l] = (piece.allA[l] as number) + sumA;
  piece.allC[l] = (piece.allC[l] as number) + sumC;
  piece.allCount[l] = (piece.allCount[l] as number) + count;
  steps[l] = sumC - sumA;
  counts[l] = count;
  if (count < piece.need) {
    scoreR[l] = Number.NaN;
    const u = g * piece.dimensions + piece.dimension;
    piece.unscored[u] = (piece.unscored[u] as number) + 1;
    return;
  }
  const meanR = (sumA + count * piece.low) / count;
  const meanD = (sumC + count * piece.low) / count;
  scoreR[l] = meanR;
  scoreD[l] = meanD;
  if (Number.isNaN(meanR)) return;
  const at = g * piece.stride + piece.dimension * 6;
  sums[at] = (sums[at] as number) + 1;
  sums[at + 1] = (sums[at + 1] as number) + meanR;
  sums[at + 2] = (sums[at + 2] as number) + meanR * meanR;
  sums[at + 3] = (sums[at + 3] as number) + meanD;
  sums[at + 4] = (sums[at + 4] as number) + meanD * meanD;
  sums[at + 5] = (sums[at + 5] as number) + meanR * meanD;
  const cell = g * piece.tallyCells + piece.tallyBase + count * piece.width + sumC - sumA;
  tally[cell] = (tally[cell] as number) + 1;
}

/**
 * Adds one dimension's rows of a piece to their groups' tables: for each row of a group, the
 * (E, P) pair count of each item answered on both sides, the row's dimension score into its
 * group's score sums and (items, gap steps) tally, and Σa, Σc, items answered for the overall
 * scores. `e` and `p` are the dimension's columns cut to the piece (row l = dataset row
 * start + l). A row whose every answer is a scale point takes the unrolled loop of up to five
 * items (as the complete-case kernel of `accumulateGaps` does); any other row goes item by item.
 * Returns false (the pass must be given up) when a present answer is off the grid.
 */
export function addGroupedDimension(
  e: readonly AnswerColumn[],
  p: readonly AnswerColumn[],
  zero: AnswerColumn,
  piece: GroupedDimensionPiece,
): boolean {
  const { k, length, groupAt, pairBaseAt } = piece;
  if (k > 5 || piece.need > k) {
    for (let l = 0; l < length; l++) {
      const base = pairBaseAt[l] as number;
      if (base < 0) continue;
      const itemBase = base + piece.first * piece.points * piece.points;
      if (!addRowByItem(e, p, piece.rowAt[l] as number, piece, itemBase)) return false;
      scoreRow(
        piece,
        l,
        groupAt[l] as number,
        row[0] as number,
        row[1] as number,
        row[2] as number,
      );
    }
    return true;
  }
  return addRowsOfFive(e, p, zero, piece);
}

/** {@link addGroupedDimension} for a dimension of at most five items, written out for five. */
function addRowsOfFive(
  e: readonly AnswerColumn[],
  p: readonly AnswerColumn[],
  zero: AnswerColumn,
  piece: GroupedDimensionPiece,
): boolean {
  const { length, min, points, k, rowAt, groupAt, pairBaseAt, pairs, sums, tally } = piece;
  const { scoreR, scoreD, steps, counts, allA, allC, allCount } = piece;
  const range = points;
  const cells = points * points;
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
  const offset = k * piece.low;
  const { stride, tallyCells, width } = piece;
  const sumAt = piece.dimension * 6;
  const tallyAt = piece.tallyBase + k * width;
  for (let l = 0; l < length; l++) {
    const base = pairBaseAt[l] as number;
    if (base < 0) continue;
    const r = rowAt[l] as number;
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
    const g = groupAt[l] as number;
    if (
      !(
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
      )
    ) {
      // A missing answer (or one off the grid): item by item.
      if (!addRowByItem(e, p, r, piece, base + piece.first * cells)) return false;
      scoreRow(piece, l, g, row[0] as number, row[1] as number, row[2] as number);
      continue;
    }
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
    const sumA = a0 + a1 + a2 + a3 + a4;
    const sumC = c0 + c1 + c2 + c3 + c4;
    allA[l] = (allA[l] as number) + sumA;
    allC[l] = (allC[l] as number) + sumC;
    allCount[l] = (allCount[l] as number) + k;
    const gapSteps = sumC - sumA;
    steps[l] = gapSteps;
    counts[l] = k;
    const meanR = (sumA + offset) / k;
    const meanD = (sumC + offset) / k;
    scoreR[l] = meanR;
    scoreD[l] = meanD;
    const at = g * stride + sumAt;
    sums[at] = (sums[at] as number) + 1;
    sums[at + 1] = (sums[at + 1] as number) + meanR;
    sums[at + 2] = (sums[at + 2] as number) + meanR * meanR;
    sums[at + 3] = (sums[at + 3] as number) + meanD;
    sums[at + 4] = (sums[at + 4] as number) + meanD * meanD;
    sums[at + 5] = (sums[at + 5] as number) + meanR * meanD;
    const t = g * tallyCells + tallyAt + gapSteps;
    tally[t] = (tally[t] as number) + 1;
  }
  return true;
}
