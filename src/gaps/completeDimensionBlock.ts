import {
  countKey,
  type PairedPatternSession,
} from "../psychometrics/accumulatePairedIntegerColumns";
import type { AnswerColumn } from "../responses/types";
import type { PairMoments } from "../stats/pairedAccumulator";
import { averagedKey, type KeyScale } from "./gapKeys";

/**
 * One block's per-respondent scratch for one dimension and for the overall sums. A dimension of
 * at most five items writes only its compact form (`sumA`, `sumC`: the row's E and P digit
 * sums, digit = answer − min), which {@link expandCompleteRows} turns into the full form when
 * the general path needs it; a longer dimension writes the full form directly.
 */
export interface DimensionBlockScratch {
  /** Compact form (set): per row Σᵢ (Eᵢ − min) and Σᵢ (Pᵢ − min). */
  readonly sumA: Int32Array;
  readonly sumC: Int32Array;
  /** The dimension's scores (set) and gap sums in steps and items behind them (set). */
  readonly scoreR: Float64Array;
  readonly scoreD: Float64Array;
  readonly steps: Int32Array;
  readonly counts: Int32Array;
  /** Running sums over all items (added to). */
  readonly allSumR: Float64Array;
  readonly allSumD: Float64Array;
  readonly allSteps: Int32Array;
  readonly allCount: Int32Array;
}

/** What a complete block of one dimension adds to (the gap accumulator's parts). */
export interface DimensionBlockTarget {
  /** The pair moments of the dimension's items, in item order. */
  readonly items: readonly PairMoments[];
  /** The pair moments of the dimension's respondent scores. */
  readonly dimension: PairMoments;
  /** The exact-key scale of the dimension's histogram (lcm(1..k)). */
  readonly keyScale: KeyScale;
  /** The dimension's answer-pattern count, or null when reliability is not computed. */
  readonly patterns: PairedPatternSession | null;
}

/** Whether every value of the columns in rows start…end − 1 is an integer min…min + range − 1. */
function onGrid(
  columns: readonly AnswerColumn[],
  start: number,
  end: number,
  min: number,
  range: number,
): boolean {
  for (const column of columns) {
    for (let r = start; r < end; r++) {
      const a = (column[r] as number) - min;
      if (!((a | 0) === a && a >= 0 && a < range)) return false;
    }
  }
  return true;
}

const NO_WEIGHTS = new Float64Array(5);

/** Dimensions of at most this many items go through the five-item loop (compact per-row output). */
export const COMPACT_ITEMS = 5;

/** A column of `length` answers min (digit 0): the padding slots of a dimension of fewer than five items. */
let zeros: AnswerColumn | null = null;
function zeroColumn(like: AnswerColumn, length: number, min: number): AnswerColumn {
  if (
    zeros === null ||
    zeros.length < length ||
    zeros.constructor !== like.constructor ||
    zeros[0] !== min
  ) {
    zeros = like instanceof Float32Array ? new Float32Array(length) : new Float64Array(length);
    zeros.fill(min);
  }
  return zeros.subarray(0, length);
}

/** The inputs and outputs of one block's row loop. */
interface RowsOfBlock {
  readonly length: number;
  readonly min: number;
  readonly range: number;
  /** k·(min − s): the shifted sum of a row is Σ aᵢ + offset. */
  readonly offset: number;
  readonly k: number;
  /** Counts of (a, c) per item: cell i·R² + a·R + c; region k takes the padding. */
  readonly pairs: Int32Array;
  /** Rows by gap sum in steps, at steps + maxSteps. */
  readonly tally: Float64Array;
  readonly maxSteps: number;
  /** Out: n, ΣR̄, ΣR̄², ΣD̄, ΣD̄², ΣR̄D̄ of the respondent scores, summed row by row. */
  readonly sums: Float64Array;
  readonly scratch: DimensionBlockScratch;
  readonly patterns: PairedPatternSession | null;
  /** mean[s] = (s + offset)/k: the dimension score of a row whose digit sum is s. */
  readonly mean: Float64Array;
}

/**
 * The row loop for a dimension of at most five items, written out for five: e and p are five
 * columns of the block's rows 0..length − 1 each (a short dimension's extra slots are columns
 * of answers min, digit 0, which add nothing to any sum or key and count into the padding
 * region of `pairs`).
 */
function addRowsOfFive(
  e: readonly AnswerColumn[],
  p: readonly AnswerColumn[],
  rows: RowsOfBlock,
): number {
  const { length, min, range, k, pairs, tally, maxSteps, sums, scratch, patterns, mean } = rows;
  const { sumA: outA, sumC: outC } = scratch;
  const e0 = e[0] as AnswerColumn;
  const e1 = e[1] as AnswerColumn;
  const e2 = e[2] as AnswerColumn;
  const e3 = e[3] as AnswerColumn;
  const e4 = e[4] as AnswerColumn;
  const p0 = p[0] as AnswerColumn;
  const p1 = p[1] as AnswerColumn;
  const p2 = p[2] as AnswerColumn;
  const p3 = p[3] as AnswerColumn;
  const p4 = p[4] as AnswerColumn;
  const cells = range * range;
  const base = (i: number) => Math.min(i, k) * cells;
  const b1 = base(1);
  const b2 = base(2);
  const b3 = base(3);
  const b4 = base(4);
  const weight = patterns === null ? NO_WEIGHTS : patterns.weight;
  const gapWeight = patterns === null ? NO_WEIGHTS : patterns.gapWeight;
  const w1 = weight[1] as number;
  const w2 = weight[2] as number;
  const w3 = weight[3] as number;
  const w4 = weight[4] as number;
  const v1 = gapWeight[1] as number;
  const v2 = gapWeight[2] as number;
  const v3 = gapWeight[3] as number;
  const v4 = gapWeight[4] as number;
  const gapOffset = patterns === null ? 0 : patterns.gapOffset;
  const counting = patterns !== null;
  const pe = patterns?.counts[0] ?? EMPTY;
  const pp = patterns?.counts[1] ?? EMPTY;
  const pg = patterns?.counts[2] ?? EMPTY;
  let n = 0;
  let sumR = 0;
  let sumR2 = 0;
  let sumD = 0;
  let sumD2 = 0;
  let sumRD = 0;
  let r = 0;
  for (; r < length; r++) {
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
    // On the grid: a whole number 0 ≤ a < range (NaN, fractions, ±Infinity and values off the
    // scale are not); the first row that is not ends the loop before it changes anything.
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
      break;
    }
    let cell = a0 * range + c0;
    pairs[cell] = (pairs[cell] as number) + 1;
    cell = b1 + a1 * range + c1;
    pairs[cell] = (pairs[cell] as number) + 1;
    cell = b2 + a2 * range + c2;
    pairs[cell] = (pairs[cell] as number) + 1;
    cell = b3 + a3 * range + c3;
    pairs[cell] = (pairs[cell] as number) + 1;
    cell = b4 + a4 * range + c4;
    pairs[cell] = (pairs[cell] as number) + 1;
    const sumA = a0 + a1 + a2 + a3 + a4;
    const sumC = c0 + c1 + c2 + c3 + c4;
    if (counting) {
      countKey(pe.table, pe.touched, pe.size, (a0 + w1 * a1 + w2 * a2 + w3 * a3 + w4 * a4) | 0);
      countKey(pp.table, pp.touched, pp.size, (c0 + w1 * c1 + w2 * c2 + w3 * c3 + w4 * c4) | 0);
      const keyG =
        gapOffset + c0 - a0 + v1 * (c1 - a1) + v2 * (c2 - a2) + v3 * (c3 - a3) + v4 * (c4 - a4);
      countKey(pg.table, pg.touched, pg.size, keyG | 0);
    }
    // The row's scores (sum + offset)/k come from the table (the same doubles); the full
    // per-row form is written later, and only when the general path needs it.
    outA[r] = sumA;
    outC[r] = sumC;
    const gapSteps = sumC - sumA;
    const meanR = mean[sumA] as number;
    const meanD = mean[sumC] as number;
    n += 1;
    sumR += meanR;
    sumR2 += meanR * meanR;
    sumD += meanD;
    sumD2 += meanD * meanD;
    sumRD += meanR * meanD;
    const t = gapSteps + maxSteps;
    tally[t] = (tally[t] as number) + 1;
  }
  sums[0] = n;
  sums[1] = sumR;
  sums[2] = sumR2;
  sums[3] = sumD;
  sums[4] = sumD2;
  sums[5] = sumRD;
  return r;
}

const EMPTY = {
  table: new Int32Array(1),
  touched: new Int32Array(1),
  size: new Int32Array(1),
};

/** The row loop for any number of items (rows start… of the columns, scratch from 0). */
function addRows(
  e: readonly AnswerColumn[],
  p: readonly AnswerColumn[],
  start: number,
  rows: RowsOfBlock,
) {
  const { length, min, range, offset, k, pairs, tally, maxSteps, sums, scratch } = rows;
  const { scoreR, scoreD, steps, counts, allSumR, allSumD, allSteps, allCount } = scratch;
  const cells = range * range;
  let n = 0;
  let sumR = 0;
  let sumR2 = 0;
  let sumD = 0;
  let sumD2 = 0;
  let sumRD = 0;
  for (let local = 0; local < length; local++) {
    const r = start + local;
    let sumA = 0;
    let sumC = 0;
    for (let i = 0; i < k; i++) {
      const a = ((e[i] as AnswerColumn)[r] as number) - min;
      const c = ((p[i] as AnswerColumn)[r] as number) - min;
      const cell = (i * cells + a * range + c) | 0;
      pairs[cell] = (pairs[cell] as number) + 1;
      sumA += a;
      sumC += c;
    }
    const rowR = sumA + offset;
    const rowD = sumC + offset;
    const gapSteps = sumC - sumA;
    allSumR[local] = (allSumR[local] as number) + rowR;
    allSumD[local] = (allSumD[local] as number) + rowD;
    allSteps[local] = (allSteps[local] as number) + gapSteps;
    allCount[local] = (allCount[local] as number) + k;
    const meanR = rowR / k;
    const meanD = rowD / k;
    scoreR[local] = meanR;
    scoreD[local] = meanD;
    steps[local] = gapSteps;
    counts[local] = k;
    n += 1;
    sumR += meanR;
    sumR2 += meanR * meanR;
    sumD += meanD;
    sumD2 += meanD * meanD;
    sumRD += meanR * meanD;
    const t = gapSteps + maxSteps;
    tally[t] = (tally[t] as number) + 1;
  }
  sums[0] = n;
  sums[1] = sumR;
  sums[2] = sumR2;
  sums[3] = sumD;
  sums[4] = sumD2;
  sums[5] = sumRD;
}

/** mean[s] = (s + offset)/k for s = 0…maxSteps, computed as the row loop would (the same doubles). */
function meanTable(k: number, offset: number, maxSteps: number): Float64Array {
  if (buffers.mean.length < maxSteps + 1) buffers.mean = new Float64Array(maxSteps + 1);
  const mean = buffers.mean;
  for (let s = 0; s <= maxSteps; s++) mean[s] = (s + offset) / k;
  return mean;
}

/**
 * Writes the full per-row form of rows 0…done − 1 of a dimension of k ≤ 5 items that
 * {@link accumulateCompleteDimension} left in compact form (its digit sums `sumA`, `sumC`):
 * the row's scores (Σ aᵢ + offset)/k and (Σ cᵢ + offset)/k, its gap sum in steps Σ cᵢ − Σ aᵢ
 * and item count k (set), and its sums over all items (added to), offset = k·(min − shift).
 * These are the values the general path would hold for such rows (every sum is exact).
 *
 * @param scratch - The dimension's scratch (compact form in, full form out).
 * @param done - Rows in compact form (from 0).
 * @param k - Items of the dimension.
 * @param offset - k·(min − shift).
 */
export function expandCompleteRows(
  scratch: DimensionBlockScratch,
  done: number,
  k: number,
  offset: number,
): void {
  const { sumA, sumC, scoreR, scoreD, steps, counts, allSumR, allSumD, allSteps, allCount } =
    scratch;
  for (let r = 0; r < done; r++) {
    const a = sumA[r] as number;
    const c = sumC[r] as number;
    const rowR = a + offset;
    const rowD = c + offset;
    scoreR[r] = rowR / k;
    scoreD[r] = rowD / k;
    steps[r] = c - a;
    counts[r] = k;
    allSumR[r] = (allSumR[r] as number) + rowR;
    allSumD[r] = (allSumD[r] as number) + rowD;
    allSteps[r] = (allSteps[r] as number) + (c - a);
    allCount[r] = (allCount[r] as number) + k;
  }
}

/** Per-call buffers, reused from block to block (a block's pass allocates nothing). */
interface BlockBuffers {
  pairs: Int32Array;
  tally: Float64Array;
  gaps: Float64Array;
  mean: Float64Array;
  readonly e: AnswerColumn[];
  readonly p: AnswerColumn[];
}

const buffers: BlockBuffers = {
  pairs: new Int32Array(0),
  tally: new Float64Array(0),
  gaps: new Float64Array(0),
  mean: new Float64Array(0),
  e: [],
  p: [],
};

/** `buffers[name]` with at least `size` entries, zeroed. */
function zeroedInt32(size: number): Int32Array {
  if (buffers.pairs.length < size) buffers.pairs = new Int32Array(size);
  const view = buffers.pairs.subarray(0, size);
  view.fill(0);
  return view;
}

function zeroedFloat64(name: "tally" | "gaps", size: number): Float64Array {
  if (buffers[name].length < size) buffers[name] = new Float64Array(size);
  const view = buffers[name].subarray(0, size);
  view.fill(0);
  return view;
}

/**
 * Adds the leading rows start…start + done − 1 of one dimension to the gap accumulator (and its
 * answer patterns) whose E and P answers are all present and integers on the scale min…max
 * with step 1 (the complete-case fast path), stopping at the first row that is not; returns
 * `done` (end − start when every row was added, 0 when the first was not). The rows from
 * start + done on are left for the general path, whose dimension-score sums continue from
 * `sums` (so the sums are formed in row order as one pass would form them).
 *
 * For such rows every sum the general path forms is a sum of whole or half numbers, hence
 * exact, so the result is the same number for number: item i's pair sums follow from the
 * counts of its (Eᵢ, Pᵢ) answer pairs (R² cells, R = max − min + 1): Σ(E − s) = Σ_cells
 * count·(a + min − s) with s the scale midpoint; the respondent's dimension score is
 * (Σᵢ (Eᵢ − s))/k, added row by row in row order exactly as `finishScores` and `addPairSums`
 * do; its gap sum in steps is Σᵢ (Pᵢ − Eᵢ). With `patterns`, the row's E, P and gap keys are
 * counted in the same pass (see `accumulatePairedIntegerColumns`). The check that a row is on
 * the grid is part of the same loop (the answers are read once).
 *
 * Per-row output: a dimension of at most five items writes only each added row's digit sums
 * (`scratch.sumA`, `scratch.sumC`, rows 0…done − 1), two stores a row; the caller expands them
 * with {@link expandCompleteRows} when the general path needs the full form. A longer
 * dimension writes the full form (scores, steps, counts; added to the sums over all items).
 *
 * @param e - The dimension's E columns (k ≥ 1).
 * @param p - Its P columns.
 * @param sums - Out: n, ΣR̄, ΣR̄², ΣD̄, ΣD̄², ΣR̄D̄ of the added rows' dimension scores, in row
 *   order (the caller adds them to the dimension's moments, or continues them).
 * @returns The number of leading rows added.
 */
export function accumulateCompleteDimension(
  e: readonly AnswerColumn[],
  p: readonly AnswerColumn[],
  start: number,
  end: number,
  min: number,
  range: number,
  shift: number,
  target: DimensionBlockTarget,
  scratch: DimensionBlockScratch,
  sums: Float64Array,
): number {
  const k = e.length;
  sums.fill(0);
  if (k > 5 && (!onGrid(e, start, end, min, range) || !onGrid(p, start, end, min, range))) {
    return 0;
  }
  const cells = range * range;
  // One region of R² cells per item, and one more that the padding slots of a short
  // dimension count into (and that is never read).
  const pairs = zeroedInt32((k + 1) * cells);
  const maxSteps = k * (range - 1);
  const tally = zeroedFloat64("tally", 2 * maxSteps + 1);
  const offset = k * (min - shift);
  const rows: RowsOfBlock = {
    length: end - start,
    min,
    range,
    offset,
    mean: meanTable(k, offset, maxSteps),
    k,
    pairs,
    tally,
    maxSteps,
    sums,
    scratch,
    patterns: target.patterns,
  };
  let done: number;
  if (k <= COMPACT_ITEMS) {
    const zero = zeroColumn(e[0] as AnswerColumn, end - start, min);
    const slots = (columns: readonly AnswerColumn[], out: AnswerColumn[]) => {
      for (let i = 0; i < 5; i++) {
        out[i] = i < k ? (columns[i] as AnswerColumn).subarray(start, end) : zero;
      }
      return out;
    };
    done = addRowsOfFive(slots(e, buffers.e), slots(p, buffers.p), rows);
  } else {
    addRows(e, p, start, rows);
    done = end - start;
  }
  if (done === 0) return 0;
  for (let i = 0; i < k; i++) {
    addItemCells(
      target.items[i] as PairMoments,
      pairs.subarray(i * cells, (i + 1) * cells),
      range,
      min - shift,
    );
  }
  const dimension = target.dimension;
  for (let t = 0; t < tally.length; t++) {
    const count = tally[t] as number;
    if (count === 0) continue;
    const s = t - maxSteps;
    if (s < 0) dimension.negative += count;
    else if (s === 0) dimension.zero += count;
    if (dimension.histogram !== null) {
      const key = averagedKey(s, k, target.keyScale);
      dimension.histogram.set(key, (dimension.histogram.get(key) ?? 0) + count);
    }
  }
  return done;
}

/**
 * Adds one item's (E, P) answer-pair counts to its pair moments: cell a·R + c holds the rows
 * with E = min + a and P = min + c; every sum is exact (whole or half numbers), so it equals
 * the row-by-row sums of the general path; the gap counts are added in ascending gap order.
 */
export function addItemCells(moments: PairMoments, cells: Int32Array, range: number, low: number) {
  const gaps = zeroedFloat64("gaps", 2 * range - 1);
  let n = 0;
  let sumR = 0;
  let sumR2 = 0;
  let sumD = 0;
  let sumD2 = 0;
  let sumRD = 0;
  for (let a = 0; a < range; a++) {
    const rs = a + low;
    for (let c = 0; c < range; c++) {
      const count = cells[a * range + c] as number;
      if (count === 0) continue;
      const ds = c + low;
      n += count;
      sumR += count * rs;
      sumR2 += count * rs * rs;
      sumD += count * ds;
      sumD2 += count * ds * ds;
      sumRD += count * rs * ds;
      const g = c - a + range - 1;
      gaps[g] = (gaps[g] as number) + count;
    }
  }
  moments.n += n;
  moments.sumR += sumR;
  moments.sumR2 += sumR2;
  moments.sumD += sumD;
  moments.sumD2 += sumD2;
  moments.sumRD += sumRD;
  for (let g = 0; g < gaps.length; g++) {
    const count = gaps[g] as number;
    if (count === 0) continue;
    const key = g - (range - 1);
    if (key < 0) moments.negative += count;
    else if (key === 0) moments.zero += count;
    moments.histogram?.set(key, (moments.histogram.get(key) ?? 0) + count);
  }
}
