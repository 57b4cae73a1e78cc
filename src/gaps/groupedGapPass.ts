import { itemsNeeded } from "../responses/itemsNeeded";
import type { AnswerColumn, Dataset } from "../responses/types";
import type { PairMoments } from "../stats/pairedAccumulator";
import { addItemCells } from "./completeDimensionBlock";
import type { GapAccumulator } from "./gapAccumulator";
import {
  addGroupedDimension,
  type GroupedDimensionPiece,
  scoreGroupedDimension,
} from "./groupedDimensionRows";

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
 * Fills one gap accumulator per group in one pass over the rows in dataset order: pair counts
 * per item, tallies of (items answered, gap steps) per dimension and for the item mean, and the
 * dimension, item-mean and unweighted score sums, closed every {@link GROUP_BLOCK} of the
 * group's rows. Every sum is formed in the order the row-list path of `accumulateGaps` over the
 * group's rows forms it (counts and sums of whole or half numbers are exact; the score sums
 * follow its blocks), so each accumulator ends number for number as
 * `accumulateGaps(accumulator, dataset, rowsOfGroup)` leaves it.
 *
 * The rows are read in pieces of {@link PIECE} rows, or up to {@link LONG_PIECE} while the
 * pieces' runs are short (see {@link nextPieceLength}); a piece ends early at the row that
 * fills a group's block, so the blocks close between pieces. A piece's rows are ordered by
 * group (a stable counting sort: each group's rows in dataset order, one run per group), so a
 * run's group sums stay in registers. Each dimension's rows go through two loops
 * (`addGroupedDimension`: in dataset order, every answer of a row read once, the complete rows
 * of a dimension of up to five items unrolled as in the complete-case kernel, leaving only the
 * row's E and P digit sums; `scoreGroupedDimension`: run by run, the dimension scores), then
 * one loop, run by run, forms each row's overall scores from those sums (the scores of a
 * complete row from small quotient tables, the same doubles). The accumulators are written only
 * at the end.
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
    // One spare region after the groups' for the rows of no group.
    pairs: new Int32Array((groups + 1) * (items + 1) * cells),
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
  const length = Math.min(LONG_PIECE, n);
  let pieceLength = PIECE;
  const scratch = createPieceScratch(dimensions, length, groups);
  const zero = (
    eColumns[0] instanceof Float32Array ? new Float32Array(length) : new Float64Array(length)
  ).fill(min);
  const low = min - shift;
  const means = Array.from({ length: dimensions }, (_, d) => {
    const k = sizes[d] as number;
    return Float64Array.from({ length: k * (points - 1) + 1 }, (_, s) => (s + k * low) / k);
  });
  const e: AnswerColumn[][] = Array.from({ length: dimensions }, () => []);
  const p: AnswerColumn[][] = Array.from({ length: dimensions }, () => []);
  const pieces: GroupedDimensionPiece[] = Array.from({ length: dimensions }, (_, d) => {
    const k = sizes[d] as number;
    return {
      min,
      points,
      low,
      k,
      first: firsts[d] as number,
      need: needed[d] as number,
      dimension: d,
      dimensions,
      rowAt: scratch.rowAt,
      pairBaseOf: scratch.pairBaseOf,
      size: 0,
      runs: 0,
      runGroup: scratch.runGroup,
      runEnd: scratch.runEnd,
      pairs: tables.pairs,
      groupCells: (items + 1) * cells,
      padding: items * cells,
      sums: tables.sums,
      stride: slots * SUMS,
      tally: tables.tally,
      tallyCells,
      tallyBase: (tallyAt[d] as number) + k * (points - 1),
      width: 2 * k * (points - 1) + 1,
      unscored: tables.unscored,
      mean: means[d] as Float64Array,
      sumA: scratch.sumA[d] as Int32Array,
      sumC: scratch.sumC[d] as Int32Array,
      counts: scratch.counts[d] as Int32Array,
      irregular: scratch.irregular,
    };
  });
  let start = 0;
  while (start < n) {
    // The piece: up to pieceLength rows, ending with the row that fills a group's block.
    const limit = Math.min(n, start + pieceLength);
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
    orderPiece(groupOfRow, start, size, scratch, (items + 1) * cells, groups);
    scratch.irregular.fill(0, 0, size);
    for (let d = 0; d < dimensions; d++) {
      const k = sizes[d] as number;
      const from = firsts[d] as number;
      const ed = e[d] as AnswerColumn[];
      const pd = p[d] as AnswerColumn[];
      for (let i = 0; i < k; i++) {
        ed[i] = (eColumns[from + i] as AnswerColumn).subarray(start, end);
        pd[i] = (pColumns[from + i] as AnswerColumn).subarray(start, end);
      }
      const piece = pieces[d] as GroupedDimensionPiece;
      piece.runs = scratch.runs;
      piece.size = size;
      // A present answer off the grid (not from a validated dataset): the row-list path.
      if (!addGroupedDimension(ed, pd, zero, piece)) return -1;
      scoreGroupedDimension(piece);
    }
    addOverallRows(tables, shape, scratch, means, first);
    pieceLength = nextPieceLength(pieceLength, size, scratch.runs);
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

/** Most rows per piece, when the rows of many groups are mixed (see {@link nextPieceLength}). */
const LONG_PIECE = 16_384;

/** Runs of fewer rows than this on average make the next piece longer. */
const SHORT_RUN = 64;

/**
 * The length of the next piece: each run of a piece costs a fixed amount (its group's sums
 * and tables brought into the cache), so when the rows of many groups are mixed (dates in
 * random order: a piece of 4,096 rows holds about 23 rows of each of 180 cells) the pieces
 * grow, up to {@link LONG_PIECE}, until a run averages {@link SHORT_RUN} rows; when runs are
 * long (rows sorted by date: a few cells per piece) they stay at {@link PIECE} rows, whose
 * scratch stays in the nearest cache. The length changes only where pieces end, so every sum
 * is formed in the same order whatever the lengths (blocks close at the same rows).
 */
function nextPieceLength(length: number, size: number, runs: number): number {
  if (runs * SHORT_RUN > size) return Math.min(LONG_PIECE, 2 * length);
  return length > PIECE && runs * 4 * SHORT_RUN < size ? length / 2 : length;
}

/**
 * The order in which a piece's rows are scored: grouped by a stable counting sort (rows of no
 * group left out), one run per group touched, in the order first met. Each group's rows keep
 * their order, so every sum is formed as in dataset order. Also each row's offset of its
 * group's pair counts (rows of no group: the spare region after the groups').
 */
function orderPiece(
  groupOfRow: Int32Array,
  start: number,
  size: number,
  scratch: PieceScratch,
  groupCells: number,
  groups: number,
) {
  const { rowAt, pairBaseOf, seenIn, countOf, touched, runGroup, runEnd } = scratch;
  scratch.piece += 1;
  const piece = scratch.piece;
  const spare = groups * groupCells;
  let distinct = 0;
  for (let l = 0; l < size; l++) {
    const g = groupOfRow[start + l] as number;
    if (g < 0) {
      pairBaseOf[l] = spare;
      continue;
    }
    pairBaseOf[l] = g * groupCells;
    if (seenIn[g] !== piece) {
      seenIn[g] = piece;
      countOf[g] = 0;
      touched[distinct++] = g;
    }
    countOf[g] = (countOf[g] as number) + 1;
  }
  // countOf[g] becomes the next position of group g.
  let at = 0;
  for (let t = 0; t < distinct; t++) {
    const g = touched[t] as number;
    const count = countOf[g] as number;
    countOf[g] = at;
    at += count;
    runGroup[t] = g;
    runEnd[t] = at;
  }
  for (let l = 0; l < size; l++) {
    const g = groupOfRow[start + l] as number;
    if (g < 0) continue;
    const position = countOf[g] as number;
    countOf[g] = position + 1;
    rowAt[position] = l;
  }
  scratch.runs = distinct;
  scratch.length = at;
}

/** Per-row scratch of a piece. */
interface PieceScratch {
  /** The positions in use (the piece's rows in groups). */
  length: number;
  /** Runs of the piece (one per group touched). */
  runs: number;
  /** Pieces ordered so far, and per group the last piece it was seen in and its row count. */
  piece: number;
  readonly seenIn: Int32Array;
  readonly countOf: Int32Array;
  readonly touched: Int32Array;
  readonly rowAt: Int32Array;
  readonly pairBaseOf: Int32Array;
  readonly runGroup: Int32Array;
  readonly runEnd: Int32Array;
  /** Per dimension and row: digit sums, items answered (irregular rows); per row its irregular dimensions (bits). */
  readonly sumA: Int32Array[];
  readonly sumC: Int32Array[];
  readonly counts: Int32Array[];
  readonly irregular: Int32Array;
}

function createPieceScratch(dimensions: number, length: number, groups: number): PieceScratch {
  const each = () => Array.from({ length: dimensions }, () => new Int32Array(length));
  const runs = Math.min(groups, length);
  return {
    length: 0,
    runs: 0,
    piece: 0,
    seenIn: new Int32Array(groups),
    countOf: new Int32Array(groups),
    touched: new Int32Array(runs),
    rowAt: new Int32Array(length),
    pairBaseOf: new Int32Array(length),
    runGroup: new Int32Array(runs),
    runEnd: new Int32Array(runs),
    sumA: each(),
    sumC: each(),
    counts: each(),
    irregular: new Int32Array(length),
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
 * Run by run of a piece (one group each), row by row: the overall item mean (all answered
 * items) and the unweighted mean of the dimension scores, into the group's sums (held in
 * registers for the run), tallies and exact keys, as the row-list path forms them. A row taken
 * whole in every dimension reads its scores from the dimensions' quotient tables (mean[s] =
 * (s + k·low)/k, the numbers the dimension loop added) and its item mean from one more
 * ((s + K·low)/K, K all items); any other row forms them from its digit sums and item counts.
 */
function addOverallRows(
  tables: GroupTables,
  shape: GroupedShape,
  scratch: PieceScratch,
  means: readonly Float64Array[],
  first: GapAccumulator,
) {
  const { dimensions, items, min, shift, points, maxSize, factors, meanWidth, meanOffset } = shape;
  const { sums, meanTally, meanSigns, respondents, keys, negative, zero } = tables;
  const { sumA, sumC, counts, irregular, runs, runGroup, runEnd, rowAt } = scratch;
  const { sizes, needed } = shape;
  const slots = dimensions + 2;
  const low = min - shift;
  const keyBound = keyBoundOf(first, points);
  const keySpan = 2 * keyBound + 1;
  // A row taken whole in every dimension has every dimension scored on its k_d items: the key
  // factor of d is M/(D·k_d).
  const full = new Float64Array(dimensions);
  for (let d = 0; d < dimensions; d++) {
    full[d] = factors[dimensions * (maxSize + 1) + (sizes[d] as number)] as number;
  }
  const itemMeans = Float64Array.from(
    { length: items * (points - 1) + 1 },
    (_, s) => (s + items * low) / items,
  );
  const width = maxSize * (points - 1) + 1;
  const table = new Float64Array(dimensions * width);
  for (let d = 0; d < dimensions; d++) table.set(means[d] as Float64Array, d * width);
  const wholeCell = items * meanWidth + meanOffset;
  let l = 0;
  for (let t = 0; t < runs; t++) {
    const g = runGroup[t] as number;
    const end = runEnd[t] as number;
    const at = g * slots * SUMS + dimensions * SUMS;
    let iN = sums[at] as number;
    let iR = sums[at + 1] as number;
    let iR2 = sums[at + 2] as number;
    let iD = sums[at + 3] as number;
    let iD2 = sums[at + 4] as number;
    let iRD = sums[at + 5] as number;
    let uN = sums[at + 6] as number;
    let uR = sums[at + 7] as number;
    let uR2 = sums[at + 8] as number;
    let uD = sums[at + 9] as number;
    let uD2 = sums[at + 10] as number;
    let uRD = sums[at + 11] as number;
    let people = 0;
    let below = 0;
    let even = 0;
    let meanBelow = 0;
    let meanEven = 0;
    const tallyGroup = g * (items + 1) * meanWidth;
    for (; l < end; l++) {
      const r = rowAt[l] as number;
      let scoredR = 0;
      let scoredD = 0;
      let sum = 0;
      let allA = 0;
      let allC = 0;
      let scored = dimensions;
      let count = items;
      if ((irregular[r] as number) === 0) {
        for (let d = 0; d < dimensions; d++) {
          const a = (sumA[d] as Int32Array)[r] as number;
          const c = (sumC[d] as Int32Array)[r] as number;
          allA += a;
          allC += c;
          const base = d * width;
          scoredR += table[base + a] as number;
          scoredD += table[base + c] as number;
          sum += (c - a) * (full[d] as number);
        }
        const meanR = itemMeans[allA] as number;
        const meanD = itemMeans[allC] as number;
        iN += 1;
        iR += meanR;
        iR2 += meanR * meanR;
        iD += meanD;
        iD2 += meanD * meanD;
        iRD += meanR * meanD;
        if (meanTally !== null) {
          const cell = tallyGroup + wholeCell + allC - allA;
          meanTally[cell] = (meanTally[cell] as number) + 1;
        } else if (allC < allA) meanBelow += 1;
        else if (allC === allA) meanEven += 1;
      } else {
        const mask = irregular[r] as number;
        count = 0;
        scored = 0;
        for (let d = 0; d < dimensions; d++) {
          const a = (sumA[d] as Int32Array)[r] as number;
          const c = (sumC[d] as Int32Array)[r] as number;
          allA += a;
          allC += c;
          if ((mask & (1 << d)) === 0) {
            const k = sizes[d] as number;
            count += k;
            const base = d * width;
            scoredR += table[base + a] as number;
            scoredD += table[base + c] as number;
            scored += 1;
            continue;
          }
          const answered = (counts[d] as Int32Array)[r] as number;
          count += answered;
          if (answered < (needed[d] as number) || answered === 0) continue;
          scoredR += (a + answered * low) / answered;
          scoredD += (c + answered * low) / answered;
          scored += 1;
        }
        if (count > 0) {
          const meanR = (allA + count * low) / count;
          const meanD = (allC + count * low) / count;
          iN += 1;
          iR += meanR;
          iR2 += meanR * meanR;
          iD += meanD;
          iD2 += meanD * meanD;
          iRD += meanR * meanD;
          if (meanTally !== null) {
            const cell = tallyGroup + count * meanWidth + allC - allA + meanOffset;
            meanTally[cell] = (meanTally[cell] as number) + 1;
          } else if (allC < allA) meanBelow += 1;
          else if (allC === allA) meanEven += 1;
        }
        if (scored === 0) continue;
        // The key: each scored dimension's gap steps × M/(scored·c_d).
        const row = scored * (maxSize + 1);
        for (let d = 0; d < dimensions; d++) {
          const a = (sumA[d] as Int32Array)[r] as number;
          const c = (sumC[d] as Int32Array)[r] as number;
          let answered = sizes[d] as number;
          if ((mask & (1 << d)) !== 0) {
            answered = (counts[d] as Int32Array)[r] as number;
            if (answered < (needed[d] as number) || answered === 0) continue;
          }
          sum += (c - a) * (factors[row + answered] as number);
        }
      }
      people += 1;
      const key = Math.round(sum);
      if (key < 0) below += 1;
      else if (key === 0) even += 1;
      if (keys !== null) countKey(keys, g * keySpan + key + keyBound);
      const rv = scoredR / scored;
      const dv = scoredD / scored;
      uN += 1;
      uR += rv;
      uR2 += rv * rv;
      uD += dv;
      uD2 += dv * dv;
      uRD += rv * dv;
    }
    sums[at] = iN;
    sums[at + 1] = iR;
    sums[at + 2] = iR2;
    sums[at + 3] = iD;
    sums[at + 4] = iD2;
    sums[at + 5] = iRD;
    sums[at + 6] = uN;
    sums[at + 7] = uR;
    sums[at + 8] = uR2;
    sums[at + 9] = uD;
    sums[at + 10] = uD2;
    sums[at + 11] = uRD;
    respondents[g] = (respondents[g] as number) + people;
    negative[g] = (negative[g] as number) + below;
    zero[g] = (zero[g] as number) + even;
    meanSigns[2 * g] = (meanSigns[2 * g] as number) + meanBelow;
    meanSigns[2 * g + 1] = (meanSigns[2 * g + 1] as number) + meanEven;
  }
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
