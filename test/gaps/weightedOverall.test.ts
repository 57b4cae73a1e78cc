/**
 * The importance-weighted overall Gap 5 score (Parasuraman, Berry & Zeithaml 1991), worked by
 * hand on the tiny two-dimension survey (A = {a1, a2}, B = {b1, b2, b3}):
 * SQW_r = Σ_d w_rd·SQ_rd per respondent with their own points (w = points/100), respondents
 * without usable points scored with the sample-mean weights w̄, and Σ_d w̄_d·SQ_d.
 */
import { describe, expect, it } from "vitest";
import { gap5 } from "../../src/gaps/gap5";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { validateResponses } from "../../src/responses/validateResponses";
import { dimensionsOf, near, tinyInstrument, tinyRecord } from "./tinySurvey";

const w = (a: number | string, b: number | string) => ({ W_A: a, W_B: b });

// Respondent dimension scores (mean gap P − E over the dimension's items):
//   r1: A (-1 - 2)/2 = -1.5, B (0 - 2 - 1)/3 = -1     E_A 6.5  E_B 6     P_A 5    P_B 5
//   r2: A (1 - 1)/2 = 0,     B (-2 - 1 + 0)/3 = -1    E_A 5    E_B 6     P_A 5    P_B 5
//   r3: A (-3 + 0)/2 = -1.5, B (-1 + 0 + 2)/3 = 1/3   E_A 6.5  E_B 19/3  P_A 5    P_B 20/3
//   r4: A (1 + 0)/2 = 0.5,   B (-2 + 0 - 1)/3 = -1    E_A 4.5  E_B 17/3  P_A 5    P_B 14/3
//   r6: A (-1 + 0)/2 = -0.5, B (0 - 2 - 1)/3 = -1     E_A 6    E_B 6     P_A 5.5  P_B 5
const answers = {
  r1: [
    [6, 7, 5, 6, 7],
    [5, 5, 5, 4, 6],
  ],
  r2: [
    [5, 5, 6, 6, 6],
    [6, 4, 4, 5, 6],
  ],
  r3: [
    [7, 6, 7, 7, 5],
    [4, 6, 6, 7, 7],
  ],
  r4: [
    [4, 5, 5, 6, 6],
    [5, 5, 3, 6, 5],
  ],
  r6: [
    [6, 6, 6, 6, 6],
    [5, 6, 6, 4, 5],
  ],
} as const;
const record = (id: keyof typeof answers, extra: Record<string, unknown>) =>
  tinyRecord(id, answers[id][0], answers[id][1], extra);

describe("weighted overall with own weights and the sample-mean fallback", () => {
  const rows = [
    record("r1", w(40, 60)),
    record("r2", w(50, 50)),
    record("r3", w(20, 80)),
    record("r4", w(30, 70)),
    record("r6", w("", "")), // no points: scored with the mean weights
  ];
  const result = gap5(validateResponses(rows, tinyInstrument).dataset);
  const weighted = result.overall.weighted;

  it("mean weights over the respondents who gave points", () => {
    // A: (.4 + .5 + .2 + .3)/4 = .35; B: (.6 + .5 + .8 + .7)/4 = .65
    expect(weighted).not.toBeNull();
    near(weighted?.meanWeights.A, 0.35);
    near(weighted?.meanWeights.B, 0.65);
  });

  it("per respondent Σ w_rd·SQ_rd, r6 with mean weights", () => {
    // r1 .4·-1.5 + .6·-1 = -1.2; r2 .5·0 + .5·-1 = -0.5; r3 .2·-1.5 + .8·(1/3) = -1/30;
    // r4 .3·.5 + .7·-1 = -0.55; r6 (mean weights) .35·-.5 + .65·-1 = -0.825.
    // In 1/120: -144, -60, -4, -66, -99 → mean -373/600.
    // Deviations (×120) from -74.6: -69.4 14.6 70.6 8.6 -24.4 → SS 10683.2/14400,
    // var 2670.8/14400 = 6677/36000.
    const p = weighted?.perRespondent;
    expect(p?.n).toBe(5);
    expect(p?.respondentsWithOwnWeights).toBe(4);
    expect(p?.respondentsWithMeanWeights).toBe(1);
    near(p?.gap.mean, -373 / 600);
    near(p?.gap.sd, Math.sqrt(6677 / 36000));
    near(p?.gap.se, Math.sqrt(6677 / 36000 / 5));
    // E side: r1 .4·6.5 + .6·6 = 6.2; r2 5.5; r3 .2·6.5 + .8·19/3 = 191/30;
    // r4 .3·4.5 + .7·17/3 = 319/60; r6 6 → mean 1763/300. P side = E + gap = 1051/200.
    near(p?.required.mean, 1763 / 300);
    near(p?.delivered.mean, 1051 / 200);
  });

  it("share negative counts only respondents with their own weights, and warns about the fallback", () => {
    const p = weighted?.perRespondent;
    expect(p?.negative).toBe(4); // r1..r4 all below 0
    expect(p?.shareNegative).toBe(1);
    expect(p?.warnings.some((m) => m.message.includes("sample-mean weights"))).toBe(true);
  });

  it("fromMeanWeights = Σ_d w̄_d·SQ_d from the sample dimension means", () => {
    // SQ_A = (-1.5 + 0 - 1.5 + .5 - .5)/5 = -0.6; SQ_B = (-1 - 1 + 1/3 - 1 - 1)/5 = -11/15
    // .35·-.6 + .65·-11/15 = -0.21 - 0.47667 = -103/150
    near(weighted?.fromMeanWeights.gap, -103 / 150);
    // Ē_A = 28.5/5 = 5.7, Ē_B = 30/5 = 6 → .35·5.7 + .65·6 = 5.895
    near(weighted?.fromMeanWeights.required.mean, 5.895);
    // P̄_A = 25.5/5 = 5.1, P̄_B = (15 + 34/3)/5 = 79/15 → .35·5.1 + .65·79/15 = 125/24
    near(weighted?.fromMeanWeights.delivered.mean, 125 / 24);
  });

  it("points that do not sum to 100 are rejected and the row falls back to the mean weights", () => {
    const { dataset, report } = validateResponses(
      [...rows.slice(0, 4), record("r6", w(40, 50))],
      tinyInstrument,
    );
    expect(report.issueCounts["weights-sum"]).toBe(1);
    const again = gap5(dataset).overall.weighted;
    expect(again?.perRespondent.respondentsWithMeanWeights).toBe(1);
    near(again?.perRespondent.gap.mean, -373 / 600);
    near(again?.meanWeights.A, 0.35);
  });
});

describe("weighted overall: who counts", () => {
  it("is null without importance columns", () => {
    const rows = (["r1", "r2", "r3"] as const).map((id) => record(id, {}));
    expect(gap5(validateResponses(rows, tinyInstrument).dataset).overall.weighted).toBeNull();
  });

  it("is null when no respondent gave usable points", () => {
    const rows = (["r1", "r2", "r3"] as const).map((id) => record(id, w("", "")));
    expect(gap5(validateResponses(rows, tinyInstrument).dataset).overall.weighted).toBeNull();
  });

  it("mean weights include a respondent with points but without every dimension score", () => {
    // r7 answers only a1, a2 and b1 (1 of 3 B items: B unscored) and gives 80/20 points.
    // Mean weights over r1..r4 and r7: A (.4 + .5 + .2 + .3 + .8)/5 = .44, B .56.
    // Per respondent only r1..r4 (r7 has no SQW): (-1.2 - .5 - 1/30 - .55)/4 = -137/240.
    // SQ_A = (-1.5 + 0 - 1.5 + .5 - 1)/5 = -0.7, SQ_B = -2/3 (r1..r4)
    // → fromMeanWeights .44·-.7 + .56·-2/3 = -0.308 - 0.37333 = -0.68133...
    const rows = [
      record("r1", w(40, 60)),
      record("r2", w(50, 50)),
      record("r3", w(20, 80)),
      record("r4", w(30, 70)),
      tinyRecord("r7", [6, 6, 6, null, null], [5, 5, 5, null, null], w(80, 20)),
    ];
    const weighted = gap5(validateResponses(rows, tinyInstrument).dataset).overall.weighted;
    near(weighted?.meanWeights.A, 0.44);
    near(weighted?.meanWeights.B, 0.56);
    expect(weighted?.perRespondent.n).toBe(4);
    expect(weighted?.perRespondent.respondentsWithOwnWeights).toBe(4);
    near(weighted?.perRespondent.gap.mean, -137 / 240);
    near(weighted?.fromMeanWeights.gap, 0.44 * -0.7 + 0.56 * (-2 / 3));
  });

  it("a weighted gap that is exactly 0 counts as zero, not as a shortfall", () => {
    // Two dimensions of two items on 1..9: A gaps -3, -4 (SQ_A = -3.5), B gaps +1, +2
    // (SQ_B = 1.5), points 30/70: .3·-3.5 + .7·1.5 = -1.05 + 1.05 = 0 for every respondent,
    // whatever their E levels (which move the floating-point rounding).
    const twoByTwo = defineInstrument({
      id: "two-by-two",
      name: "Two by two",
      scale: { min: 1, max: 9 },
      format: "expectation-perception",
      dimensions: dimensionsOf({ A: ["a1", "a2"], B: ["b1", "b2"] }),
    });
    const rows: Record<string, unknown>[] = [];
    for (let ea = 5; ea <= 9; ea++) {
      for (let eb = 1; eb <= 7; eb++) {
        rows.push({
          respondent_id: `r${ea}${eb}`,
          E_a1: ea,
          E_a2: ea,
          P_a1: ea - 3,
          P_a2: ea - 4,
          E_b1: eb,
          E_b2: eb,
          P_b1: eb + 1,
          P_b2: eb + 2,
          W_A: 30,
          W_B: 70,
        });
      }
    }
    const p = gap5(validateResponses(rows, twoByTwo).dataset).overall.weighted?.perRespondent;
    expect(p?.n).toBe(35);
    expect(p?.negative).toBe(0);
    expect(p?.zero).toBe(35);
    expect(p?.shareNegative).toBe(0);
    near(p?.gap.mean, 0, 1e-12);
    expect(p?.gap.sd).toBe(0);
  });
});
