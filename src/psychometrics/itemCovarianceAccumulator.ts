import { checkOptionKeys, expectKind, expectShape, optionNames, shapes } from "../_lib/guards";
import { type Issue, ServqualError } from "../_lib/ServqualError";

/**
 * Running sums of a respondents × items matrix from which pairwise and complete-case item
 * covariances, item means and the person-score statistics of Cronbach's alpha follow exactly.
 *
 * Build it with {@link createItemCovarianceAccumulator}, feed it chunks of data with
 * {@link addItemRows} / {@link addItemColumns}, combine chunks with
 * {@link mergeItemCovarianceAccumulators} and finish with `itemCovariance`. The arrays in
 * `state` are an implementation detail; treat them as opaque.
 */
export interface ItemCovarianceAccumulator {
  readonly kind: "item-covariance-accumulator";
  /** Number of items. */
  readonly k: number;
  /** Item names in column order. */
  readonly itemNames: readonly string[];
  /** Per item: recoded as `reverseSum − x` on input. */
  readonly reversed: readonly boolean[];
  /** The (min + max) used for reverse keying, or null when no item is reversed. */
  readonly reverseSum: number | null;
  /** Where `reverseSum` came from: the nominal scale or the observed data (psych's rule). */
  readonly reverseSumSource: "scale" | "observed" | null;
  /** Running sums (mutated by the add functions). */
  readonly state: AccumulatorState;
}

/**
 * The running sums. Values are stored shifted, d = x − shift (per item), which keeps the sums
 * of squares and cross-products accurate (the "shifted data" algorithm; Chan, Golub & LeVeque
 * 1983). Rows that answered every item go into the complete-case sums only; rows with some
 * missing answers go into per-pair sums. Pairwise sums are complete-case + partial sums.
 * Precision: a covariance carries an absolute rounding error of about ε·n·(max |x − shift|)²
 * (exact for Likert integers and other values whose sums are exact); the shift is the first
 * value seen, so this is small whenever an item's values lie on a common scale.
 */
export interface AccumulatorState {
  /** Shift per item (a value of that item seen in the data, or 0 until one is seen). */
  shift: Float64Array;
  /** 1 once the item's shift was taken from the data. */
  shiftSet: Uint8Array;
  /** Mean of `shift`: the shift of the person score. */
  scoreShift: number;
  /** Every row seen, including rows with no answer. */
  nRows: number;
  /** Rows with no answer at all. */
  nEmpty: number;
  /** Rows with every item answered. */
  nComplete: number;
  /** Σd per item over complete rows. */
  ccSum: Float64Array;
  /** Σdᵢdⱼ over complete rows (k × k, upper triangle incl. diagonal used). */
  ccCross: Float64Array;
  /** Partial rows: number of rows where items i and j are both answered (k × k, symmetric). */
  pN: Float64Array;
  /** Partial rows: Σdᵢ over rows where i and j are both answered, at [i·k + j]. */
  pSum: Float64Array;
  /** Partial rows: Σdᵢ² over rows where i and j are both answered, at [i·k + j]. */
  pSq: Float64Array;
  /** Partial rows: Σdᵢdⱼ over rows where both are answered (upper triangle used). */
  pCross: Float64Array;
  /** Partial non-empty rows: count, Σs, Σs² of the shifted person score s. */
  pScoreN: number;
  pScoreSum: number;
  pScoreSq: number;
  /** Partial rows where item i is answered: Σs, Σs², Σs·dᵢ. */
  pScoreSumI: Float64Array;
  pScoreSqI: Float64Array;
  pScoreCrossI: Float64Array;
}

/** Options of {@link createItemCovarianceAccumulator}. */
export interface ItemCovarianceAccumulatorOptions {
  /** Item names, default `item1` … `itemK`. */
  readonly itemNames?: readonly string[];
  /** 0-based indices of reverse-keyed items, recoded as `reverseSum − x` when added. */
  readonly reverse?: readonly number[];
  /** (min + max) of the scale, required when `reverse` is not empty. */
  readonly reverseSum?: number;
  /** @internal where reverseSum came from; default "scale". */
  readonly reverseSumSource?: "scale" | "observed";
}

function invalid(fn: string, message: string, issues: readonly Issue[] = []): never {
  throw new ServqualError("invalid-input", `${fn}: ${message}`, issues);
}

/** Default item names `item1` … `itemK`. */
export function defaultItemNames(k: number): string[] {
  return Array.from({ length: k }, (_, i) => `item${i + 1}`);
}

const ACCUMULATOR_OPTIONS = optionNames<ItemCovarianceAccumulatorOptions>({
  itemNames: true,
  reverse: true,
  reverseSum: true,
  reverseSumSource: true,
});

/**
 * Creates an empty accumulator of item sums for `k` items.
 *
 * In one pass over the data it keeps, per pair of items, the pairwise count, sums, sums of
 * squares and cross-products, plus complete-case sums and the sums of the person score
 * (mean of the answered items) that Cronbach's alpha reports. Accumulators built on separate
 * chunks merge exactly ({@link mergeItemCovarianceAccumulators}).
 *
 * Sums are kept on shifted values d = x − shift (Chan, Golub & LeVeque 1983, The American
 * Statistician 37(3), 242–247); cell (i, j) of the pairwise covariance is then
 * (Σdᵢdⱼ − ΣdᵢΣdⱼ/nᵢⱼ)/(nᵢⱼ − 1) over the rows where both items are answered.
 *
 * In R there is no accumulator; the finished matrices equal `cov(x, use = "pairwise")`.
 *
 * @category psychometrics
 * @param k - number of items (≥ 1)
 * @param options - item names, reverse-keyed items and the scale's (min + max)
 * @returns an empty accumulator
 * @throws {ServqualError} `invalid-input` for k < 1, names of the wrong length, a reverse index
 *   out of range, or reverse keys without a finite `reverseSum`
 * @example
 * const acc = createItemCovarianceAccumulator(3, { reverse: [2], reverseSum: 8 });
 * addItemRows(acc, [[1, 2, 7], [3, 4, 5]]);
 * itemCovariance(acc).covariance;
 * //=> [[2, 2, 2], [2, 2, 2], [2, 2, 2]]
 */
export function createItemCovarianceAccumulator(
  k: number,
  options: ItemCovarianceAccumulatorOptions = {},
): ItemCovarianceAccumulator {
  expectKind("createItemCovarianceAccumulator", "k", k, "number", "a number of items");
  checkOptionKeys("createItemCovarianceAccumulator", options, ACCUMULATOR_OPTIONS);
  const fn = "createItemCovarianceAccumulator";
  if (!Number.isInteger(k) || k < 1) invalid(fn, `k must be a positive integer, got ${k}`);
  const itemNames = options.itemNames ? [...options.itemNames] : defaultItemNames(k);
  if (itemNames.length !== k) {
    invalid(fn, `${itemNames.length} item names for ${k} items`, [
      { code: "length-mismatch", message: `itemNames has ${itemNames.length} entries, k is ${k}` },
    ]);
  }
  const reversed = new Array<boolean>(k).fill(false);
  for (const index of options.reverse ?? []) {
    if (!Number.isInteger(index) || index < 0 || index >= k) {
      invalid(fn, `reverse index ${index} is not an item index 0…${k - 1}`);
    }
    reversed[index] = true;
  }
  const anyReversed = reversed.some(Boolean);
  let reverseSum: number | null = null;
  if (anyReversed) {
    if (options.reverseSum === undefined || !Number.isFinite(options.reverseSum)) {
      invalid(fn, "reverse-keyed items need a finite reverseSum (scale min + max)");
    }
    reverseSum = options.reverseSum;
  }
  return {
    kind: "item-covariance-accumulator",
    k,
    itemNames,
    reversed,
    reverseSum,
    reverseSumSource: anyReversed ? (options.reverseSumSource ?? "scale") : null,
    state: emptyState(k),
  };
}

function emptyState(k: number): AccumulatorState {
  const kk = k * k;
  return {
    shift: new Float64Array(k),
    shiftSet: new Uint8Array(k),
    scoreShift: 0,
    nRows: 0,
    nEmpty: 0,
    nComplete: 0,
    ccSum: new Float64Array(k),
    ccCross: new Float64Array(kk),
    pN: new Float64Array(kk),
    pSum: new Float64Array(kk),
    pSq: new Float64Array(kk),
    pCross: new Float64Array(kk),
    pScoreN: 0,
    pScoreSum: 0,
    pScoreSq: 0,
    pScoreSumI: new Float64Array(k),
    pScoreSqI: new Float64Array(k),
    pScoreCrossI: new Float64Array(k),
  };
}

function copyState(s: AccumulatorState): AccumulatorState {
  return {
    shift: s.shift.slice(),
    shiftSet: s.shiftSet.slice(),
    scoreShift: s.scoreShift,
    nRows: s.nRows,
    nEmpty: s.nEmpty,
    nComplete: s.nComplete,
    ccSum: s.ccSum.slice(),
    ccCross: s.ccCross.slice(),
    pN: s.pN.slice(),
    pSum: s.pSum.slice(),
    pSq: s.pSq.slice(),
    pCross: s.pCross.slice(),
    pScoreN: s.pScoreN,
    pScoreSum: s.pScoreSum,
    pScoreSq: s.pScoreSq,
    pScoreSumI: s.pScoreSumI.slice(),
    pScoreSqI: s.pScoreSqI.slice(),
    pScoreCrossI: s.pScoreCrossI.slice(),
  };
}

/**
 * Moves every sum to a new shift vector (exact algebra: with d′ = d + δ,
 * Σd′ᵢd′ⱼ = Σdᵢdⱼ + δⱼΣdᵢ + δᵢΣdⱼ + nδᵢδⱼ over the same rows).
 */
function reshift(s: AccumulatorState, k: number, newShift: Float64Array): void {
  const delta = new Float64Array(k);
  let scoreShift = 0;
  for (let i = 0; i < k; i++) {
    delta[i] = (s.shift[i] as number) - (newShift[i] as number);
    scoreShift += newShift[i] as number;
  }
  scoreShift /= k;
  const eps = s.scoreShift - scoreShift;
  const nc = s.nComplete;
  // complete-case sums
  for (let i = 0; i < k; i++) {
    const di = delta[i] as number;
    for (let j = i; j < k; j++) {
      const dj = delta[j] as number;
      s.ccCross[i * k + j] =
        (s.ccCross[i * k + j] as number) +
        dj * (s.ccSum[i] as number) +
        di * (s.ccSum[j] as number) +
        nc * di * dj;
    }
  }
  for (let i = 0; i < k; i++) s.ccSum[i] = (s.ccSum[i] as number) + nc * (delta[i] as number);
  // partial rows: score sums per item first (they use the old pSum diagonal)
  for (let i = 0; i < k; i++) {
    const di = delta[i] as number;
    const n = s.pN[i * k + i] as number;
    const sumS = s.pScoreSumI[i] as number;
    const sumD = s.pSum[i * k + i] as number;
    s.pScoreCrossI[i] = (s.pScoreCrossI[i] as number) + di * sumS + eps * sumD + n * eps * di;
    s.pScoreSqI[i] = (s.pScoreSqI[i] as number) + 2 * eps * sumS + n * eps * eps;
    s.pScoreSumI[i] = sumS + n * eps;
  }
  s.pScoreSq += 2 * eps * s.pScoreSum + s.pScoreN * eps * eps;
  s.pScoreSum += s.pScoreN * eps;
  for (let i = 0; i < k; i++) {
    const di = delta[i] as number;
    for (let j = i + 1; j < k; j++) {
      const dj = delta[j] as number;
      const n = s.pN[i * k + j] as number;
      s.pCross[i * k + j] =
        (s.pCross[i * k + j] as number) +
        dj * (s.pSum[i * k + j] as number) +
        di * (s.pSum[j * k + i] as number) +
        n * di * dj;
    }
  }
  for (let i = 0; i < k; i++) {
    const di = delta[i] as number;
    for (let j = 0; j < k; j++) {
      const n = s.pN[i * k + j] as number;
      const sum = s.pSum[i * k + j] as number;
      s.pSq[i * k + j] = (s.pSq[i * k + j] as number) + 2 * di * sum + n * di * di;
      s.pSum[i * k + j] = sum + n * di;
    }
  }
  s.shift.set(newShift);
  s.scoreShift = scoreShift;
}

/** A cell value reader: item i of row r, or undefined/null/NaN when missing. */
export type CellReader = (i: number, r: number) => unknown;

/**
 * Fills one block of item i: `out[r]` = shifted, recoded value of row start + r, or 0 when the
 * answer is missing (then `flags[flagOffset + r] = 1` and `missCount[r]++`). Throws for
 * ±Infinity and non-numbers.
 */
type BlockFiller = (
  i: number,
  start: number,
  len: number,
  out: Float64Array,
  flags: Uint8Array,
  flagOffset: number,
  missCount: Uint8Array | Uint16Array | Uint32Array,
) => void;

const BLOCK = 1024;

/** @internal Throws the error for a cell that is neither a finite number nor missing. */
export function badCell(fn: string, value: unknown, row: number, item: string): never {
  const message =
    typeof value === "number"
      ? `${value} is not a finite number (use null or NaN for a missing answer)`
      : `${typeof value} is not a number`;
  throw new ServqualError(
    "invalid-input",
    `${fn} requires finite numbers (null or NaN mark a missing answer)`,
    [
      {
        code: typeof value === "number" ? "not-finite" : "not-a-number",
        message,
        row: row + 1,
        column: item,
      },
    ],
  );
}

/**
 * @internal Takes a shift for every item not seen so far from its first value in this chunk.
 */
export function setShifts(acc: ItemCovarianceAccumulator, nRows: number, read: CellReader): void {
  const s = acc.state;
  let newShift: Float64Array | null = null;
  for (let i = 0; i < acc.k; i++) {
    if (s.shiftSet[i] === 1) continue;
    for (let r = 0; r < nRows; r++) {
      const v = read(i, r);
      if (typeof v === "number" && v - v === 0) {
        newShift ??= s.shift.slice();
        newShift[i] = acc.reversed[i] ? (acc.reverseSum as number) - v : v;
        s.shiftSet[i] = 1;
        break;
      }
    }
  }
  if (newShift !== null) reshift(s, acc.k, newShift);
}

/**
 * The one pass, block by block: each block is read item by item into contiguous arrays (0 for
 * a missing answer); rows with a missing answer go to the per-pair sums and are then zeroed,
 * so that the complete-case cross-products are plain dot products over the block.
 */
function accumulate(acc: ItemCovarianceAccumulator, nRows: number, fill: BlockFiller): void {
  const k = acc.k;
  const s = acc.state;
  const blocks = Array.from({ length: k }, () => new Float64Array(BLOCK));
  const flags = new Uint8Array(k * BLOCK);
  const missCount = k < 255 ? new Uint8Array(BLOCK) : new Uint32Array(BLOCK);
  const d = new Float64Array(k);
  const idx = new Int32Array(k);
  const ccSum = s.ccSum;
  const ccCross = s.ccCross;
  let nComplete = 0;
  let nEmpty = 0;
  for (let start = 0; start < nRows; start += BLOCK) {
    const len = Math.min(BLOCK, nRows - start);
    flags.fill(0);
    missCount.fill(0);
    for (let i = 0; i < k; i++) {
      fill(i, start, len, blocks[i] as Float64Array, flags, i * BLOCK, missCount);
    }
    let incomplete = 0;
    for (let r = 0; r < len; r++) {
      const missing = missCount[r] as number;
      if (missing === 0) continue;
      incomplete++;
      if (missing === k) {
        nEmpty++;
        continue;
      }
      let m = 0;
      for (let i = 0; i < k; i++) {
        if (flags[i * BLOCK + r] === 1) continue;
        const block = blocks[i] as Float64Array;
        d[i] = block[r] as number;
        block[r] = 0;
        idx[m++] = i;
      }
      addPartialRow(s, k, d, idx, m);
    }
    nComplete += len - incomplete;
    for (let i = 0; i < k; i++) {
      ccSum[i] = (ccSum[i] as number) + dot(blocks[i] as Float64Array, null, len);
    }
    addCrossProducts(blocks, ccCross, k, len);
  }
  s.nRows += nRows;
  s.nComplete += nComplete;
  s.nEmpty += nEmpty;
}

/**
 * Adds Σ_r bᵢ[r]·bⱼ[r] over r < len to cross[i·k + j] for every i ≤ j: the O(n·k²) core of
 * the accumulator. Pairs of rows i, i+1 against four columns j..j+3 at a time (eight sums per
 * six loads instead of one per two), so the loads, not the multiplications, stop being the
 * limit; the rest pair by pair.
 */
function addCrossProducts(
  blocks: readonly Float64Array[],
  cross: Float64Array,
  k: number,
  len: number,
): void {
  const add = (cell: number, value: number) => {
    cross[cell] = (cross[cell] as number) + value;
  };
  let i = 0;
  for (; i + 1 < k; i += 2) {
    const a0 = blocks[i] as Float64Array;
    const a1 = blocks[i + 1] as Float64Array;
    const row0 = i * k;
    const row1 = row0 + k;
    add(row0 + i, dot(a0, a0, len));
    add(row0 + i + 1, dot(a0, a1, len));
    add(row1 + i + 1, dot(a1, a1, len));
    let j = i + 2;
    for (; j + 3 < k; j += 4) {
      const b0 = blocks[j] as Float64Array;
      const b1 = blocks[j + 1] as Float64Array;
      const b2 = blocks[j + 2] as Float64Array;
      const b3 = blocks[j + 3] as Float64Array;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let r = 0; r < len; r++) {
        const x = a0[r] as number;
        const y = a1[r] as number;
        const c0 = b0[r] as number;
        const c1 = b1[r] as number;
        const c2 = b2[r] as number;
        const c3 = b3[r] as number;
        s0 += x * c0;
        s1 += x * c1;
        s2 += x * c2;
        s3 += x * c3;
        t0 += y * c0;
        t1 += y * c1;
        t2 += y * c2;
        t3 += y * c3;
      }
      add(row0 + j, s0);
      add(row0 + j + 1, s1);
      add(row0 + j + 2, s2);
      add(row0 + j + 3, s3);
      add(row1 + j, t0);
      add(row1 + j + 1, t1);
      add(row1 + j + 2, t2);
      add(row1 + j + 3, t3);
    }
    for (; j < k; j++) {
      const b = blocks[j] as Float64Array;
      add(row0 + j, dot(a0, b, len));
      add(row1 + j, dot(a1, b, len));
    }
  }
  if (i < k) add(i * k + i, dot(blocks[i] as Float64Array, blocks[i] as Float64Array, len));
}

/**
 * Σ a[r]·b[r] (or Σ a[r] when b is null) over r < len, with four independent partial sums so
 * that the additions do not wait on each other.
 */
function dot(a: Float64Array, b: Float64Array | null, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let r = 0;
  const end4 = len - (len % 4);
  if (b === null) {
    for (; r < end4; r += 4) {
      s0 += a[r] as number;
      s1 += a[r + 1] as number;
      s2 += a[r + 2] as number;
      s3 += a[r + 3] as number;
    }
    for (; r < len; r++) s0 += a[r] as number;
  } else {
    for (; r < end4; r += 4) {
      s0 += (a[r] as number) * (b[r] as number);
      s1 += (a[r + 1] as number) * (b[r + 1] as number);
      s2 += (a[r + 2] as number) * (b[r + 2] as number);
      s3 += (a[r + 3] as number) * (b[r + 3] as number);
    }
    for (; r < len; r++) s0 += (a[r] as number) * (b[r] as number);
  }
  return s0 + s1 + (s2 + s3);
}

/** A typed column of answers (NaN = missing). */
type NumericColumn = Float64Array | Float32Array;

/** Block filler for a Float64Array or Float32Array column (NaN = missing): the fast path. */
function float64Filler(
  acc: ItemCovarianceAccumulator,
  columns: readonly NumericColumn[],
  fn: string,
  rowOffset: number,
): BlockFiller {
  return (i, start, len, out, flags, flagOffset, missCount) => {
    const col = columns[i] as NumericColumn;
    const shift = acc.state.shift[i] as number;
    const reversed = acc.reversed[i] === true;
    const base = reversed ? (acc.reverseSum as number) - shift : -shift;
    const sign = reversed ? -1 : 1;
    for (let r = 0; r < len; r++) {
      const v = col[start + r] as number;
      if (v - v === 0) {
        out[r] = base + sign * v;
      } else {
        if (!Number.isNaN(v)) badCell(fn, v, rowOffset + start + r, acc.itemNames[i] as string);
        out[r] = 0;
        flags[flagOffset + r] = 1;
        missCount[r] = (missCount[r] as number) + 1;
      }
    }
  };
}

/** Block filler for any cell reader (rows, plain arrays with null). */
function genericFiller(
  acc: ItemCovarianceAccumulator,
  read: CellReader,
  fn: string,
  rowOffset: number,
): BlockFiller {
  return (i, start, len, out, flags, flagOffset, missCount) => {
    const shift = acc.state.shift[i] as number;
    const reversed = acc.reversed[i] === true;
    const base = reversed ? (acc.reverseSum as number) - shift : -shift;
    const sign = reversed ? -1 : 1;
    for (let r = 0; r < len; r++) {
      const v = read(i, start + r);
      if (typeof v === "number" && v - v === 0) {
        out[r] = base + sign * v;
      } else {
        if (v !== null && v !== undefined && !(typeof v === "number" && Number.isNaN(v))) {
          badCell(fn, v, rowOffset + start + r, acc.itemNames[i] as string);
        }
        out[r] = 0;
        flags[flagOffset + r] = 1;
        missCount[r] = (missCount[r] as number) + 1;
      }
    }
  };
}

/**
 * @internal Adds one row with some (not all) answers missing: `d` holds the shifted, recoded
 * values at the `m` answered item indices `idx`.
 */
export function addPartialRow(
  s: AccumulatorState,
  k: number,
  d: Float64Array,
  idx: Int32Array,
  m: number,
): void {
  // person score: mean of the answered (recoded) values, shifted by scoreShift
  let sumX = 0;
  for (let a = 0; a < m; a++) {
    const i = idx[a] as number;
    sumX += (d[i] as number) + (s.shift[i] as number);
  }
  const score = sumX / m - s.scoreShift;
  s.pScoreN++;
  s.pScoreSum += score;
  s.pScoreSq += score * score;
  for (let a = 0; a < m; a++) {
    const i = idx[a] as number;
    const di = d[i] as number;
    s.pScoreSumI[i] = (s.pScoreSumI[i] as number) + score;
    s.pScoreSqI[i] = (s.pScoreSqI[i] as number) + score * score;
    s.pScoreCrossI[i] = (s.pScoreCrossI[i] as number) + score * di;
    for (let b = 0; b < m; b++) {
      const j = idx[b] as number;
      const cell = i * k + j;
      s.pN[cell] = (s.pN[cell] as number) + 1;
      s.pSum[cell] = (s.pSum[cell] as number) + di;
      s.pSq[cell] = (s.pSq[cell] as number) + di * di;
      if (j > i) s.pCross[cell] = (s.pCross[cell] as number) + di * (d[j] as number);
    }
  }
}

/**
 * Adds respondent rows (one array of k answers per respondent) to the accumulator, in place:
 * complete rows add to the complete-case sums n, Σdᵢ, Σdᵢdⱼ; rows with missing answers add to
 * the per-pair sums.
 *
 * In R: no equivalent (R reads the whole matrix at once).
 *
 * @category psychometrics
 * @param acc - the accumulator (mutated)
 * @param rows - respondents × items; null, undefined or NaN = missing answer
 * @param options - `rowOffset`: number of rows before this chunk, for the row numbers in errors
 * @returns the same accumulator
 * @throws {ServqualError} `invalid-input` for a row of the wrong length (ragged matrix),
 *   ±Infinity or a non-number answer
 * @example
 * const acc = createItemCovarianceAccumulator(2);
 * addItemRows(acc, [[1, 2], [2, null], [3, 5]]);
 * itemCovariance(acc).counts;
 * //=> [[3, 2], [2, 2]]
 */
export function addItemRows(
  acc: ItemCovarianceAccumulator,
  rows: ReadonlyArray<ArrayLike<number | null | undefined>>,
  options: { readonly rowOffset?: number } = {},
): ItemCovarianceAccumulator {
  expectShape("addItemRows", "acc", acc, shapes.itemCovarianceAccumulator);
  expectKind("addItemRows", "rows", rows, "array", "an array of rows");
  checkOptionKeys("addItemRows", options, ["rowOffset"]);
  const fn = "addItemRows";
  const rowOffset = options.rowOffset ?? 0;
  if (!Array.isArray(rows)) invalid(fn, "rows must be an array of rows");
  const k = acc.k;
  const issues: Issue[] = [];
  for (let r = 0; r < rows.length && issues.length < 20; r++) {
    const row = rows[r];
    if (row === null || row === undefined || typeof row.length !== "number") {
      issues.push({ code: "not-a-row", message: "row is not an array", row: rowOffset + r + 1 });
    } else if (row.length !== k) {
      issues.push({
        code: "ragged-row",
        message: `row has ${row.length} values, expected ${k} (one per item)`,
        row: rowOffset + r + 1,
      });
    }
  }
  if (issues.length > 0) {
    throw new ServqualError("invalid-input", `${fn}: the matrix is ragged`, issues);
  }
  const read: CellReader = (i, r) => (rows[r] as ArrayLike<unknown>)[i];
  setShifts(acc, rows.length, read);
  accumulate(acc, rows.length, genericFiller(acc, read, fn, rowOffset));
  return acc;
}

/** Options of {@link addItemColumns}. */
export interface AddItemColumnsOptions {
  /** Number of rows before this chunk, for the row numbers in errors. */
  readonly rowOffset?: number;
  /**
   * Columns to subtract cell by cell (same count and length): the items become
   * `columns[i] − subtract[i]`, e.g. P − E gap scores, without building the gap columns. A
   * cell missing on either side is missing.
   */
  readonly subtract?: ReadonlyArray<ArrayLike<number | null | undefined>>;
}

function checkColumns(
  acc: ItemCovarianceAccumulator,
  columns: ReadonlyArray<ArrayLike<number | null | undefined>>,
  n: number,
  fn: string,
  what: string,
): void {
  if (!Array.isArray(columns)) invalid(fn, `${what} must be an array of columns`);
  if (columns.length !== acc.k) {
    invalid(fn, `${columns.length} ${what} for ${acc.k} items`, [
      { code: "length-mismatch", message: `expected ${acc.k} ${what}, got ${columns.length}` },
    ]);
  }
  const issues: Issue[] = [];
  columns.forEach((column, i) => {
    if (column === null || column === undefined || typeof column.length !== "number") {
      issues.push({
        code: "not-a-column",
        message: `${what}: column is not an array`,
        column: acc.itemNames[i] as string,
      });
    } else if (column.length !== n) {
      issues.push({
        code: "length-mismatch",
        message: `${what}: column has ${column.length} values, the first column has ${n}`,
        column: acc.itemNames[i] as string,
      });
    }
  });
  if (issues.length > 0) invalid(fn, "columns must all have the same length", issues);
}

function isMissingCell(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

/** Reader of columns[i][r] − subtract[i][r]: missing if either is; a bad value passes through. */
function differenceReader(
  columns: ReadonlyArray<ArrayLike<unknown>>,
  subtract: ReadonlyArray<ArrayLike<unknown>>,
): CellReader {
  return (i, r) => {
    const a = (columns[i] as ArrayLike<unknown>)[r];
    const b = (subtract[i] as ArrayLike<unknown>)[r];
    if (typeof a === "number" && typeof b === "number" && a - a === 0 && b - b === 0) return a - b;
    if (!isMissingCell(a) && !(typeof a === "number" && a - a === 0)) return a;
    if (!isMissingCell(b) && !(typeof b === "number" && b - b === 0)) return b;
    return null;
  };
}

/** Fast filler for Float64Array columns minus Float64Array columns. */
function float64DifferenceFiller(
  acc: ItemCovarianceAccumulator,
  columns: readonly NumericColumn[],
  subtract: readonly NumericColumn[],
  fn: string,
  rowOffset: number,
): BlockFiller {
  return (i, start, len, out, flags, flagOffset, missCount) => {
    const p = columns[i] as NumericColumn;
    const e = subtract[i] as NumericColumn;
    const shift = acc.state.shift[i] as number;
    const reversed = acc.reversed[i] === true;
    const base = reversed ? (acc.reverseSum as number) - shift : -shift;
    const sign = reversed ? -1 : 1;
    for (let r = 0; r < len; r++) {
      const a = p[start + r] as number;
      const b = e[start + r] as number;
      const v = a - b;
      if (v - v === 0) {
        out[r] = base + sign * v;
      } else {
        if (!Number.isNaN(a) && !Number.isFinite(a)) {
          badCell(fn, a, rowOffset + start + r, acc.itemNames[i] as string);
        }
        if (!Number.isNaN(b) && !Number.isFinite(b)) {
          badCell(fn, b, rowOffset + start + r, acc.itemNames[i] as string);
        }
        out[r] = 0;
        flags[flagOffset + r] = 1;
        missCount[r] = (missCount[r] as number) + 1;
      }
    }
  };
}

/**
 * Adds respondents held column by column (one array per item, e.g. a `Float64Array` per item
 * with `NaN` = missing) to the accumulator, in place, without building row arrays. With
 * `subtract`, the items are the cell-by-cell differences (gap scores P − E). Same sums as
 * {@link addItemRows}.
 *
 * In R: no equivalent; with `subtract` the items are `P - E` of the two matrices.
 *
 * @category psychometrics
 * @param acc - the accumulator (mutated)
 * @param columns - one array per item, all of the same length
 * @param options - `rowOffset` (rows before this chunk, for error messages) and `subtract`
 *   (columns to subtract, e.g. the E columns when `columns` are the P columns)
 * @returns the same accumulator
 * @throws {ServqualError} `invalid-input` for a wrong number of columns, columns of unequal
 *   length, ±Infinity or a non-number answer
 * @example
 * const acc = createItemCovarianceAccumulator(2);
 * addItemColumns(acc, [Float64Array.of(1, 2, 3), Float64Array.of(2, NaN, 5)]);
 * itemCovariance(acc).counts;
 * //=> [[3, 2], [2, 2]]
 */
export function addItemColumns(
  acc: ItemCovarianceAccumulator,
  columns: ReadonlyArray<ArrayLike<number | null | undefined>>,
  options: AddItemColumnsOptions = {},
): ItemCovarianceAccumulator {
  expectShape("addItemColumns", "acc", acc, shapes.itemCovarianceAccumulator);
  expectKind("addItemColumns", "columns", columns, "array", "an array of columns");
  checkOptionKeys("addItemColumns", options, ["rowOffset", "subtract"]);
  const fn = "addItemColumns";
  const rowOffset = options.rowOffset ?? 0;
  if (!Array.isArray(columns)) invalid(fn, "columns must be an array of columns");
  const first = columns[0];
  const n = first && typeof first.length === "number" ? first.length : -1;
  checkColumns(acc, columns, n, fn, "columns");
  const subtract = options.subtract;
  if (subtract !== undefined) checkColumns(acc, subtract, n, fn, "subtract columns");
  const read: CellReader =
    subtract === undefined
      ? (i, r) => (columns[i] as ArrayLike<unknown>)[r]
      : differenceReader(columns, subtract);
  setShifts(acc, n, read);
  const typed = (cols: ReadonlyArray<unknown>): cols is readonly NumericColumn[] =>
    cols.every((c) => c instanceof Float64Array || c instanceof Float32Array);
  let filler: BlockFiller;
  if (subtract === undefined) {
    filler = typed(columns)
      ? float64Filler(acc, columns, fn, rowOffset)
      : genericFiller(acc, read, fn, rowOffset);
  } else {
    filler =
      typed(columns) && typed(subtract)
        ? float64DifferenceFiller(acc, columns, subtract, fn, rowOffset)
        : genericFiller(acc, read, fn, rowOffset);
  }
  accumulate(acc, n, filler);
  return acc;
}

/**
 * Merges two accumulators of the same items into a new one (the inputs are not changed). The
 * result equals one accumulator fed both chunks (exactly, up to floating-point rounding):
 * both are moved to one shift vector, Σ(dᵢ + δᵢ)(dⱼ + δⱼ) = Σdᵢdⱼ + δⱼΣdᵢ + δᵢΣdⱼ + nδᵢδⱼ,
 * and the sums are added (Chan, Golub & LeVeque 1983).
 *
 * In R: no equivalent; `cov(rbind(a, b), use = "pairwise")` gives the same matrix.
 *
 * @category psychometrics
 * @param a - accumulator of one chunk
 * @param b - accumulator of another chunk (same items, reverse keys and reverseSum)
 * @returns a new accumulator holding both chunks
 * @throws {ServqualError} `invalid-input` when the two describe different items or keys
 * @example
 * const a = addItemRows(createItemCovarianceAccumulator(2), [[1, 2], [2, 3]]);
 * const b = addItemRows(createItemCovarianceAccumulator(2), [[3, 5]]);
 * itemCovariance(mergeItemCovarianceAccumulators(a, b)).covariance;
 * //=> [[1, 1.5], [1.5, 2.333…]]
 */
export function mergeItemCovarianceAccumulators(
  a: ItemCovarianceAccumulator,
  b: ItemCovarianceAccumulator,
): ItemCovarianceAccumulator {
  expectShape("mergeItemCovarianceAccumulators", "a", a, shapes.itemCovarianceAccumulator);
  expectShape("mergeItemCovarianceAccumulators", "b", b, shapes.itemCovarianceAccumulator);
  const fn = "mergeItemCovarianceAccumulators";
  if (a.k !== b.k) invalid(fn, `cannot merge ${a.k} items with ${b.k} items`);
  const k = a.k;
  for (let i = 0; i < k; i++) {
    if (a.itemNames[i] !== b.itemNames[i]) {
      invalid(fn, `item ${i + 1} is ${a.itemNames[i]} in one and ${b.itemNames[i]} in the other`);
    }
    if (a.reversed[i] !== b.reversed[i]) {
      invalid(fn, `item ${a.itemNames[i]} is reverse-keyed in only one of the two`);
    }
  }
  if (a.reverseSum !== b.reverseSum) {
    invalid(fn, `reverse keying differs: (min + max) ${a.reverseSum} vs ${b.reverseSum}`);
  }
  const sa = copyState(a.state);
  const sb = copyState(b.state);
  const shift = new Float64Array(k);
  const shiftSet = new Uint8Array(k);
  for (let i = 0; i < k; i++) {
    if (sa.shiftSet[i] === 1) {
      shift[i] = sa.shift[i] as number;
      shiftSet[i] = 1;
    } else if (sb.shiftSet[i] === 1) {
      shift[i] = sb.shift[i] as number;
      shiftSet[i] = 1;
    }
  }
  reshift(sa, k, shift);
  reshift(sb, k, shift);
  const addInto = (x: Float64Array, y: Float64Array): void => {
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (y[i] as number);
  };
  addInto(sa.ccSum, sb.ccSum);
  addInto(sa.ccCross, sb.ccCross);
  addInto(sa.pN, sb.pN);
  addInto(sa.pSum, sb.pSum);
  addInto(sa.pSq, sb.pSq);
  addInto(sa.pCross, sb.pCross);
  addInto(sa.pScoreSumI, sb.pScoreSumI);
  addInto(sa.pScoreSqI, sb.pScoreSqI);
  addInto(sa.pScoreCrossI, sb.pScoreCrossI);
  sa.nRows += sb.nRows;
  sa.nEmpty += sb.nEmpty;
  sa.nComplete += sb.nComplete;
  sa.pScoreN += sb.pScoreN;
  sa.pScoreSum += sb.pScoreSum;
  sa.pScoreSq += sb.pScoreSq;
  sa.shiftSet.set(shiftSet);
  return { ...a, itemNames: [...a.itemNames], reversed: [...a.reversed], state: sa };
}
