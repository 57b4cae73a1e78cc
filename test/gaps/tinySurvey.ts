/**
 * A tiny two-dimension SERVQUAL-style survey for hand-worked gap tests: dimension A has items
 * a1, a2; dimension B has b1, b2, b3 (different sizes, so the item mean and the mean of
 * dimension scores differ). Answers on the 1..7 scale.
 */
import { defineInstrument } from "../../src/instrument/defineInstrument";
import type { InstrumentSpec } from "../../src/instrument/instrumentSchema";
import type { Instrument } from "../../src/instrument/types";

export const TINY_ITEMS = ["a1", "a2", "b1", "b2", "b3"] as const;

/** The specification of the tiny survey, as plain data (it also travels into a browser). */
export const tinySpec: InstrumentSpec = {
  id: "tiny-two-dimensions",
  name: "Tiny two-dimension survey",
  scale: { min: 1, max: 7 },
  format: "expectation-perception",
  dimensions: [
    {
      id: "A",
      label: "Dimension A",
      items: [
        { id: "a1", label: "first A item" },
        { id: "a2", label: "second A item" },
      ],
    },
    {
      id: "B",
      label: "Dimension B",
      items: [
        { id: "b1", label: "first B item" },
        { id: "b2", label: "second B item" },
        { id: "b3", label: "third B item" },
      ],
    },
  ],
};

export const tinyInstrument: Instrument = defineInstrument(tinySpec);

/** One answer per item in TINY_ITEMS order; null = left blank. */
export type Answers = readonly (number | null)[];

/** A wide record `respondent_id, E_a1.., P_a1..` plus extra cells (weights, segments). */
export function tinyRecord(
  id: string,
  e: Answers,
  p: Answers,
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const record: Record<string, unknown> = { respondent_id: id };
  TINY_ITEMS.forEach((item, i) => {
    record[`E_${item}`] = e[i] ?? "";
    record[`P_${item}`] = p[i] ?? "";
  });
  return { ...record, ...extra };
}

/** Compares with an absolute tolerance, failing on null. */
export function near(actual: number | null | undefined, expected: number, tolerance = 1e-12) {
  if (actual === null || actual === undefined) {
    throw new Error(`expected ${expected}, got ${String(actual)}`);
  }
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`expected ${expected} ± ${tolerance}, got ${actual}`);
  }
}

/** JSON.stringify that throws on NaN, ±Infinity or undefined numbers anywhere in the value. */
export function strictJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) {
      throw new Error(`non-finite number ${v} at key "${key}"`);
    }
    return v;
  });
}

/** Dimension specifications from `{ A: ["a1", "a2"], … }`: ids double as labels. */
export function dimensionsOf(items: Readonly<Record<string, readonly string[]>>) {
  return Object.entries(items).map(([id, ids]) => ({
    id,
    label: id,
    items: ids.map((item) => ({ id: item, label: item })),
  }));
}
