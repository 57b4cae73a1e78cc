import {
  type AccumulatorState,
  addPartialRow,
  badCell,
  type ItemCovarianceAccumulator,
  setShifts,
} from "./itemCovarianceAccumulator";

/** A typed column of answers (NaN = missing). */
type NumericColumn = Float32Array | Float64Array;

/** The most answer patterns one table may hold (entries; 2 MiB of 32-bit counts). */
const MAX_PATTERNS = 1 << 19;

/** Items per dimension the pattern pass handles (shorter dimensions are padded). */
const MAX_ITEMS = 5;

/** Rows per run of the pattern pass (the rows to add one by one are listed per run). */
const STRETCH = 1 << 16;

/** Error messages name this function: the general path's entry. */
const FN = "accumulateItemColumns";

/**
 * Whether {@link accumulatePairedIntegerColumns} can count the answer patterns of `k` items on the
 * integer scale min…max: keys are written in base 2·(max − min) + 1 (the number of gap values),
 * so a dimension has that base to the power k possible patterns, and their table must stay
 * small; and at most five items (the pass is written out for five).
 *
 * @param k - Items of the dimension.
 * @param min - Smallest scale point.
 * @param max - Largest scale point.
 * @returns True when the scale points are integers and the pattern tables fit.
 * @example
 * pairedIntegerPatternsFit(5, 1, 7) //=> true (13⁵ = 371,293 patterns)
 * pairedIntegerPatternsFit(6, 1, 7) //=> false
 */
export function pairedIntegerPatternsFit(k: number, min: number, max: number): boolean {
  if (!Number.isInteger(k) || k < 1 || k > MAX_ITEMS) return false;
  if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) return false;
  return (2 * (max - min) + 1) ** k <= MAX_PATTERNS;
}

/**
 * Zeroed count tables, reused from call to call (each call sets the entries it counted back to
 * zero before it returns, also when it throws), so that a dataset read in many pieces does not
 * first-touch fresh megabytes for every piece.
 */
const pool: Int32Array[] = [];

function zeroedTable(slot: number, size: number): Int32Array {
  let table = pool[slot];
  if (table === undefined || table.length < size) {
    table = new Int32Array(size);
    pool[slot] = table;
  }
  return table;
}

/** One facet's pattern counts of a call: the table and the keys counted at least once. */
export interface Patterns {
  readonly table: Int32Array;
  readonly touched: Int32Array;
  /** [0]: the number of keys in `touched` (a typed array, written where a key is first seen). */
  readonly size: Int32Array;
}

function patterns(slot: number, tableSize: number, rows: number): Patterns {
  return {
    table: zeroedTable(slot, tableSize),
    touched: new Int32Array(Math.max(1, Math.min(tableSize, rows))),
    size: new Int32Array(1),
  };
}

/** Sets every counted entry back to zero (the table's invariant between calls). */
function clear(p: Patterns): void {
  for (let t = 0; t < (p.size[0] as number); t++) p.table[p.touched[t] as number] = 0;
  p.size[0] = 0;
}

/**
 * Moves the pattern counts into the complete-case sums of the accumulator: a pattern seen c
 * times adds c·dᵢ to Σdᵢ and c·dᵢ·dⱼ to Σdᵢdⱼ (integers, so every sum is exact, as the
 * row-by-row products are), then sets its count back to zero.
 */
function flush(
  acc: ItemCovarianceAccumulator,
  p: Patterns,
  base: number,
  lowest: number,
  d: Float64Array,
): void {
  const k = acc.k;
  const s: AccumulatorState = acc.state;
  const ccSum = s.ccSum;
  const ccCross = s.ccCross;
  let complete = 0;
  for (let t = 0; t < (p.size[0] as number); t++) {
    const key = p.touched[t] as number;
    const count = p.table[key] as number;
    p.table[key] = 0;
    complete += count;
    let rest = key;
    for (let i = 0; i < k; i++) {
      const digit = rest % base;
      rest = (rest - digit) / base;
      d[i] = recoded(acc, i, lowest + digit);
    }
    for (let i = 0; i < k; i++) {
      const di = d[i] as number;
      const cdi = count * di;
      ccSum[i] = (ccSum[i] as number) + cdi;
      const row = i * k;
      for (let j = i; j < k; j++)
        ccCross[row + j] = (ccCross[row + j] as number) + cdi * (d[j] as number);
    }
  }
  p.size[0] = 0;
  s.nComplete += complete;
}

/** The shifted, recoded value of item i, computed as the general path's block fillers do. */
function recoded(acc: ItemCovarianceAccumulator, i: number, v: number): number {
  const shift = acc.state.shift[i] as number;
  return acc.reversed[i] === true ? (acc.reverseSum as number) - shift - v : -shift + v;
}

/**
 * One row that cannot be counted as a pattern (a missing answer, or a value off the integer
 * grid), added as the general path adds it: a complete row to the complete-case sums, a row with
 * some answers to the pairwise sums, a row without answers counted as empty.
 */
function addRow(
  acc: ItemCovarianceAccumulator,
  minuend: readonly NumericColumn[],
  subtrahend: readonly NumericColumn[] | null,
  row: number,
  d: Float64Array,
  idx: Int32Array,
): void {
  const k = acc.k;
  const s = acc.state;
  let m = 0;
  for (let i = 0; i < k; i++) {
    const a = (minuend[i] as NumericColumn)[row] as number;
    let v = a;
    if (subtrahend !== null) {
      const b = (subtrahend[i] as NumericColumn)[row] as number;
      v = a - b;
      if (v - v !== 0) {
        const name = acc.itemNames[i] as string;
        if (!Number.isNaN(a) && !Number.isFinite(a)) badCell(FN, a, row, name);
        if (!Number.isNaN(b) && !Number.isFinite(b)) badCell(FN, b, row, name);
      }
    } else if (v - v !== 0 && !Number.isNaN(v)) {
      badCell(FN, v, row, acc.itemNames[i] as string);
    }
    if (v - v === 0) {
      d[i] = recoded(acc, i, v);
      idx[m++] = i;
    }
  }
  if (m === 0) {
    s.nEmpty++;
  } else if (m < k) {
    addPartialRow(s, k, d, idx, m);
  } else {
    for (let i = 0; i < k; i++) {
      const di = d[i] as number;
      s.ccSum[i] = (s.ccSum[i] as number) + di;
      for (let j = i; j < k; j++) {
        s.ccCross[i * k + j] = (s.ccCross[i * k + j] as number) + di * (d[j] as number);
      }
    }
    s.nComplete++;
  }
}

/** Adds one to a pattern's count, noting the key the first time. */
export function countKey(
  table: Int32Array,
  touched: Int32Array,
  size: Int32Array,
  key: number,
): void {
  const c = table[key] as number;
  table[key] = c + 1;
  if (c !== 0) return;
  const at = size[0] as number;
  touched[at] = key;
  size[0] = at + 1;
}

/**
 * The pattern pass over rows from…to − 1 of five E and five P columns (a shorter dimension repeats
 * its first columns with weight 0): a row whose answers are all integers on the scale adds one
 * to its E, P and gap pattern; otherwise the facets on the grid are counted and the row is
 * listed in `later` with flags (1: E missing or off the grid, 2: P) to be added one by one.
 * Returns the number of rows listed. Written out for five items (with a loop over the items
 * the pass takes about twice as long) and run over long stretches of rows, so that the
 * optimised loop is seldom left.
 */
function countPatterns(
  e: readonly NumericColumn[],
  p: readonly NumericColumn[],
  weight: Float64Array,
  gapWeight: Float64Array,
  from: number,
  to: number,
  min: number,
  range: number,
  gapOffset: number,
  counts: readonly [Patterns, Patterns, Patterns],
  later: Int32Array,
  laterFlags: Uint8Array,
): number {
  const [pe, pp, pg] = counts;
  const e0 = e[0] as NumericColumn;
  const e1 = e[1] as NumericColumn;
  const e2 = e[2] as NumericColumn;
  const e3 = e[3] as NumericColumn;
  const e4 = e[4] as NumericColumn;
  const p0 = p[0] as NumericColumn;
  const p1 = p[1] as NumericColumn;
  const p2 = p[2] as NumericColumn;
  const p3 = p[3] as NumericColumn;
  const p4 = p[4] as NumericColumn;
  const w1 = weight[1] as number;
  const w2 = weight[2] as number;
  const w3 = weight[3] as number;
  const w4 = weight[4] as number;
  const v1 = gapWeight[1] as number;
  const v2 = gapWeight[2] as number;
  const v3 = gapWeight[3] as number;
  const v4 = gapWeight[4] as number;
  const tableE = pe.table;
  const tableP = pp.table;
  const tableG = pg.table;
  const touchedE = pe.touched;
  const touchedP = pp.touched;
  const touchedG = pg.touched;
  const sizeE = pe.size;
  const sizeP = pp.size;
  const sizeG = pg.size;
  let listed = 0;
  for (let r = from; r < to; r++) {
    // On the grid: an integer 0 ≤ t < range (NaN, fractions and ±Infinity are not).
    const a0 = (e0[r] as number) - min;
    const a1 = (e1[r] as number) - min;
    const a2 = (e2[r] as number) - min;
    const a3 = (e3[r] as number) - min;
    const a4 = (e4[r] as number) - min;
    const c0 = (p0[r] as number) - min;
    const c1 = (p1[r] as number) - min;
    const c2 = (p2[r] as number) - min;
    const c3 = (p3[r] as number) - min;
    const c4 = (p4[r] as number) - min;
    const okE =
      a0 >>> 0 === a0 &&
      a0 < range &&
      a1 >>> 0 === a1 &&
      a1 < range &&
      a2 >>> 0 === a2 &&
      a2 < range &&
      a3 >>> 0 === a3 &&
      a3 < range &&
      a4 >>> 0 === a4 &&
      a4 < range;
    const okP =
      c0 >>> 0 === c0 &&
      c0 < range &&
      c1 >>> 0 === c1 &&
      c1 < range &&
      c2 >>> 0 === c2 &&
      c2 < range &&
      c3 >>> 0 === c3 &&
      c3 < range &&
      c4 >>> 0 === c4 &&
      c4 < range;
    const keyE = (a0 + w1 * a1 + w2 * a2 + w3 * a3 + w4 * a4) | 0;
    const keyP = (c0 + w1 * c1 + w2 * c2 + w3 * c3 + w4 * c4) | 0;
    if (okE) countKey(tableE, touchedE, sizeE, keyE);
    if (okP) countKey(tableP, touchedP, sizeP, keyP);
    if (okE && okP) {
      const keyG =
        (c0 - a0 + v1 * (c1 - a1) + v2 * (c2 - a2) + v3 * (c3 - a3) + v4 * (c4 - a4) + gapOffset) |
        0;
      countKey(tableG, touchedG, sizeG, keyG);
    } else {
      later[listed] = r;
      laterFlags[listed] = (okE ? 0 : 1) | (okP ? 0 : 2);
      listed++;
    }
  }
  return listed;
}

/**
 * One dimension's pattern count in progress: its three accumulators and columns, the count
 * tables and the rows to add one by one. Begun by {@link beginPairedPatterns}, fed with
 * {@link countPairedRows} (or, for rows known to be complete and on the grid, key by key with
 * {@link countKey} on its tables), ended by {@link endPairedPatterns} and always
 * released by {@link releasePairedPatterns}.
 */
export interface PairedPatternSession {
  readonly expectation: ItemCovarianceAccumulator;
  readonly perception: ItemCovarianceAccumulator;
  readonly gap: ItemCovarianceAccumulator;
  readonly eColumns: readonly NumericColumn[];
  readonly pColumns: readonly NumericColumn[];
  /** Rows of the columns. */
  readonly n: number;
  readonly min: number;
  /** Scale points R = max − min + 1. */
  readonly range: number;
  /** Per item: R^i, the weight of its digit in the E and P keys (0 for padding slots). */
  readonly weight: Float64Array;
  /** Per item: (2R − 1)^i, the weight of its gap digit in the gap key (0 for padding slots). */
  readonly gapWeight: Float64Array;
  /** (R − 1)·Σ gapWeight: the gap key of a row is Σ (cᵢ − aᵢ)·gapWeightᵢ + gapOffset. */
  readonly gapOffset: number;
  /** The E, P and gap count tables. */
  readonly counts: readonly [Patterns, Patterns, Patterns];
  readonly eSlots: readonly NumericColumn[];
  readonly pSlots: readonly NumericColumn[];
  readonly later: Int32Array;
  readonly laterFlags: Uint8Array;
  readonly d: Float64Array;
  readonly idx: Int32Array;
}

/**
 * Begins counting the answer patterns of one dimension's E, P and gap items (see
 * {@link accumulatePairedIntegerColumns}): takes each accumulator's shifts from the columns and
 * takes three zeroed count tables from the pool (`slot`, `slot + 1`, `slot + 2`).
 *
 * @param slot - First of the three pool tables to use (sessions open at once use distinct slots).
 * @returns The session, or null (nothing changed) when the patterns do not fit or the columns
 *   are not typed columns of one length.
 * @example
 * const session = beginPairedPatterns(e, p, g, eColumns, pColumns, { min: 1, max: 7 });
 */
export function beginPairedPatterns(
  expectation: ItemCovarianceAccumulator,
  perception: ItemCovarianceAccumulator,
  gap: ItemCovarianceAccumulator,
  eColumns: readonly NumericColumn[],
  pColumns: readonly NumericColumn[],
  scale: { readonly min: number; readonly max: number },
  slot = 0,
): PairedPatternSession | null {
  const k = expectation.k;
  const { min, max } = scale;
  if (perception.k !== k || gap.k !== k || eColumns.length !== k || pColumns.length !== k) {
    return null;
  }
  if (!pairedIntegerPatternsFit(k, min, max)) return null;
  const typed = (c: unknown) => c instanceof Float64Array || c instanceof Float32Array;
  const n = (eColumns[0] as NumericColumn | undefined)?.length ?? 0;
  for (let i = 0; i < k; i++) {
    const e = eColumns[i];
    const p = pColumns[i];
    if (!typed(e) || !typed(p) || e?.length !== n || p?.length !== n) return null;
  }

  setShifts(expectation, n, (i, r) => (eColumns[i] as NumericColumn)[r]);
  setShifts(perception, n, (i, r) => (pColumns[i] as NumericColumn)[r]);
  setShifts(
    gap,
    n,
    (i, r) =>
      ((pColumns[i] as NumericColumn)[r] as number) - ((eColumns[i] as NumericColumn)[r] as number),
  );

  const range = max - min + 1;
  const base = 2 * range - 1;
  // Five slots: the dimension's columns, then its first columns again with weight 0.
  const eSlots: NumericColumn[] = [];
  const pSlots: NumericColumn[] = [];
  const weight = new Float64Array(MAX_ITEMS);
  const gapWeight = new Float64Array(MAX_ITEMS);
  let gapWeightSum = 0;
  for (let i = 0, w = 1, v = 1; i < MAX_ITEMS; i++, w *= range, v *= base) {
    eSlots.push(eColumns[i % k] as NumericColumn);
    pSlots.push(pColumns[i % k] as NumericColumn);
    weight[i] = i < k ? w : 0;
    gapWeight[i] = i < k ? v : 0;
    gapWeightSum += i < k ? v : 0;
  }
  return {
    expectation,
    perception,
    gap,
    eColumns,
    pColumns,
    n,
    min,
    range,
    weight,
    gapWeight,
    gapOffset: (range - 1) * gapWeightSum,
    counts: [
      patterns(slot, range ** k, n),
      patterns(slot + 1, range ** k, n),
      patterns(slot + 2, base ** k, n),
    ],
    eSlots,
    pSlots,
    later: new Int32Array(Math.min(n, STRETCH)),
    laterFlags: new Uint8Array(Math.min(n, STRETCH)),
    d: new Float64Array(k),
    idx: new Int32Array(k),
  };
}

/**
 * Counts rows from…to − 1 of a session: complete rows on the grid as patterns, the others added
 * one by one (in row order) as the general path adds them. Call it for consecutive ranges in
 * row order.
 *
 * @example
 * countPairedRows(session, 0, session.n);
 */
export function countPairedRows(session: PairedPatternSession, from: number, to: number): void {
  const { expectation, perception, gap, eColumns, pColumns, d, idx } = session;
  for (let start = from; start < to; start += STRETCH) {
    const listed = countPatterns(
      session.eSlots,
      session.pSlots,
      session.weight,
      session.gapWeight,
      start,
      Math.min(to, start + STRETCH),
      session.min,
      session.range,
      session.gapOffset,
      session.counts,
      session.later,
      session.laterFlags,
    );
    // Rows with a missing answer or off the grid, in row order, as the general path adds them.
    for (let j = 0; j < listed; j++) {
      const row = session.later[j] as number;
      const flags = session.laterFlags[j] as number;
      if ((flags & 1) !== 0) addRow(expectation, eColumns, null, row, d, idx);
      if ((flags & 2) !== 0) addRow(perception, pColumns, null, row, d, idx);
      addRow(gap, pColumns, eColumns, row, d, idx);
    }
  }
}

/**
 * Moves a session's pattern counts into its accumulators and counts its rows (call once, after
 * every row was counted).
 *
 * @example
 * endPairedPatterns(session);
 */
export function endPairedPatterns(session: PairedPatternSession): void {
  const { expectation, perception, gap, counts, range, min, d, n } = session;
  flush(expectation, counts[0], range, min, d);
  flush(perception, counts[1], range, min, d);
  flush(gap, counts[2], 2 * range - 1, 1 - range, d);
  expectation.state.nRows += n;
  perception.state.nRows += n;
  gap.state.nRows += n;
}

/**
 * Sets a session's count tables back to zero for the next user (also after an error).
 *
 * @example
 * try { … } finally { releasePairedPatterns(session); }
 */
export function releasePairedPatterns(session: PairedPatternSession): void {
  for (const p of session.counts) clear(p);
}

/**
 * Adds the expectation, perception and gap (P − E) items of one dimension to their three item
 * accumulators in one pass over the E and P columns, for answers on an integer scale min…max.
 *
 * A complete row's answers form a pattern, the key Σᵢ (xᵢ − min)·Rⁱ with R = max − min + 1
 * (gaps: Σᵢ (gᵢ + R − 1)·Bⁱ with B = 2R − 1); the pass counts patterns instead of multiplying,
 * and the cross-products follow from the counts: Σ_rows dᵢdⱼ = Σ_patterns count·dᵢdⱼ. On
 * integers both are exact, so the sums equal those of {@link accumulateItemColumns} called three
 * times (E, P, and P with `subtract: E`), bit for bit. Rows with a missing answer, or a value
 * off the grid, are added one by one as the general path adds them (pairwise sums, in row
 * order).
 *
 * Reference: counting response patterns for moment sums is the frequency-table form of the
 * sums of squares and products (e.g. Kendall & Stuart, The Advanced Theory of Statistics,
 * vol. 1, on grouped data); the shifted sums are Chan, Golub & LeVeque (1983).
 *
 * @param expectation - Accumulator of the dimension's E items.
 * @param perception - Accumulator of its P items (same k).
 * @param gap - Accumulator of its gap items P − E (same k).
 * @param eColumns - The E columns (NaN = missing), one per item.
 * @param pColumns - The P columns, same count and length.
 * @param scale - The integer scale's smallest and largest points.
 * @returns False, having added nothing, when the patterns do not fit
 *   ({@link pairedIntegerPatternsFit}) or the columns are not typed columns of one length;
 *   true when the rows were added.
 * @throws {ServqualError} `invalid-input` for ±Infinity, naming row and item.
 * @example
 * const fits = accumulatePairedIntegerColumns(e, p, g, eColumns, pColumns, { min: 1, max: 7 });
 * if (!fits) {
 *   accumulateItemColumns(e, eColumns);
 *   accumulateItemColumns(p, pColumns);
 *   accumulateItemColumns(g, pColumns, { subtract: eColumns });
 * }
 */
export function accumulatePairedIntegerColumns(
  expectation: ItemCovarianceAccumulator,
  perception: ItemCovarianceAccumulator,
  gap: ItemCovarianceAccumulator,
  eColumns: readonly NumericColumn[],
  pColumns: readonly NumericColumn[],
  scale: { readonly min: number; readonly max: number },
): boolean {
  const session = beginPairedPatterns(expectation, perception, gap, eColumns, pColumns, scale);
  if (session === null) return false;
  try {
    countPairedRows(session, 0, session.n);
    endPairedPatterns(session);
  } finally {
    releasePairedPatterns(session);
  }
  return true;
}
