/**
 * crmGapViews reads the CRM terms off the same results fiveGapModel takes (the tiny hand-worked
 * inputs of fiveGapInputs.ts): every figure is the number at its path in the result, and the
 * hand-worked values are: Gap 5 dimension A −2.5 and B 0 (P − E); Gap 1 dimension A −1.3125
 * (R reference, test/fixtures/gap1); Gap 2 coverage of A 1/2 (gap −0.5), of B 1 (gap 0), overall
 * 2/3 (gap −1/3); Gap 3 standard fixA 0/10 met against a target share 0.9 (gap −0.9, a
 * resolution standard, so also the responsiveness gap); Gap 4 promise of 24 h with every record
 * taking 48 h, kept rate 0 (gap −1).
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { crmGapViews } from "../../src/gaps/crmGapViews";
import { gap2 } from "../../src/gaps/gap2";
import { g1, g3, g4, g5, withMissingA } from "./fiveGapInputs";

const g2 = gap2(withMissingA);
const results = { gap1: g1, gap2: g2, gap3: g3, gap4: g4, gap5: g5 };

/** The number at a figure's path (`gapN.overall.a.b`, `gapN.dimensions[id].a`, `gapN.items[id].a`). */
function at(path: string): unknown {
  const [head, ...rest] = path.split(".");
  let value: unknown = results[head as keyof typeof results];
  for (const part of rest) {
    const match = /^(dimensions|items)\[(.+)\]$/.exec(part);
    const record = value as Record<string, unknown>;
    if (match === null) value = record[part];
    else
      value = (record[match[1] as string] as Record<string, unknown>[]).find(
        (row) => (match[1] === "items" ? row.item : row.dimension) === match[2],
      );
  }
  return value;
}

const views = crmGapViews(results);
const view = (term: string) => views.views.find((v) => v.term === term);
const value = (term: string, key: string) => view(term)?.figures.find((f) => f.key === key)?.value;

describe("crmGapViews", () => {
  it("lists the six terms in order, each present", () => {
    expect(views.views.map((v) => [v.term, v.gaps, v.mapping, v.present])).toEqual([
      ["perception-gap", [5], "literature", true],
      ["expectation-gap", [1], "our-choice", true],
      ["standards-gap", [2], "literature", true],
      ["delivery-gap", [3], "literature", true],
      ["responsiveness-gap", [3, 5], "our-choice", true],
      ["communication-gap", [4], "literature", true],
    ]);
  });

  it("gives the hand-worked numbers", () => {
    expect(value("perception-gap", "A")).toBeCloseTo(-2.5, 12);
    expect(value("perception-gap", "B")).toBeCloseTo(0, 12);
    expect(value("expectation-gap", "A")).toBeCloseTo(-1.3125, 4);
    expect(value("standards-gap", "A")).toBeCloseTo(-0.5, 12);
    expect(value("standards-gap", "B")).toBeCloseTo(0, 12);
    expect(value("standards-gap", "overall")).toBeCloseTo(-1 / 3, 12);
    expect(value("delivery-gap", "overall")).toBeCloseTo(-0.9, 12);
    expect(value("delivery-gap", "A")).toBeCloseTo(-0.9, 12);
    expect(value("communication-gap", "overall")).toBeCloseTo(-1, 12);
    expect(value("communication-gap", "p-fixA")).toBeCloseTo(-1, 12);
    const responsiveness = view("responsiveness-gap")?.figures ?? [];
    expect(responsiveness.map((f) => [f.scope, f.key, f.gap])).toEqual([["standard", "fixA", 3]]);
    expect(responsiveness[0]?.value).toBeCloseTo(-0.9, 12);
  });

  it("takes every figure from its path in the result, in that result's unit", () => {
    let count = 0;
    for (const v of views.views) {
      for (const figure of v.figures) {
        count += 1;
        expect(at(figure.path), figure.path).toBe(figure.value);
        expect(figure.unit).toBe(results[`gap${figure.gap}` as keyof typeof results].unit);
        expect(v.gaps).toContain(figure.gap);
      }
    }
    // 5: overall + A + B; 1: overall + A + B; 2: overall + A + B; 3: overall + A; 3: fixA; 4: overall + p-fixA
    expect(count).toBe(3 + 3 + 3 + 2 + 1 + 2);
  });

  it("marks the views of absent results absent, with no figures", () => {
    const only5 = crmGapViews({ gap5: g5 });
    expect(only5.views.map((v) => v.present)).toEqual([true, false, false, false, true, false]);
    expect(only5.views.filter((v) => !v.present).every((v) => v.figures.length === 0)).toBe(true);
    // the tiny instrument has no responsiveness dimension: present (Gap 5 given) but empty
    expect(only5.views[4]?.figures).toEqual([]);
    expect(crmGapViews({}).views.every((v) => !v.present)).toBe(true);
  });

  it("rejects what is not a result, and unknown keys", () => {
    const codeOf = (bad: unknown) => {
      try {
        crmGapViews(bad as never);
      } catch (error) {
        return error instanceof ServqualError ? error.code : "not a ServqualError";
      }
      return "no error";
    };
    for (const bad of [null, 5, { gap3: g5 }, { gap5: { gap: 5 } }])
      expect(codeOf(bad)).toBe("invalid-argument");
    expect(codeOf({ gap6: g5 })).toBe("invalid-options");
  });
});
