/**
 * Instruments far beyond the size where lcm(1..m) fits a double (m ≥ 38 items in a dimension,
 * 218 items in all): gap5, zonesOfTolerance and buildGapReport return, and their means and
 * Wilcoxon V equal an independent computation on exact fractions (cross-multiplied integers,
 * no lcm). A property checks that the bigint keys give the same tables as the number keys.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { finishGaps } from "../../src/gaps/finishGaps";
import { gap5 } from "../../src/gaps/gap5";
import { accumulateGaps, createGapAccumulator } from "../../src/gaps/gapAccumulator";
import { zonesOfTolerance } from "../../src/gaps/zonesOfTolerance";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import type { Instrument } from "../../src/instrument/types";
import { buildGapReport } from "../../src/report/buildGapReport";
import { renderMarkdown } from "../../src/report/renderMarkdown";
import { itemsNeeded } from "../../src/responses/itemsNeeded";
import { respondentScores } from "../../src/responses/respondentScores";
import { validateResponses } from "../../src/responses/validateResponses";
import { seededRandom } from "../../src/stats/seededRandom";
import { dimensionsOf, strictJson } from "./tinySurvey";

const DIMENSIONS = 20;
const PER_DIMENSION = 50;
const RESPONDENTS = 80;

function bigInstrument(format: "expectation-perception" | "tolerance"): Instrument {
  const spec: Record<string, string[]> = {};
  for (let d = 0; d < DIMENSIONS; d++) {
    spec[`D${d}`] = Array.from({ length: PER_DIMENSION }, (_, i) => `d${d}i${i}`);
  }
  return defineInstrument({
    id: `big-${format}`,
    name: "Thousand-item survey",
    scale: { min: 1, max: 7 },
    format,
    dimensions: dimensionsOf(spec),
  });
}

/**
 * Respondents × items of (required, delivered) answers, null = missing. Gaps are mostly 0 and
 * otherwise ±1, and respondents skip up to 40% of the items, so dimension means such as 1/25
 * and 2/50 tie exactly while their counts differ.
 */
function answers(seed: number, items: number) {
  const next = seededRandom(seed);
  return Array.from({ length: RESPONDENTS }, () => {
    const skip = next() * 0.4;
    return Array.from({ length: items }, () => {
      if (next() < skip) return null;
      const required = 3 + Math.floor(next() * 3);
      const u = next();
      const gap = u < 0.15 ? -1 : u < 0.25 ? 1 : 0;
      return [required, required + gap] as const;
    });
  });
}

/** Exact fraction p/q (q > 0) as bigints. */
interface Fraction {
  readonly p: bigint;
  readonly q: bigint;
}

/** Wilcoxon V (sum of average ranks of |x| over x > 0, zeros dropped) on exact fractions. */
function exactV(values: readonly Fraction[]): number {
  const nonZero = values.filter((v) => v.p !== 0n);
  const abs = (v: Fraction) => (v.p < 0n ? -v.p : v.p);
  const compare = (a: Fraction, b: Fraction) => {
    const left = abs(a) * b.q;
    const right = abs(b) * a.q;
    return left < right ? -1 : left > right ? 1 : 0;
  };
  const sorted = [...nonZero].sort(compare);
  let v = 0;
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (
      end + 1 < sorted.length &&
      compare(sorted[start] as Fraction, sorted[end + 1] as Fraction) === 0
    )
      end++;
    const rank = (start + end + 2) / 2;
    for (let i = start; i <= end; i++) if ((sorted[i] as Fraction).p > 0n) v += rank;
    start = end + 1;
  }
  return v;
}

function sumFractions(values: readonly Fraction[]): Fraction {
  let p = 0n;
  let q = 1n;
  for (const v of values) {
    p = p * v.q + v.p * q;
    q = q * v.q;
  }
  return { p, q };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Per respondent: the (gap sum, count) of each dimension (null when fewer than `needed` items
 * are answered: the library's one scoring rule, itemsNeeded, tested on its own in
 * test/responses/respondentScores.test.ts) and of all items, as exact integers.
 */
interface SumCount {
  readonly s: number;
  readonly c: number;
}

/** The scored respondents of dimension d. */
function scoredIn(expected: ReturnType<typeof scores>, d: number): SumCount[] {
  return expected.flatMap((r) => {
    const x = r.dimensions[d];
    return x === null || x === undefined ? [] : [x];
  });
}

function scores(data: ReturnType<typeof answers>, needed: number) {
  return data.map((row) => {
    const dimensions = Array.from({ length: DIMENSIONS }, (_, d) => {
      let s = 0;
      let c = 0;
      for (let i = 0; i < PER_DIMENSION; i++) {
        const pair = row[d * PER_DIMENSION + i];
        if (pair === null || pair === undefined) continue;
        s += pair[1] - pair[0];
        c += 1;
      }
      return c >= needed ? ({ s, c } as SumCount) : null;
    });
    let s = 0;
    let c = 0;
    for (const pair of row) {
      if (pair === null) continue;
      s += pair[1] - pair[0];
      c += 1;
    }
    return { dimensions, all: c > 0 ? { s, c } : null };
  });
}

describe("instruments with 1,000 items (issue 12: lcm(1..m) no longer overflows)", () => {
  const instrument = bigInstrument("expectation-perception");
  const ids = instrument.dimensions.flatMap((d) => d.items.map((item) => item.id));
  const data = answers(20240101, ids.length);
  const records = data.map((row, r) => {
    const record: Record<string, unknown> = { respondent_id: `R${r}` };
    ids.forEach((id, i) => {
      const pair = row[i];
      record[`E_${id}`] = pair === null || pair === undefined ? "" : pair[0];
      record[`P_${id}`] = pair === null || pair === undefined ? "" : pair[1];
    });
    return record;
  });
  const { dataset, report } = validateResponses(records, instrument);
  const expected = scores(data, itemsNeeded(dataset.missingPolicy, PER_DIMENSION));

  it("respondentScores gives each respondent's dimension gap s/c, NaN when not scored", () => {
    expect(itemsNeeded(dataset.missingPolicy, PER_DIMENSION)).toBe(25); // ⌈0.5·50⌉
    const dimensions = respondentScores(dataset, { facet: "gap", level: "dimension" });
    expect(dimensions).toHaveLength(DIMENSIONS);
    expected.forEach((r, i) => {
      r.dimensions.forEach((x, d) => {
        const score = (dimensions[d] as Float64Array)[i] as number;
        if (x === null) expect(score).toBeNaN();
        else expect(score).toBeCloseTo(x.s / x.c, 12);
      });
    });
  });

  it("gap5 returns, with dimension and overall means and V equal to exact fractions", () => {
    const result = gap5(dataset);
    expect(result.items).toHaveLength(1000);
    for (let d = 0; d < DIMENSIONS; d++) {
      const scored = scoredIn(expected, d);
      const stats = result.dimensions[d];
      expect(stats?.n).toBe(scored.length);
      expect(stats?.gap.mean).toBeCloseTo(mean(scored.map((x) => x.s / x.c)), 12);
      expect(stats?.wilcoxon?.V).toBe(
        exactV(scored.map((x) => ({ p: BigInt(x.s), q: BigInt(x.c) }))),
      );
    }
    const all = expected.flatMap((r) => (r.all ? [r.all] : []));
    expect(result.overall.itemMean.gap.mean).toBeCloseTo(mean(all.map((x) => x.s / x.c)), 12);
    expect(result.overall.itemMean.wilcoxon?.V).toBe(
      exactV(all.map((x) => ({ p: BigInt(x.s), q: BigInt(x.c) }))),
    );
    // Unweighted: mean over the scored dimensions of s_d/c_d, as one exact fraction.
    const unweighted = expected.flatMap((r) => {
      const scoredDims = r.dimensions.filter((x): x is SumCount => x !== null);
      if (scoredDims.length === 0) return [];
      const sum = sumFractions(scoredDims.map((x) => ({ p: BigInt(x.s), q: BigInt(x.c) })));
      return [{ p: sum.p, q: sum.q * BigInt(scoredDims.length) }];
    });
    expect(result.overall.unweighted.n).toBe(unweighted.length);
    expect(result.overall.unweighted.wilcoxon?.V).toBe(exactV(unweighted));
    expect(result.overall.unweighted.gap.mean).toBeCloseTo(
      mean(unweighted.map((x) => Number(x.p) / Number(x.q))),
      12,
    );
    // Ties across different counts exist in these data (the point of exact keys).
    expect(result.dimensions.some((s) => s.wilcoxon?.method.includes("continuity"))).toBe(true);
    expect(result.reliability).toHaveLength(DIMENSIONS);
    expect(() => strictJson(result)).not.toThrow();
  });

  it("buildGapReport and renderMarkdown return", () => {
    const built = buildGapReport(dataset, report);
    expect(built.results.gap5?.items).toHaveLength(1000);
    expect(built.results.gap5?.overall.itemMean.gap.mean).toBeCloseTo(
      mean(expected.flatMap((r) => (r.all ? [r.all.s / r.all.c] : []))),
      12,
    );
    const markdown = renderMarkdown(built);
    expect(markdown).toContain("d19i49");
  });

  it("zonesOfTolerance returns, with MSA dimension means and V equal to exact fractions", () => {
    const zonesInstrument = bigInstrument("tolerance");
    // adequate = required, desired = required + 1, perceived = delivered.
    const zoneRecords = data.map((row, r) => {
      const record: Record<string, unknown> = { respondent_id: `R${r}` };
      ids.forEach((id, i) => {
        const pair = row[i];
        record[`MIN_${id}`] = pair === null || pair === undefined ? "" : pair[0];
        record[`DES_${id}`] = pair === null || pair === undefined ? "" : pair[0] + 1;
        record[`P_${id}`] = pair === null || pair === undefined ? "" : pair[1];
      });
      return record;
    });
    const zones = zonesOfTolerance(validateResponses(zoneRecords, zonesInstrument).dataset);
    for (const d of [0, 7, 19]) {
      const scored = scoredIn(expected, d);
      const msa = zones.msa.dimensions[d];
      expect(msa?.gap.mean).toBeCloseTo(mean(scored.map((x) => x.s / x.c)), 12);
      expect(msa?.wilcoxon?.V).toBe(
        exactV(scored.map((x) => ({ p: BigInt(x.s), q: BigInt(x.c) }))),
      );
      // MSS = P − D = MSA − 1 per item: the mean shifts by exactly one step.
      expect(zones.mss.dimensions[d]?.gap.mean).toBeCloseTo(
        mean(scored.map((x) => x.s / x.c)) - 1,
        12,
      );
    }
  });
});

describe("exact keys: the bigint path gives the same tables as the number path", () => {
  const instrument = defineInstrument({
    id: "three-dimensions",
    name: "Three dimensions",
    scale: { min: 1, max: 7 },
    format: "expectation-perception",
    dimensions: dimensionsOf({
      A: ["a1", "a2"],
      B: ["b1", "b2", "b3"],
      C: ["c1", "c2", "c3", "c4"],
    }),
  });
  const ids = ["a1", "a2", "b1", "b2", "b3", "c1", "c2", "c3", "c4"];
  const cell = fc.option(fc.integer({ min: 1, max: 7 }), { freq: 5, nil: null });
  const respondent = fc.record({
    e: fc.array(cell, { minLength: 9, maxLength: 9 }),
    p: fc.array(cell, { minLength: 9, maxLength: 9 }),
  });

  it("finishGaps is identical with keys forced to bigint (keyLimit 0)", () => {
    fc.assert(
      fc.property(fc.array(respondent, { minLength: 3, maxLength: 40 }), (rows) => {
        const records = rows.map((row, r) => {
          const record: Record<string, unknown> = { respondent_id: `R${r}` };
          ids.forEach((id, i) => {
            record[`E_${id}`] = row.e[i] ?? "";
            record[`P_${id}`] = row.p[i] ?? "";
          });
          return record;
        });
        let dataset: ReturnType<typeof validateResponses>["dataset"];
        try {
          dataset = validateResponses(records, instrument).dataset;
        } catch {
          return; // no usable row
        }
        const names = { required: "expectation", delivered: "perception" } as const;
        const finish = (limit?: number) =>
          finishGaps(
            accumulateGaps(
              createGapAccumulator(instrument, "expectation", "perception", limit),
              dataset,
            ),
            instrument,
            dataset.missingPolicy,
            names,
          );
        const numberKeys = createGapAccumulator(instrument, "expectation", "perception");
        const bigKeys = createGapAccumulator(instrument, "expectation", "perception", 0);
        expect(typeof numberKeys.keyScales.overallUnweighted).toBe("number");
        expect(typeof bigKeys.keyScales.overallUnweighted).toBe("bigint");
        expect(finish(0)).toEqual(finish());
      }),
      { numRuns: 200 },
    );
  });
});
