/**
 * The kiosk_servqual oracle (test/fixtures/oracle/kiosk_servqual) in the shapes the stats tests need,
 * and a relative-tolerance matcher.
 */
import { expect } from "vitest";
import { loadItems, loadReference, loadRows, numericColumn } from "../oracle/loadOracle";

export interface KioskItem {
  readonly item: string;
  readonly E: string;
  readonly P: string;
  readonly dimension: string;
}

export interface KioskItems {
  readonly items: readonly KioskItem[];
  readonly dimension_order: readonly string[];
  readonly dimensions: Readonly<Record<string, readonly string[]>>;
}

/** R's `t.test` block. */
export interface RTTest {
  readonly t: number;
  readonly df: number;
  readonly p_value: number;
  readonly conf_low: number;
  readonly conf_high: number;
  readonly mean_difference: number;
  readonly stderr: number;
}

/** R's `wilcox.test` block. */
export interface RWilcoxon {
  readonly V: number;
  readonly p_value: number;
  readonly method: string;
  readonly notes: readonly string[];
}

/** `servqual.items.<item>`, `servqual.dimensions.<dimension>`, `servqual.overall`. */
export interface RPairedStats {
  readonly n: number;
  readonly mean_E: number;
  readonly mean_P: number;
  readonly mean_gap: number;
  readonly sd_E: number;
  readonly sd_P: number;
  readonly sd_gap: number;
  readonly se_gap: number;
  readonly cohen_dz: number;
  readonly n_zero_diff: number;
  readonly n_nonzero_diff: number;
  readonly t_test: RTTest;
  readonly wilcoxon: RWilcoxon;
  readonly wilcoxon_default_args: RWilcoxon;
  /** Dimensions and overall only. */
  readonly wilcoxon_on_integer_sums: RWilcoxon;
  readonly wilcoxon_default_args_on_integer_sums: RWilcoxon;
  readonly n_zero_diff_integer_sums: number;
}

/** `servqual.p_adjust.<family>`. */
export interface RPAdjust {
  readonly raw: Readonly<Record<string, number>>;
  readonly holm: Readonly<Record<string, number>>;
  readonly BH: Readonly<Record<string, number>>;
}

export interface RGroupStat {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
}

interface RTwoSampleT {
  readonly t: number;
  readonly df: number;
  readonly p_value: number;
  readonly conf_low: number;
  readonly conf_high: number;
}

/** `groups.two_groups.by_score.<score>`. */
export interface RTwoGroups {
  readonly levels: readonly string[];
  readonly groups: Readonly<Record<string, RGroupStat>>;
  readonly welch_t_test: RTwoSampleT;
  readonly student_t_test: RTwoSampleT;
  readonly mann_whitney_on_integer_sums: { readonly W: number; readonly p_value: number };
  readonly cohen_d_pooled: number;
}

interface RFTest {
  readonly F: number;
  readonly df1: number;
  readonly df2: number;
  readonly p_value: number;
}

/** `groups.many_groups.kiosk_use_frequency.by_score.<score>`. */
export interface RManyGroups {
  readonly levels: readonly string[];
  readonly groups: Readonly<Record<string, RGroupStat>>;
  readonly anova: RFTest;
  readonly welch_anova: RFTest;
  readonly kruskal_wallis_on_integer_sums: {
    readonly chi_squared: number;
    readonly df: number;
    readonly p_value: number;
  };
}

/** `groups.describe.<variable>` (psych::describe). */
export interface RDescribe {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly median: number;
  readonly trimmed_10: number;
  readonly mad: number;
  readonly min: number;
  readonly max: number;
  readonly range: number;
  readonly skew_type3: number;
  readonly kurtosis_type3: number;
  readonly se: number;
}

interface KioskReference {
  readonly servqual: {
    readonly items: Readonly<Record<string, RPairedStats>>;
    readonly dimensions: Readonly<Record<string, RPairedStats>>;
    readonly overall: RPairedStats;
    readonly p_adjust: Readonly<Record<string, RPAdjust>>;
  };
  readonly groups: {
    readonly two_groups: { readonly by_score: Readonly<Record<string, RTwoGroups>> };
    readonly many_groups: {
      readonly kiosk_use_frequency: { readonly by_score: Readonly<Record<string, RManyGroups>> };
    };
    readonly describe: Readonly<Record<string, RDescribe>>;
  };
}

const kioskReference = loadReference<KioskReference>("kiosk_servqual");

function entry<T>(record: Readonly<Record<string, T>>, key: string, where: string): T {
  const value = record[key];
  if (value === undefined) throw new Error(`no ${where}.${key} in the kiosk reference`);
  return value;
}

/** `servqual.items.<item>` */
export const refItem = (item: string): RPairedStats =>
  entry(kioskReference.servqual.items, item, "servqual.items");
/** `servqual.dimensions.<dimension>` */
export const refDimension = (dimension: string): RPairedStats =>
  entry(kioskReference.servqual.dimensions, dimension, "servqual.dimensions");
/** `servqual.overall` */
export const refOverall: RPairedStats = kioskReference.servqual.overall;
/** `servqual.p_adjust.<family>` */
export const refPAdjust = (family: string): RPAdjust =>
  entry(kioskReference.servqual.p_adjust, family, "servqual.p_adjust");
/** `groups.two_groups.by_score.<score>` (sex: F vs M) */
export const refTwoGroups = (score: string): RTwoGroups =>
  entry(kioskReference.groups.two_groups.by_score, score, "groups.two_groups.by_score");
/** `groups.many_groups.kiosk_use_frequency.by_score.<score>` */
export const refManyGroups = (score: string): RManyGroups =>
  entry(
    kioskReference.groups.many_groups.kiosk_use_frequency.by_score,
    score,
    "groups.many_groups.kiosk_use_frequency.by_score",
  );
/** `groups.describe.<variable>` */
export const refDescribe = (variable: string): RDescribe =>
  entry(kioskReference.groups.describe, variable, "groups.describe");
export const kioskItems: KioskItems = loadItems<KioskItems>("kiosk_servqual");
export const kioskRows = loadRows("kiosk_servqual");

/** Numeric column of the kiosk data (no missing values there). */
export function kioskColumn(name: string): number[] {
  return numericColumn(kioskRows, name).map((value) => {
    if (value === null) throw new Error(`unexpected missing value in ${name}`);
    return value;
  });
}

/** Text column of the kiosk data. */
export function kioskText(name: string): string[] {
  return kioskRows.map((row) => row[name] ?? "");
}

function itemsOf(itemIds: readonly string[]): KioskItem[] {
  return itemIds.map((id) => {
    const item = kioskItems.items.find((candidate) => candidate.item === id);
    if (item === undefined) throw new Error(`unknown item ${id}`);
    return item;
  });
}

/** Row sums of the E and P columns of the given items (integers, exact). */
export function integerSums(itemIds: readonly string[]): { E: number[]; P: number[] } {
  const items = itemsOf(itemIds);
  const E = kioskRows.map(() => 0);
  const P = kioskRows.map(() => 0);
  for (const item of items) {
    const e = kioskColumn(item.E);
    const p = kioskColumn(item.P);
    for (let i = 0; i < E.length; i++) {
      E[i] = (E[i] as number) + (e[i] as number);
      P[i] = (P[i] as number) + (p[i] as number);
    }
  }
  return { E, P };
}

/** Per respondent mean(P) − mean(E) over the items, as R's rowMeans(P) − rowMeans(E). */
export function meanGapScores(itemIds: readonly string[]): number[] {
  const { E, P } = integerSums(itemIds);
  const k = itemIds.length;
  return E.map((e, i) => (P[i] as number) / k - e / k);
}

/** Per respondent sum(P) − sum(E) over the items. */
export function sumGapScores(itemIds: readonly string[]): number[] {
  const { E, P } = integerSums(itemIds);
  return E.map((e, i) => (P[i] as number) - e);
}

export const allItemIds: readonly string[] = kioskItems.items.map((item) => item.item);

/** Asserts |actual − expected| ≤ rel·|expected| (or ≤ rel when expected is 0). */
export function expectClose(
  actual: number | null | undefined,
  expected: number | undefined,
  rel: number,
): void {
  if (expected === undefined) expect.fail("the expected reference value is missing");
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  const a = actual as number;
  const tolerance = rel * Math.max(Math.abs(expected), expected === 0 ? 1 : 0);
  if (!(Math.abs(a - expected) <= tolerance)) {
    expect.fail(`expected ${a} to be within ${rel} (relative) of ${expected}`);
  }
}

/** Split values by a text column, levels in alphabetical order (R's sort(unique(g))). */
export function splitBy(
  values: readonly number[],
  groups: readonly string[],
): Record<string, number[]> {
  const levels = [...new Set(groups)].sort();
  const out: Record<string, number[]> = {};
  for (const level of levels) out[level] = [];
  values.forEach((value, i) => {
    (out[groups[i] as string] as number[]).push(value);
  });
  return out;
}
