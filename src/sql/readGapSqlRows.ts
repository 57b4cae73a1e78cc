import { ServqualError } from "../_lib/ServqualError";
import { createFacetItemAccumulators } from "../gaps/facetItemAccumulators";
import { createGapAccumulator, type GapAccumulator } from "../gaps/gapAccumulator";
import { averagedKey } from "../gaps/gapKeys";
import type { Instrument } from "../instrument/types";
import type {
  AccumulatorState,
  ItemCovarianceAccumulator,
} from "../psychometrics/itemCovarianceAccumulator";
import type { MissingPolicy } from "../responses/types";
import type { PairMoments } from "../stats/pairedAccumulator";
import type { FacetSlots, GapSqlLayout, PairSlots, TallyCode } from "./gapSqlPlan";

/** One row of a gap statement's result set, as a driver returns it. */
export type SqlResultRow = Readonly<Record<string, unknown>>;

/** The rows a respondent table had, how many were used, and why the others were not. */
export interface SqlValidationCounts {
  readonly rowsIn: number;
  readonly rowsUsed: number;
  readonly rowsExcluded: number;
  /** Blank answer cells of the used rows (as `report.blank`). */
  readonly blank: number;
  /** Answer cells of the used rows holding a not-applicable token (as `report.notApplicable`). */
  readonly notApplicable: number;
  /** Excluded rows by reason code (a row with two reasons counts under both). */
  readonly exclusionCounts: Readonly<Record<string, number>>;
  /** Issues by code (rejected answers over every row, weight issues over used rows). */
  readonly issueCounts: Readonly<Record<string, number>>;
  /** Rejected answers by column and code, for the columns that had any. */
  readonly rejectedAnswers: readonly {
    readonly column: string;
    readonly code: string;
    readonly count: number;
  }[];
}

/** The sums of one group, as read from the result set. */
export interface GapSqlGroupState {
  /** The group-by values (column name → value; empty without groupBy). */
  readonly group: Readonly<Record<string, string | number | boolean | null>>;
  readonly gaps: GapAccumulator;
  readonly items: ReturnType<typeof createFacetItemAccumulators> | null;
  readonly validation: SqlValidationCounts;
}

/** A result cell as a number: numbers, bigints and numeric text (PostgreSQL's NUMERIC) read. */
function toNumber(value: unknown, what: string): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  throw new ServqualError("invalid-input", "The SQL result set is not the one gapSql wrote.", [
    { code: "bad-sql-result", message: `${what} is ${String(value)}, not a number` },
  ]);
}

/** An array cell (a JS array, or an object with `items` as DuckDB's list values). */
function toArray(value: unknown, length: number, what: string): number[] {
  const items = Array.isArray(value)
    ? value
    : typeof value === "object" &&
        value !== null &&
        Array.isArray((value as { items?: unknown }).items)
      ? ((value as { items: unknown[] }).items as unknown[])
      : null;
  if (items === null || items.length !== length) {
    throw new ServqualError("invalid-input", "The SQL result set is not the one gapSql wrote.", [
      {
        code: "bad-sql-result",
        message: `${what} should be an array of ${length} numbers (was the statement built with the same instrument and options?)`,
      },
    ]);
  }
  return items.map((item, i) => toNumber(item, `${what}[${i}]`));
}

function groupValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") {
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function setPair(moments: PairMoments, slots: PairSlots, v: readonly number[]) {
  moments.n = v[slots.n] as number;
  moments.sumR = v[slots.sumR] as number;
  moments.sumR2 = v[slots.sumR2] as number;
  moments.sumD = v[slots.sumD] as number;
  moments.sumD2 = v[slots.sumD2] as number;
  moments.sumRD = v[slots.sumRD] as number;
}

function setFacet(acc: ItemCovarianceAccumulator, slots: FacetSlots, v: readonly number[]) {
  const s: AccumulatorState = acc.state;
  const read = (slot: number) => (slot < 0 ? 0 : (v[slot] as number));
  s.shift.fill(slots.shift);
  s.shiftSet.fill(1);
  s.scoreShift = slots.shift;
  s.nRows = read(slots.nRows);
  s.nEmpty = read(slots.nEmpty);
  s.nComplete = read(slots.nComplete);
  slots.ccSum.forEach((slot, i) => {
    s.ccSum[i] = read(slot);
  });
  slots.ccCross.forEach((slot, i) => {
    s.ccCross[i] = read(slot);
  });
  slots.pN.forEach((slot, i) => {
    s.pN[i] = read(slot);
  });
  slots.pSum.forEach((slot, i) => {
    s.pSum[i] = read(slot);
  });
  slots.pSq.forEach((slot, i) => {
    s.pSq[i] = read(slot);
  });
  slots.pCross.forEach((slot, i) => {
    s.pCross[i] = read(slot);
  });
  s.pScoreN = read(slots.pScoreN);
  s.pScoreSum = read(slots.pScoreSum);
  s.pScoreSq = read(slots.pScoreSq);
  slots.pScoreSumI.forEach((slot, i) => {
    s.pScoreSumI[i] = read(slot);
  });
  slots.pScoreSqI.forEach((slot, i) => {
    s.pScoreSqI[i] = read(slot);
  });
  slots.pScoreCrossI.forEach((slot, i) => {
    s.pScoreCrossI[i] = read(slot);
  });
}

function addKey(moments: PairMoments, key: number, sign: number, count: number) {
  if (sign < 0) moments.negative += count;
  else if (sign === 0) moments.zero += count;
  moments.histogram?.set(key, (moments.histogram.get(key) ?? 0) + count);
}

function tallyKey(code: number, tally: TallyCode) {
  const c = Math.floor(code / tally.width);
  return { c, steps: code - c * tally.width - tally.offset };
}

/**
 * Reads a gap statement's result set into one gap accumulator (and item sums) per group: the
 * same states `createGapAccumulator` / `createFacetItemAccumulators` filled row by row would hold.
 *
 * @throws {ServqualError} `invalid-input` (`bad-sql-result`) when the rows do not have the
 *   statement's shape.
 */
export function readGapSqlRows(
  rows: readonly SqlResultRow[],
  instrument: Instrument,
  layout: GapSqlLayout,
  groupNames: readonly string[],
  required: "expectation" | "adequate" | "desired",
  delivered: "perception",
  _policy: MissingPolicy,
): GapSqlGroupState[] {
  if (!Array.isArray(rows)) {
    throw new ServqualError("invalid-argument", "The SQL result must be an array of rows.", [
      { code: "bad-sql-result", message: "rows is not an array" },
    ]);
  }
  interface Pending {
    group: Record<string, string | number | boolean | null>;
    sums: number[] | null;
    /** Offsets of the part-0 shares seen. */
    shares: Set<number>;
    validation: number[] | null;
    histograms: [number, number, number][];
  }
  const byGroup = new Map<string, Pending>();
  /** A part-0 row: one statement's share of the sums (key = its offset), or all of them. */
  const readShare = (pending: Pending, row: SqlResultRow, r: number) => {
    const offset =
      row.key === null || row.key === undefined ? 0 : toNumber(row.key, `row ${r + 1} key`);
    const share =
      layout.sumSlices.find((s) => s.offset === offset) ??
      (offset === 0 ? { offset: 0, length: layout.slots } : undefined);
    const list = row.v as { length?: unknown; items?: { length?: unknown } } | null | undefined;
    const length = Array.isArray(list) ? list.length : list?.items?.length;
    const whole = offset === 0 && length === layout.slots;
    if (share === undefined || pending.shares.has(offset)) {
      throw new ServqualError("invalid-input", "The SQL result set is not the one gapSql wrote.", [
        {
          code: "bad-sql-result",
          message: `row ${r + 1}: ${share === undefined ? `no share of the sums starts at ${offset}` : `the share at ${offset} comes twice for one group`}`,
        },
      ]);
    }
    const values = toArray(row.v, whole ? layout.slots : share.length, `row ${r + 1} v`);
    pending.sums ??= new Array<number>(layout.slots).fill(0);
    for (let i = 0; i < values.length; i++) pending.sums[offset + i] = values[i] as number;
    if (whole) for (const s of layout.sumSlices) pending.shares.add(s.offset);
    else pending.shares.add(offset);
  };
  rows.forEach((row, r) => {
    if (typeof row !== "object" || row === null) {
      throw new ServqualError("invalid-input", "The SQL result set is not the one gapSql wrote.", [
        { code: "bad-sql-result", message: `row ${r + 1} is not an object` },
      ]);
    }
    const values = groupNames.map((_, g) => groupValue(row[`g${g}`]));
    const id = JSON.stringify(values);
    let pending = byGroup.get(id);
    if (pending === undefined) {
      const group: Record<string, string | number | boolean | null> = {};
      groupNames.forEach((name, g) => {
        group[name] = values[g] as string | number | boolean | null;
      });
      pending = { group, sums: null, shares: new Set(), validation: null, histograms: [] };
      byGroup.set(id, pending);
    }
    if (row.part === null || row.part === undefined) return; // a histogram's "not counted" cell
    const part = toNumber(row.part, `row ${r + 1} part`);
    if (part === 0) readShare(pending, row, r);
    else if (part === -1) {
      pending.validation = toArray(row.v, layout.validation.slots, `row ${r + 1} v`);
    } else {
      const [count] = toArray(row.v, 1, `row ${r + 1} v`);
      pending.histograms.push([part, toNumber(row.key, `row ${r + 1} key`), count as number]);
    }
  });

  const states: GapSqlGroupState[] = [];
  for (const pending of byGroup.values()) {
    const gaps = createGapAccumulator(instrument, required, delivered);
    if (pending.shares.size > 0 && pending.shares.size < layout.sumSlices.length) {
      throw new ServqualError("invalid-input", "The SQL result set is not the one gapSql wrote.", [
        {
          code: "bad-sql-result",
          message: `group ${JSON.stringify(Object.values(pending.group))} has ${pending.shares.size} of the ${layout.sumSlices.length} shares of the sums (were all of gapSql's statements run?)`,
        },
      ]);
    }
    const v = pending.sums ?? new Array<number>(layout.slots).fill(0);
    const scales = gaps.keyScales;
    layout.items.forEach((slots, i) => {
      setPair(gaps.items[i] as PairMoments, slots, v);
    });
    layout.dimensions.forEach((slots, d) => {
      setPair(gaps.dimensions[d] as PairMoments, slots, v);
    });
    layout.unscored.forEach((slot, d) => {
      gaps.unscored[d] = v[slot] as number;
    });
    setPair(gaps.overallItemMean, layout.itemMean, v);
    setPair(gaps.overallUnweighted, layout.unweighted, v);
    gaps.respondents = v[layout.respondents] as number;
    if (layout.weightedOwn !== null) {
      setPair(gaps.weightedOwn, layout.weightedOwn, v);
      gaps.weightedOwn.negative = v[layout.weightedOwn.negative] as number;
      gaps.weightedOwn.zero = v[layout.weightedOwn.zero] as number;
    }
    const fallback = layout.fallback;
    if (fallback !== null) {
      const fb = gaps.fallback;
      fb.n = v[fallback.n] as number;
      const copy = (to: number[], from: readonly number[]) => {
        from.forEach((slot, i) => {
          to[i] = v[slot] as number;
        });
      };
      copy(fb.sumR, fallback.sumR);
      copy(fb.sumD, fallback.sumD);
      copy(fb.crossGap, fallback.crossGap);
      copy(fb.crossR, fallback.crossR);
      copy(fb.crossD, fallback.crossD);
    }
    layout.weightSums?.forEach((slot, d) => {
      gaps.weightSums[d] = v[slot] as number;
    });
    if (layout.weightRespondents !== null) {
      gaps.weightRespondents = v[layout.weightRespondents] as number;
    }
    const partOf = new Map<number, (key: number, count: number) => void>();
    layout.parts.items.forEach((part, i) => {
      partOf.set(part, (key, count) =>
        addKey(gaps.items[i] as PairMoments, key, Math.sign(key), count),
      );
    });
    layout.parts.dimensions.forEach((part, d) => {
      partOf.set(part, (code, count) => {
        const { c, steps } = tallyKey(code, layout.dimensionTally[d] as TallyCode);
        const key = averagedKey(steps, c, scales.dimension[d] as number) as number;
        addKey(gaps.dimensions[d] as PairMoments, key, Math.sign(steps), count);
      });
    });
    partOf.set(layout.parts.itemMean, (code, count) => {
      const { c, steps } = tallyKey(code, layout.itemMeanTally);
      const key = averagedKey(steps, c, scales.overallItemMean) as number;
      addKey(gaps.overallItemMean, key, Math.sign(steps), count);
    });
    partOf.set(layout.parts.unweighted, (key, count) =>
      addKey(gaps.overallUnweighted, key, Math.sign(key), count),
    );
    for (const [part, key, count] of pending.histograms) {
      const add = partOf.get(part);
      if (add === undefined) {
        throw new ServqualError(
          "invalid-input",
          "The SQL result set is not the one gapSql wrote.",
          [{ code: "bad-sql-result", message: `part ${part} is not a histogram of the statement` }],
        );
      }
      add(key, count);
    }

    const anyFacets = layout.facets.some((f) => f !== null);
    const items = anyFacets ? createFacetItemAccumulators(instrument) : null;
    if (items !== null) {
      layout.facets.forEach((slots, d) => {
        const acc = items[d];
        if (slots === null || acc === null || acc === undefined) return;
        setFacet(acc.expectation, slots.required, v);
        setFacet(acc.perception, slots.delivered, v);
        setFacet(acc.gap, slots.gap, v);
      });
    }

    const w = pending.validation ?? new Array<number>(layout.validation.slots).fill(0);
    const exclusionCounts: Record<string, number> = {};
    for (const [code, slot] of Object.entries(layout.validation.reasons)) {
      const count = w[slot] as number;
      if (count > 0) exclusionCounts[code] = count;
    }
    const issueCounts: Record<string, number> = {};
    const rejectedAnswers: { column: string; code: string; count: number }[] = [];
    for (const { column, code, slot } of layout.validation.rejected) {
      const count = w[slot] as number;
      if (count === 0) continue;
      issueCounts[code] = (issueCounts[code] ?? 0) + count;
      rejectedAnswers.push({ column, code, count });
    }
    for (const [code, slot] of Object.entries(layout.validation.weightIssues)) {
      const count = v[slot] as number;
      if (count > 0) issueCounts[code] = (issueCounts[code] ?? 0) + count;
    }
    states.push({
      group: pending.group,
      gaps,
      items,
      validation: {
        rowsIn: w[layout.validation.rowsIn] as number,
        rowsUsed: v[layout.rowsUsed] as number,
        rowsExcluded: w[layout.validation.rowsExcluded] as number,
        blank: v[layout.blank] as number,
        notApplicable: v[layout.notApplicable] as number,
        exclusionCounts,
        issueCounts,
        rejectedAnswers,
      },
    });
  }
  return states;
}
