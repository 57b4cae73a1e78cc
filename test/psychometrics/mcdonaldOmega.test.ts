import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { accumulateItems, mcdonaldOmega, oneFactorMinres } from "../../src/psychometrics";
import { type OracleScale, oracleScales } from "./oracleScales";

const OMEGA = 1e-4;

function scaleOptions(scale: OracleScale) {
  return {
    itemNames: scale.items,
    reverse: scale.reverse,
    ...(scale.scaleMin !== null && scale.scaleMax !== null
      ? { scaleMin: scale.scaleMin, scaleMax: scale.scaleMax }
      : {}),
  };
}

describe("mcdonaldOmega against psych::omega(nfactors = 1) and psych::fa(fm = 'minres')", () => {
  for (const scale of oracleScales()) {
    const ref = scale.omega;
    if (ref === null) continue;
    // Entries R itself flags as unstable (Heywood cases) are no target; the Heywood test below
    // checks that we warn on them instead.
    const stable = ref.stable_reference && ref.minres_one_factor.stable_reference;
    if (!stable) continue;
    it(`${scale.label}: omega_tot, model-implied omega, loadings`, () => {
      const result = mcdonaldOmega(scale.rows, scaleOptions(scale));
      expect(result.omegaTotal).not.toBeNull();
      expect(Math.abs((result.omegaTotal as number) - ref.omega_tot)).toBeLessThanOrEqual(OMEGA);
      const minres = ref.minres_one_factor;
      expect(
        Math.abs((result.omegaModelImplied as number) - minres.omega_model_implied),
      ).toBeLessThanOrEqual(OMEGA);
      scale.items.forEach((item, i) => {
        const lambda = minres.loadings[item] as number;
        const u2 = minres.uniquenesses[item] as number;
        expect(Math.abs((result.loadings[i] as number) - lambda), item).toBeLessThanOrEqual(OMEGA);
        expect(Math.abs((result.uniquenesses[i] as number) - u2), item).toBeLessThanOrEqual(OMEGA);
        // psych's key_applied: −1 exactly for the declared reverse keys
        expect(ref.key_applied[item]).toBe(scale.reverse.includes(item) ? -1 : 1);
      });
      expect(result.converged).toBe(true);
    });
  }

  it("reports Heywood cases where psych did (E and gap tangibles; P control near the bound)", () => {
    for (const label of [
      "kiosk_servqual/E/tangibles",
      "kiosk_servqual/gap/tangibles",
      "kiosk_servqual/P/control",
    ]) {
      const scale = oracleScales().find((s) => s.label === label);
      if (!scale) throw new Error(`missing ${label}`);
      const result = mcdonaldOmega(scale.rows, scaleOptions(scale));
      expect(result.heywood, label).toBe(true);
      expect(result.warnings.map((w) => w.message).join(" "), label).toMatch(/Heywood case/);
    }
    const fine = oracleScales().find((s) => s.label === "kiosk_servqual/P/fun");
    if (!fine) throw new Error("missing P/fun");
    expect(mcdonaldOmega(fine.rows).heywood).toBe(false);
  });

  it("matches psych::omega on a small data set (R run by hand)", () => {
    // set.seed(5) example; R 4.2.2, psych 2.2.9:
    //   x <- data.frame(a = c(3,2,1,2,2,1,5,4,3,1), b = c(2,3,2,2,1,1,4,4,4,3),
    //                   c = c(2,3,1,2,1,1,4,4,2,3), d = c(3,3,1,4,2,2,5,2,3,2))
    //   psych::omega(x, nfactors = 1)$omega.tot            → 0.8744390082
    //   psych::fa(x, 1, fm = "minres")$loadings            → 0.8555777891 0.8249834235
    //                                                         0.8893283011 0.5970872281
    const rows = [
      [3, 2, 2, 3],
      [2, 3, 3, 3],
      [1, 2, 1, 1],
      [2, 2, 2, 4],
      [2, 1, 1, 2],
      [1, 1, 1, 2],
      [5, 4, 4, 5],
      [4, 4, 4, 2],
      [3, 4, 2, 3],
      [1, 3, 3, 2],
    ];
    const result = mcdonaldOmega(rows);
    expect(Math.abs((result.omegaTotal as number) - 0.8744390082)).toBeLessThan(OMEGA);
    [0.8555777891, 0.8249834235, 0.8893283011, 0.5970872281].forEach((l, i) => {
      expect(Math.abs((result.loadings[i] as number) - l)).toBeLessThan(OMEGA);
    });
  });
});

describe("oneFactorMinres", () => {
  it("recovers an exact one-factor structure (hand-worked: rᵢⱼ = λᵢλⱼ)", () => {
    // λ = (0.7, 0.6, 0.5): r12 = .42, r13 = .35, r23 = .30
    const fit = oneFactorMinres([
      [1, 0.42, 0.35],
      [0.42, 1, 0.3],
      [0.35, 0.3, 1],
    ]);
    fit.loadings.forEach((l, i) => {
      expect(l).toBeCloseTo([0.7, 0.6, 0.5][i] as number, 12);
    });
    expect(fit.residualSumOfSquares).toBeLessThan(1e-24);
  });

  it("recovers exact one-factor loadings for any k (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 20, max: 95 }), { minLength: 3, maxLength: 8 }),
        (raw) => {
          const lambda = raw.map((x) => x / 100);
          const r = lambda.map((li, i) => lambda.map((lj, j) => (i === j ? 1 : li * lj)));
          const fit = oneFactorMinres(r);
          fit.loadings.forEach((l, i) => {
            expect(l).toBeCloseTo(lambda[i] as number, 8);
          });
          expect(fit.heywood).toBe(false);
        },
      ),
    );
  });

  it("gives the same loadings, permuted, for permuted items (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 20, max: 90 }), { minLength: 4, maxLength: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        (raw, seed) => {
          const k = raw.length;
          // a one-factor matrix plus a little symmetric noise
          const r = raw.map((a, i) =>
            raw.map((b, j) => (i === j ? 1 : (a * b) / 1e4 + (((i + j + seed) % 5) - 2) / 200)),
          );
          const order = Array.from({ length: k }, (_, i) => (i + seed) % k);
          const permuted = order.map((i) => order.map((j) => r[i]?.[j] as number));
          const a = oneFactorMinres(r);
          const b = oneFactorMinres(permuted);
          order.forEach((src, dst) => {
            expect(b.loadings[dst]).toBeCloseTo(a.loadings[src] as number, 9);
          });
        },
      ),
      // a case whose flat minimum once stopped the Newton iteration early
      { examples: [[[47, 26, 63, 25], 3]] },
    );
  });

  it("throws ServqualError for fewer than 3 items or a malformed matrix", () => {
    expect(() =>
      oneFactorMinres([
        [1, 0.5],
        [0.5, 1],
      ]),
    ).toThrow(ServqualError);
    expect(() =>
      oneFactorMinres([
        [1, 0.5, 0.2],
        [0.5, 1],
        [0.2, 0.3, 1],
      ]),
    ).toThrow(ServqualError);
    expect(() =>
      oneFactorMinres([
        [1, 0.5, 0.2],
        [0.4, 1, 0.3],
        [0.2, 0.3, 1],
      ]),
    ).toThrow(ServqualError);
    expect(() =>
      oneFactorMinres([
        [1, Number.NaN, 0.2],
        [Number.NaN, 1, 0.3],
        [0.2, 0.3, 1],
      ]),
    ).toThrow(ServqualError);
  });
});

describe("mcdonaldOmega: definitions, keys and guardrails", () => {
  it("omega total and model-implied omega coincide when the model fits exactly", () => {
    // three items with positive correlations and no Heywood case fit one factor exactly
    // (λ₁² = r₁₂r₁₃/r₂₃ …), so ΣΣR = (Σλ)² + Σu² and 1 − Σu²/ΣΣR = (Σλ)²/((Σλ)² + Σu²)
    const rows = [
      [3, 2, 2],
      [2, 3, 3],
      [1, 2, 1],
      [2, 2, 2],
      [2, 1, 1],
      [1, 1, 1],
      [5, 4, 4],
      [4, 4, 4],
      [3, 4, 2],
      [1, 3, 3],
    ];
    const result = mcdonaldOmega(rows);
    expect(result.heywood).toBe(false);
    expect(result.omegaTotal).toBeCloseTo(result.omegaModelImplied as number, 12);
    expect(result.definitions.omegaTotal).toMatch(/psych::omega/);
    expect(result.definitions.omegaModelImplied).toMatch(/model/);
  });

  it("declared reverse keys give the same omega as data recoded by hand", () => {
    const rows = [
      [3, 2, 2, 3],
      [2, 3, 3, 3],
      [1, 2, 1, 1],
      [2, 2, 2, 4],
      [2, 1, 1, 2],
      [1, 1, 1, 2],
      [5, 4, 4, 5],
      [4, 4, 4, 2],
      [3, 4, 2, 3],
      [1, 3, 3, 2],
    ];
    const miscoded = rows.map(([a, b, c, d]) => [a, b, c, 6 - (d as number)] as number[]);
    const keyed = mcdonaldOmega(miscoded, { reverse: [3], scaleMin: 1, scaleMax: 5 });
    const byHand = mcdonaldOmega(rows);
    expect(keyed.omegaTotal).toBeCloseTo(byHand.omegaTotal as number, 12);
    expect(keyed.reversed).toEqual(["item4"]);
    expect(keyed.warnings).toEqual([]);
    // without the key the item loads against the others: warned, not silently flipped
    const unkeyed = mcdonaldOmega(miscoded);
    expect(unkeyed.warnings.map((w) => w.message).join("\n")).toMatch(
      /item4 loads on the one factor with the opposite sign/,
    );
    expect(unkeyed.loadings[3]).toBeLessThan(0);
  });

  it("gives the same omega and warnings for permuted items", () => {
    const rows = [
      [3, 2, 2, 3],
      [2, 3, 3, 3],
      [1, 2, 1, 1],
      [2, 2, 2, 4],
      [2, 1, 1, 2],
      [1, 1, 1, 2],
      [5, 4, 4, 5],
      [4, 4, 4, 2],
      [3, 4, 2, 3],
      [1, 3, 3, 2],
    ].map(([a, b, c, d]) => [a, 6 - (b as number), c, 6 - (d as number)] as number[]);
    const names = ["a", "b", "c", "d"];
    const order = [3, 0, 2, 1];
    const x = mcdonaldOmega(rows, { itemNames: names });
    const y = mcdonaldOmega(
      rows.map((row) => order.map((i) => row[i] as number)),
      { itemNames: order.map((i) => names[i] as string) },
    );
    expect(x.warnings.length).toBeGreaterThan(0);
    expect(y.warnings).toEqual(x.warnings);
    expect(y.omegaTotal).toBeCloseTo(x.omegaTotal as number, 10);
  });

  it("works from an accumulator shared with alpha", () => {
    const scale = oracleScales().find((s) => s.label === "holzinger_swineford/visual");
    if (!scale) throw new Error("missing scale");
    expect(mcdonaldOmega(accumulateItems(scale.rows))).toEqual(mcdonaldOmega(scale.rows));
  });

  it("null + warning for two items, zero variance, n < 2; never NaN", () => {
    const two = mcdonaldOmega([
      [1, 2],
      [2, 3],
      [3, 5],
    ]);
    expect(two.omegaTotal).toBeNull();
    expect(two.warnings.map((w) => w.message).join(" ")).toMatch(/not identified/);
    const constant = mcdonaldOmega([
      [1, 2, 4],
      [2, 3, 4],
      [3, 5, 4],
    ]);
    expect(constant.omegaTotal).toBeNull();
    expect(constant.warnings.map((w) => w.message).join(" ")).toMatch(/zero variance/);
    const single = mcdonaldOmega([[1, 2, 3]]);
    expect(single.omegaTotal).toBeNull();
    for (const result of [two, constant, single]) {
      expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
    }
  });

  it("throws ServqualError for one item or bad input", () => {
    expect(() => mcdonaldOmega([[1], [2], [3]])).toThrow(ServqualError);
    expect(() =>
      mcdonaldOmega([
        [1, 2, 3],
        [1, 2],
      ]),
    ).toThrow(ServqualError);
    expect(() => mcdonaldOmega([[1, 2, Number.NEGATIVE_INFINITY]])).toThrow(ServqualError);
  });
});
