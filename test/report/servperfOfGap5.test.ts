/**
 * The gap report reads SERVPERF off Gap 5 when every perception answer has its expectation.
 * The reference is `servperf` itself (tested by hand and against R in test/gaps/servperf.test.ts):
 * on random tiny surveys, whenever the shortcut applies it must give servperf's numbers and
 * warnings, and whenever a perception lacks its expectation it must step aside (null), so the
 * report computes servperf as before.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gap5 } from "../../src/gaps/gap5";
import { type ServperfResult, servperf } from "../../src/gaps/servperf";
import { gapReportResults } from "../../src/report/gapReportResults";
import { perceptionsPaired, servperfOfGap5 } from "../../src/report/servperfOfGap5";
import { validateResponses } from "../../src/responses/validateResponses";
import { type Answers, TINY_ITEMS, tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

const answer = fc.option(fc.integer({ min: 1, max: 7 }), { nil: null, freq: 6 });
const respondent = fc.record({
  e: fc.array(answer, { minLength: 5, maxLength: 5 }),
  p: fc.array(answer, { minLength: 5, maxLength: 5 }),
});
const policy = fc.constantFrom<"listwise" | "pairwise" | undefined>(
  "listwise",
  "pairwise",
  undefined,
);

/** The survey of `people`, with every perception's expectation filled in when `paired`. */
function survey(people: readonly { e: Answers; p: Answers }[], paired: boolean) {
  return people.map(({ e, p }, r) =>
    tinyRecord(
      `r${r}`,
      paired ? e.map((value, i) => (p[i] !== null && value === null ? 4 : value)) : e,
      p,
    ),
  );
}

/** Every number of a and b within a relative 1e-9 (absolute near 0), every other value equal. */
function expectClose(a: unknown, b: unknown, path = "result"): void {
  if (typeof a === "number" && typeof b === "number") {
    const scale = Math.max(1, Math.abs(a), Math.abs(b));
    if (!(Math.abs(a - b) <= 1e-9 * scale)) throw new Error(`${path}: ${a} ≠ ${b}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length, path).toBe(b.length);
    a.forEach((value, i) => {
      expectClose(value, b[i], `${path}[${i}]`);
    });
    return;
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const key of Object.keys(a)) {
      expectClose(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  expect(a, path).toEqual(b);
}

describe("SERVPERF read off Gap 5", () => {
  it("equals servperf whenever every perception has its expectation (random surveys)", () => {
    fc.assert(
      fc.property(
        fc.array(respondent, { minLength: 1, maxLength: 12 }),
        policy,
        fc.boolean(),
        (people, missing, select) => {
          const rows = survey(people, true);
          let validated: ReturnType<typeof validateResponses>;
          try {
            validated = validateResponses(rows, tinyInstrument, missing ? { missing } : {});
          } catch {
            return; // no usable row: nothing to compare
          }
          const { dataset } = validated;
          const selection = select
            ? Int32Array.from({ length: dataset.n }, (_, i) => i).reverse()
            : null;
          const options = selection === null ? {} : { rows: selection };
          expect(perceptionsPaired(dataset, selection)).toBe(true);
          const derived = servperfOfGap5(dataset, gap5(dataset, options), selection);
          expect(derived).not.toBeNull();
          expectClose(derived, servperf(dataset, options));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("flags equal perception scores as zero variance on both paths (found by the property)", () => {
    // Both respondents' unweighted perception score is 3.91666…: equal in exact arithmetic,
    // so each path must report zero variance, whatever order its sums ran in.
    const rows = [
      tinyRecord("r0", [4, 4, 4, 4, 4], [5, 6, 3, 2, 2]),
      tinyRecord("r1", [4, 4, 4, 4, 4], [2, 5, 5, 5, 3]),
    ];
    const { dataset } = validateResponses(rows, tinyInstrument, { missing: "listwise" });
    const derived = servperfOfGap5(dataset, gap5(dataset), null);
    const direct = servperf(dataset);
    for (const result of [derived, direct]) {
      expect(result?.overall.unweighted.warnings.map((w) => w.code)).toEqual(["zero-variance"]);
    }
  });

  it("steps aside (null) when a perception lacks its expectation", () => {
    fc.assert(
      fc.property(fc.array(respondent, { minLength: 1, maxLength: 12 }), (people) => {
        const rows = survey(people, false);
        let validated: ReturnType<typeof validateResponses>;
        try {
          validated = validateResponses(rows, tinyInstrument, { missing: "pairwise" });
        } catch {
          return;
        }
        const { dataset } = validated;
        // Independent of the code: is there a used row with P answered and E blank?
        const kept = new Set(dataset.ids);
        const unpaired = people.some(
          ({ e, p }, r) => kept.has(`r${r}`) && p.some((v, i) => v !== null && e[i] === null),
        );
        expect(perceptionsPaired(dataset, null)).toBe(!unpaired);
        const derived = servperfOfGap5(dataset, gap5(dataset), null);
        if (unpaired) expect(derived).toBeNull();
        else expectClose(derived, servperf(dataset));
      }),
      { numRuns: 300 },
    );
  });

  it("the gap report's SERVPERF is servperf's, with or without the shortcut", () => {
    // r2 answers P_b1 without E_b1: SERVPERF counts 3 answers of b1, Gap 5 pairs 2.
    const people = [
      { e: [5, 6, 4, 5, 6], p: [4, 6, 5, 5, 5] },
      { e: [7, 6, 6, 6, 6], p: [6, 6, 6, 7, 6] },
      { e: [4, 4, null, 5, 4], p: [3, 5, 2, 5, 4] },
      { e: [6, 7, 5, 7, 6], p: [6, 5, 5, 6, 7] },
    ];
    const unpaired = validateResponses(survey(people, false), tinyInstrument);
    const report = gapReportResults(unpaired.dataset, unpaired.report);
    const direct = servperf(unpaired.dataset);
    expect(report.servperf).toEqual(direct);
    // b1: 5, 6, 2, 5 → mean 18/4 over n = 4 (the perception without its expectation counts).
    expect(direct.items[2]?.n).toBe(4);
    expect(direct.items[2]?.mean).toBe(4.5);
    const paired = validateResponses(survey(people, true), tinyInstrument);
    const shortcut = gapReportResults(paired.dataset, paired.report).servperf as ServperfResult;
    expectClose(shortcut, servperf(paired.dataset));
    expect(shortcut.items[2]?.n).toBe(4);
  });

  it("a constant score keeps servperf's zero-variance warning and zero-width interval", () => {
    const people = [0, 1, 2].map(() => ({ e: [5, 5, 5, 5, 5], p: [6, 6, 6, 6, 6] }));
    const { dataset } = validateResponses(survey(people, true), tinyInstrument);
    const derived = servperfOfGap5(dataset, gap5(dataset), null) as ServperfResult;
    expect(derived.items[0]).toMatchObject({ n: 3, mean: 6, sd: 0, se: 0 });
    expect(derived.items[0]?.ci).toMatchObject({ lower: 6, upper: 6 });
    expect(derived.warnings.map((w) => w.code)).toEqual(
      servperf(dataset).warnings.map((w) => w.code),
    );
    expect(derived.warnings.some((w) => w.code === "zero-variance")).toBe(true);
  });

  it("covers every item of the instrument", () => {
    const { dataset } = validateResponses(
      survey(
        [
          { e: [5, 6, 4, 5, 6], p: [4, 6, 5, 5, 5] },
          { e: [2, 3, 4, 5, 6], p: [7, 6, 5, 4, 3] },
        ],
        true,
      ),
      tinyInstrument,
    );
    const derived = servperfOfGap5(dataset, gap5(dataset), null) as ServperfResult;
    expect(derived.items.map((i) => i.item)).toEqual([...TINY_ITEMS]);
    // a1: P 4 and 7 → mean 5.5, sd = |7 − 4|/√2
    expect(derived.items[0]?.mean).toBe(5.5);
    expect(derived.items[0]?.sd).toBeCloseTo(3 / Math.SQRT2, 12);
  });
});
