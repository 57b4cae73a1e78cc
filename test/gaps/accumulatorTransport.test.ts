/**
 * Accumulator states are plain data: the state of one part of the respondents, copied with
 * `structuredClone` or sent through JSON with `accumulatorToJson` / `accumulatorFromJson`,
 * merges with the state of the other part and finishes to the same result as one pass over
 * both parts (fast-check; numbers to 1e-12 relative, since merging changes the order of
 * floating-point sums of respondent means, counts and exact-rank histograms exactly).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accumulatorFromJson, accumulatorToJson } from "../../src/_lib/accumulatorJson";
import { finishGaps } from "../../src/gaps/finishGaps";
import { gap5 } from "../../src/gaps/gap5";
import {
  accumulateGap5,
  createGap5Accumulator,
  finishGap5,
  type Gap5Accumulator,
  mergeGap5Accumulators,
} from "../../src/gaps/gap5Accumulator";
import {
  accumulateGaps,
  createGapAccumulator,
  type GapAccumulator,
  mergeGapAccumulators,
} from "../../src/gaps/gapAccumulator";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { validateResponses } from "../../src/responses/validateResponses";
import { dimensionsOf, strictJson } from "./tinySurvey";

const instrument = defineInstrument({
  id: "transport",
  name: "Transport test survey",
  scale: { min: 1, max: 7 },
  format: "expectation-perception",
  dimensions: dimensionsOf({ A: ["a1", "a2"], B: ["b1", "b2", "b3"] }),
});
const ITEMS = ["a1", "a2", "b1", "b2", "b3"];

type Cell = number | null;
const answer = fc.integer({ min: 1, max: 7 });
const cell = fc.option(answer, { freq: 5, nil: null });
const row = (cells: fc.Arbitrary<Cell>) =>
  fc.record({
    e: fc.array(cells, { minLength: 5, maxLength: 5 }),
    p: fc.array(cells, { minLength: 5, maxLength: 5 }),
    w: fc.option(
      fc
        .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
        .map(([x, y]) => [Math.min(x, y) + Math.abs(x - y), 100 - Math.max(x, y)]),
      { nil: null },
    ),
  });
/** A part of the survey: a complete respondent first, so every part keeps a row. */
const part = fc
  .tuple(row(answer), fc.array(row(cell), { maxLength: 10 }))
  .map(([first, rest]) => [first, ...rest]);
type Respondent = { e: Cell[]; p: Cell[]; w: number[] | null };

function toRows(respondents: readonly Respondent[], from: number) {
  return respondents.map((r, index) => {
    const out: Record<string, unknown> = { respondent_id: `id${from + index}` };
    ITEMS.forEach((item, i) => {
      out[`E_${item}`] = r.e[i] ?? "";
      out[`P_${item}`] = r.p[i] ?? "";
    });
    out.W_A = r.w?.[0] ?? "";
    out.W_B = r.w?.[1] ?? "";
    return out;
  });
}

function close(a: number, b: number, path: string) {
  expect(Math.abs(a - b), `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(b)),
  );
}

/** Deep comparison of two JSON values: numbers to 1e-12 relative, everything else exactly. */
function expectSame(a: unknown, b: unknown, path = "$") {
  if (typeof a === "number" && typeof b === "number") return close(a, b, path);
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const key of Object.keys(a)) {
      expectSame(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  expect(a, path).toEqual(b);
}
const json = (value: unknown) => JSON.parse(strictJson(value)) as unknown;

const copies = {
  structuredClone: <T>(state: T) => structuredClone(state),
  "accumulatorToJson / accumulatorFromJson": <T>(state: T) =>
    accumulatorFromJson<T>(accumulatorToJson(state)),
};

describe.each(Object.entries(copies))("accumulator states copied with %s", (_name, copy) => {
  it("gap accumulator: copy(A) merged with B finishes like one pass over A + B (property)", () => {
    fc.assert(
      fc.property(part, part, fc.boolean(), (a, b, bigKeys) => {
        const validate = (rows: readonly Record<string, unknown>[]) =>
          validateResponses(rows, instrument).dataset;
        const dataA = validate(toRows(a, 0));
        const dataB = validate(toRows(b, a.length));
        const both = validate([...toRows(a, 0), ...toRows(b, a.length)]);
        // keyLimit 0 forces the bigint exact-rank keys of large instruments.
        const fresh = () =>
          createGapAccumulator(instrument, "expectation", "perception", bigKeys ? 0 : undefined);
        const stateA = accumulateGaps(fresh(), dataA);
        const copied = copy<GapAccumulator>(stateA);
        expect(copied).toEqual(stateA);
        const merged = mergeGapAccumulators(copied, accumulateGaps(fresh(), dataB));
        const names = { required: "expectation", delivered: "perception" } as const;
        expectSame(
          json(finishGaps(merged, instrument, both.missingPolicy, names)),
          json(finishGaps(accumulateGaps(fresh(), both), instrument, both.missingPolicy, names)),
        );
      }),
      { numRuns: 40 },
    );
  });

  it("Gap 5 accumulator (with item covariance sums in typed arrays) finishes like gap5 (property)", () => {
    fc.assert(
      fc.property(part, part, (a, b) => {
        const dataA = validateResponses(toRows(a, 0), instrument).dataset;
        const dataB = validateResponses(toRows(b, a.length), instrument).dataset;
        const both = validateResponses([...toRows(a, 0), ...toRows(b, a.length)], instrument);
        const fresh = () => createGap5Accumulator(instrument, both.dataset.missingPolicy);
        const copied = copy<Gap5Accumulator>(accumulateGap5(fresh(), dataA));
        const merged = mergeGap5Accumulators(copied, accumulateGap5(fresh(), dataB));
        const options = { dropConstantItems: false };
        expectSame(json(finishGap5(merged, options)), json(gap5(both.dataset, options)));
      }),
      { numRuns: 30 },
    );
  });
});
