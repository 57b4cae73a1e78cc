import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { accumulateItems, cronbachAlpha, itemAnalysis } from "../../src/psychometrics";
import { type OracleScale, oracleScales } from "./oracleScales";

const POINT = 1e-9;

function expectRel(actual: number | null | undefined, expected: number, what: string): void {
  expect(actual, what).not.toBeNull();
  expect(actual, what).not.toBeUndefined();
  const err = Math.abs((actual as number) - expected) / Math.max(Math.abs(expected), 1e-300);
  expect(err, `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(POINT);
}

function scaleOptions(scale: OracleScale) {
  return {
    itemNames: scale.items,
    reverse: scale.reverse,
    ...(scale.scaleMin !== null && scale.scaleMax !== null
      ? { scaleMin: scale.scaleMin, scaleMax: scale.scaleMax }
      : {}),
  };
}

describe("itemAnalysis against psych::alpha item.stats and alpha.drop (test/fixtures/oracle)", () => {
  for (const scale of oracleScales()) {
    for (const missing of ["pairwise", "listwise"] as const) {
      it(`${scale.label} (${missing})`, () => {
        const block = missing === "pairwise" ? scale.alpha.pairwise : scale.alpha.complete_cases;
        const result = itemAnalysis(scale.rows, { ...scaleOptions(scale), missing });
        expect(result.missing).toBe(missing);
        expect(result.items.map((item) => item.item)).toEqual(scale.items);
        for (const item of result.items) {
          const ref = block.items[item.item];
          if (!ref) throw new Error(`no R entry for ${item.item}`);
          const label = `${scale.label} ${item.item}`;
          expect(item.reversed, label).toBe(ref.reversed);
          expect(item.n, label).toBe(ref.n);
          expectRel(item.mean, ref.mean, `${label} mean`);
          expectRel(item.sd, ref.sd, `${label} sd`);
          expectRel(item.rawR, ref.raw_r, `${label} raw_r`);
          expectRel(item.standardizedR, ref.std_r, `${label} std_r`);
          expectRel(item.correctedR, ref.r_cor, `${label} r_cor`);
          expectRel(item.rDrop, ref.r_drop, `${label} r_drop`);
          const drop = item.alphaIfDeleted;
          const rd = ref.alpha_if_deleted;
          expectRel(drop?.rawAlpha, rd.raw_alpha, `${label} drop raw_alpha`);
          expectRel(drop?.standardizedAlpha, rd.std_alpha, `${label} drop std_alpha`);
          expectRel(drop?.guttmanLambda6, rd.G6_smc, `${label} drop G6`);
          expectRel(drop?.averageR, rd.average_r, `${label} drop average_r`);
          expectRel(drop?.signalToNoise, rd.S_N, `${label} drop S_N`);
          expectRel(drop?.ase, rd.alpha_se, `${label} drop alpha_se`);
          expectRel(drop?.medianR, rd.med_r, `${label} drop med_r`);
          // var.r of a single remaining correlation is NA in R (three-item scales)
          if (rd.var_r === null) expect(drop?.varianceR, label).toBeNull();
          else expectRel(drop?.varianceR, rd.var_r, `${label} drop var_r`);
        }
      });
    }
  }
});

describe("itemAnalysis: behaviour", () => {
  const rows = [
    [1, 2, 1, 7],
    [2, 2, 3, 6],
    [3, 4, 3, 5],
    [4, 4, 5, 3],
    [5, 6, 5, 2],
    [6, 7, 6, 1],
  ];
  const names = ["q1", "q2", "q3", "q4"];

  it("hand-worked r_drop: item–rest correlation", () => {
    // q1 = (1…6) against rest = q2 + q3 + q4 = (10, 11, 12, 12, 13, 14): both increase
    // Σ(q1 − 3.5)(rest − 12) = (−2.5)(−2) + (−1.5)(−1) + 0 + 0 + (1.5)(1) + (2.5)(2) = 13
    // Σ(q1 − 3.5)² = 17.5, Σ(rest − 12)² = 4 + 1 + 0 + 0 + 1 + 4 = 10 → r = 13/sqrt(175)
    const result = itemAnalysis(rows, { itemNames: names });
    expect(result.items[0]?.rDrop).toBeCloseTo(13 / Math.sqrt(175), 14);
  });

  it("applies reverse keys exactly as cronbachAlpha does", () => {
    const options = { itemNames: names, reverse: ["q4"], scaleMin: 1, scaleMax: 7 };
    const items = itemAnalysis(rows, options);
    expect(items.items[3]?.reversed).toBe(true);
    // q4 recoded 8 − x = (1, 2, 3, 5, 6, 7): mean 4
    expect(items.items[3]?.mean).toBeCloseTo(4, 14);
    // alpha without q4 equals alpha of the first three items
    const without = cronbachAlpha(
      rows.map((row) => row.slice(0, 3)),
      { itemNames: names.slice(0, 3) },
    );
    expect(items.items[3]?.alphaIfDeleted?.rawAlpha).toBeCloseTo(without.rawAlpha as number, 14);
    expect(items.warnings).toEqual([]);
  });

  it("warns, naming the item, when r_drop is negative; the same warnings in any item order", () => {
    const a = itemAnalysis(rows, { itemNames: names });
    expect(a.warnings.map((w) => w.message).join("\n")).toMatch(/r_drop\) for q4/);
    const order = [2, 3, 0, 1];
    const b = itemAnalysis(
      rows.map((row) => order.map((i) => row[i] as number)),
      { itemNames: order.map((i) => names[i] as string) },
    );
    expect(b.warnings).toEqual(a.warnings);
  });

  it("works from an accumulator (one pass shared with cronbachAlpha)", () => {
    const acc = accumulateItems(rows, { itemNames: names });
    expect(itemAnalysis(acc)).toEqual(itemAnalysis(rows, { itemNames: names }));
  });

  it("two items: alpha if deleted is null with a warning", () => {
    const result = itemAnalysis([
      [1, 2],
      [2, 3],
      [3, 5],
    ]);
    expect(result.items[0]?.alphaIfDeleted).toBeNull();
    // with two items r_drop is their correlation: x = (1, 2, 3), y = (2, 3, 5):
    // var x = 1, var y = 7/3, cov = ((−1)(−4/3) + (1)(5/3))/2 = 1.5 → r = 1.5/sqrt(7/3)
    expect(result.items[0]?.rDrop).toBeCloseTo(1.5 / Math.sqrt(7 / 3), 14);
    expect(result.warnings.map((w) => w.message).join(" ")).toMatch(/two items/);
  });

  it("zero variance: item statistics null + warning, never NaN", () => {
    const result = itemAnalysis([
      [1, 4, 2],
      [2, 4, 3],
      [3, 4, 5],
    ]);
    expect(result.items[1]?.sd).toBe(0);
    expect(result.items[1]?.rDrop).toBeNull();
    expect(result.warnings.map((w) => w.message).join(" ")).toMatch(/zero variance for item2/);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it("a constant item: alpha if deleted from C, correlation figures null, dropped version", () => {
    // x = (1, 2, 3, 4), y = (1, 3, 3, 5), z = 4: var x = 5/3, var y = 8/3, cov = 2.
    // Deleting z leaves x, y: raw α = 2·(1 − (13/3)/(25/3)) = 24/25. Deleting x leaves y, z:
    // C = [[8/3, 0], [0, 0]], raw α = 2·(1 − 1) = 0.
    const rows = [
      [1, 1, 4],
      [2, 3, 4],
      [3, 3, 4],
      [4, 5, 4],
    ];
    const result = itemAnalysis(rows, { itemNames: ["x", "y", "z"] });
    expect(result.constantItems).toEqual(["z"]);
    expect(result.items[2]?.alphaIfDeleted?.rawAlpha).toBeCloseTo(24 / 25, 14);
    expect(result.items[0]?.alphaIfDeleted?.rawAlpha).toBeCloseTo(0, 14);
    expect(result.items[0]?.alphaIfDeleted?.standardizedAlpha).toBeNull();
    expect(result.items[0]?.standardizedR).toBeNull();
    // r.drop of x: (ΣC_x· − C_xx)/sqrt(C_xx · ΣΣC₋ₓ) = 2/sqrt(5/3 · 8/3) = 6/sqrt(40)
    expect(result.items[0]?.rDrop).toBeCloseTo(6 / Math.sqrt(40), 14);
    expect(result.items[2]?.rDrop).toBeNull();
    const dropped = result.withoutConstantItems;
    expect(dropped?.items.items.map((item) => item.item)).toEqual(["x", "y"]);
    expect(dropped?.items.items[0]?.rDrop).toBeCloseTo(6 / Math.sqrt(40), 14);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it("n < 2 and all-missing data: null + warning, never NaN", () => {
    const single = itemAnalysis([[1, 2, 3]]);
    expect(single.items[0]?.rDrop).toBeNull();
    expect(single.items[0]?.sd).toBeNull();
    expect(single.items[0]?.mean).toBe(1);
    expect(single.warnings.map((w) => w.message).join(" ")).toMatch(/at least 2 respondents/);
    const empty = itemAnalysis({
      columns: [Float64Array.of(Number.NaN, Number.NaN), Float64Array.of(Number.NaN, Number.NaN)],
    });
    expect(empty.items.every((item) => item.mean === null && item.n === 0)).toBe(true);
    expect(empty.warnings.map((w) => w.message).join(" ")).toMatch(/every answer is missing/);
    for (const result of [single, empty])
      expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it("throws ServqualError for one item or a ragged matrix", () => {
    expect(() => itemAnalysis([[1], [2]])).toThrow(ServqualError);
    expect(() => itemAnalysis([[1, 2], [3]])).toThrow(ServqualError);
  });
});
