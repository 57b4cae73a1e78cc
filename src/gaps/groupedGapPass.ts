import { itemsNeeded } from "../responses/itemsNeeded";
import type { AnswerColumn, Dataset } from "../responses/types";
import type { PairMoments } from "../stats/pairedAccumulator";
import type { GapAccumulator } from "./gapAccumulator";

/**
 * Rows per block of the row-list path of `accumulateGaps`: the score sums of a group are added
 * to its moments every this many of the group's rows, as that path adds them block by block.
 */
export const GROUP_BLOCK = 16_384;

/** Most cells of the per-group count tables the one-pass grouped path allocates. */
const MAX_TABLE_CELLS = 1 << 24;

/** A dimension's running sums of one group: n, ΣR̄, ΣR̄², ΣD̄, ΣD̄², ΣR̄D̄ (six per slot). */
const SUMS = 6;

/** The fixed shape of a grouped pass (see {@link accumulateGroupedRows}). */
interface GroupedShape {
  readonly groups: number;
  readonly dimensions: number;
  readonly items: number;
  /** Items of each dimension, and the dimension's first item. */
  readonly sizes: Int32Array;
  readonly firsts: Int32Array;
  /** Items each dimension's score needs. */
  readonly needed: Int32Array;
  readonly min: number;
  /** Scale points R = max − min + 1. */
  readonly points: number;
  readonly shift: number;
  readonly maxSize: number;
  /** Dimension tally: (count 0..k) × (steps −k(R−1)..k(R−1)) per dimension, cells from tallyAt[d]. */
  readonly tallyAt: Int32Array;
  readonly tallyCells: number;
  /** Item-mean tally width (steps −K(R−1)..K(R−1)) and offset, K = all items. */
  readonly meanWidth: number;
  readonly meanOffset: number;
  /** M/(scored·c) of the unweighted key at scored·(maxSize + 1) + c. */
  readonly factors: Float64Array;
}

/**
 * Whether {@link accumulateGroupedRows} can take the pass: a scale of whole points with step
 * 1, typed answer columns, no importance weights, every exact key a number, and count tables
 * of the groups that stay small.
 */
function shapeOf(accumulators: readonly GapAccumulator[], dataset: Dataset): GroupedShape | null {
  const first = accumulators[0];
  if (first === undefined || dataset.weights !== null) return null;
  const { min, max, step } = dataset.instrument.scale;
  if (step !== 1 || !Number.isInteger(min) || !Number.isInteger(max) || max < min) return null;
  const required = dataset.facets[first.required];
  const delivered = dataset.facets[first.delivered];
  const typed = (c: unknown) => c instanceof Float32Array || c instanceof Float64Array;
  if (required === undefined || delivered === undefined) return null;
  if (!required.every(typed) || !delivered.every(typed)) return null;
  for (const a of accumulators) {
    if (a.required !== first.required || a.delivered !== first.delivered) return null;
    const scales = a.keyScales;
    if (typeof scales.overallItemMean !== "number") return null;
    if (typeof scales.overallUnweighted !== "number") return null;
    if (scales.dimension.some((s) => typeof s !== "number")) return null;
  }
  const dims = dataset.instrument.dimensions;
  const sizes = Int32Array.from(dims, (d) => d.items.length);
  const items = sizes.reduce((a, b) => a + b, 0);
  if (items !== required.length || items !== delivered.length) return null;
  const points = max - min + 1;
  const firsts = new Int32Array(dims.length);
  const tallyAt = new Int32Array(dims.length + 1);
  for (let d = 0; d < dims.length; d++) {
    const k = sizes[d] as number;
    if (d > 0) firsts[d] = (firsts[d - 1] as number) + (sizes[d - 1] as number);
    tallyAt[d + 1] = (tallyAt[d] as number) + (k + 1) * (2 * k * (points - 1) + 1);
  }
  const meanOffset = items * (points - 1);
  const meanWidth = 2 * meanOffset + 1;
  const groups = accumulators.length;
  const tallyCells = tallyAt[dims.length] as number;
  const perGroup = items * points * points + tallyCells + (items + 1) * meanWidth;
  if (groups * perGroup > MAX_TABLE_CELLS) return null;
  const maxSize = Math.max(...sizes);
  const scale = first.keyScales.overallUnweighted as number;
  const factors = new Float64Array((dims.length + 1) * (maxSize + 1));
  for (let scored = 1; scored <= dims.length; scored++) {
    for (let c = 1; c <= maxSize; c++) factors[scored * (maxSize + 1) + c] = scale / (scored * c);
  }
  return {
    groups,
    dimensions: dims.length,
    items,
    sizes,
    firsts,
    needed: Int32Array.from(sizes, (k) => itemsNeeded(dataset.missingPolicy, k)),
    min,
    points,
    shift: first.shift,
    maxSize,
    tallyAt,
    tallyCells,
    meanWidth,
    meanOffset,
    factors,
  };
}

/** The per-group state of a grouped pass. */
interface GroupTables {
  /** (E, P) answer-pair counts: group·items·R² + item·R² + a·R + c. */
  readonly pairs: Int32Array;
  /** Dimension tallies of (items answered, gap sum in steps) per group. */
  readonly tally: Int32Array;
  /** Item-mean tallies of (items answered, gap sum in steps) per group. */
  readonly meanTally: Int32Array;
  /** Running score sums not yet added to the moments: per group, D dimensions then item mean then unweighted. */
  readonly sums: Float64Array;
  /** Rows of each group in its current block. */
  readonly inBlock: Int32Array;
  /** Respondents without a score, per group and dimension; with at least one, per group. */
  readonly unscored: Int32Array;
  readonly respondents: Float64Array;
  /** Unweighted keys of every group: group·span + key + bound → count. */
  readonly keys: KeyCounts;
  readonly negative: Float64Array;
  readonly zero: Float64Array;
}

/**
 * Fills one gap accumulator per group in one pass over the rows in dataset order, each row added
 * to its group's accumulator as it is read (no gathering of a group's rows): pair counts per
 * item, tallies of (items answered, gap steps) per dimension and for the item mean, and the
 * dimension, item-mean and unweighted score sums, added to the group's moments every
 * {@link GROUP_BLOCK} of the group's rows. Every sum is formed in the order the row-list path
 * of `accumulateGaps` over the group's rows forms it (counts and sums of whole or half numbers
 * are exact; the score sums follow its blocks), so each accumulator ends number for number as
 * `accumulateGaps(accumulator, dataset, rowsOfGroup)` leaves it.
 *
 * Returns the first row not added (dataset.n when all were) or −1 (nothing added) when the pass
 * does not apply: a scale other than whole points with step 1, importance weights, bigint keys,
 * very many groups. A present answer off the scale's grid (which validation does not let
 * through) stops the pass at its row; the caller adds the rest by the general path.
 *
 * @internal
 */
export function accumulateGroupedRows(
  accumulators: readonly GapAccumulator[],
  dataset: Dataset,
  groupOfRow: Int32Array,
): number {
  const shape = shapeOf(accumulators, dataset);
  if (shape === null) return -1;
  const first = accumulators[0] as GapAccumulator;
  const eColumns = dataset.facets[first.required] as readonly AnswerColumn[];
  const pColumns = dataset.facets[first.delivered] as readonly AnswerColumn[];
  const { groups, dimensions, items, sizes, firsts, needed, min, points, shift } = shape;
  const { maxSize, tallyAt, tallyCells, meanWidth, meanOffset, factors } = shape;
  const cells = points * points;
  const slots = dimensions + 2;
  const tables: GroupTables = {
    pairs: new Int32Array(groups * items * cells),
    tally: new Int32Array(groups * tallyCells),
    meanTally: new Int32Array(groups * (items + 1) * meanWidth),
    sums: new Float64Array(groups * slots * SUMS),
    inBlock: new Int32Array(groups),
    unscored: new Int32Array(groups * dimensions),
    respondents: new Float64Array(groups),
    keys: createKeyCounts(),
    negative: new Float64Array(groups),
    zero: new Float64Array(groups),
  };
  const { pairs, tally, meanTally, sums, inBlock, unscored, respondents, keys } = tables;
  // |unweighted key| ≤ M·(R − 1): a mean gap is at most R − 1 steps.
  const keyBound = (first.keyScales.overallUnweighted as number) * (points - 1);
  const keySpan = 2 * keyBound + 1;
  const low = min - shift;
  const n = dataset.n;
  const length = Math.min(PIECE, n);
  // Per row of a piece: its group (−1: none), the offset of the group's pair counts, and
  // whether the group's block of GROUP_BLOCK rows ends with it.
  const groupAt = new Int32Array(length);
  const pairBaseAt = new Int32Array(length);
  const flushAt = new Uint8Array(length);
  const saved = new Int32Array(groups);
  // Per dimension and row: Σa, Σc and items answered on both sides; the score (NaN: none).
  const sumA = Array.from({ length: dimensions }, () => new Int32Array(length));
  const sumC = Array.from({ length: dimensions }, () => new Int32Array(length));
  const answered = Array.from({ length: dimensions }, () => new Int32Array(length));
  const scoreR = Array.from({ length: dimensions }, () => new Float64Array(length));
  const scoreD = Array.from({ length: dimensions }, () => new Float64Array(length));
  let start = 0;
  for (; start < n; start += PIECE) {
    const end = Math.min(n, start + PIECE);
    const size = end - start;
    saved.set(inBlock);
    for (let l = 0; l < size; l++) {
      const g = groupOfRow[start + l] as number;
      groupAt[l] = g;
      if (g < 0) {
        pairBaseAt[l] = -1;
        continue;
      }
      pairBaseAt[l] = g * items * cells;
      const seen = (inBlock[g] as number) + 1;
      flushAt[l] = seen === GROUP_BLOCK ? 1 : 0;
      inBlock[g] = seen === GROUP_BLOCK ? 0 : seen;
    }
    // Item by item (each column read in order): pair counts and the dimension sums of each row.
    let offGrid = false;
    for (let d = 0; d < dimensions; d++) {
      const A = sumA[d] as Int32Array;
      const C = sumC[d] as Int32Array;
      const N = answered[d] as Int32Array;
      A.fill(0, 0, size);
      C.fill(0, 0, size);
      N.fill(0, 0, size);
      const from = firsts[d] as number;
      for (let i = from; i < from + (sizes[d] as number); i++) {
        const e = eColumns[i] as AnswerColumn;
        const p = pColumns[i] as AnswerColumn;
        if (
          !addItemRows(e, p, start, size, min, points, pairBaseAt, i * cells, pairs, A, C, N, 1)
        ) {
          offGrid = true;
        }
      }
    }
    if (offGrid) {
      // A present answer off the grid (not from a validated dataset): take the piece's counts
      // back; the general path adds the rows from `start` on.
      undoPiece(eColumns, pColumns, start, size, shape, pairBaseAt, pairs);
      inBlock.set(saved);
      break;
    }
    // Dimension by dimension: scores, their sums and tallies, per group.
    for (let d = 0; d < dimensions; d++) {
      const k = sizes[d] as number;
      const need = needed[d] as number;
      const A = sumA[d] as Int32Array;
      const C = sumC[d] as Int32Array;
      const N = answered[d] as Int32Array;
      const R = scoreR[d] as Float64Array;
      const D = scoreD[d] as Float64Array;
      const width = 2 * k * (points - 1) + 1;
      const tallyBase = (tallyAt[d] as number) + k * (points - 1);
      for (let l = 0; l < size; l++) {
        const g = groupAt[l] as number;
        if (g < 0) continue;
        const count = N[l] as number;
        if (count < need) {
          R[l] = Number.NaN;
          unscored[g * dimensions + d] = (unscored[g * dimensions + d] as number) + 1;
        } else {
          // Σ(E − s) = Σa + count·(min − s): sums of whole or half numbers, exact.
          const meanR = ((A[l] as number) + count * low) / count;
          const meanD = ((C[l] as number) + count * low) / count;
          R[l] = meanR;
          D[l] = meanD;
          if (!Number.isNaN(meanR)) {
            addSums(sums, (g * slots + d) * SUMS, meanR, meanD);
            const cell =
              g * tallyCells + tallyBase + count * width + (C[l] as number) - (A[l] as number);
            tally[cell] = (tally[cell] as number) + 1;
          }
        }
        if (flushAt[l] === 1) {
          flushDimension(accumulators[g] as GapAccumulator, tables, shape, g, d);
        }
      }
    }
    // Row by row: the overall item mean and the unweighted mean of the dimension scores.
    for (let l = 0; l < size; l++) {
      const g = groupAt[l] as number;
      if (g < 0) continue;
      const sumBase = g * slots * SUMS;
      let allA = 0;
      let allC = 0;
      let allCount = 0;
      let scored = 0;
      let scoredR = 0;
      let scoredD = 0;
      for (let d = 0; d < dimensions; d++) {
        allA += (sumA[d] as Int32Array)[l] as number;
        allC += (sumC[d] as Int32Array)[l] as number;
        allCount += (answered[d] as Int32Array)[l] as number;
        const meanR = (scoreR[d] as Float64Array)[l] as number;
        if (Number.isNaN(meanR)) continue;
        scored += 1;
        scoredR += meanR;
        scoredD += (scoreD[d] as Float64Array)[l] as number;
      }
      if (allCount > 0) {
        const sumR = allA + allCount * low;
        const sumD = allC + allCount * low;
        addSums(sums, sumBase + dimensions * SUMS, sumR / allCount, sumD / allCount);
        const cell = (g * (items + 1) + allCount) * meanWidth + allC - allA + meanOffset;
        meanTally[cell] = (meanTally[cell] as number) + 1;
      }
      if (scored > 0) {
        respondents[g] = (respondents[g] as number) + 1;
        let sum = 0;
        const row = scored * (maxSize + 1);
        for (let d = 0; d < dimensions; d++) {
          if (Number.isNaN((scoreR[d] as Float64Array)[l] as number)) continue;
          const steps =
            ((sumC[d] as Int32Array)[l] as number) - ((sumA[d] as Int32Array)[l] as number);
          sum += steps * (factors[row + ((answered[d] as Int32Array)[l] as number)] as number);
        }
        const key = Math.round(sum);
        if (key < 0) tables.negative[g] = (tables.negative[g] as number) + 1;
        else if (key === 0) tables.zero[g] = (tables.zero[g] as number) + 1;
        countKey(keys, g * keySpan + key + keyBound);
        addSums(sums, sumBase + (dimensions + 1) * SUMS, scoredR / scored, scoredD / scored);
      }
      if (flushAt[l] === 1) flushOverall(accumulators[g] as GapAccumulator, tables, shape, g);
    }
  }
  addKeys(accumulators, keys, keySpan, keyBound);
  for (let g = 0; g < groups; g++) {
    finishGroup(accumulators[g] as GapAccumulator, shape, tables, g);
  }
  return Math.min(start, n);
}

/** Rows per piece of the pass (its per-row scratch stays in cache). */
const PIECE = 4096;

/**
 * One item's rows at…at + count − 1: for each row of a group (pairBaseAt ≥ 0) with both answers
 * on the grid, adds `sign` to its (a, c) pair count and a, c and 1 to the row's dimension sums;
 * a row missing either answer adds nothing. Returns false when a present answer is off the grid.
 */
function addItemRows(
  e: AnswerColumn,
  p: AnswerColumn,
  at: number,
  count: number,
  min: number,
  points: number,
  pairBaseAt: Int32Array,
  itemBase: number,
  pairs: Int32Array,
  A: Int32Array,
  C: Int32Array,
  N: Int32Array,
  sign: number,
): boolean {
  let ok = true;
  for (let l = 0; l < count; l++) {
    const base = pairBaseAt[l] as number;
    if (base < 0) continue;
    const x = (e[at + l] as number) - min;
    const y = (p[at + l] as number) - min;
    const a = x | 0;
    const c = y | 0;
    if (a === x && a >>> 0 < points && c === y && c >>> 0 < points) {
      const cell = base + itemBase + a * points + c;
      pairs[cell] = (pairs[cell] as number) + sign;
      A[l] = (A[l] as number) + a;
      C[l] = (C[l] as number) + c;
      N[l] = (N[l] as number) + 1;
    } else if (!(Number.isNaN(x) || Number.isNaN(y))) ok = false;
  }
  return ok;
}

/** Takes back the pair counts a piece added (its rows' answers on the grid). */
function undoPiece(
  eColumns: readonly AnswerColumn[],
  pColumns: readonly AnswerColumn[],
  at: number,
  count: number,
  shape: GroupedShape,
  pairBaseAt: Int32Array,
  pairs: Int32Array,
) {
  const scratch = new Int32Array(count);
  for (let i = 0; i < shape.items; i++) {
    addItemRows(
      eColumns[i] as AnswerColumn,
      pColumns[i] as AnswerColumn,
      at,
      count,
      shape.min,
      shape.points,
      pairBaseAt,
      i * shape.points * shape.points,
      pairs,
      scratch,
      scratch,
      scratch,
      -1,
    );
  }
}

/** n, ΣR̄, ΣR̄², ΣD̄, ΣD̄², ΣR̄D̄ += one pair, as `addPairSums` adds it. */
function addSums(sums: Float64Array, at: number, r: number, d: number) {
  sums[at] = (sums[at] as number) + 1;
  sums[at + 1] = (sums[at + 1] as number) + r;
  sums[at + 2] = (sums[at + 2] as number) + r * r;
  sums[at + 3] = (sums[at + 3] as number) + d;
  sums[at + 4] = (sums[at + 4] as number) + d * d;
  sums[at + 5] = (sums[at + 5] as number) + r * d;
}

/** Adds one slot's running sums to moments (as `addSumsInto` does) and zeroes them. */
function flushSlot(moments: PairMoments, sums: Float64Array, at: number) {
  moments.n += sums[at] as number;
  moments.sumR += sums[at + 1] as number;
  moments.sumR2 += sums[at + 2] as number;
  moments.sumD += sums[at + 3] as number;
  moments.sumD2 += sums[at + 4] as number;
  moments.sumRD += sums[at + 5] as number;
  sums.fill(0, at, at + SUMS);
}

/** Ends group g's block for dimension d: its score sums into the moments, its unscored count. */
function flushDimension(
  accumulator: GapAccumulator,
  tables: GroupTables,
  shape: GroupedShape,
  g: number,
  d: number,
) {
  const D = shape.dimensions;
  flushSlot(accumulator.dimensions[d] as PairMoments, tables.sums, (g * (D + 2) + d) * SUMS);
  const u = g * D + d;
  accumulator.unscored[d] = (accumulator.unscored[d] as number) + (tables.unscored[u] as number);
  tables.unscored[u] = 0;
}

/** Ends group g's block for the overall scores: item mean, unweighted, respondents. */
function flushOverall(
  accumulator: GapAccumulator,
  tables: GroupTables,
  shape: GroupedShape,
  g: number,
) {
  const D = shape.dimensions;
  flushSlot(accumulator.overallItemMean, tables.sums, (g * (D + 2) + D) * SUMS);
  const unweighted = accumulator.overallUnweighted;
  flushSlot(unweighted, tables.sums, (g * (D + 2) + D + 1) * SUMS);
  unweighted.negative += tables.negative[g] as number;
  unweighted.zero += tables.zero[g] as number;
  tables.negative[g] = 0;
  tables.zero[g] = 0;
  accumulator.respondents += tables.respondents[g] as number;
  tables.respondents[g] = 0;
}

/** Adds `count` of exact key `key` (with its sign) to the moments' histogram. */
function addKey(moments: PairMoments, key: number, count: number) {
  if (key < 0) moments.negative += count;
  else if (key === 0) moments.zero += count;
  moments.histogram?.set(key, (moments.histogram.get(key) ?? 0) + count);
}

/** Group g's last block and its count tables into its accumulator. */
function finishGroup(
  accumulator: GapAccumulator,
  shape: GroupedShape,
  tables: GroupTables,
  g: number,
) {
  const { items, points, min, shift, dimensions, sizes, tallyAt, tallyCells } = shape;
  // The group's last, partial block (zeros when its rows ended a block).
  for (let d = 0; d < dimensions; d++) flushDimension(accumulator, tables, shape, g, d);
  flushOverall(accumulator, tables, shape, g);
  const cells = points * points;
  const low = min - shift;
  for (let i = 0; i < items; i++) {
    const moments = accumulator.items[i] as PairMoments;
    const base = (g * items + i) * cells;
    let n = 0;
    let sumR = 0;
    let sumR2 = 0;
    let sumD = 0;
    let sumD2 = 0;
    let sumRD = 0;
    const gaps = new Float64Array(2 * points - 1);
    for (let a = 0; a < points; a++) {
      const rs = a + low;
      for (let c = 0; c < points; c++) {
        const count = tables.pairs[base + a * points + c] as number;
        if (count === 0) continue;
        const ds = c + low;
        n += count;
        sumR += count * rs;
        sumR2 += count * rs * rs;
        sumD += count * ds;
        sumD2 += count * ds * ds;
        sumRD += count * rs * ds;
        gaps[c - a + points - 1] = (gaps[c - a + points - 1] as number) + count;
      }
    }
    moments.n += n;
    moments.sumR += sumR;
    moments.sumR2 += sumR2;
    moments.sumD += sumD;
    moments.sumD2 += sumD2;
    moments.sumRD += sumRD;
    for (let s = 0; s < gaps.length; s++) {
      const count = gaps[s] as number;
      if (count !== 0) addKey(moments, s - (points - 1), count);
    }
  }
  for (let d = 0; d < dimensions; d++) {
    const k = sizes[d] as number;
    const width = 2 * k * (points - 1) + 1;
    const base = g * tallyCells + (tallyAt[d] as number);
    const moments = accumulator.dimensions[d] as PairMoments;
    const scale = accumulator.keyScales.dimension[d] as number;
    for (let c = 1; c <= k; c++) {
      for (let s = 0; s < width; s++) {
        const count = tables.tally[base + c * width + s] as number;
        if (count === 0) continue;
        const steps = s - k * (points - 1);
        addKey(moments, (steps * scale) / c, count);
      }
    }
  }
  const mean = accumulator.overallItemMean;
  const meanScale = accumulator.keyScales.overallItemMean as number;
  const { meanWidth, meanOffset } = shape;
  for (let c = 1; c <= items; c++) {
    const base = (g * (items + 1) + c) * meanWidth;
    for (let s = 0; s < meanWidth; s++) {
      const count = tables.meanTally[base + s] as number;
      if (count !== 0) addKey(mean, ((s - meanOffset) * meanScale) / c, count);
    }
  }
}

/** Counts of whole-number keys: an open-addressing hash table (NaN = free slot). */
interface KeyCounts {
  keys: Float64Array;
  counts: Float64Array;
  size: number;
}

function createKeyCounts(capacity = 1 << 12): KeyCounts {
  return {
    keys: new Float64Array(capacity).fill(Number.NaN),
    counts: new Float64Array(capacity),
    size: 0,
  };
}

/** Adds one to the count of `key` (a whole number below 2⁵³). */
function countKey(table: KeyCounts, key: number) {
  const mask = table.keys.length - 1;
  let at = (Math.imul((key | 0) ^ ((key / 4294967296) | 0), 0x9e3779b1) >>> 0) & mask;
  for (;;) {
    const seen = table.keys[at] as number;
    if (seen === key) {
      table.counts[at] = (table.counts[at] as number) + 1;
      return;
    }
    if (Number.isNaN(seen)) {
      table.keys[at] = key;
      table.counts[at] = 1;
      table.size += 1;
      if (2 * table.size > mask) grow(table);
      return;
    }
    at = (at + 1) & mask;
  }
}

/** Doubles the table, keeping every count. */
function grow(table: KeyCounts) {
  const { keys, counts } = table;
  const bigger = createKeyCounts(2 * keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    if (Number.isNaN(key)) continue;
    const mask = bigger.keys.length - 1;
    let at = (Math.imul((key | 0) ^ ((key / 4294967296) | 0), 0x9e3779b1) >>> 0) & mask;
    while (!Number.isNaN(bigger.keys[at] as number)) at = (at + 1) & mask;
    bigger.keys[at] = key;
    bigger.counts[at] = counts[i] as number;
  }
  table.keys = bigger.keys;
  table.counts = bigger.counts;
}

/** The unweighted keys counted into each group's histogram. */
function addKeys(
  accumulators: readonly GapAccumulator[],
  table: KeyCounts,
  span: number,
  bound: number,
) {
  for (let i = 0; i < table.keys.length; i++) {
    const code = table.keys[i] as number;
    if (Number.isNaN(code)) continue;
    const g = Math.floor(code / span);
    const histogram = (accumulators[g] as GapAccumulator).overallUnweighted.histogram;
    if (histogram === null) continue;
    const key = code - g * span - bound;
    histogram.set(key, (histogram.get(key) ?? 0) + (table.counts[i] as number));
  }
}
