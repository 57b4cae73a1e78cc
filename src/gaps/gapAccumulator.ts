import { expectKind, expectShape, invalidArgument, shapes } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import type { Facet, Instrument } from "../instrument/types";
import {
  countPairedRows,
  type PairedPatternSession,
} from "../psychometrics/accumulatePairedIntegerColumns";
import { itemsNeeded } from "../responses/itemsNeeded";
import { checkRows } from "../responses/rowSelection";
import { finishScores } from "../responses/scoreSides";
import type { AnswerColumn, Dataset, MissingPolicy } from "../responses/types";
import {
  addPairSums,
  addShiftedPair,
  addSumsInto,
  clonePairMoments,
  createPairMoments,
  mergePairMomentsInto,
  type PairMoments,
} from "../stats/pairedAccumulator";
import {
  accumulateCompleteDimension,
  COMPACT_ITEMS,
  type DimensionBlockScratch,
  type DimensionBlockTarget,
  expandCompleteRows,
} from "./completeDimensionBlock";
import {
  averagedKey,
  type GapKey,
  type KeyScale,
  keyScaleOf,
  keySign,
  lcmUpTo,
  MAX_EXACT_KEY,
} from "./gapKeys";
import { accumulateGroupedRows, GROUP_BLOCK } from "./groupedGapPass";

/**
 * Everything a gap analysis needs from the data, gathered in one pass and mergeable: pair
 * moments per item, per dimension (respondent dimension means), for the overall item mean, the
 * overall mean of dimension scores and the importance-weighted overall score, plus the sums
 * behind the sample-mean importance weights.
 */
export interface GapAccumulator {
  readonly required: Facet;
  readonly delivered: Facet;
  readonly shift: number;
  /** Scales of the exact signed-rank keys (numbers, or bigints for large instruments). */
  readonly keyScales: GapKeyScales;
  readonly items: PairMoments[];
  readonly dimensions: PairMoments[];
  readonly overallItemMean: PairMoments;
  readonly overallUnweighted: PairMoments;
  /** Respondents with their own importance weights and every dimension score. */
  readonly weightedOwn: PairMoments;
  /** Respondents with every dimension score but no usable weights: scored with sample-mean weights. */
  readonly fallback: FallbackSums;
  /** Sums of each dimension's weight share over respondents who gave weights. */
  readonly weightSums: number[];
  weightRespondents: number;
  /** Respondents without a score for the dimension (too few items answered under the policy). */
  readonly unscored: number[];
  /** Respondents with at least one dimension score. */
  respondents: number;
}

/** Sums of dimension scores (R, D sides) and their cross-products for respondents scored with mean weights. */
export interface FallbackSums {
  n: number;
  readonly sumR: number[];
  readonly sumD: number[];
  /** D×D cross-products of the gaps g_d·g_e, row-major. */
  readonly crossGap: number[];
  /** D×D cross-products of the R sides. */
  readonly crossR: number[];
  /** D×D cross-products of the D sides. */
  readonly crossD: number[];
}

/**
 * Sign of a gap computed in floating point (−1, 0 or 1), with gaps within rounding noise of 0
 * (|gap| ≤ 1e-9 scale steps) counted as 0: a weighted or averaged gap that is exactly 0 in
 * exact arithmetic must count as zero, not as a shortfall.
 */
function signOf(gapInSteps: number): number {
  return Math.abs(gapInSteps) <= 1e-9 ? 0 : Math.sign(gapInSteps);
}

/** Key scales of the exact signed-rank histograms (see {@link gapKeyScales}). */
export interface GapKeyScales {
  readonly item: 1;
  /** Per dimension: lcm(1..items in it). */
  readonly dimension: readonly KeyScale[];
  /** lcm(1..all items). */
  readonly overallItemMean: KeyScale;
  /** lcm(1..dimensions)·lcm(1..largest dimension). */
  readonly overallUnweighted: KeyScale;
  readonly step: number;
}

/**
 * Key scales for the exact signed-rank histograms: a respondent's mean gap over c items times
 * lcm(1..m) is an integer number of scale steps, so ties are exact (no floating-point noise).
 * Each scale is a number while the keys fit a double exactly, else a bigint (any instrument
 * size; see gapKeys.ts).
 *
 * @param limit - largest |key| kept as a number (default 2^52; a smaller limit forces the
 *   bigint keys, which give the same results: for tests)
 */
function gapKeyScales(instrument: Instrument, limit = MAX_EXACT_KEY): GapKeyScales {
  const step = instrument.scale.step;
  const range = (instrument.scale.max - instrument.scale.min) / step;
  const sizes = instrument.dimensions.map((d) => d.items.length);
  const totalItems = sizes.reduce((a, b) => a + b, 0);
  const maxSize = Math.max(...sizes);
  return {
    item: 1,
    dimension: sizes.map((m) => keyScaleOf(lcmUpTo(m), range, limit)),
    overallItemMean: keyScaleOf(lcmUpTo(totalItems), range, limit),
    overallUnweighted: keyScaleOf(lcmUpTo(sizes.length) * lcmUpTo(maxSize), range, limit),
    step,
  };
}

/**
 * An empty accumulator for the gap `delivered − required` (Gap 5: perception − expectation).
 *
 * @throws {ServqualError} `invalid-input` when the dataset lacks one of the two facets.
 */
export function createGapAccumulator(
  instrument: Instrument,
  required: Facet,
  delivered: Facet,
  /** @internal largest key kept as a number (tests force the bigint keys with 0). */
  keyLimit = MAX_EXACT_KEY,
): GapAccumulator {
  expectShape("createGapAccumulator", "instrument", instrument, shapes.instrument);
  expectKind("createGapAccumulator", "required", required, "string", "a facet name");
  expectKind("createGapAccumulator", "delivered", delivered, "string", "a facet name");
  const scales = gapKeyScales(instrument, keyLimit);
  const dimensionCount = instrument.dimensions.length;
  const square = () => new Array<number>(dimensionCount * dimensionCount).fill(0);
  return {
    required,
    delivered,
    shift: (instrument.scale.min + instrument.scale.max) / 2,
    keyScales: scales,
    items: instrument.dimensions.flatMap((d) => d.items.map(() => createPairMoments(1))),
    dimensions: scales.dimension.map((scale) => createPairMoments(scale)),
    overallItemMean: createPairMoments(scales.overallItemMean),
    overallUnweighted: createPairMoments(scales.overallUnweighted),
    weightedOwn: createPairMoments(1, false),
    fallback: {
      n: 0,
      sumR: new Array<number>(dimensionCount).fill(0),
      sumD: new Array<number>(dimensionCount).fill(0),
      crossGap: square(),
      crossR: square(),
      crossD: square(),
    },
    weightSums: new Array<number>(dimensionCount).fill(0),
    weightRespondents: 0,
    unscored: new Array<number>(dimensionCount).fill(0),
    respondents: 0,
  };
}

/**
 * Adds respondents to the accumulator: rows `start ≤ r < end` of the dataset (default all), or
 * the rows listed in an Int32Array (`accumulateGaps(acc, dataset, rows)`; a row listed twice
 * counts twice). One pass over each item's two columns, with per-respondent dimension sums kept
 * in scratch arrays; a row list is read block by block into contiguous scratch columns.
 *
 * Dimension score of respondent r: the mean over the dimension's items answered on both sides,
 * kept when the missing-data policy allows (`itemsNeeded`; default at least 50% of the items),
 * as `respondentScores` defines it.
 *
 * @throws {ServqualError} `invalid-input` when the dataset lacks a facet; `invalid-argument`
 *   for rows outside the dataset.
 */
export function accumulateGaps(
  accumulator: GapAccumulator,
  dataset: Dataset,
  startOrRows: number | Int32Array = 0,
  end = dataset?.n, // `?.`: a missing dataset is reported by the check below
): GapAccumulator {
  return accumulateGapsCounting(accumulator, dataset, startOrRows, end, null);
}

/**
 * {@link accumulateGaps}, counting each dimension's answer patterns for its reliability in the
 * same pass (`patterns[d]`, a session begun over the dataset's rows 0..n − 1 for dimension d,
 * or null for a dimension counted elsewhere): every block of rows goes once through the
 * complete-case kernel or the general path and once through the pattern count. Only for a
 * range of rows starting at 0 (a session counts consecutive rows).
 *
 * @internal
 */
export function accumulateGapsCounting(
  accumulator: GapAccumulator,
  dataset: Dataset,
  startOrRows: number | Int32Array,
  end: number,
  patterns: readonly (PairedPatternSession | null)[] | null,
): GapAccumulator {
  expectShape("accumulateGaps", "accumulator", accumulator, shapes.gapAccumulator);
  expectShape("accumulateGaps", "dataset", dataset, shapes.dataset);
  const rows =
    typeof startOrRows === "number" ? null : checkRows("accumulateGaps", startOrRows, dataset.n);
  const start = typeof startOrRows === "number" ? startOrRows : 0;
  const stop = rows === null ? end : rows.length;
  const requiredColumns = dataset.facets[accumulator.required];
  const deliveredColumns = dataset.facets[accumulator.delivered];
  if (requiredColumns === undefined || deliveredColumns === undefined) {
    throw new ServqualError("invalid-input", "The dataset lacks a facet the gap needs.", [
      {
        code: "missing-facet",
        message: `a ${accumulator.delivered} − ${accumulator.required} gap needs both facets; the dataset (format "${dataset.instrument.format}") has ${Object.keys(dataset.facets).join(", ")}`,
      },
    ]);
  }
  const scratch = createScratch(
    accumulator,
    dataset.instrument,
    Math.min(BLOCK, stop - start),
    rows !== null,
  );
  const plan =
    rows === null
      ? completePlan(accumulator, dataset, requiredColumns, deliveredColumns, patterns)
      : null;
  for (let block = start; block < stop; block += BLOCK) {
    accumulateBlock(
      accumulator,
      dataset,
      requiredColumns,
      deliveredColumns,
      block,
      Math.min(stop, block + BLOCK),
      scratch,
      rows,
      plan,
    );
  }
  return accumulator;
}

/** A pass over rows in order: the complete-case kernel's inputs and the pattern counts. */
interface CompletePlan {
  /** Whether the complete-case kernel applies (whole scale points, step 1, typed columns). */
  readonly kernel: boolean;
  readonly min: number;
  /** Scale points R = max − min + 1. */
  readonly range: number;
  readonly required: readonly (readonly AnswerColumn[])[];
  readonly delivered: readonly (readonly AnswerColumn[])[];
  /** Per dimension: its accumulator parts and pattern count. */
  readonly targets: readonly DimensionBlockTarget[];
  /** Per dimension: whether every respondent with all items answered gets a score (needed ≤ k). */
  readonly scoresComplete: readonly boolean[];
}

/**
 * The plan of a pass over rows in order: on a scale of whole points with step 1 (Likert), a
 * dimension whose respondents with every item answered all get a score goes through
 * {@link accumulateCompleteDimension} block by block, else through the general path; either
 * way its answer patterns (when counted) are counted block by block.
 */
function completePlan(
  accumulator: GapAccumulator,
  dataset: Dataset,
  requiredColumns: readonly AnswerColumn[],
  deliveredColumns: readonly AnswerColumn[],
  patterns: readonly (PairedPatternSession | null)[] | null,
): CompletePlan {
  const { min, max, step } = dataset.instrument.scale;
  const typed = (c: unknown) => c instanceof Float32Array || c instanceof Float64Array;
  const kernel =
    step === 1 &&
    Number.isInteger(min) &&
    Number.isInteger(max) &&
    max >= min &&
    requiredColumns.every(typed) &&
    deliveredColumns.every(typed);
  const required: AnswerColumn[][] = [];
  const delivered: AnswerColumn[][] = [];
  const targets: DimensionBlockTarget[] = [];
  const scoresComplete: boolean[] = [];
  let first = 0;
  dataset.instrument.dimensions.forEach((dimension, d) => {
    const size = dimension.items.length;
    required.push(requiredColumns.slice(first, first + size));
    delivered.push(deliveredColumns.slice(first, first + size));
    targets.push({
      items: accumulator.items.slice(first, first + size),
      dimension: accumulator.dimensions[d] as PairMoments,
      keyScale: accumulator.keyScales.dimension[d] as KeyScale,
      patterns: patterns?.[d] ?? null,
    });
    scoresComplete.push(itemsNeeded(dataset.missingPolicy, size) <= size);
    first += size;
  });
  return { kernel, min, range: max - min + 1, required, delivered, targets, scoresComplete };
}

/**
 * Fills one gap accumulator per group in one pass over the rows: row r goes to
 * `accumulators[groupOfRow[r]]`, rows with group −1 to none. Each accumulator ends as
 * `accumulateGaps` over its group's rows alone would leave it (periods, seasons, regions: one
 * read of the data for every cell). On a scale of whole points with step 1 and without
 * importance weights the rows are read once in dataset order and each is added to its group's
 * count tables and running sums (`groupedGapPass.ts`; memory: the groups' tables, not the rows):
 * the rows are read in pieces of 4,096 rows, longer (up to 16,384) while the groups' runs within
 * a piece are short, and each piece's rows are taken group by group, each group's rows in dataset
 * order; otherwise each group's rows are gathered and added by the row-list path.
 * Accumulators without histograms (`histogram: null`) are filled without the exact keys.
 *
 * @param accumulators - One per group, from {@link createGapAccumulator} for the same instrument
 *   and facets.
 * @param dataset - The respondents.
 * @param groupOfRow - Per dataset row its group 0..accumulators.length−1, or −1 (left out).
 * @returns The accumulators.
 * @throws {ServqualError} `invalid-argument` when groupOfRow is not an Int32Array of the
 *   dataset's length with groups in range.
 * @example
 * const byRegion = regions.map(() => createGapAccumulator(instrument, "expectation", "perception"));
 * accumulateGapsByGroup(byRegion, dataset, regionIndexOfRow);
 */
export function accumulateGapsByGroup(
  accumulators: readonly GapAccumulator[],
  dataset: Dataset,
  groupOfRow: Int32Array,
): readonly GapAccumulator[] {
  const fn = "accumulateGapsByGroup";
  expectKind(fn, "accumulators", accumulators, "array", "an array of GapAccumulators");
  accumulators.forEach((a, g) => {
    expectShape(fn, `accumulators.${g}`, a, shapes.gapAccumulator);
  });
  expectShape(fn, "dataset", dataset, shapes.dataset);
  const groups = accumulators.length;
  if (!(groupOfRow instanceof Int32Array) || groupOfRow.length !== dataset.n) {
    throw invalidArgument(
      fn,
      "groupOfRow",
      `an Int32Array with one group per dataset row (${dataset.n})`,
      groupOfRow,
    );
  }
  for (let r = 0; r < groupOfRow.length; r++) {
    const g = groupOfRow[r] as number;
    if (g < -1 || g >= groups) {
      throw invalidArgument(
        fn,
        "groupOfRow",
        `an Int32Array of groups −1..${groups - 1}`,
        groupOfRow,
        ` (groupOfRow[${r}] is ${g})`,
      );
    }
  }
  // One pass in row order, each row to its group's accumulator (whole-point scales); the rows
  // it did not take (all, or those from an answer off the grid on) by the row-list path.
  const taken = accumulateGroupedRows(accumulators, dataset, groupOfRow);
  const from = Math.max(0, taken);
  if (from >= groupOfRow.length) return accumulators;
  // Counting sort of the rows by group: each group's rows in dataset order, in one array.
  const offsets = new Int32Array(groups + 1);
  for (let r = from; r < groupOfRow.length; r++) {
    const g = groupOfRow[r] as number;
    if (g >= 0) offsets[g + 1] = (offsets[g + 1] as number) + 1;
  }
  for (let g = 0; g < groups; g++) {
    offsets[g + 1] = (offsets[g + 1] as number) + (offsets[g] as number);
  }
  const sorted = new Int32Array(offsets[groups] as number);
  const next = offsets.slice(0, groups);
  for (let r = from; r < groupOfRow.length; r++) {
    const g = groupOfRow[r] as number;
    if (g < 0) continue;
    sorted[next[g] as number] = r;
    next[g] = (next[g] as number) + 1;
  }
  accumulators.forEach((accumulator, g) => {
    const rows = sorted.subarray(offsets[g] as number, offsets[g + 1] as number);
    if (rows.length > 0) accumulateGaps(accumulator, dataset, rows);
  });
  return accumulators;
}

/**
 * Respondents are processed in blocks of this many rows, so the per-respondent scratch arrays
 * stay small and in cache instead of growing with the dataset.
 */
const BLOCK = GROUP_BLOCK;

/** Per-respondent scratch of one block. */
interface Scratch {
  /** Each dimension's score (NaN = none), gap sum in steps and number of items behind it. */
  readonly scoreR: Float64Array[];
  readonly scoreD: Float64Array[];
  readonly scoreSteps: Int32Array[];
  readonly scoreCount: Int32Array[];
  /** Per dimension: the complete-case kernel's compact rows (E and P digit sums). */
  readonly digitSumA: Int32Array[];
  readonly digitSumC: Int32Array[];
  /** Per dimension: leading rows of the block held in compact form only (not yet expanded). */
  readonly compactRows: Int32Array;
  /** Sums over all items. */
  readonly allSumR: Float64Array;
  readonly allSumD: Float64Array;
  readonly allSteps: Int32Array;
  readonly allCount: Int32Array;
  /** The block's selected rows of one item's two columns (row lists only), else null. */
  readonly gatherR: Float64Array | null;
  readonly gatherD: Float64Array | null;
  /** Items of the largest dimension. */
  readonly maxSize: number;
  /** M/(scored·c) of the overall unweighted key at scored·(maxSize + 1) + c, or null (bigint M). */
  readonly unweightedFactors: Float64Array | null;
  /** Counts of the overall unweighted keys at key + keyBound (zero between blocks), or null. */
  readonly keyCounts: Float64Array | null;
  readonly keyBound: number;
  /** The cells of keyCounts in first-seen order. */
  readonly keyOrder: Int32Array;
  /** A dimension's score sums (n, ΣR̄, ΣR̄², ΣD̄, ΣD̄², ΣR̄D̄) of the complete-case kernel's rows. */
  readonly seed: Float64Array;
  /** Items per dimension, and per dimension M/(D·c_d) (filled per block). */
  readonly sizes: Int32Array;
  readonly dimensionFactors: Float64Array;
}

/** Largest dense table of overall unweighted keys (cells). */
const DENSE_KEYS = 1 << 18;

function createScratch(
  accumulator: GapAccumulator,
  instrument: Instrument,
  size: number,
  gather: boolean,
): Scratch {
  const dimensionCount = instrument.dimensions.length;
  const length = Math.max(size, 1);
  const maxSize = Math.max(0, ...instrument.dimensions.map((d) => d.items.length));
  const scale = accumulator.keyScales.overallUnweighted;
  let unweightedFactors: Float64Array | null = null;
  let keyBound = 0;
  if (typeof scale === "number") {
    unweightedFactors = new Float64Array((dimensionCount + 1) * (maxSize + 1));
    for (let scored = 1; scored <= dimensionCount; scored++) {
      for (let c = 1; c <= maxSize; c++) {
        unweightedFactors[scored * (maxSize + 1) + c] = scale / (scored * c);
      }
    }
    const { min, max, step } = instrument.scale;
    keyBound = Math.ceil(scale * Math.round((max - min) / step));
  }
  const dense = unweightedFactors !== null && 2 * keyBound + 1 <= DENSE_KEYS;
  return {
    maxSize,
    unweightedFactors,
    keyCounts: dense ? new Float64Array(2 * keyBound + 1) : null,
    keyBound,
    keyOrder: new Int32Array(dense ? length : 0),
    seed: new Float64Array(6),
    sizes: Int32Array.from(instrument.dimensions, (d) => d.items.length),
    dimensionFactors: new Float64Array(dimensionCount),
    gatherR: gather ? new Float64Array(length) : null,
    gatherD: gather ? new Float64Array(length) : null,
    scoreR: Array.from({ length: dimensionCount }, () => new Float64Array(length)),
    scoreD: Array.from({ length: dimensionCount }, () => new Float64Array(length)),
    scoreSteps: Array.from({ length: dimensionCount }, () => new Int32Array(length)),
    scoreCount: Array.from({ length: dimensionCount }, () => new Int32Array(length)),
    digitSumA: Array.from({ length: dimensionCount }, () => new Int32Array(length)),
    digitSumC: Array.from({ length: dimensionCount }, () => new Int32Array(length)),
    compactRows: new Int32Array(dimensionCount),
    allSumR: new Float64Array(length),
    allSumD: new Float64Array(length),
    allSteps: new Int32Array(length),
    allCount: new Int32Array(length),
  };
}

/** Views of the scratch arrays for a block of `length` rows (not zeroed: see `zeroViews`). */
function scratchViews(scratch: Scratch, length: number) {
  const view = <T extends Float64Array | Int32Array>(array: T): T => array.subarray(0, length) as T;
  return {
    scoreR: scratch.scoreR.map(view),
    scoreD: scratch.scoreD.map(view),
    scoreSteps: scratch.scoreSteps.map(view),
    scoreCount: scratch.scoreCount.map(view),
    digitSumA: scratch.digitSumA.map(view),
    digitSumC: scratch.digitSumC.map(view),
    allSumR: view(scratch.allSumR),
    allSumD: view(scratch.allSumD),
    allSteps: view(scratch.allSteps),
    allCount: view(scratch.allCount),
  };
}

type ScratchViews = ReturnType<typeof scratchViews>;

/** Zeroes the full per-row form of a block (the general path adds into it). */
function zeroViews(views: ScratchViews) {
  for (const list of [views.scoreR, views.scoreD, views.scoreSteps, views.scoreCount]) {
    for (const array of list) array.fill(0);
  }
  views.allSumR.fill(0);
  views.allSumD.fill(0);
  views.allSteps.fill(0);
  views.allCount.fill(0);
}

/** The full-form scratch of dimension d (with its compact form) for the kernel. */
function dimensionScratch(views: ScratchViews, d: number): DimensionBlockScratch {
  return {
    sumA: views.digitSumA[d] as Int32Array,
    sumC: views.digitSumC[d] as Int32Array,
    scoreR: views.scoreR[d] as Float64Array,
    scoreD: views.scoreD[d] as Float64Array,
    steps: views.scoreSteps[d] as Int32Array,
    counts: views.scoreCount[d] as Int32Array,
    allSumR: views.allSumR,
    allSumD: views.allSumD,
    allSteps: views.allSteps,
    allCount: views.allCount,
  };
}

function accumulateBlock(
  accumulator: GapAccumulator,
  dataset: Dataset,
  requiredColumns: readonly AnswerColumn[],
  deliveredColumns: readonly AnswerColumn[],
  start: number,
  end: number,
  scratch: Scratch,
  rows: Int32Array | null,
  plan: CompletePlan | null,
) {
  const instrument = dataset.instrument;
  const scales = accumulator.keyScales;
  const step = scales.step;
  const shift = accumulator.shift;
  const length = end - start;
  const dimensionCount = instrument.dimensions.length;
  const policy: MissingPolicy = dataset.missingPolicy;
  const range = Math.round((instrument.scale.max - instrument.scale.min) / step);
  const totalItems = accumulator.items.length;
  const views = scratchViews(scratch, length);
  const { scoreR, scoreD, scoreSteps, scoreCount, allSumR, allSumD, allSteps, allCount } = views;
  // The full per-row form is zeroed and filled only when the general path needs it: a block
  // whose dimensions of at most five items are all complete keeps two digit sums a row.
  const compactRows = scratch.compactRows;
  compactRows.fill(0);
  let full = false;
  const sizes = scratch.sizes;
  const kernelOffset = (d: number) => (sizes[d] as number) * ((plan as CompletePlan).min - shift);
  const ensureFull = () => {
    if (!full) {
      zeroViews(views);
      full = true;
    }
    for (let e = 0; e < dimensionCount; e++) {
      const rowsHeld = compactRows[e] as number;
      if (rowsHeld === 0) continue;
      const k = sizes[e] as number;
      expandCompleteRows(dimensionScratch(views, e), rowsHeld, k, kernelOffset(e));
      compactRows[e] = 0;
    }
  };

  let itemIndex = 0;
  // Whether the complete-case kernel added every row of every dimension of the block.
  let allComplete = true;
  for (let d = 0; d < dimensionCount; d++) {
    const size = (instrument.dimensions[d] as { items: readonly unknown[] }).items.length;
    const sumR = scoreR[d] as Float64Array;
    const sumD = scoreD[d] as Float64Array;
    const steps = scoreSteps[d] as Int32Array;
    const counts = scoreCount[d] as Int32Array;
    const target = plan === null ? null : (plan.targets[d] as DimensionBlockTarget);
    // The complete-case kernel adds the block's leading rows whose answers are all whole scale
    // points; the general path adds the rest, its score sums continuing from the kernel's.
    let done = 0;
    const seed = scratch.seed;
    if (plan !== null && target !== null && plan.kernel && plan.scoresComplete[d] === true) {
      // A long dimension's kernel adds into the full form: zeroed first.
      if (size > COMPACT_ITEMS) ensureFull();
      done = accumulateCompleteDimension(
        plan.required[d] as readonly AnswerColumn[],
        plan.delivered[d] as readonly AnswerColumn[],
        start,
        end,
        plan.min,
        plan.range,
        shift,
        target,
        dimensionScratch(views, d),
        seed,
      );
      if (size <= COMPACT_ITEMS) compactRows[d] = done;
      if (done === length) {
        const moments = target.dimension;
        moments.n += seed[0] as number;
        moments.sumR += seed[1] as number;
        moments.sumR2 += seed[2] as number;
        moments.sumD += seed[3] as number;
        moments.sumD2 += seed[4] as number;
        moments.sumRD += seed[5] as number;
        itemIndex += size;
        continue;
      }
    } else seed.fill(0);
    allComplete = false;
    ensureFull();
    const from = start + done;
    if (target?.patterns) countPairedRows(target.patterns, from, end);
    const rest = <T extends Float64Array | Int32Array>(array: T): T =>
      (done === 0 ? array : array.subarray(done)) as T;
    for (let k = 0; k < size; k++, itemIndex++) {
      const required = requiredColumns[itemIndex] as AnswerColumn;
      const delivered = deliveredColumns[itemIndex] as AnswerColumn;
      // A row list: the block's rows copied into contiguous scratch, read as rows 0..length−1.
      const gathered = rows !== null;
      accumulateItem(
        accumulator.items[itemIndex] as PairMoments,
        gathered ? gather(required, rows, start, end, scratch.gatherR as Float64Array) : required,
        gathered ? gather(delivered, rows, start, end, scratch.gatherD as Float64Array) : delivered,
        gathered ? 0 : from,
        gathered ? length : end,
        shift,
        step,
        range,
        rest(sumR),
        rest(sumD),
        rest(steps),
        rest(counts),
      );
    }
    const needed = itemsNeeded(policy, size);
    accumulator.unscored[d] =
      (accumulator.unscored[d] as number) +
      scoreDimension(
        accumulator.dimensions[d] as PairMoments,
        scales.dimension[d] as KeyScale,
        size,
        range,
        needed,
        rest(sumR),
        rest(sumD),
        rest(steps),
        rest(counts),
        rest(allSumR),
        rest(allSumD),
        rest(allSteps),
        rest(allCount),
        seed,
      );
  }

  const fastOverall =
    allComplete &&
    dataset.weights === null &&
    scratch.unweightedFactors !== null &&
    scratch.keyCounts !== null;
  if (fastOverall && !full) {
    addCompactOverall(
      accumulator,
      scratch,
      length,
      totalItems,
      range,
      shift,
      plan as CompletePlan,
      views,
    );
    return;
  }
  ensureFull();
  if (fastOverall) {
    addCompleteOverall(accumulator, scratch, length, totalItems, range, {
      scoreR,
      scoreD,
      scoreSteps,
      allSumR,
      allSumD,
      allSteps,
    });
    return;
  }

  // Overall item mean: every answered item gap of the respondent.
  const itemMean = createTally(totalItems, range);
  const itemMeanSums = createPairMoments(1, false);
  for (let local = 0; local < length; local++) {
    const count = allCount[local] as number;
    if (count === 0) continue;
    addPairSums(
      itemMeanSums,
      (allSumR[local] as number) / count,
      (allSumD[local] as number) / count,
    );
    tallyAdd(itemMean, count, allSteps[local] as number);
  }
  addSumsInto(accumulator.overallItemMean, itemMeanSums);
  foldTally(itemMean, accumulator.overallItemMean, scales.overallItemMean);

  // Overall unweighted: the mean of the respondent's dimension scores. Its exact key is
  // Σ_d steps_d · M/(scored · c_d), a whole number for M = lcm(1..D)·lcm(1..largest dimension).
  const unweightedScale = scales.overallUnweighted;
  const bigScale = typeof unweightedScale === "bigint" ? unweightedScale : null;
  const unweightedSums = createPairMoments(1, false);
  const unweightedKeys = new Map<GapKey, number>();
  const maxSize = scratch.maxSize;
  const factors = bigScale === null ? scratch.unweightedFactors : null;
  // Dense counts of the keys −keyBound…keyBound when few, listed in first-seen order.
  const keyCounts = bigScale === null ? scratch.keyCounts : null;
  const keyBound = scratch.keyBound;
  const keyOrder = scratch.keyOrder;
  let keysSeen = 0;
  const weights = dataset.weights;
  const fallback = accumulator.fallback;
  for (let local = 0; local < length; local++) {
    let scored = 0;
    let sumR = 0;
    let sumD = 0;
    for (let d = 0; d < dimensionCount; d++) {
      const rv = (scoreR[d] as Float64Array)[local] as number;
      if (Number.isNaN(rv)) continue;
      scored += 1;
      sumR += rv;
      sumD += (scoreD[d] as Float64Array)[local] as number;
    }
    if (scored === 0) continue;
    accumulator.respondents += 1;
    let key: GapKey;
    if (factors !== null) {
      // factors[scored·(m + 1) + c] = M/(scored·c), a whole number: every product and sum is exact.
      let sum = 0;
      const row = scored * (maxSize + 1);
      for (let d = 0; d < dimensionCount; d++) {
        if (Number.isNaN((scoreR[d] as Float64Array)[local] as number)) continue;
        const stepSum = (scoreSteps[d] as Int32Array)[local] as number;
        const count = (scoreCount[d] as Int32Array)[local] as number;
        sum += stepSum * (factors[row + count] as number);
      }
      key = Math.round(sum);
    } else {
      let sum = 0n;
      for (let d = 0; d < dimensionCount; d++) {
        if (Number.isNaN((scoreR[d] as Float64Array)[local] as number)) continue;
        const stepSum = (scoreSteps[d] as Int32Array)[local] as number;
        const count = (scoreCount[d] as Int32Array)[local] as number;
        if (stepSum !== 0) sum += BigInt(stepSum) * ((bigScale as bigint) / BigInt(scored * count));
      }
      key = sum;
    }
    const sign = keySign(key);
    addPairSums(unweightedSums, sumR / scored, sumD / scored);
    unweightedSums.negative += sign < 0 ? 1 : 0;
    unweightedSums.zero += sign === 0 ? 1 : 0;
    if (keyCounts !== null) {
      const cell = (key as number) + keyBound;
      const seen = keyCounts[cell] as number;
      keyCounts[cell] = seen + 1;
      if (seen === 0) keyOrder[keysSeen++] = cell;
    } else unweightedKeys.set(key, (unweightedKeys.get(key) ?? 0) + 1);
    if (weights === null) continue;
    // Weighted: own weights when usable, else sample-mean weights (finished later). The mean
    // weights are taken over every respondent who gave usable points.
    const r = rows === null ? start + local : (rows[start + local] as number);
    let own = true;
    for (let d = 0; d < dimensionCount; d++) {
      if (Number.isNaN((weights[d] as Float64Array)[r] as number)) own = false;
    }
    if (own) {
      for (let d = 0; d < dimensionCount; d++) {
        const w = (weights[d] as Float64Array)[r] as number;
        accumulator.weightSums[d] = (accumulator.weightSums[d] as number) + w;
      }
      accumulator.weightRespondents += 1;
    }
    if (scored < dimensionCount) continue;
    if (own) {
      let wr = 0;
      let wd = 0;
      for (let d = 0; d < dimensionCount; d++) {
        const w = (weights[d] as Float64Array)[r] as number;
        wr += w * ((scoreR[d] as Float64Array)[local] as number);
        wd += w * ((scoreD[d] as Float64Array)[local] as number);
      }
      addShiftedPair(accumulator.weightedOwn, wr, wd, signOf((wd - wr) / step));
    } else {
      fallback.n += 1;
      for (let d = 0; d < dimensionCount; d++) {
        const rd = (scoreR[d] as Float64Array)[local] as number;
        const dd = (scoreD[d] as Float64Array)[local] as number;
        fallback.sumR[d] = (fallback.sumR[d] as number) + rd;
        fallback.sumD[d] = (fallback.sumD[d] as number) + dd;
        for (let e = 0; e < dimensionCount; e++) {
          const re = (scoreR[e] as Float64Array)[local] as number;
          const de = (scoreD[e] as Float64Array)[local] as number;
          const cell = d * dimensionCount + e;
          fallback.crossR[cell] = (fallback.crossR[cell] as number) + rd * re;
          fallback.crossD[cell] = (fallback.crossD[cell] as number) + dd * de;
          fallback.crossGap[cell] = (fallback.crossGap[cell] as number) + (dd - rd) * (de - re);
        }
      }
    }
  }
  const unweighted = accumulator.overallUnweighted;
  addSumsInto(unweighted, unweightedSums);
  if (keyCounts !== null) {
    for (let i = 0; i < keysSeen; i++) {
      const cell = keyOrder[i] as number;
      unweightedKeys.set(cell - keyBound, keyCounts[cell] as number);
      keyCounts[cell] = 0;
    }
  }
  if (unweighted.histogram !== null) {
    for (const [key, count] of unweightedKeys) {
      unweighted.histogram.set(key, (unweighted.histogram.get(key) ?? 0) + count);
    }
  }
}

/**
 * The overall item mean and the overall unweighted score of a block whose every row has every
 * item of every dimension answered (all added by the complete-case kernel) and no importance
 * weights: one loop over the rows, with the same sums in the same order as the general loops
 * of {@link accumulateBlock} (item mean: Σ over all items / their number; unweighted: the mean
 * of the D dimension scores, its exact key Σ_d steps_d·M/(D·c_d)), so the numbers are the same.
 */
function addCompleteOverall(
  accumulator: GapAccumulator,
  scratch: Scratch,
  length: number,
  totalItems: number,
  range: number,
  block: {
    readonly scoreR: readonly Float64Array[];
    readonly scoreD: readonly Float64Array[];
    readonly scoreSteps: readonly Int32Array[];
    readonly allSumR: Float64Array;
    readonly allSumD: Float64Array;
    readonly allSteps: Int32Array;
  },
) {
  const { scoreR, scoreD, scoreSteps, allSumR, allSumD, allSteps } = block;
  const dimensionCount = scoreR.length;
  const factors = scratch.unweightedFactors as Float64Array;
  const keyCounts = scratch.keyCounts as Float64Array;
  const { keyBound, keyOrder, maxSize } = scratch;
  const factorRow = dimensionCount * (maxSize + 1);
  const factorOf = scratch.dimensionFactors;
  for (let d = 0; d < dimensionCount; d++) {
    factorOf[d] = factors[factorRow + (scratch.sizes[d] as number)] as number;
  }
  const itemMean = createTally(totalItems, range);
  const tallyCounts = itemMean.counts as Float64Array;
  const tallyBase = totalItems * itemMean.width + itemMean.offset;
  let n = 0;
  let iR = 0;
  let iR2 = 0;
  let iD = 0;
  let iD2 = 0;
  let iRD = 0;
  let uR = 0;
  let uR2 = 0;
  let uD = 0;
  let uD2 = 0;
  let uRD = 0;
  let negative = 0;
  let zero = 0;
  let keysSeen = 0;
  for (let local = 0; local < length; local++) {
    const meanR = (allSumR[local] as number) / totalItems;
    const meanD = (allSumD[local] as number) / totalItems;
    n += 1;
    iR += meanR;
    iR2 += meanR * meanR;
    iD += meanD;
    iD2 += meanD * meanD;
    iRD += meanR * meanD;
    const cell = tallyBase + (allSteps[local] as number);
    tallyCounts[cell] = (tallyCounts[cell] as number) + 1;
    let sumR = 0;
    let sumD = 0;
    let sum = 0;
    for (let d = 0; d < dimensionCount; d++) {
      sumR += (scoreR[d] as Float64Array)[local] as number;
      sumD += (scoreD[d] as Float64Array)[local] as number;
      sum += ((scoreSteps[d] as Int32Array)[local] as number) * (factorOf[d] as number);
    }
    const key = Math.round(sum);
    const r = sumR / dimensionCount;
    const dv = sumD / dimensionCount;
    uR += r;
    uR2 += r * r;
    uD += dv;
    uD2 += dv * dv;
    uRD += r * dv;
    if (key < 0) negative += 1;
    else if (key === 0) zero += 1;
    const at = key + keyBound;
    const seen = keyCounts[at] as number;
    keyCounts[at] = seen + 1;
    if (seen === 0) keyOrder[keysSeen++] = at;
  }
  foldCompleteOverall(accumulator, scratch, itemMean, {
    n,
    iR,
    iR2,
    iD,
    iD2,
    iRD,
    uR,
    uR2,
    uD,
    uD2,
    uRD,
    negative,
    zero,
    keysSeen,
  });
}

/**
 * {@link addCompleteOverall} for a block whose every dimension has at most five items and was
 * added whole by the complete-case kernel, read from the kernel's compact rows (each row's E and
 * P digit sums per dimension, digit = answer − min): a dimension score is (Σ digits + k·(min −
 * shift))/k and the overall item mean (Σ all digits + Σ_d k_d·(min − shift))/(all items), taken
 * from small tables of those quotients, so the numbers and the order of every sum are those of
 * {@link addCompleteOverall} (the sums behind the quotients are exact).
 */
function addCompactOverall(
  accumulator: GapAccumulator,
  scratch: Scratch,
  length: number,
  totalItems: number,
  range: number,
  shift: number,
  plan: CompletePlan,
  views: ScratchViews,
) {
  const { digitSumA, digitSumC } = views;
  const dimensionCount = digitSumA.length;
  const factors = scratch.unweightedFactors as Float64Array;
  const keyCounts = scratch.keyCounts as Float64Array;
  const { keyBound, keyOrder, maxSize, sizes } = scratch;
  const factorRow = dimensionCount * (maxSize + 1);
  const factorOf = scratch.dimensionFactors;
  // Per dimension: its score for every digit sum 0…k·(R − 1), R = plan.range scale points
  // (`range` counts steps: R − 1).
  const top = plan.range - 1;
  const width = maxSize * top + 1;
  const means = new Float64Array(dimensionCount * width);
  let allOffset = 0;
  for (let d = 0; d < dimensionCount; d++) {
    const k = sizes[d] as number;
    factorOf[d] = factors[factorRow + k] as number;
    const offset = k * (plan.min - shift);
    allOffset += offset;
    for (let s = 0; s <= k * top; s++) means[d * width + s] = (s + offset) / k;
  }
  const itemMeans = new Float64Array(totalItems * top + 1);
  for (let s = 0; s < itemMeans.length; s++) itemMeans[s] = (s + allOffset) / totalItems;
  const itemMean = createTally(totalItems, range);
  const tallyCounts = itemMean.counts as Float64Array;
  const tallyBase = totalItems * itemMean.width + itemMean.offset;
  let n = 0;
  let iR = 0;
  let iR2 = 0;
  let iD = 0;
  let iD2 = 0;
  let iRD = 0;
  let uR = 0;
  let uR2 = 0;
  let uD = 0;
  let uD2 = 0;
  let uRD = 0;
  let negative = 0;
  let zero = 0;
  let keysSeen = 0;
  for (let local = 0; local < length; local++) {
    let allA = 0;
    let allC = 0;
    let sumR = 0;
    let sumD = 0;
    let sum = 0;
    for (let d = 0; d < dimensionCount; d++) {
      const a = (digitSumA[d] as Int32Array)[local] as number;
      const c = (digitSumC[d] as Int32Array)[local] as number;
      allA += a;
      allC += c;
      const at = d * width;
      sumR += means[at + a] as number;
      sumD += means[at + c] as number;
      sum += (c - a) * (factorOf[d] as number);
    }
    const meanR = itemMeans[allA] as number;
    const meanD = itemMeans[allC] as number;
    n += 1;
    iR += meanR;
    iR2 += meanR * meanR;
    iD += meanD;
    iD2 += meanD * meanD;
    iRD += meanR * meanD;
    const cell = tallyBase + allC - allA;
    tallyCounts[cell] = (tallyCounts[cell] as number) + 1;
    const key = Math.round(sum);
    const r = sumR / dimensionCount;
    const dv = sumD / dimensionCount;
    uR += r;
    uR2 += r * r;
    uD += dv;
    uD2 += dv * dv;
    uRD += r * dv;
    if (key < 0) negative += 1;
    else if (key === 0) zero += 1;
    const at = key + keyBound;
    const seen = keyCounts[at] as number;
    keyCounts[at] = seen + 1;
    if (seen === 0) keyOrder[keysSeen++] = at;
  }
  foldCompleteOverall(accumulator, scratch, itemMean, {
    n,
    iR,
    iR2,
    iD,
    iD2,
    iRD,
    uR,
    uR2,
    uD,
    uD2,
    uRD,
    negative,
    zero,
    keysSeen,
  });
}

/**
 * Counts of (items answered c, gap sum in steps s): a dense table when small (both take few
 * values), else a map of the cells seen, so that instruments with many items stay light.
 * Folded into a histogram of exact keys s·scale/c at the end.
 */
interface StepTally {
  readonly maxCount: number;
  readonly offset: number;
  readonly width: number;
  /** Dense counts, cell c·width + s + offset; null when sparse. */
  readonly counts: Float64Array | null;
  /** Sparse counts by the same cell number. */
  readonly cells: Map<number, number>;
}

/** The block sums of {@link addCompleteOverall} and {@link addCompactOverall}. */
interface CompleteOverallSums {
  readonly n: number;
  readonly iR: number;
  readonly iR2: number;
  readonly iD: number;
  readonly iD2: number;
  readonly iRD: number;
  readonly uR: number;
  readonly uR2: number;
  readonly uD: number;
  readonly uD2: number;
  readonly uRD: number;
  readonly negative: number;
  readonly zero: number;
  /** How many distinct unweighted keys the block met (listed first in `scratch.keyOrder`). */
  readonly keysSeen: number;
}

/**
 * Adds one complete block's overall sums to the accumulator: the item-mean moments and step
 * tally, the unweighted moments, sign counts and key histogram (keys in the order first met),
 * clearing the scratch key counts for the next block.
 */
function foldCompleteOverall(
  accumulator: GapAccumulator,
  scratch: Scratch,
  itemMean: StepTally,
  sums: CompleteOverallSums,
) {
  const { n, keysSeen } = sums;
  const keyCounts = scratch.keyCounts as Float64Array;
  const { keyBound, keyOrder } = scratch;
  accumulator.respondents += n;
  const item = accumulator.overallItemMean;
  item.n += n;
  item.sumR += sums.iR;
  item.sumR2 += sums.iR2;
  item.sumD += sums.iD;
  item.sumD2 += sums.iD2;
  item.sumRD += sums.iRD;
  foldTally(itemMean, item, accumulator.keyScales.overallItemMean);
  const unweighted = accumulator.overallUnweighted;
  unweighted.n += n;
  unweighted.sumR += sums.uR;
  unweighted.sumR2 += sums.uR2;
  unweighted.sumD += sums.uD;
  unweighted.sumD2 += sums.uD2;
  unweighted.sumRD += sums.uRD;
  unweighted.negative += sums.negative;
  unweighted.zero += sums.zero;
  const histogram = unweighted.histogram;
  for (let i = 0; i < keysSeen; i++) {
    const cell = keyOrder[i] as number;
    const key = cell - keyBound;
    if (histogram !== null)
      histogram.set(key, (histogram.get(key) ?? 0) + (keyCounts[cell] as number));
    keyCounts[cell] = 0;
  }
}

/** Largest dense tally (cells). */
const DENSE_TALLY = 1 << 16;

function createTally(maxCount: number, range: number): StepTally {
  const offset = maxCount * range;
  const width = 2 * offset + 1;
  const size = (maxCount + 1) * width;
  return {
    maxCount,
    offset,
    width,
    counts: size <= DENSE_TALLY ? new Float64Array(size) : null,
    cells: new Map(),
  };
}

function tallyAdd(tally: StepTally, count: number, steps: number) {
  const cell = count * tally.width + steps + tally.offset;
  const counts = tally.counts;
  if (counts !== null) counts[cell] = (counts[cell] as number) + 1;
  else tally.cells.set(cell, (tally.cells.get(cell) ?? 0) + 1);
}

/** Adds the tally's signs and exact keys to the moments. */
function foldTally(tally: StepTally, moments: PairMoments, keyScale: KeyScale) {
  const { counts, width, offset } = tally;
  const fold = (cell: number, count: number) => {
    const c = Math.floor(cell / width);
    if (c === 0) return;
    const steps = cell - c * width - offset;
    if (steps < 0) moments.negative += count;
    else if (steps === 0) moments.zero += count;
    if (moments.histogram !== null) {
      const key = averagedKey(steps, c, keyScale);
      moments.histogram.set(key, (moments.histogram.get(key) ?? 0) + count);
    }
  };
  if (counts !== null) {
    for (let cell = width; cell < counts.length; cell++) {
      const count = counts[cell] as number;
      if (count !== 0) fold(cell, count);
    }
  } else {
    for (const [cell, count] of tally.cells) fold(cell, count);
  }
}

/** Copies column[rows[i]] for start ≤ i < end into out[0..end − start). */
function gather(
  column: AnswerColumn,
  rows: Int32Array,
  start: number,
  end: number,
  out: Float64Array,
): Float64Array {
  for (let i = start; i < end; i++) out[i - start] = column[rows[i] as number] as number;
  return out;
}

/** One item: its pair sums and gap counts, and each respondent's running dimension sums. */
function accumulateItem(
  moments: PairMoments,
  required: AnswerColumn,
  delivered: AnswerColumn,
  start: number,
  end: number,
  shift: number,
  step: number,
  range: number,
  dimSumR: Float64Array,
  dimSumD: Float64Array,
  dimSteps: Int32Array,
  dimCount: Int32Array,
) {
  const counts = new Float64Array(2 * range + 1);
  let n = 0;
  let sumR = 0;
  let sumR2 = 0;
  let sumD = 0;
  let sumD2 = 0;
  let sumRD = 0;
  for (let r = start; r < end; r++) {
    const rv = required[r] as number;
    const dv = delivered[r] as number;
    if (Number.isNaN(rv) || Number.isNaN(dv)) continue; // missing on either side
    const rs = rv - shift;
    const ds = dv - shift;
    n += 1;
    sumR += rs;
    sumR2 += rs * rs;
    sumD += ds;
    sumD2 += ds * ds;
    sumRD += rs * ds;
    const gapSteps = Math.round((dv - rv) / step);
    counts[gapSteps + range] = (counts[gapSteps + range] as number) + 1;
    const local = r - start;
    dimSumR[local] = (dimSumR[local] as number) + rs;
    dimSumD[local] = (dimSumD[local] as number) + ds;
    dimSteps[local] = (dimSteps[local] as number) + gapSteps;
    dimCount[local] = (dimCount[local] as number) + 1;
  }
  moments.n += n;
  moments.sumR += sumR;
  moments.sumR2 += sumR2;
  moments.sumD += sumD;
  moments.sumD2 += sumD2;
  moments.sumRD += sumRD;
  for (let g = 0; g < counts.length; g++) {
    const count = counts[g] as number;
    if (count === 0) continue;
    const key = g - range;
    if (key < 0) moments.negative += count;
    else if (key === 0) moments.zero += count;
    moments.histogram?.set(key, (moments.histogram.get(key) ?? 0) + count);
  }
}

/**
 * Turns a dimension's running sums into respondent scores with the scoring kernel's
 * `finishScores` (in place: the sums become means, NaN when too few items were answered), adds
 * them to the dimension's moments and the respondents' overall sums, and returns how many
 * respondents got no score. The score sums start from `seed` (n, ΣR̄, ΣR̄², ΣD̄, ΣD̄², ΣR̄D̄ of
 * the block's earlier rows, added by the complete-case kernel; zeros otherwise).
 */
function scoreDimension(
  moments: PairMoments,
  keyScale: KeyScale,
  size: number,
  range: number,
  needed: number,
  sumR: Float64Array,
  sumD: Float64Array,
  steps: Int32Array,
  counts: Int32Array,
  allSumR: Float64Array,
  allSumD: Float64Array,
  allSteps: Int32Array,
  allCount: Int32Array,
  seed: Float64Array,
): number {
  const length = sumR.length;
  for (let local = 0; local < length; local++) {
    allSumR[local] = (allSumR[local] as number) + (sumR[local] as number);
    allSumD[local] = (allSumD[local] as number) + (sumD[local] as number);
    allSteps[local] = (allSteps[local] as number) + (steps[local] as number);
    allCount[local] = (allCount[local] as number) + (counts[local] as number);
  }
  const unscored = finishScores([sumR, sumD], counts, needed, length);
  const tally = createTally(size, range);
  const sums = createPairMoments(1, false);
  sums.n = seed[0] as number;
  sums.sumR = seed[1] as number;
  sums.sumR2 = seed[2] as number;
  sums.sumD = seed[3] as number;
  sums.sumD2 = seed[4] as number;
  sums.sumRD = seed[5] as number;
  for (let local = 0; local < length; local++) {
    const meanR = sumR[local] as number;
    if (Number.isNaN(meanR)) continue;
    addPairSums(sums, meanR, sumD[local] as number);
    tallyAdd(tally, counts[local] as number, steps[local] as number);
  }
  addSumsInto(moments, sums);
  foldTally(tally, moments, keyScale);
  return unscored;
}

/**
 * Merges two accumulators of the same instrument and facets into a new one; merging the
 * accumulators of two chunks equals one pass over both.
 */
export function mergeGapAccumulators(a: GapAccumulator, b: GapAccumulator): GapAccumulator {
  expectShape("mergeGapAccumulators", "a", a, shapes.gapAccumulator);
  expectShape("mergeGapAccumulators", "b", b, shapes.gapAccumulator);
  const merge = (x: PairMoments, y: PairMoments) => {
    const copy = clonePairMoments(x);
    mergePairMomentsInto(copy, y);
    return copy;
  };
  const add = (x: readonly number[], y: readonly number[]) =>
    x.map((value, i) => value + (y[i] as number));
  return {
    required: a.required,
    delivered: a.delivered,
    shift: a.shift,
    keyScales: a.keyScales,
    items: a.items.map((x, i) => merge(x, b.items[i] as PairMoments)),
    dimensions: a.dimensions.map((x, i) => merge(x, b.dimensions[i] as PairMoments)),
    overallItemMean: merge(a.overallItemMean, b.overallItemMean),
    overallUnweighted: merge(a.overallUnweighted, b.overallUnweighted),
    weightedOwn: merge(a.weightedOwn, b.weightedOwn),
    fallback: {
      n: a.fallback.n + b.fallback.n,
      sumR: add(a.fallback.sumR, b.fallback.sumR),
      sumD: add(a.fallback.sumD, b.fallback.sumD),
      crossGap: add(a.fallback.crossGap, b.fallback.crossGap),
      crossR: add(a.fallback.crossR, b.fallback.crossR),
      crossD: add(a.fallback.crossD, b.fallback.crossD),
    },
    weightSums: add(a.weightSums, b.weightSums),
    weightRespondents: a.weightRespondents + b.weightRespondents,
    unscored: add(a.unscored, b.unscored),
    respondents: a.respondents + b.respondents,
  };
}
