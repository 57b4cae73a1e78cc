import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { interval } from "../../src/_lib/interval";
import { gap5 } from "../../src/gaps/gap5";
import { cronbachAlpha } from "../../src/psychometrics/cronbachAlpha";
import { validateResponses } from "../../src/responses/validateResponses";
import { bootstrapCI } from "../../src/stats/bootstrapCI";
import { cohenD } from "../../src/stats/cohenD";
import { cohenDz } from "../../src/stats/cohenDz";
import { meanCI } from "../../src/stats/meanCI";
import { pairedTTest } from "../../src/stats/pairedTTest";
import { welchTTest } from "../../src/stats/welchTTest";
import { wilsonInterval } from "../../src/stats/wilsonInterval";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

const KEYS = ["level", "lower", "method", "upper"];
const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;

describe("one Interval for every confidence interval", () => {
  const x = [3, 5, 4, 6, 2, 5, 4];
  const y = [4, 6, 6, 7, 3, 5, 6];
  const rows = [
    tinyRecord("r1", [6, 6, 6, 6, 6], [5, 6, 5, 6, 7]),
    tinyRecord("r2", [5, 6, 6, 5, 6], [5, 5, 6, 6, 6]),
    tinyRecord("r3", [7, 6, 7, 7, 5], [4, 6, 6, 7, 7]),
  ];
  const gap = gap5(validateResponses(rows, tinyInstrument).dataset).items[0];
  const alpha = cronbachAlpha([
    [1, 2, 2],
    [2, 3, 3],
    [3, 3, 4],
    [4, 5, 4],
  ]);
  const cases = [
    ["meanCI", meanCI(x), "t"],
    ["welchTTest", welchTTest(x, y).ci, "t"],
    ["pairedTTest", pairedTTest(x, y).ci, "t"],
    ["wilsonInterval", wilsonInterval(3, 10), "wilson"],
    ["cohenD", cohenD(x, y).ci, "normal-approximation"],
    ["cohenDz", cohenDz(x, y).ci, "normal-approximation"],
    ["bootstrapCI", bootstrapCI(x, mean, { seed: 1, resamples: 200 }), "percentile"],
    ["bootstrapCI bca", bootstrapCI(x, mean, { seed: 1, resamples: 200, method: "bca" }), "bca"],
    ["alpha feldt", alpha.feldt, "feldt"],
    ["alpha duhachek", alpha.duhachek, "normal-approximation"],
    ["gap mean", gap?.gap.ci, "t"],
    ["share negative", gap?.shareNegativeCi, "wilson"],
    ["gap effect size", gap?.effectSize.ci, "normal-approximation"],
  ] as const;

  it.each(cases)("%s carries level, lower, upper and its method", (_, ci, method) => {
    expect(ci?.method).toBe(method);
    for (const key of KEYS) expect(Object.keys(ci ?? {})).toContain(key);
    expect(ci?.level).toBe(0.95);
    if (ci?.lower != null && ci.upper != null) expect(ci.lower).toBeLessThanOrEqual(ci.upper);
  });

  it("the paired t interval equals the t interval of the differences", () => {
    // The paired t interval of x − y and meanCI of the differences are the same interval.
    const differences = x.map((v, i) => v - (y[i] as number));
    const a = pairedTTest(x, y).ci;
    const b = meanCI(differences);
    expect(a.lower).toBeCloseTo(b.lower as number, 12);
    expect(a.upper).toBeCloseTo(b.upper as number, 12);
  });

  it("interval() turns infinite bounds into null", () => {
    expect(interval(0.9, Number.NEGATIVE_INFINITY, 2, "t")).toEqual({
      level: 0.9,
      lower: null,
      upper: 2,
      method: "t",
    });
    expect(interval(0.9, Number.NaN, Number.POSITIVE_INFINITY, "bca")).toMatchObject({
      lower: null,
      upper: null,
    });
  });

  it("docs/codes.md documents every method", () => {
    const source = readFileSync(new URL("../../src/_lib/interval.ts", import.meta.url), "utf8");
    const start = source.indexOf("export type IntervalMethod =");
    const union = source.slice(start, source.indexOf(";", start));
    const methods = [...union.matchAll(/\| "([a-z-]+)"/g)].map((m) => m[1]);
    expect(methods.length).toBe(7);
    const docs = readFileSync(new URL("../../docs/codes.md", import.meta.url), "utf8");
    for (const method of methods) expect(docs).toContain(`| \`${method}\` |`);
  });
});
