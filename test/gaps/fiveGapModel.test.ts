/**
 * fiveGapModel on results of the real calculators run on tiny hand-worked inputs: one test per
 * linking rule that fires and one where it must not, absent gaps reported as absent.
 *
 * Gap 5 (four customers, dimension A = {a1, a2}, B = {b1, b2, b3}, E = 7 on A and 5 on B):
 *   P on A (5,4) (5,5) (4,4) (5,4) → dimension gaps −2.5, −2, −3, −2.5,
 *   mean −2.5, SD √(0.5/3), t = −2.5 / (SD/2) = −12.25 on 3 df, beyond qt(0.995, 3) = 5.841, so
 *   p < .01 and Holm over two dimensions p < .02 < .05.
 *   B dimension gaps +1/3, 0, −1/3, 0: mean 0, t = 0, p = 1 (no shortfall).
 * Gap 1 from test/fixtures/gap1 (R reference): dimension A −1.3125, Holm p 0.034947 (< .05,
 * > .01); B −0.1528, Holm p 0.7587.
 * Gap 3: standard "fixA" (dimension A, resolution ≤ 24 h, target share 0.9). All ten records
 * resolved in 48 h: 0/10, gap −0.9, Wilson upper 1.959964² / (10 + 1.959964²) = 0.27753 < 0.9.
 * Gap 4: promise of 24 h on fixA; median delivered 48 h → overpromise −24 h.
 * Factors: teamwork 70.83, role conflict 55.56 (contributingFactors test) → Gap 3 weakest first
 * roleConflict.
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { contributingFactors } from "../../src/gaps/contributingFactors";
import { fiveGapModel } from "../../src/gaps/fiveGapModel";
import { gap2 } from "../../src/gaps/gap2";
import { gap3 } from "../../src/gaps/gap3";
import { gap4 } from "../../src/gaps/gap4";
import { validateStandards } from "../../src/operations/standards";
import { validateFactorSurvey } from "../../src/responses/validateFactorSurvey";
import {
  b1,
  fixA,
  g1,
  g3,
  g4,
  g5,
  promise,
  recordsTaking,
  slow,
  withMissingA,
} from "./fiveGapInputs";
import { near, strictJson } from "./tinySurvey";

const fullA = validateStandards([
  fixA,
  { id: "a2", attribute: "a2", item: "a2", dimension: "A", formal: true, scaleTarget: 6 },
  b1,
]);
const mostlyFast = recordsTaking([12, 12, 12, 12, 12, 12, 12, 12, 48, 48]);
const g3ok = gap3(mostlyFast, withMissingA);
const g4kept = gap4(promise(72), slow, { standards: withMissingA });
const factors = contributingFactors(
  validateFactorSurvey(
    [
      [6, 6, 6, 2, 2, 2],
      [4, 5, 6, 5, 6, 7],
      [7, 7, "", 4, "", ""],
      [2, 3, 4, 3, 3, 3],
    ].map((a, r) => ({
      respondent_id: `e${r + 1}`,
      tmw1: a[0],
      tmw2: a[1],
      tmw3: a[2],
      rcf1: a[3],
      rcf2: a[4],
      rcf3: a[5],
    })),
  ).dataset,
);

const causesOf = (model: ReturnType<typeof fiveGapModel>, dimension: string) =>
  model.links.filter((l) => l.dimension === dimension).map((l) => l.cause);

describe("fiveGapModel: the Gap 5 shortfall", () => {
  const model = fiveGapModel({ gap5: g5 });
  it("marks A short (mean −2.5, p < .05) and B not (mean 0)", () => {
    const a = model.dimensions.find((d) => d.dimension === "A");
    const b = model.dimensions.find((d) => d.dimension === "B");
    near(a?.gap5?.value, -2.5, 1e-12);
    expect(a?.gap5?.n).toBe(4);
    expect(a?.gap5?.p).toBeLessThan(0.02);
    expect(a?.shortfall).toBe(true);
    near(b?.gap5?.value, 0, 1e-12);
    expect(b?.shortfall).toBe(false);
  });
  it("reports absent gaps as absent and no links without provider gaps", () => {
    expect(model.gaps.map((g) => g.present)).toEqual([false, false, false, false, true]);
    expect(model.gaps[0]).toMatchObject({ overall: null, worst: null, unit: null });
    expect(model.gaps[4]?.worst).toEqual({ dimension: "A", value: -2.5 });
    expect(model.links).toEqual([]);
    expect(() => strictJson(model)).not.toThrow();
  });
  it("minGap5 above the shortfall turns it off", () => {
    expect(fiveGapModel({ gap5: g5, gap3: g3 }, { minGap5: 3 }).links).toEqual([]);
  });
  it("without Gap 5: every gap still reported, no links, a no-data warning", () => {
    const m = fiveGapModel({ gap1: g1, gap3: g3 });
    expect(m.gaps.map((g) => g.present)).toEqual([true, false, true, false, false]);
    near(m.gaps[0]?.overall, -0.732638888888889, 1e-9);
    expect(m.gaps[0]?.worst?.dimension).toBe("A");
    near(m.gaps[2]?.overall, -0.9, 1e-12);
    expect(m.dimensions).toEqual([]);
    expect(m.warnings.map((w) => w.code)).toEqual(["no-data"]);
  });
});

describe("fiveGapModel: delivery (Gap 3)", () => {
  it("fires on A when the standard's compliance CI lies below its target share", () => {
    const m = fiveGapModel({ gap5: g5, gap3: g3 });
    expect(causesOf(m, "A")).toEqual(["delivery"]);
    const e = m.links[0]?.evidence[1];
    expect(e).toMatchObject({ gap: 3, subject: "fixA", n: 10 });
    near(e?.value, -0.9, 1e-12);
    near(e?.ci?.upper, 1.959964 ** 2 / (10 + 1.959964 ** 2), 1e-6);
    expect(m.links[0]?.evidence[0]?.gap).toBe(5);
    expect(m.links[0]?.factors).toBeNull();
  });
  it("does not fire when 8/10 are met: gap −0.1 but the CI reaches the 0.9 target", () => {
    expect(g3ok.items[0]?.gap).toBeCloseTo(-0.1, 12);
    expect(causesOf(fiveGapModel({ gap5: g5, gap3: g3ok }), "A")).toEqual([]);
  });
});

describe("fiveGapModel: standards (Gap 2)", () => {
  it("fires on A where a2 has no formal standard", () => {
    const m = fiveGapModel({ gap5: g5, gap2: gap2(withMissingA) });
    expect(causesOf(m, "A")).toEqual(["standards"]);
    expect(m.links[0]?.rule).toContain("a2");
    expect(m.links[0]?.evidence[1]).toMatchObject({ gap: 2, value: -0.5, n: 2 });
  });
  it("does not fire when every attribute of A has a standard", () => {
    expect(fiveGapModel({ gap5: g5, gap2: gap2(fullA) }).links).toEqual([]);
  });
});

describe("fiveGapModel: knowledge (Gap 1)", () => {
  it("fires on A: managers underestimate by 1.3125, Holm p 0.0349 < .05", () => {
    const m = fiveGapModel({ gap5: g5, gap1: g1 });
    expect(causesOf(m, "A")).toEqual(["knowledge"]);
    const e = m.links[0]?.evidence[1];
    near(e?.value, -1.3125, 1e-9);
    near(e?.p, 0.0349472617183845, 1e-6);
    near(e?.ci?.lower, -2.27376652157082, 1e-6);
  });
  it("does not fire at alpha .01, nor with minGap1 above the gap", () => {
    expect(fiveGapModel({ gap5: g5, gap1: g1 }, { alpha: 0.01 }).links).toEqual([]);
    expect(fiveGapModel({ gap5: g5, gap1: g1 }, { minGap1: 1.5 }).links).toEqual([]);
  });
});

describe("fiveGapModel: communication (Gap 4)", () => {
  it("fires on A: 24 h promised, 48 h delivered (overpromise −24 h, 0 of 10 kept)", () => {
    const m = fiveGapModel({ gap5: g5, gap4: g4 });
    expect(causesOf(m, "A")).toEqual(["communication"]);
    expect(m.links[0]?.evidence[1]).toMatchObject({ gap: 4, value: -24, unit: "hours", n: 10 });
    expect(m.links[0]?.evidence[2]).toMatchObject({ measure: "promise-kept rate", value: 0 });
  });
  it("does not fire when 72 h was promised", () => {
    expect(fiveGapModel({ gap5: g5, gap4: g4kept }).links).toEqual([]);
  });
});

describe("fiveGapModel: all gaps with factors", () => {
  const m = fiveGapModel(
    { gap1: g1, gap2: gap2(withMissingA), gap3: g3, gap4: g4, gap5: g5, factors },
    { topFactors: 2 },
  );
  it("links A to all four causes and B to none", () => {
    expect(causesOf(m, "A")).toEqual(["delivery", "standards", "knowledge", "communication"]);
    expect(causesOf(m, "B")).toEqual([]);
    expect(m.gaps.every((g) => g.present)).toBe(true);
  });
  it("lists the weakest factors of the linked gap", () => {
    const delivery = m.links.find((l) => l.cause === "delivery");
    expect(delivery?.factors?.map((f) => f.factor)).toEqual(["roleConflict", "teamwork"]);
    near(delivery?.factors?.[0]?.index, (100 * (13 / 3 - 1)) / 6, 1e-12);
    expect(m.links.find((l) => l.cause === "standards")?.factors).toEqual([]);
    expect(() => strictJson(m)).not.toThrow();
  });
});

describe("fiveGapModel: bad input", () => {
  it("rejects a result under the wrong name, unknown keys and bad options", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof ServqualError ? error.code : "other";
      }
      return "none";
    };
    expect(code(() => fiveGapModel({ gap3: g5 as never }))).toBe("invalid-argument");
    expect(code(() => fiveGapModel({ factors: g5 as never }))).toBe("invalid-argument");
    expect(code(() => fiveGapModel(null as never))).toBe("invalid-argument");
    expect(code(() => fiveGapModel({ gap6: g5 } as never))).toBe("invalid-options");
    expect(code(() => fiveGapModel({}, { alhpa: 0.1 } as never))).toBe("invalid-options");
    expect(code(() => fiveGapModel({}, { alpha: 1 }))).toBe("invalid-argument");
    expect(code(() => fiveGapModel({}, { minGap1: -1 }))).toBe("invalid-argument");
    expect(code(() => fiveGapModel({}, { topFactors: 1.5 }))).toBe("invalid-argument");
  });
});
