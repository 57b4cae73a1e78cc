/**
 * The one-pass grouped path of `accumulateGapsByGroup` (each row added to its group's tables as
 * it is read, no gathering) leaves every group's accumulator exactly as the row-list path of
 * `accumulateGaps` over that group's rows leaves it: the same numbers digit for digit (the
 * score sums are added in that path's blocks of 16,384 of the group's rows), on random surveys
 * with missing answers under every missing-data policy, and on groups larger than one block.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ServqualError } from "../../src/_lib/ServqualError";
import { finishGaps } from "../../src/gaps/finishGaps";
import { gap5 } from "../../src/gaps/gap5";
import {
  accumulateGaps,
  accumulateGapsByGroup,
  createGapAccumulator,
  type GapAccumulator,
} from "../../src/gaps/gapAccumulator";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { instruments } from "../../src/instrument/instruments";
import type { Instrument } from "../../src/instrument/types";
import type { Dataset } from "../../src/responses/types";
import { validateColumns } from "../../src/responses/validateColumns";

type Missing = "listwise" | "pairwise" | { minimumShare: number; atLeast?: number };

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 48271) >>> 0) % 2147483647;
    return state / 2147483647;
  };
}

/** Columns E_<item>, P_<item> of n respondents: correlated whole points, NaN = missing. */
function columnsOf(instrument: Instrument, n: number, random: () => number, missingShare: number) {
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

function instrumentOf(sizes: readonly number[], min: number, width: number): Instrument {
  return defineInstrument({
    id: "grouped-pass",
    name: "Grouped pass test survey",
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

const fresh = (dataset: Dataset, keyLimit?: number) =>
  createGapAccumulator(dataset.instrument, "expectation", "perception", keyLimit);

function rowsOf(groupOfRow: Int32Array, g: number, from = 0): Int32Array {
  const rows: number[] = [];
  for (let r = from; r < groupOfRow.length; r++) if (groupOfRow[r] === g) rows.push(r);
  return Int32Array.from(rows);
}

/** Every group's accumulator equals the row-list pass over its rows, number for number. */
function expectGroupsExact(dataset: Dataset, groupOfRow: Int32Array, groups: number) {
  const byGroup = accumulateGapsByGroup(
    Array.from({ length: groups }, () => fresh(dataset)),
    dataset,
    groupOfRow,
  );
  byGroup.forEach((acc: GapAccumulator, g) => {
    const alone = accumulateGaps(fresh(dataset), dataset, rowsOf(groupOfRow, g));
    expect(acc).toEqual(alone);
  });
  return byGroup;
}

const survey = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
  min: fc.integer({ min: 0, max: 2 }),
  width: fc.integer({ min: 1, max: 6 }),
  n: fc.integer({ min: 2, max: 80 }),
  groups: fc.integer({ min: 1, max: 5 }),
  missingShare: fc.constantFrom(0, 0, 0.05, 0.3),
  missing: fc.constantFrom<Missing>(
    "listwise",
    "pairwise",
    { minimumShare: 0.5 },
    { minimumShare: 0.5, atLeast: 2 },
  ),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
});

describe("accumulateGapsByGroup's one-pass grouped path", () => {
  it("equals the row-list pass over each group's rows exactly (property)", () => {
    fc.assert(
      fc.property(survey, (spec) => {
        const instrument = instrumentOf(spec.sizes, spec.min, spec.width);
        const random = seeded(spec.seed);
        const columns = columnsOf(instrument, spec.n, random, spec.missingShare);
        let dataset: Dataset;
        try {
          dataset = validateColumns({ columns }, instrument, { missing: spec.missing }).dataset;
        } catch (error) {
          expect((error as ServqualError).code).toBe("no-usable-rows");
          return;
        }
        // Groups −1 (left out) … groups − 1, in random order.
        const groupOfRow = Int32Array.from(
          { length: dataset.n },
          () => Math.floor(random() * (spec.groups + 1)) - 1,
        );
        const byGroup = expectGroupsExact(dataset, groupOfRow, spec.groups);
        // And each group's Gap 5 equals gap5 on the group's rows.
        byGroup.forEach((acc, g) => {
          const rows = rowsOf(groupOfRow, g);
          if (rows.length === 0) return;
          const tables = finishGaps(acc, dataset.instrument, dataset.missingPolicy, {
            required: "expectation",
            delivered: "perception",
          });
          const reference = gap5(dataset, { rows, reliability: false });
          expect(JSON.stringify(tables.dimensions)).toBe(JSON.stringify(reference.dimensions));
          expect(JSON.stringify(tables.items)).toBe(JSON.stringify(reference.items));
        });
      }),
      { numRuns: 120 },
    );
  });

  // 60,000 respondents in two groups, one of them larger than a block of 16,384 rows: its score
  // sums are added block by block as the row-list path adds them.
  const instrument = instruments.servqual22;
  const n = 60_000;
  const columns = columnsOf(instrument, n, seeded(20240301), 0.01);

  it("on groups larger than one block, rows in any order", () => {
    const { dataset } = validateColumns({ columns }, instrument, {
      missing: { minimumShare: 0.5 },
    });
    const random = seeded(7);
    const groupOfRow = Int32Array.from({ length: dataset.n }, () => (random() < 0.7 ? 0 : 1));
    expectGroupsExact(dataset, groupOfRow, 2);
  });

  it("many groups in random order (each piece's rows taken group by group): the same numbers", () => {
    const { dataset } = validateColumns({ columns }, instrument, { missing: "pairwise" });
    const random = seeded(23);
    // 60 groups and rows of no group: a piece of 4,096 rows touches far more than 16 groups.
    const groupOfRow = Int32Array.from({ length: dataset.n }, () => Math.floor(random() * 61) - 1);
    expectGroupsExact(dataset, groupOfRow, 60);
    // Runs of one group (a few groups per piece) then random again, in one pass.
    const mixed = Int32Array.from({ length: dataset.n }, (_, r) =>
      r < 30_000 ? Math.floor(r / 5_000) : Math.floor(random() * 60),
    );
    expectGroupsExact(dataset, mixed, 60);
  });

  it("pieces that grow and shrink with the groups' mix (180 groups shuffled, then sorted): the same numbers", () => {
    const { dataset } = validateColumns({ columns }, instrument, {
      missing: { minimumShare: 0.5 },
    });
    const random = seeded(31);
    // Random order first (runs of about 23 rows in a piece of 4,096: the pieces grow to 16,384),
    // then sorted runs of 2,000 rows (a few groups per piece: they shrink again), then random.
    const groupOfRow = Int32Array.from({ length: dataset.n }, (_, r) =>
      r < 25_000 || r >= 45_000 ? Math.floor(random() * 181) - 1 : Math.floor((r - 25_000) / 2_000),
    );
    expectGroupsExact(dataset, groupOfRow, 180);
  });

  it("accumulators without histograms (as gap cells keep them): the same sums and sign counts", () => {
    const { dataset } = validateColumns({ columns }, instrument, {
      missing: { minimumShare: 0.5 },
    });
    const bare = () => {
      const acc = fresh(dataset);
      for (const m of [
        ...acc.items,
        ...acc.dimensions,
        acc.overallItemMean,
        acc.overallUnweighted,
        acc.weightedOwn,
      ]) {
        m.histogram = null;
      }
      return acc;
    };
    const random = seeded(11);
    const groupOfRow = Int32Array.from({ length: dataset.n }, () => Math.floor(random() * 4) - 1);
    const byGroup = accumulateGapsByGroup([0, 1, 2].map(bare), dataset, groupOfRow);
    byGroup.forEach((acc, g) => {
      const alone = accumulateGaps(bare(), dataset, rowsOf(groupOfRow, g));
      expect(acc).toEqual(alone);
      // The signs agree with the full accumulator's (histograms kept).
      const full = accumulateGaps(fresh(dataset), dataset, rowsOf(groupOfRow, g));
      expect(acc.overallItemMean.negative).toBe(full.overallItemMean.negative);
      expect(acc.overallItemMean.zero).toBe(full.overallItemMean.zero);
      expect(acc.overallUnweighted.negative).toBe(full.overallUnweighted.negative);
      expect(acc.overallItemMean.histogram).toBeNull();
    });
  });

  it("falls back to the row-list path for bigint keys and for a value off the grid", () => {
    const { dataset } = validateColumns({ columns }, instrument);
    const groupOfRow = Int32Array.from({ length: dataset.n }, (_, r) => r % 3);
    // Bigint keys (forced): the row-list path, the same numbers.
    const big = accumulateGapsByGroup(
      [0, 1, 2].map(() => fresh(dataset, 0)),
      dataset,
      groupOfRow,
    );
    big.forEach((acc, g) => {
      expect(acc).toEqual(accumulateGaps(fresh(dataset, 0), dataset, rowsOf(groupOfRow, g)));
    });
    // A dataset changed after validation: a half point at row 30,000; the rows from there on
    // go through the row-list path. Counts are the same; sums agree to rounding.
    const column = dataset.facets.perception?.[3] as Float32Array | Float64Array;
    column[30_000] = 2.5;
    const byGroup = accumulateGapsByGroup(
      [0, 1, 2].map(() => fresh(dataset)),
      dataset,
      groupOfRow,
    );
    byGroup.forEach((acc, g) => {
      const alone = accumulateGaps(fresh(dataset), dataset, rowsOf(groupOfRow, g));
      expect(acc.respondents).toBe(alone.respondents);
      acc.items.forEach((item, i) => {
        expect(item.n).toBe(alone.items[i]?.n);
        expect(item.sumD).toBe(alone.items[i]?.sumD); // halves: exact
        expect(item.histogram).toEqual(alone.items[i]?.histogram);
      });
      acc.dimensions.forEach((dim, d) => {
        const ref = alone.dimensions[d] as GapAccumulator["dimensions"][number];
        expect(dim.n).toBe(ref.n);
        expect(Math.abs(dim.sumD2 - ref.sumD2)).toBeLessThanOrEqual(1e-9 * Math.abs(ref.sumD2));
      });
    });
    column[30_000] = 3;
  });
});
