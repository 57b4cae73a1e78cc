import { itemsNeeded } from "../responses/itemsNeeded";
import type { AnswerColumn, Dataset } from "../responses/types";
import type { PairMoments } from "../stats/pairedAccumulator";
import { addItemCells } from "./completeDimensionBlock";
import type { GapAccumulator } from "./gapAccumulator";
import { addGroupedDimension } from "./groupedDimensionRows";

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
  const perGroup = (items + 1) * points * points + tallyCells + (items + 1) * meanWidth;
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
  /** (E, P) answer-pair counts: group·(items + 1)·R² + item·R² + a·R + c (region `items`: padding). */
  readonly pairs: Int32Array;
  /** Dimension tallies of (items answered, gap sum in steps) per group. */
  readonly tally: Int32Array;
  /**
   * Item-mean tallies of (items answered, gap sum in steps) per group, or null without
   * histograms (then only the signs are counted, in meanSigns: negative, zero per group).
   */
  readonly meanTally: Int32Array | null;
  readonly meanSigns: Float64Array;
  /** Score sums of the group's current block: per group, D dimensions, item mean, unweighted. */
  readonly sums: Float64Array;
  /** Each group's closed blocks' score sums, in order (added to the moments at the end). */
  readonly closed: Float64Array[][];
  /** Rows of each group in its current block. */
  readonly inBlock: Int32Array;
  /** Respondents without a score, per group and dimension; with at least one, per group. */
  readonly unscored: Int32Array;
  readonly respondents: Float64Array;
  /** Unweighted keys of every group (group·span + key + bound → count), or null (no histograms). */
  readonly keys: KeyCounts | null;
  readonly negative: Float64Array;
  readonly zero: Float64Array;
}

/**
 * Fills one gap accumulator per group in one pass over the rows in dataset order, each row added
 * to its group's tables as it is read (no gathering of a group's rows): pair counts per item,
 * tallies of (items answered, gap steps) per dimension and for the item mean, and the
 * dimension, item-mean and unweighted score sums, closed every {@link GROUP_BLOCK} of the
 * group's rows. Every sum is formed in the order the row-list path of `accumulateGaps` over the
 * group's rows forms it (counts and sums of whole or half numbers are exact; the score sums
 * follow its blocks), so each accumulator ends number for number as
 * `accumulateGaps(accumulator, dataset, rowsOfGroup)` leaves it.
 *
 * The rows are read in pieces of at most {@link PIECE} rows; a piece ends early at the row that
 * fills a group's block, so the blocks close between pieces. Within a piece each dimension's
 * rows go through one loop (`addGroupedDimension`: every answer of a row read once, the
 * complete rows of a dimension of up to five items unrolled as in the complete-case kernel),
 * then one loop forms each row's overall scores. The accumulators are written only at the end.
 *
 * Returns dataset.n when every row was added, or −1 (nothing added, the accumulators
 * untouched) when the pass does not apply: a scale other than whole points with step 1,
 * importance weights, bigint keys, very many groups, or a present answer off the scale's grid
 * (which validation does not let through); the caller then takes the row-list path.
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
  const { tallyAt, tallyCells, meanWidth } = shape;
  const cells = points * points;
  const slots = dimensions + 2;
  const withKeys = accumulators.some((a) => a.overallUnweighted.histogram !== null);
  const tables: GroupTables = {
    pairs: new Int32Array(groups * (items + 1) * cells),
    tally: new Int32Array(groups * tallyCells),
    meanTally: accumulators.some((a) => a.overallItemMean.histogram !== null)
      ? new Int32Array(groups * (items + 1) * meanWidth)
      : null,
    meanSigns: new Float64Array(2 * groups),
    sums: new Float64Array(groups * slots * SUMS),
    closed: Array.from({ length: groups }, () => []),
    inBlock: new Int32Array(groups),
    unscored: new Int32Array(groups * dimensions),
    respondents: new Float64Array(groups),
    keys: withKeys ? createKeyCounts() : null,
    negative: new Float64Array(groups),
    zero: new Float64Array(groups),
  };
  const { inBlock } = tables;
  const n = dataset.n;
  const length = Math.min(PIECE, n);
  const scratch = createPieceScratch(dimensions, length, groups);
  const zero = (
    eColumns[0] instanceof Float32Array ? new Float32Array(length) : new Float64Array(length)
  ).fill(min);
  const e: AnswerColumn[][] = Array.from({ length: dimensions }, () => []);
  const p: AnswerColumn[][] = Array.from({ length: dimensions }, () => []);
  let start = 0;
  while (start < n) {
    // The piece: up to PIECE rows, ending with the row that fills a group's block.
    const limit = Math.min(n, start + PIECE);
    let end = start;
    let full = -1;
    while (end < limit) {
      const g = groupOfRow[end] as number;
      end += 1;
      if (g < 0) continue;
      const seen = (inBlock[g] as number) + 1;
      inBlock[g] = seen;
      if (seen === GROUP_BLOCK) {
        full = g;
        break;
      }
    }
    const size = end - start;
    const { rowAt, groupAt, pairBaseAt, allA, allC, allCount } = scratch;
    orderPiece(groupOfRow, start, size, scratch, (items + 1) * cells);
    const positions = scratch.length;
    allA.fill(0, 0, positions);
    allC.fill(0, 0, positions);
    allCount.fill(0, 0, positions);
    for (let d = 0; d < dimensions; d++) {
      const k = sizes[d] as number;
      const from = firsts[d] as number;
      const ed = e[d] as AnswerColumn[];
      const pd = p[d] as AnswerColumn[];
      for (let i = 0; i < k; i++) {
        ed[i] = (eColumns[from + i] as AnswerColumn).subarray(start, end);
        pd[i] = (pColumns[from + i] as AnswerColumn).subarray(start, end);
      }
      const added = addGroupedDimension(ed, pd, zero, {
        length: positions,
        start,
        min,
        points,
        low: min - shift,
        k,
        first: from,
        need: needed[d] as number,
        dimension: d,
        dimensions,
        rowAt,
        groupAt,
        pairBaseAt,
        pairs: tables.pairs,
        padding: items * cells,
        sums: tables.sums,
        stride: slots * SUMS,
        tally: tables.tally,
        tallyCells,
        tallyBase: (tallyAt[d] as number) + k * (points - 1),
        width: 2 * k * (points - 1) + 1,
        unscored: tables.unscored,
        scoreR: scratch.scoreR[d] as Float64Array,
        scoreD: scratch.scoreD[d] as Float64Array,
        steps: scratch.steps[d] as Int32Array,
        counts: scratch.counts[d] as Int32Array,
        allA,
        allC,
        allCount,
      });
      // A present answer off the grid (not from a validated dataset): the row-list path.
      if (!added) return -1;
    }
    addOverallRows(tables, shape, scratch, positions, first);
    if (full >= 0) {
      closeBlock(tables, slots, full);
      inBlock[full] = 0;
    }
    start = end;
  }
  for (let g = 0; g < groups; g++) {
    finishGroup(accumulators[g] as GapAccumulator, shape, tables, g);
  }
  if (tables.keys !== null)
    addKeys(accumulators, tables.keys, keySpanOf(first, points), keyBoundOf(first, points));
  return n;
}

/** Rows per piece of the pass (its per-row scratch stays in cache). */
const PIECE = 4096;

/**
 * A piece's rows touching more groups than this are taken group by group (stable: each group's
 * rows in dataset order), so that one group's tables are used for a run of rows instead of
 * every row going to another group's tables (dates in random order).
 */
const SORT_ABOVE = 16;

/**
 * The order in which a piece's rows are taken: in dataset order when they touch at most
 * {@link SORT_ABOVE} groups, else grouped by a stable counting sort (rows of no group left
 * out). Each group's rows keep their order, so every sum is formed as in dataset order.
 */
function orderPiece(
  groupOfRow: Int32Array,
  start: number,
  size: number,
  scratch: PieceScratch,
  groupCells: number,
) {
  const { rowAt, groupAt, pairBaseAt, seenIn, countOf, touched } = scratch;
  scratch.piece += 1;
  const piece = scratch.piece;
  let distinct = 0;
  for (let l = 0; l < size; l++) {
    const g = groupOfRow[start + l] as number;
    if (g < 0) continue;
    if (seenIn[g] !== piece) {
      seenIn[g] = piece;
      countOf[g] = 0;
      touched[distinct++] = g;
    }
    countOf[g] = (countOf[g] as number) + 1;
  }
  if (distinct <= SORT_ABOVE) {
    for (let l = 0; l < size; l++) {
      const g = groupOfRow[start + l] as number;
      rowAt[l] = l;
      groupAt[l] = g;
      pairBaseAt[l] = g < 0 ? -1 : g * groupCells;
    }
    scratch.length = size;
    return;
  }
  // countOf[g] becomes the next position of group g.
  let at = 0;
  for (let t = 0; t < distinct; t++) {
    const g = touched[t] as number;
    const count = countOf[g] as number;
    countOf[g] = at;
    at += count;
  }
  for (let l = 0; l < size; l++) {
    const g = groupOfRow[start + l] as number;
    if (g < 0) continue;
    const position = countOf[g] as number;
    countOf[g] = position + 1;
    rowAt[position] = l;
    groupAt[position] = g;
    pairBaseAt[position] = g * groupCells;
  }
  scratch.length = at;
}

/** Per-row scratch of a piece. */
interface PieceScratch {
  /** The positions in use (rows of the piece, or its rows in groups when sorted). */
  length: number;
  /** Pieces ordered so far, and per group the last piece it was seen in and its row count. */
  piece: number;
  readonly seenIn: Int32Array;
  readonly countOf: Int32Array;
  readonly touched: Int32Array;
  readonly rowAt: Int32Array;
  readonly groupAt: Int32Array;
  readonly pairBaseAt: Int32Array;
  readonly scoreR: Float64Array[];
  readonly scoreD: Float64Array[];
  readonly steps: Int32Array[];
  readonly counts: Int32Array[];
  readonly allA: Int32Array;
  readonly allC: Int32Array;
  readonly allCount: Int32Array;
}

function createPieceScratch(dimensions: number, length: number, groups: number): PieceScratch {
  const each = <T>(make: () => T) => Array.from({ length: dimensions }, make);
  return {
    length: 0,
    piece: 0,
    seenIn: new Int32Array(groups),
    countOf: new Int32Array(groups),
    touched: new Int32Array(Math.min(groups, length)),
    rowAt: new Int32Array(length),
    groupAt: new Int32Array(length),
    pairBaseAt: new Int32Array(length),
    scoreR: each(() => new Float64Array(length)),
    scoreD: each(() => new Float64Array(length)),
    steps: each(() => new Int32Array(length)),
    counts: each(() => new Int32Array(length)),
    allA: new Int32Array(length),
    allC: new Int32Array(length),
    allCount: new Int32Array(length),
  };
}

/** |unweighted key| ≤ M·(R − 1): a mean gap is at most R − 1 steps. */
function keyBoundOf(first: GapAccumulator, points: number): number {
  return (first.keyScales.overallUnweighted as number) * (points - 1);
}

function keySpanOf(first: GapAccumulator, points: number): number {
  return 2 * keyBoundOf(first, points) + 1;
}

/**
 * Row by row of a piece: the overall item mean (all answered items) and the unweighted mean of
 * the dimension scores, into each row's group (sums, tallies, exact keys), as the row-list path
 * forms them.
 */
function addOverallRows(
  tables: GroupTables,
  shape: GroupedShape,
  scratch: PieceScratch,
  size: number,
  first: GapAccumulator,
) {
  const { dimensions, items, min, shift, points, maxSize, factors, meanWidth, meanOffset } = shape;
  const { sums, meanTally, meanSigns, respondents, keys, negative, zero } = tables;
  const { groupAt, scoreR, scoreD, steps, counts, allA, allC, allCount } = scratch;
  const slots = dimensions + 2;
  const low = min - shift;
  const keyBound = keyBoundOf(first, points);
  const keySpan = 2 * keyBound + 1;
  // With every item answered each dimension d is scored on its k_d items (when its policy
  // scores a complete respondent): the key factor of d is M/(D·k_d).
  const full = new Float64Array(dimensions);
  let complete = true;
  for (let d = 0; d < dimensions; d++) {
    const k = shape.sizes[d] as number;
    full[d] = factors[dimensions * (maxSize + 1) + k] as number;
    if ((shape.needed[d] as number) > k) complete = false;
  }
  for (let l = 0; l < size; l++) {
    const g = groupAt[l] as number;
    if (g < 0) continue;
    const sumBase = g * slots * SUMS;
    const count = allCount[l] as number;
    if (count > 0) {
      const a = allA[l] as number;
      const c = allC[l] as number;
      addSums(
        sums,
        sumBase + dimensions * SUMS,
        (a + count * low) / count,
        (c + count * low) / count,
      );
      const cell = (g * (items + 1) + count) * meanWidth + c - a + meanOffset;
      if (meanTally !== null) meanTally[cell] = (meanTally[cell] as number) + 1;
      else if (c < a) meanSigns[2 * g] = (meanSigns[2 * g] as number) + 1;
      else if (c === a) meanSigns[2 * g + 1] = (meanSigns[2 * g + 1] as number) + 1;
    }
    if (count === items && complete) {
      // Every item answered: every dimension scored on all its items (factors fixed).
      let scoredR = 0;
      let scoredD = 0;
      let sum = 0;
      for (let d = 0; d < dimensions; d++) {
        scoredR += (scoreR[d] as Float64Array)[l] as number;
        scoredD += (scoreD[d] as Float64Array)[l] as number;
        sum += ((steps[d] as Int32Array)[l] as number) * (full[d] as number);
      }
      respondents[g] = (respondents[g] as number) + 1;
      const key = Math.round(sum);
      if (key < 0) negative[g] = (negative[g] as number) + 1;
      else if (key === 0) zero[g] = (zero[g] as number) + 1;
      if (keys !== null) countKey(keys, g * keySpan + key + keyBound);
      addSums(sums, sumBase + (dimensions + 1) * SUMS, scoredR / dimensions, scoredD / dimensions);
      continue;
    }
    let scored = 0;
    let scoredR = 0;
    let scoredD = 0;
    for (let d = 0; d < dimensions; d++) {
      const meanR = (scoreR[d] as Float64Array)[l] as number;
      if (Number.isNaN(meanR)) continue;
      scored += 1;
      scoredR += meanR;
      scoredD += (scoreD[d] as Float64Array)[l] as number;
    }
    if (scored === 0) continue;
    respondents[g] = (respondents[g] as number) + 1;
    let sum = 0;
    const row = scored * (maxSize + 1);
    for (let d = 0; d < dimensions; d++) {
      if (Number.isNaN((scoreR[d] as Float64Array)[l] as number)) continue;
      const c = (counts[d] as Int32Array)[l] as number;
      sum += ((steps[d] as Int32Array)[l] as number) * (factors[row + c] as number);
    }
    const key = Math.round(sum);
    if (key < 0) negative[g] = (negative[g] as number) + 1;
    else if (key === 0) zero[g] = (zero[g] as number) + 1;
    if (keys !== null) countKey(keys, g * keySpan + key + keyBound);
    addSums(sums, sumBase + (dimensions + 1) * SUMS, scoredR / scored, scoredD / scored);
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

/** Closes group g's block: its score sums kept in order, the running sums zeroed. */
function closeBlock(tables: GroupTables, slots: number, g: number) {
  const at = g * slots * SUMS;
  (tables.closed[g] as Float64Array[]).push(tables.sums.slice(at, at + slots * SUMS));
  tables.sums.fill(0, at, at + slots * SUMS);
}

/** Adds one block's sums of one slot to moments (as `addSumsInto` does). */
function addBlock(moments: PairMoments, sums: Float64Array, at: number) {
  moments.n += sums[at] as number;
  moments.sumR += sums[at + 1] as number;
  moments.sumR2 += sums[at + 2] as number;
  moments.sumD += sums[at + 3] as number;
  moments.sumD2 += sums[at + 4] as number;
  moments.sumRD += sums[at + 5] as number;
}

/** Adds `count` of exact key `key` (with its sign) to the moments' histogram. */
function addKey(moments: PairMoments, key: number, count: number) {
  if (key < 0) moments.negative += count;
  else if (key === 0) moments.zero += count;
  moments.histogram?.set(key, (moments.histogram.get(key) ?? 0) + count);
}

/** Group g's blocks, counts and tables into its accumulator. */
function finishGroup(
  accumulator: GapAccumulator,
  shape: GroupedShape,
  tables: GroupTables,
  g: number,
) {
  const { items, points, min, shift, dimensions, sizes, tallyAt, tallyCells } = shape;
  const slots = dimensions + 2;
  // The closed blocks in order, then the last (partial) block, slot by slot.
  const at = g * slots * SUMS;
  const blocks = [
    ...(tables.closed[g] as Float64Array[]),
    tables.sums.subarray(at, at + slots * SUMS),
  ];
  for (const block of blocks) {
    for (let d = 0; d < dimensions; d++) {
      addBlock(accumulator.dimensions[d] as PairMoments, block, d * SUMS);
    }
    addBlock(accumulator.overallItemMean, block, dimensions * SUMS);
    addBlock(accumulator.overallUnweighted, block, (dimensions + 1) * SUMS);
  }
  for (let d = 0; d < dimensions; d++) {
    accumulator.unscored[d] =
      (accumulator.unscored[d] as number) + (tables.unscored[g * dimensions + d] as number);
  }
  accumulator.overallUnweighted.negative += tables.negative[g] as number;
  accumulator.overallUnweighted.zero += tables.zero[g] as number;
  accumulator.respondents += tables.respondents[g] as number;
  const cells = points * points;
  const low = min - shift;
  for (let i = 0; i < items; i++) {
    const base = (g * (items + 1) + i) * cells;
    addItemCells(
      accumulator.items[i] as PairMoments,
      tables.pairs.subarray(base, base + cells),
      points,
      low,
    );
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
  if (tables.meanTally === null) {
    mean.negative += tables.meanSigns[2 * g] as number;
    mean.zero += tables.meanSigns[2 * g + 1] as number;
    return;
  }
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
