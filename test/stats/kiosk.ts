/**
 * The kiosk_servqual oracle (shared/oracle/kiosk_servqual) in the shapes the stats tests need,
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

// The reference is deeply nested JSON; tests index into it with known keys.
// biome-ignore lint/suspicious/noExplicitAny: JSON read from the oracle file
export type Reference = any;

export const kioskReference: Reference = loadReference("kiosk_servqual");
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
  expected: number,
  rel: number,
): void {
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
