/**
 * Shared helpers of the response-validation tests: complete SERVQUAL-22 rows, column look-up by
 * item id, and checks that a call throws a ServqualError and that a message reads as a sentence.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { expect } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { itemsOf } from "../../src/instrument/itemsOf";
import type { Facet, Instrument } from "../../src/instrument/types";
import type { AnswerColumn, Dataset } from "../../src/responses/types";

/** Item ids "1".."22" of the SERVQUAL instruments. */
export const ITEM_IDS: readonly string[] = Array.from({ length: 22 }, (_, i) => String(i + 1));

/** The importance-point columns of the SERVQUAL-22 dimensions, in instrument order. */
export const WEIGHT_COLUMNS: readonly string[] = [
  "W_tangibles",
  "W_reliability",
  "W_responsiveness",
  "W_assurance",
  "W_empathy",
];

/**
 * A complete wide SERVQUAL row (default column names): every E answer `e`, every P answer `p`,
 * then the overrides (which may also blank or add cells).
 */
export function fullRecord(
  id: string,
  overrides: Readonly<Record<string, unknown>> = {},
  e: string | number = "6",
  p: string | number = "5",
): Record<string, unknown> {
  const record: Record<string, unknown> = { respondent_id: id };
  for (const item of ITEM_IDS) record[`E_${item}`] = e;
  for (const item of ITEM_IDS) record[`P_${item}`] = p;
  return { ...record, ...overrides };
}

/** The importance points of a row as W_ cells, in dimension order. */
export function weightCells(points: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(WEIGHT_COLUMNS.map((name, d) => [name, points[d]]));
}

/** One facet column of a dataset, found by item id. */
export function columnOf(
  dataset: Dataset,
  facet: Facet,
  itemId: string,
  instrument: Instrument = dataset.instrument,
): AnswerColumn {
  const index = itemsOf(instrument).findIndex((item) => item.id === itemId);
  const column = dataset.facets[facet]?.[index];
  if (column === undefined) throw new Error(`no ${facet} column for item ${itemId}`);
  return column;
}

/** A respondent's value in one facet column, by respondent id. */
export function cellValue(dataset: Dataset, id: string, facet: Facet, itemId: string): number {
  const row = dataset.ids.indexOf(id);
  if (row < 0) throw new Error(`respondent ${id} is not in the dataset`);
  return columnOf(dataset, facet, itemId)[row] as number;
}

/** Runs `run`, expects it to throw a ServqualError, and returns the error. */
export function servqualErrorOf(run: () => unknown): ServqualError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ServqualError);
    return error as ServqualError;
  }
  throw new Error("expected a ServqualError, but nothing was thrown");
}

/**
 * A message a person can read: a single line of several words, not too long, with no
 * leaked `undefined` / `[object …]` and no raw cell content beyond a short quote.
 */
export function expectSentence(message: string): void {
  expect(message).not.toMatch(/\n/);
  expect(message.trim().split(/\s+/).length).toBeGreaterThanOrEqual(4);
  expect(message.length).toBeLessThan(400);
  expect(message).not.toMatch(/undefined|\[object /);
  expect(message).toMatch(/^["a-zA-Z0-9]/);
}

/** The demo survey data/demo-bank.csv, parsed with papaparse (header row, blank lines skipped). */
export function demoRows(): Record<string, string>[] {
  const text = readFileSync(new URL("../../data/demo-bank.csv", import.meta.url), "utf8");
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  return parsed.data;
}
