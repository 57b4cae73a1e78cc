/**
 * The complete-case fast path of Gap 5 (blocks of rows whose answers of a dimension are all
 * present and whole scale points go through one fused pass that also counts the reliability's
 * answer patterns) gives the same numbers, digit for digit, as the general path: a row list
 * (`rows`) always takes the general path (per-item passes, scores finished separately, the
 * patterns counted in their own pass), so `gap5(dataset)` must equal `gap5(dataset, { rows:
 * 0..n − 1 })` exactly, on random surveys with and without missing answers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ServqualError } from "../../src/_lib/ServqualError";
import { gap5 } from "../../src/gaps/gap5";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { instruments } from "../../src/instrument/instruments";
import type { Instrument } from "../../src/instrument/types";
import type { Dataset } from "../../src/responses/types";
import { validateColumns } from "../../src/responses/validateColumns";

type Missing = "listwise" | "pairwise" | { minimumShare: number; atLeast?: number };

function everyRow(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** Both paths, compared as JSON text (every number printed in full; −0 and 0 alike). */
function expectBothPathsEqual(dataset: Dataset, reliability: boolean) {
  const fast = JSON.stringify(gap5(dataset, { reliability }));
  const general = JSON.stringify(gap5(dataset, { reliability, rows: everyRow(dataset.n) }));
  expect(fast).toBe(general);
}

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 48271) >>> 0) % 2147483647;
    return state / 2147483647;
  };
}

/** Columns E_<item>, P_<item> of n respondents: correlated whole points, NaN = missing. */
function columnsOf(
  instrument: Instrument,
  n: number,
  random: () => number,
  missingShare: number,
): Record<string, Float64Array> {
  const { min, max } = instrument.scale;
  const columns: Record<string, Float64Array> = {};
  const level = Float64Array.from({ length: n }, () => random());
  for (const dimension of instrument.dimensions) {
    for (const item of dimension.items) {
      for (const facet of ["E", "P"]) {
        columns[`${facet}_${item.id}`] = Float64Array.from(level, (l) => {
          if (random() < missingShare) return Number.NaN;
          const x = min + (l * 0.6 + random() * 0.4) * (max - min);
          return Math.max(min, Math.min(max, Math.round(x)));
        });
      }
    }
  }
  return columns;
}

const survey = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
  min: fc.integer({ min: 0, max: 2 }),
  width: fc.integer({ min: 1, max: 6 }),
  n: fc.integer({ min: 2, max: 60 }),
  missingShare: fc.constantFrom(0, 0, 0.02, 0.2),
  missing: fc.constantFrom<Missing>(
    "listwise",
    "pairwise",
    { minimumShare: 0.5 },
    { minimumShare: 0.5, atLeast: 2 },
  ),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
});

function instrumentOf(sizes: readonly number[], min: number, width: number): Instrument {
  return defineInstrument({
    id: "fast-path",
    name: "Fast path test survey",
    scale: { min, max: min + width },
    format: "expectation-perception",
    dimensions: sizes.map((size, d) => ({
      id: `d${d + 1}`,
      label: `Dimension ${d + 1}`,
      items: Array.from({ length: size }, (_, i) => ({
        id: `d${d + 1}i${i + 1}`,
        label: `Item ${i + 1} of dimension ${d + 1}`,
      })),
    })),
  });
}

describe("gap5's complete-case fast path equals the general path", () => {
  it("on random surveys with and without missing answers (1–6 items, scales of 2–7 points)", () => {
    fc.assert(
      fc.property(survey, (spec) => {
        const instrument = instrumentOf(spec.sizes, spec.min, spec.width);
        const columns = columnsOf(instrument, spec.n, seeded(spec.seed), spec.missingShare);
        let dataset: Dataset;
        try {
          dataset = validateColumns({ columns }, instrument, { missing: spec.missing }).dataset;
        } catch (error) {
          // Every row excluded (listwise with a missing answer in each): nothing to compare.
          expect((error as ServqualError).code).toBe("no-usable-rows");
          return;
        }
        expectBothPathsEqual(dataset, true);
        expectBothPathsEqual(dataset, false);
      }),
      { numRuns: 150 },
    );
  });

  // 40,000 respondents are three blocks of 16,384 rows: the first and last complete (fast
  // path), the middle one with missing answers in two dimensions (general path there, fast
  // path in the others), all merged into the same sums.
  const instrument = instruments.servqual22;
  const n = 40_000;
  const columns = columnsOf(instrument, n, seeded(20240101), 0);
  const missingRows = [20_000, 20_001, 25_000, 32_767];
  for (const row of missingRows) {
    (columns.E_1 as Float64Array)[row] = Number.NaN;
    (columns.P_7 as Float64Array)[row + 1] = Number.NaN;
  }

  it("on blocks of rows that mix complete and incomplete dimensions", () => {
    const { dataset } = validateColumns({ columns }, instrument);
    expect(dataset.n).toBe(n);
    expectBothPathsEqual(dataset, true);
    expectBothPathsEqual(dataset, false);
  });

  it("when a block holds a value off the scale's whole points (general path for it)", () => {
    const { dataset } = validateColumns({ columns }, instrument);
    // A dataset changed after validation: a half point in the third block.
    const column = dataset.facets.perception?.[5] as Float32Array | Float64Array;
    column[35_000] = 2.5;
    expectBothPathsEqual(dataset, true);
    expectBothPathsEqual(dataset, false);
  });
});
