import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import {
  accumulateItemRows,
  accumulateItems,
  type CronbachAlphaResult,
  createItemCovarianceAccumulator,
  cronbachAlpha,
  mergeItemCovarianceAccumulators,
} from "../../src/psychometrics";
import { type OracleScale, oracleScales, type RAlphaBlock } from "./oracleScales";

const POINT = 1e-9;
const INTERVAL = 1e-6;

function expectRel(actual: number | null, expected: number, tol: number, what: string): void {
  expect(actual, what).not.toBeNull();
  const err = Math.abs((actual as number) - expected) / Math.max(Math.abs(expected), 1e-300);
  expect(err, `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tol);
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

function compareWithR(result: CronbachAlphaResult, ref: RAlphaBlock, label: string): void {
  expectRel(result.rawAlpha, ref.raw_alpha, POINT, `${label} raw_alpha`);
  expectRel(result.standardizedAlpha, ref.std_alpha, POINT, `${label} std_alpha`);
  expectRel(result.guttmanLambda6, ref.G6_smc, POINT, `${label} G6_smc`);
  expectRel(result.averageR, ref.average_r, POINT, `${label} average_r`);
  expectRel(result.signalToNoise, ref.S_N, POINT, `${label} S_N`);
  expectRel(result.medianR, ref.median_r, POINT, `${label} median_r`);
  expectRel(result.varianceR, ref.var_r, POINT, `${label} var_r`);
  expectRel(result.ase, ref.ase, POINT, `${label} ase`);
  expectRel(result.totalMean, ref.total_mean, POINT, `${label} total_mean`);
  expectRel(result.totalSd, ref.total_sd, POINT, `${label} total_sd`);
  expectRel(result.feldt.lower, ref.feldt_95.lower, INTERVAL, `${label} feldt lower`);
  expectRel(result.feldt.upper, ref.feldt_95.upper, INTERVAL, `${label} feldt upper`);
  expectRel(result.duhachek.lower, ref.duhachek_95.lower, INTERVAL, `${label} duhachek lower`);
  expectRel(result.duhachek.upper, ref.duhachek_95.upper, INTERVAL, `${label} duhachek upper`);
  expect(result.nObservations).toBe(ref.feldt_95.n_obs_used);
  expect(result.k).toBe(ref.feldt_95.n_var);
}

describe("cronbachAlpha against psych::alpha (test/fixtures/oracle)", () => {
  for (const scale of oracleScales()) {
    it(`${scale.label}: pairwise block (psych's default use = "pairwise")`, () => {
      const result = cronbachAlpha(scale.rows, scaleOptions(scale));
      const ref = scale.alpha.pairwise;
      expect(result.missing).toBe("pairwise");
      compareWithR(result, ref, scale.label);
      expect(result.nRows).toBe(ref.n_rows);
      expect(result.nCompleteRows).toBe(ref.n_complete_rows);
      expect(result.pairwiseNMin).toBe(ref.pairwise_n_min);
      expect(result.pairwiseNMax).toBe(ref.pairwise_n_max);
      expect(result.reversed).toEqual(scale.reverse);
    });

    it(`${scale.label}: complete_cases block (missing: "listwise")`, () => {
      const result = cronbachAlpha(scale.rows, {
        ...scaleOptions(scale),
        missing: "listwise",
      });
      const ref = scale.alpha.complete_cases;
      expect(result.missing).toBe("listwise");
      compareWithR(result, ref, scale.label);
      expect(result.nCompleteRows).toBe(ref.n_rows);
    });
  }

  it("msq: pairwise and listwise differ (trap 1: Feldt n = all rows in pairwise mode)", () => {
    const scale = oracleScales().find((s) => s.label === "msq_arousal/energetic_arousal");
    if (!scale) throw new Error("missing oracle scale");
    const pairwise = cronbachAlpha(scale.rows, scaleOptions(scale));
    const complete = cronbachAlpha(scale.rows, {
      ...scaleOptions(scale),
      missing: "listwise",
    });
    expect(pairwise.nObservations).toBe(3896);
    expect(complete.nObservations).toBe(3824);
    expect(pairwise.rawAlpha).not.toBe(complete.rawAlpha);
  });

  it("kiosk E all_items: warns about E5 as psych does (negative first-component loading)", () => {
    const scale = oracleScales().find((s) => s.label === "kiosk_servqual/E/all_items");
    if (!scale) throw new Error("missing oracle scale");
    // psych_notes: "Some items ( E5 ) were negatively correlated with the total scale …"
    expect(scale.alpha.pairwise.psych_notes.join(" ")).toContain("( E5 )");
    const result = cronbachAlpha(scale.rows, scaleOptions(scale));
    const pc1 = result.warnings.filter((w) => w.message.includes("first principal component"));
    expect(pc1).toHaveLength(1);
    expect(pc1[0]?.message).toMatch(/^E5 loads/);
    expect(pc1[0]?.code).toBe("opposite-loading");
  });

  it("gives no keying warning where psych gave none", () => {
    for (const scale of oracleScales()) {
      const notes = scale.alpha.pairwise.psych_notes.join(" ");
      if (notes.includes("negatively correlated")) continue;
      const result = cronbachAlpha(scale.rows, scaleOptions(scale));
      expect(result.warnings.filter((w) => /principal|r_drop|negative/.test(w.message))).toEqual(
        [],
      );
    }
  });

  it("kiosk gap blocks from the P and E columns directly ({ columns: P, subtract: E })", () => {
    const dims = [
      "usefulness",
      "fun",
      "control",
      "economy",
      "personalization",
      "convenience",
      "security",
      "tangibles",
      "all_items",
    ];
    for (const dim of dims) {
      const find = (set: string) => {
        const scale = oracleScales().find((s) => s.label === `kiosk_servqual/${set}/${dim}`);
        if (!scale) throw new Error(`missing ${set}/${dim}`);
        return scale;
      };
      const [p, e, gap] = [find("P"), find("E"), find("gap")];
      const toColumns = (rows: (number | null)[][], k: number) =>
        Array.from({ length: k }, (_, i) => Float64Array.from(rows, (row) => row[i] ?? Number.NaN));
      const k = gap.items.length;
      const result = cronbachAlpha(
        { columns: toColumns(p.rows, k), subtract: toColumns(e.rows, k) },
        { itemNames: gap.items },
      );
      compareWithR(result, gap.alpha.pairwise, `gap/${dim} via subtract`);
    }
  });

  it("rows, Float64Array columns and an accumulator give identical results", () => {
    const scale = oracleScales().find((s) => s.label === "msq_arousal/tense_arousal");
    if (!scale) throw new Error("missing oracle scale");
    const columns = scale.items.map((_, i) =>
      Float64Array.from(scale.rows, (row) => row[i] ?? Number.NaN),
    );
    const fromRows = cronbachAlpha(scale.rows, scaleOptions(scale));
    const fromColumns = cronbachAlpha({ columns }, scaleOptions(scale));
    const fromAcc = cronbachAlpha(accumulateItems({ columns }, scaleOptions(scale)));
    for (const other of [fromColumns, fromAcc]) {
      expect(other.rawAlpha).toBeCloseTo(fromRows.rawAlpha as number, 14);
      expect(other.totalMean).toBeCloseTo(fromRows.totalMean as number, 14);
      expect(other.feldt.lower).toBeCloseTo(fromRows.feldt.lower as number, 14);
    }
  });
});

describe("cronbachAlpha: hand-worked example", () => {
  // Items a = (1, 2, 3, 4), b = (2, 3, 3, 5), c = (2, 3, 4, 4).
  // Variances: a: Σ(a − 2.5)² = 5 → 5/3 = 20/12;
  // b: Σ(b − 3.25)² = 1.5625 + .0625 + .0625 + 3.0625 = 4.75 → 19/12;
  // c: Σ(c − 3.25)² = 1.5625 + .0625 + .5625 + .5625 = 2.75 → 11/12. Σ variances = 50/12.
  // Row sums (5, 8, 10, 13), mean 9, variance (16 + 1 + 1 + 16)/3 = 34/3.
  // alpha = 3/2 · (1 − (50/12)/(34/3)) = 3/2 · (1 − 25/68) = 3/2 · 43/68 = 129/136.
  const rows = [
    [1, 2, 2],
    [2, 3, 3],
    [3, 3, 4],
    [4, 5, 4],
  ];
  it("raw alpha = 129/136 and the person-score mean = 9/3", () => {
    const result = cronbachAlpha(rows);
    expect(result.rawAlpha).toBeCloseTo(129 / 136, 14);
    expect(result.totalMean).toBeCloseTo(3, 14);
    // person scores (5, 8, 10, 13)/3: SD = sqrt(34/3)/3
    expect(result.totalSd).toBeCloseTo(Math.sqrt(34 / 3) / 3, 14);
    expect(result.warnings).toEqual([]);
  });

  it("matches psych::alpha on the same data (R run by hand)", () => {
    // R 4.2.2, psych 2.2.9:
    //   a <- psych::alpha(data.frame(a = 1:4, b = c(2, 3, 3, 5), c = c(2, 3, 4, 4)))
    //   sprintf("%.10g", unlist(a$total))
    //   raw_alpha 0.9485294118, std.alpha 0.9549611685, G6(smc) 0.9915031287,
    //   average_r 0.8760487449, S/N 21.2030627, ase 0.04178523059, mean 3, sd 1.122167215,
    //   median_r 0.9233805169
    const result = cronbachAlpha(rows);
    expect(result.rawAlpha).toBeCloseTo(0.9485294118, 9);
    expect(result.standardizedAlpha).toBeCloseTo(0.9549611685, 9);
    expect(result.guttmanLambda6).toBeCloseTo(0.9915031287, 9);
    expect(result.averageR).toBeCloseTo(0.8760487449, 9);
    expect(result.signalToNoise).toBeCloseTo(21.2030627, 6);
    expect(result.ase).toBeCloseTo(0.04178523059, 10);
    expect(result.totalSd).toBeCloseTo(1.122167215, 9);
    expect(result.medianR).toBeCloseTo(0.9233805169, 9);
  });
});

describe("cronbachAlpha: reverse keys", () => {
  const rows = [
    [2, 3, 6],
    [3, 3, 5],
    [4, 5, 4],
    [6, 6, 2],
  ];
  it("recodes with the nominal scale when scaleMin/scaleMax are given (trap 2)", () => {
    // item 3 on a 1–7 scale → 8 − x = (2, 3, 4, 6); person scores (2+3+2, 3+3+3, 4+5+4, 6+6+6)/3
    const result = cronbachAlpha(rows, { reverse: [2], scaleMin: 1, scaleMax: 7 });
    expect(result.totalMean).toBeCloseTo((7 + 9 + 13 + 18) / 12, 14);
    expect(result.reverseRecoding).toEqual({ sum: 8, source: "scale" });
    expect(result.warnings).toEqual([]);
  });

  it("recodes with the observed min + max (psych's rule) without a scale, and says so", () => {
    // observed range 2…6 → 8 − x here too, but with a note; min + max = 8
    const result = cronbachAlpha(rows, { reverse: ["item3"] });
    expect(result.reverseRecoding).toEqual({ sum: 8, source: "observed" });
    expect(result.warnings.map((w) => w.message).join(" ")).toContain("observed minimum + maximum");
    // observed and nominal differ on a 1–9 scale: (1 + 9) − x shifts item 3 by +2 but leaves
    // every covariance (and so alpha) unchanged
    const nominal = cronbachAlpha(rows, { reverse: [2], scaleMin: 1, scaleMax: 9 });
    expect(nominal.rawAlpha).toBeCloseTo(result.rawAlpha as number, 14);
    expect((nominal.totalMean as number) - (result.totalMean as number)).toBeCloseTo(2 / 3, 14);
  });

  it("equals alpha on data recoded by hand", () => {
    const recoded = rows.map(([a, b, c]) => [a, b, 8 - (c as number)]);
    const byHand = cronbachAlpha(recoded);
    const keyed = cronbachAlpha(rows, { reverse: [2], scaleMin: 1, scaleMax: 7 });
    expect(keyed.rawAlpha).toBeCloseTo(byHand.rawAlpha as number, 14);
    expect(keyed.guttmanLambda6).toBeCloseTo(byHand.guttmanLambda6 as number, 14);
  });
});

describe("cronbachAlpha: guardrails", () => {
  // Items 1–3 agree, item 4 runs against them (reverse-worded, not recoded).
  const rows = [
    [1, 2, 1, 7],
    [2, 2, 3, 6],
    [3, 4, 3, 5],
    [4, 4, 5, 3],
    [5, 6, 5, 2],
    [6, 7, 6, 1],
  ];
  const names = ["q1", "q2", "q3", "q4"];

  it("names an item whose r_drop is negative and whose first-component loading flips", () => {
    const result = cronbachAlpha(rows, { itemNames: names });
    const text = result.warnings.map((w) => w.message).join("\n");
    expect(text).toMatch(/r_drop\) for q4/);
    expect(text).toMatch(/q4 loads on the first principal component/);
  });

  it("gives the same warnings whatever the order of the items", () => {
    const order = [3, 1, 0, 2];
    const permuted = rows.map((row) => order.map((i) => row[i] as number));
    const a = cronbachAlpha(rows, { itemNames: names });
    const b = cronbachAlpha(permuted, { itemNames: order.map((i) => names[i] as string) });
    expect(b.warnings).toEqual(a.warnings);
    expect(b.rawAlpha).toBeCloseTo(a.rawAlpha as number, 14);
  });

  it("lists several flagged items the same way whatever their order", () => {
    // q3 and q4 both reverse-worded (q3 recoded 8 − x here): flagged together, names sorted,
    // in any column order
    const five = rows.map(
      ([a, b, c, d]) => [a, b, 8 - (c as number), d, (a as number) + 1] as number[],
    );
    const names5 = ["q1", "q2", "q3", "q4", "q5"];
    const a = cronbachAlpha(five, { itemNames: names5 });
    // with two of five items miscoded every r_drop turns negative; the component signs and the
    // negative-alpha explanation single out q3 and q4
    const text = a.warnings.map((w) => w.message).join("\n");
    expect(text).toMatch(/r_drop\) for q1, q2, q3, q4, q5/);
    expect(text).toMatch(/^q3, q4 load on the first principal component/m);
    expect(text).toMatch(
      /Likely miscoded \(reverse-worded but not recoded, or recoded twice\): q3, q4\./,
    );
    const order = [4, 3, 0, 2, 1];
    const b = cronbachAlpha(
      five.map((row) => order.map((i) => row[i] as number)),
      { itemNames: order.map((i) => names5[i] as string) },
    );
    expect(b.warnings).toEqual(a.warnings);
  });

  it("explains a negative alpha in plain words and lists the likely miscoded items", () => {
    const two = rows.map(([a, , , d]) => [a as number, d as number]);
    const result = cronbachAlpha(two, { itemNames: ["q1", "q4"] });
    expect(result.rawAlpha).toBeLessThan(0);
    const text = result.warnings.map((w) => w.message).join("\n");
    expect(text).toMatch(/alpha is negative/);
    expect(text).toMatch(/opposite direction/);
    expect(text).toMatch(/miscoded .*q1|miscoded .*q4/);
  });

  it("is quiet once the item is declared reverse-keyed", () => {
    const result = cronbachAlpha(rows, {
      itemNames: names,
      reverse: ["q4"],
      scaleMin: 1,
      scaleMax: 7,
    });
    expect(result.warnings).toEqual([]);
    expect(result.rawAlpha).toBeGreaterThan(0.9);
  });

  it("warns when a declared reverse key looks wrong", () => {
    const result = cronbachAlpha(rows, {
      itemNames: names,
      reverse: ["q1", "q4"],
      scaleMin: 1,
      scaleMax: 7,
    });
    expect(result.warnings.map((w) => w.message).join("\n")).toMatch(
      /q1 was declared reverse-keyed/,
    );
  });
});

describe("cronbachAlpha: bad input", () => {
  it("an item with zero variance: raw alpha from C, correlation figures null, a warning", () => {
    // C = [[1, 0], [0, 0]]: tr C = 1, ΣΣC = 1, so raw α = 2·(1 − 1/1) = 0.
    const result = cronbachAlpha([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(result.rawAlpha).toBe(0);
    expect(result.standardizedAlpha).toBeNull();
    expect(result.guttmanLambda6).toBeNull();
    expect(result.averageR).toBeNull();
    expect(result.constantItems).toEqual(["item2"]);
    // one item would remain: nothing to report without it
    expect(result.withoutConstantItems).toBeNull();
    expect(result.warnings.map((w) => w.message).join(" ")).toMatch(
      /constant-item: zero variance for item2/,
    );
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it("dropConstantItems: the statistics without the constant item, as psych::alpha reports", () => {
    // x = (1, 2, 3, 4), y = (1, 3, 3, 5), z = 4 throughout.
    // var x = 5/3, var y = 8/3, cov(x, y) = ((−1.5)(−2) + 0 + 0 + (1.5)(2))/3 = 2.
    // With z: tr C = 13/3, ΣΣC = 5/3 + 8/3 + 2·2 = 25/3 → raw α = 3/2·(1 − 13/25) = 18/25.
    // Without z: raw α = 2·(1 − 13/25) = 24/25; r = 2/sqrt(40/9) = 6/sqrt(40),
    // standardised α = 2r/(1 + r).
    const rows = [
      [1, 1, 4],
      [2, 3, 4],
      [3, 3, 4],
      [4, 5, 4],
    ];
    const result = cronbachAlpha(rows, { itemNames: ["x", "y", "z"] });
    expect(result.rawAlpha).toBeCloseTo(18 / 25, 14);
    expect(result.standardizedAlpha).toBeNull();
    expect(result.constantItems).toEqual(["z"]);
    expect(result.warnings.map((w) => w.message).join(" ")).toMatch(/zero variance for z/);
    const dropped = result.withoutConstantItems;
    expect(dropped?.dropped).toEqual(["z"]);
    expect(dropped?.alpha.itemNames).toEqual(["x", "y"]);
    expect(dropped?.alpha.rawAlpha).toBeCloseTo(24 / 25, 14);
    const r = 6 / Math.sqrt(40);
    expect(dropped?.alpha.standardizedAlpha).toBeCloseTo((2 * r) / (1 + r), 14);
    // the person score without z: means of (1, 1), (2, 3), (3, 3), (4, 5) = 1, 2.5, 3, 4.5
    expect(dropped?.alpha.totalMean).toBeCloseTo(11 / 4, 14);
    const off = cronbachAlpha(rows, { itemNames: ["x", "y", "z"], dropConstantItems: false });
    expect(off.withoutConstantItems).toBeNull();
    expect(off.rawAlpha).toBeCloseTo(18 / 25, 14);
  });

  it("null + warning for n < 2", () => {
    const result = cronbachAlpha([[1, 2, 3]]);
    expect(result.rawAlpha).toBeNull();
    expect(result.totalSd).toBeNull();
    expect(result.warnings.map((w) => w.message).join(" ")).toMatch(/at least 2 respondents/);
  });

  it("null + warning when every answer is missing", () => {
    const result = cronbachAlpha({
      columns: [new Float64Array(5).fill(Number.NaN), new Float64Array(5).fill(Number.NaN)],
    });
    expect(result.rawAlpha).toBeNull();
    expect(result.totalMean).toBeNull();
    expect(result.warnings.map((w) => w.message).join(" ")).toMatch(/every answer is missing/);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it("null + warning for columns without rows", () => {
    const result = cronbachAlpha({ columns: [new Float64Array(0), new Float64Array(0)] });
    expect(result.rawAlpha).toBeNull();
    expect(result.nRows).toBe(0);
    expect(result.warnings.map((w) => w.message).join(" ")).toMatch(/no rows/);
  });

  it("null + warning when no row is complete in listwise mode", () => {
    const result = cronbachAlpha(
      [
        [1, null],
        [null, 2],
      ],
      { missing: "listwise" },
    );
    expect(result.rawAlpha).toBeNull();
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  it("throws ServqualError for a single item, an empty matrix, ragged rows, Infinity", () => {
    expect(() => cronbachAlpha([[1], [2], [3]])).toThrow(ServqualError);
    expect(() => cronbachAlpha([])).toThrow(ServqualError);
    expect(() => cronbachAlpha([[1, 2], [1]])).toThrow(ServqualError);
    expect(() =>
      cronbachAlpha([
        [1, 2],
        [1, Number.POSITIVE_INFINITY],
      ]),
    ).toThrow(ServqualError);
    expect(() => cronbachAlpha({ columns: [] })).toThrow(ServqualError);
  });

  it("throws ServqualError for bad options", () => {
    const rows = [
      [1, 2],
      [2, 3],
    ];
    expect(() => cronbachAlpha(rows, { missing: "complete" as "pairwise" })).toThrow(ServqualError);
    // The earlier name of listwise deletion is rejected with a pointer to the new one.
    expect(() => cronbachAlpha(rows, { missing: "complete-cases" as "pairwise" })).toThrow(
      /"complete-cases" is now called "listwise"/,
    );
    expect(() => cronbachAlpha(rows, { reverse: ["nope"] })).toThrow(ServqualError);
    expect(() => cronbachAlpha(rows, { reverse: [5] })).toThrow(ServqualError);
    expect(() => cronbachAlpha(rows, { scaleMin: 1 })).toThrow(ServqualError);
    expect(() => cronbachAlpha(rows, { scaleMin: 7, scaleMax: 1 })).toThrow(ServqualError);
    expect(() => cronbachAlpha(accumulateItems(rows), { reverse: [0] })).toThrow(ServqualError);
  });

  it("does not change its input", () => {
    const rows = [
      [1, 2, 7],
      [2, 3, 5],
      [3, 5, 4],
    ];
    const copy = rows.map((row) => [...row]);
    cronbachAlpha(Object.freeze(rows.map((row) => Object.freeze(row))), {
      reverse: [2],
      scaleMin: 1,
      scaleMax: 7,
    });
    expect(rows).toEqual(copy);
  });
});

describe("cronbachAlpha: properties", () => {
  const matrix = fc.integer({ min: 2, max: 5 }).chain((k) =>
    fc
      .array(
        fc.array(fc.option(fc.integer({ min: 1, max: 7 }), { freq: 8, nil: null }), {
          minLength: k,
          maxLength: k,
        }),
        { minLength: 3, maxLength: 40 },
      )
      .map((rows) => ({ k, rows })),
  );

  it("alpha of k identical items is 1 (property: C has every cell equal, so tr C/ΣΣC = 1/k)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 3, maxLength: 40 }),
        (k, answers) => {
          fc.pre(new Set(answers).size > 1);
          const rows = answers.map((x) => Array.from({ length: k }, () => x));
          const result = cronbachAlpha(rows);
          expect(result.rawAlpha as number).toBeCloseTo(1, 12);
          expect(result.standardizedAlpha as number).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it("returns null standardized alpha and λ6 when the standardized total has no variance", () => {
    // three complete rows of five items: the standardized item scores sum to the same total in
    // every row, so ΣΣR = 0; raw alpha from the covariances: tr C = 14, ΣΣC = 4/3,
    // α = 5/4 · (1 − 14/(4/3)) = −11.875
    const result = cronbachAlpha(
      [
        [null, 4, null, null, null],
        [5, 1, 5, 3, 4],
        [5, 3, 1, 5, 2],
        [1, 3, 5, 4, 3],
      ],
      { missing: "listwise" },
    );
    expect(result.rawAlpha).toBeCloseTo(-11.875, 10);
    expect(result.standardizedAlpha).toBeNull();
    expect(result.guttmanLambda6).toBeNull();
    expect(result.warnings.map((w) => w.code)).toContain("zero-variance");
  });

  it("returns null raw alpha when the raw total is constant although the items vary", () => {
    // every row sums to 20, so the total has variance 0 = ΣΣC while tr C = 4/3 + 7 + 7 + 4/3 > 0:
    // tr C/ΣΣC has no value (evaluated in floating point ΣΣC is ~1e-16 and α came out near 1e17)
    const result = cronbachAlpha([
      [3, 7, 3, 7],
      [5, 6, 2, 7],
      [null, null, null, null],
      [5, 3, 7, 5],
    ]);
    expect(result.totalSd).toBe(0);
    expect(result.rawAlpha).toBeNull();
    expect(result.ase).toBeNull();
    expect(result.feldt.lower).toBeNull();
    expect(result.duhachek.upper).toBeNull();
    expect(result.warnings.map((w) => w.message).join(" ")).toMatch(
      /raw total score has no variance/,
    );
  });

  it("alpha ≤ 1 and λ6 ≤ 1 for complete data; never NaN or Infinity (property)", () => {
    fc.assert(
      fc.property(matrix, ({ rows }) => {
        const result = cronbachAlpha(rows);
        expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
        const complete = cronbachAlpha(rows, { missing: "listwise" });
        expect(JSON.stringify(complete)).not.toMatch(/NaN|Infinity/);
        for (const key of ["rawAlpha", "standardizedAlpha", "guttmanLambda6"] as const) {
          if (complete[key] !== null) expect(complete[key]).toBeLessThanOrEqual(1 + 1e-12);
          // pairwise deletion can break positive semi-definiteness: then a warning says so
          if ((result[key] ?? 0) > 1 + 1e-12) {
            expect(result.warnings.map((w) => w.message).join(" ")).toMatch(
              /not positive semi-definite/,
            );
          }
        }
      }),
    );
  });

  it("warns that the pairwise covariance matrix is indefinite when constant items leave the correlations undefined", () => {
    // item1 and item3 never vary; pairwise cov(item2, item4) = −7.5 from rows 1 and 3,
    // var(item2) = 75/9, var(item4) = 4.5: tr C = 77/6, ΣΣC = −13/6, raw α = 4/3·(1 + 77/13) = 120/13
    const result = cronbachAlpha([
      [7, 6, 1, 1],
      [null, 1, null, null],
      [7, 1, 1, 4],
    ]);
    expect(result.rawAlpha).toBeCloseTo(120 / 13, 12);
    expect(result.warnings.map((w) => w.message).join(" ")).toMatch(
      /pairwise covariance matrix is not positive semi-definite/,
    );
  });

  it("does not depend on the order of the respondents (property)", () => {
    fc.assert(
      fc.property(matrix, fc.nat(), ({ rows }, seed) => {
        const shuffled = rows
          .map((row, i) => ({ row, key: (i * 7919 + seed) % 104729 }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.row);
        const a = cronbachAlpha(rows);
        const b = cronbachAlpha(shuffled);
        for (const key of [
          "rawAlpha",
          "standardizedAlpha",
          "totalMean",
          "totalSd",
          "ase",
        ] as const) {
          // relative: on tiny, ill-conditioned pairwise samples alpha can reach |α| ≈ 10³,
          // where summing in another order moves the 13th significant digit
          if (a[key] === null) expect(b[key]).toBeNull();
          else
            expect(Math.abs((b[key] as number) - (a[key] as number))).toBeLessThanOrEqual(
              1e-10 * Math.max(1, Math.abs(a[key] as number)),
            );
        }
      }),
    );
  });

  it("an accumulator merged from chunks gives the same alpha as one pass (property)", () => {
    fc.assert(
      fc.property(matrix, fc.nat(), ({ k, rows }, cut) => {
        const split = cut % (rows.length + 1);
        const merged = mergeItemCovarianceAccumulators(
          accumulateItemRows(createItemCovarianceAccumulator(k), rows.slice(0, split)),
          accumulateItemRows(createItemCovarianceAccumulator(k), rows.slice(split)),
        );
        const a = cronbachAlpha(rows);
        const b = cronbachAlpha(merged);
        for (const key of ["rawAlpha", "guttmanLambda6", "totalMean", "totalSd"] as const) {
          // relative: on tiny, ill-conditioned pairwise samples alpha can reach |α| ≈ 10³,
          // where summing in another order moves the 13th significant digit
          if (a[key] === null) expect(b[key]).toBeNull();
          else
            expect(Math.abs((b[key] as number) - (a[key] as number))).toBeLessThanOrEqual(
              1e-10 * Math.max(1, Math.abs(a[key] as number)),
            );
        }
      }),
    );
  });
});
