/**
 * Row selection (`rows`) and one pass per group, as fast-check properties on random small
 * surveys: an analysis of a selection of rows equals the same analysis of a dataset validated
 * from just those records (built independently, record by record), for gap5, servperf, zones of
 * tolerance, importance–performance and gap reliability; per-group accumulators filled in one
 * pass equal each group's own pass, and merged they equal the pass over every grouped row.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { finishGaps } from "../../src/gaps/finishGaps";
import { gap5 } from "../../src/gaps/gap5";
import {
  accumulateGaps,
  accumulateGapsByGroup,
  createGapAccumulator,
  type GapAccumulator,
  mergeGapAccumulators,
} from "../../src/gaps/gapAccumulator";
import { gapReliability } from "../../src/gaps/gapReliability";
import { importancePerformance } from "../../src/gaps/importancePerformance";
import { servperf } from "../../src/gaps/servperf";
import { zonesOfTolerance } from "../../src/gaps/zonesOfTolerance";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import type { Instrument } from "../../src/instrument/types";
import type { Dataset } from "../../src/responses/types";
import { validateResponses } from "../../src/responses/validateResponses";
import type { ValidationOptions } from "../../src/responses/validationOptions";
import { expectSameJson } from "./sameJson";
import { dimensionsOf, strictJson } from "./tinySurvey";

const DIMENSIONS = { A: ["a1", "a2"], B: ["b1", "b2", "b3"], C: ["c1"] };
const ITEMS = Object.values(DIMENSIONS).flat();
const paired = defineInstrument({
  id: "rows-ep",
  name: "Row selection test survey",
  scale: { min: 1, max: 7 },
  format: "expectation-perception",
  dimensions: dimensionsOf(DIMENSIONS),
});
const tolerance = defineInstrument({
  id: "rows-tolerance",
  name: "Row selection three-column survey",
  scale: { min: 1, max: 7 },
  format: "tolerance",
  dimensions: dimensionsOf(DIMENSIONS),
});

const cell = fc.option(fc.integer({ min: 1, max: 7 }), { freq: 4, nil: null });
const cells = fc.array(cell, { minLength: ITEMS.length, maxLength: ITEMS.length });
const complete = fc.array(fc.integer({ min: 1, max: 7 }), {
  minLength: ITEMS.length,
  maxLength: ITEMS.length,
});
/** Three sides of answers per respondent (E/P use the first two), weights and importance. */
const respondent = fc.record({
  sides: fc.tuple(cells, cells, cells),
  weights: fc.option(
    fc
      .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
      .map(([x, y]) => [Math.min(x, y), Math.abs(x - y), 100 - Math.max(x, y)]),
    { nil: null },
  ),
  importance: cells,
});
type Respondent = typeof respondent extends fc.Arbitrary<infer T> ? T : never;
const completeRespondent = fc
  .tuple(complete, complete, complete, respondent)
  .map(([a, b, c, r]): Respondent => ({ ...r, sides: [a, b, c] }));
/** The first respondent answers everything, so every policy keeps a row. */
const survey = fc
  .tuple(completeRespondent, fc.array(respondent, { minLength: 1, maxLength: 14 }))
  .map(([first, rest]) => [first, ...rest]);
const policy = fc.constantFrom<ValidationOptions["missing"]>(
  "pairwise",
  "listwise",
  { minimumShare: 0.5 },
  { minimumShare: 0.5, atLeast: 2 },
);

const blank = (value: number | null | undefined) =>
  value === null || value === undefined ? "" : value;

function record(r: Respondent, id: string, format: Instrument["format"]): Record<string, unknown> {
  const out: Record<string, unknown> = { respondent_id: id };
  const prefixes = format === "tolerance" ? ["MIN_", "DES_", "P_"] : ["E_", "P_"];
  ITEMS.forEach((item, i) => {
    prefixes.forEach((prefix, side) => {
      out[`${prefix}${item}`] = blank(r.sides[side]?.[i]);
    });
    out[`I_${item}`] = blank(r.importance[i]);
  });
  Object.keys(DIMENSIONS).forEach((d, k) => {
    out[`W_${d}`] = r.weights === null ? "" : r.weights[k];
  });
  return out;
}

interface Case {
  readonly dataset: Dataset;
  readonly rows: Int32Array;
  /** A dataset validated from the selected records alone, in selection order. */
  readonly subset: Dataset;
}

/** The dataset, a selection of its rows (repeats allowed) and the subset built from records. */
function makeCase(
  respondents: readonly Respondent[],
  missing: ValidationOptions["missing"],
  picks: readonly number[],
  instrument: Instrument,
): Case | null {
  const records = respondents.map((r, i) => record(r, `id${i}`, instrument.format));
  const { dataset } = validateResponses(records, instrument, { missing });
  if (dataset.n === 0) return null;
  const rows = Int32Array.from(picks, (p) => p % dataset.n);
  const byId = new Map(records.map((r) => [r.respondent_id as string, r]));
  const selected = Array.from(rows, (r, i) => ({
    ...byId.get(dataset.ids[r] as string),
    respondent_id: `pick${i}`,
  }));
  const subset = validateResponses(selected, instrument, { missing });
  expect(subset.report.rowsUsed).toBe(rows.length);
  return { dataset, rows, subset: subset.dataset };
}

const json = (value: unknown) => JSON.parse(strictJson(value)) as unknown;
const picks = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 20 });

describe("analysis(dataset, { rows }) equals the analysis of a dataset of those rows", () => {
  it("gap5 (with reliability), servperf, importance–performance and gap reliability", () => {
    fc.assert(
      fc.property(survey, policy, picks, (respondents, missing, chosen) => {
        const c = makeCase(respondents, missing, chosen, paired);
        if (c === null) return;
        const rows = c.rows;
        const selected = gap5(c.dataset, { rows });
        expectSameJson(json(selected), json(gap5(c.subset)), 1e-9);
        expectSameJson(json(servperf(c.dataset, { rows })), json(servperf(c.subset)), 1e-9);
        expectSameJson(
          json(gapReliability(c.dataset, selected.dimensions, { rows })),
          json(gapReliability(c.subset, selected.dimensions)),
          1e-9,
        );
        for (const level of ["item", "dimension"] as const) {
          const ours = () => importancePerformance(c.dataset, { rows, level, performance: "gap" });
          const theirs = () => importancePerformance(c.subset, { level, performance: "gap" });
          let expected: unknown;
          try {
            expected = json(theirs());
          } catch (error) {
            expect(ours).toThrow((error as Error).message);
            continue;
          }
          expectSameJson(json(ours()), expected, 1e-9);
          // The Gap 5 result of the same selection, handed in, gives the same figures.
          const handed = importancePerformance(c.dataset, { rows, level, gaps: selected });
          expectSameJson(json(handed), expected, 1e-9);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("zones of tolerance (MSA, MSS and zone positions)", () => {
    fc.assert(
      fc.property(survey, policy, picks, (respondents, missing, chosen) => {
        const c = makeCase(respondents, missing, chosen, tolerance);
        if (c === null) return;
        expectSameJson(
          json(zonesOfTolerance(c.dataset, { rows: c.rows })),
          json(zonesOfTolerance(c.subset)),
          1e-9,
        );
      }),
      { numRuns: 60 },
    );
  });

  it("no rows selects every row; the identity selection equals the whole dataset", () => {
    fc.assert(
      fc.property(survey, policy, (respondents, missing) => {
        const c = makeCase(respondents, missing, [0], paired);
        if (c === null) return;
        const all = Int32Array.from({ length: c.dataset.n }, (_, i) => i);
        expectSameJson(json(gap5(c.dataset, { rows: all })), json(gap5(c.dataset)), 1e-12);
      }),
      { numRuns: 30 },
    );
  });
});

describe("accumulateGapsByGroup: one pass, one accumulator per group", () => {
  const finish = (acc: GapAccumulator, dataset: Dataset) =>
    json(
      finishGaps(acc, dataset.instrument, dataset.missingPolicy, {
        required: "expectation",
        delivered: "perception",
      }),
    );
  const fresh = () => createGapAccumulator(paired, "expectation", "perception");

  it("each group equals its own rows' pass; merged they equal the pass over all grouped rows", () => {
    fc.assert(
      fc.property(
        survey,
        policy,
        fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 16, maxLength: 16 }),
        (respondents, missing, labels) => {
          const c = makeCase(respondents, missing, [0], paired);
          if (c === null) return;
          const { dataset } = c;
          const groupOfRow = Int32Array.from({ length: dataset.n }, (_, r) => labels[r] as number);
          const groups = accumulateGapsByGroup([fresh(), fresh(), fresh()], dataset, groupOfRow);
          const grouped: number[] = [];
          groups.forEach((acc, g) => {
            const rows = Int32Array.from(
              Array.from(groupOfRow).flatMap((label, r) => (label === g ? [r] : [])),
            );
            grouped.push(...rows);
            expect(acc.respondents).toBeLessThanOrEqual(rows.length);
            if (rows.length === 0) return;
            expectSameJson(
              finish(acc, dataset),
              finish(accumulateGaps(fresh(), dataset, rows), dataset),
              1e-12,
            );
          });
          if (grouped.length === 0) return;
          const merged = groups.reduce((a, b) => mergeGapAccumulators(a, b));
          const together = accumulateGaps(
            fresh(),
            dataset,
            Int32Array.from(grouped.sort((a, b) => a - b)),
          );
          expectSameJson(finish(merged, dataset), finish(together, dataset), 1e-9);
          if (!labels.slice(0, dataset.n).includes(-1)) {
            // Every row grouped: the groups merged equal the plain pass over the dataset.
            expectSameJson(
              finish(merged, dataset),
              finish(accumulateGaps(fresh(), dataset), dataset),
              1e-9,
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
