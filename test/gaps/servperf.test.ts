/**
 * SERVPERF (Cronin & Taylor 1992): perceptions alone, worked by hand on five respondents of a
 * two-dimension perception-only survey (A = {a1, a2}, B = {b1, b2, b3}), with the t interval
 * written out as a textbook computes it: mean ± qt(0.975, n − 1)·sd/√n.
 *
 *            a1 a2 | b1 b2 b3
 *   r1        5  6 |  4  5  6
 *   r2        7  6 |  6  6  6
 *   r3        4  4 |  3  5  4
 *   r4        6  7 |  5  7  6
 *   r5        3  . |  4  .  .     (A: 1 of 2 items, scored; B: 1 of 3, not scored)
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { gap5 } from "../../src/gaps/gap5";
import { servperf } from "../../src/gaps/servperf";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { validateResponses } from "../../src/responses/validateResponses";
import { near, strictJson, TINY_ITEMS, tinyInstrument, tinyRecord } from "./tinySurvey";

const perceptionOnly = defineInstrument({
  id: "tiny-servperf",
  name: "Tiny performance-only survey",
  scale: { min: 1, max: 7 },
  format: "perception-only",
  dimensions: tinyInstrument.dimensions.map((d) => ({
    id: d.id,
    label: d.label,
    items: d.items.map((i) => ({ id: i.id, label: i.label })),
  })),
});

const answers: Record<string, readonly (number | null)[]> = {
  r1: [5, 6, 4, 5, 6],
  r2: [7, 6, 6, 6, 6],
  r3: [4, 4, 3, 5, 4],
  r4: [6, 7, 5, 7, 6],
  r5: [3, null, 4, null, null],
};
const rows = Object.entries(answers).map(([id, p]) => {
  const record: Record<string, unknown> = { respondent_id: id };
  TINY_ITEMS.forEach((item, i) => {
    record[`P_${item}`] = p[i] ?? "";
  });
  return record;
});

// R: qt(0.975, 4) = 2.776445105; qt(0.975, 3) = 3.182446305
const QT_975_4 = 2.776445105;
const QT_975_3 = 3.182446305;

describe("servperf on a hand-worked survey", () => {
  const result = servperf(validateResponses(rows, perceptionOnly).dataset);

  it("item a1: mean, SD, SE and the textbook t interval", () => {
    // 5, 7, 4, 6, 3: mean 5; deviations 0 2 -1 1 -2 → SS 10, var 2.5; SE sqrt(2.5/5) = sqrt(.5)
    const a1 = result.items[0];
    expect(a1?.item).toBe("a1");
    expect(a1?.n).toBe(5);
    near(a1?.mean, 5);
    near(a1?.sd, Math.sqrt(2.5));
    near(a1?.se, Math.sqrt(0.5));
    // 5 ± 2.776445105·0.7071068 = 5 ± 1.963243
    near(a1?.ci.lower, 5 - QT_975_4 * Math.sqrt(0.5), 1e-8);
    near(a1?.ci.upper, 5 + QT_975_4 * Math.sqrt(0.5), 1e-8);
    expect(a1?.ci.level).toBe(0.95);
  });

  it("item b2 over its four answers", () => {
    // 5, 6, 5, 7: mean 23/4
    expect(result.items[3]?.n).toBe(4);
    near(result.items[3]?.mean, 23 / 4);
  });

  it("dimension A: respondent means 5.5, 6.5, 4, 6.5, 3", () => {
    // mean 25.5/5 = 5.1; deviations .4 1.4 -1.1 1.4 -2.1 → SS 9.7, var 2.425
    const A = result.dimensions[0];
    expect(A?.n).toBe(5);
    near(A?.mean, 5.1);
    near(A?.sd, Math.sqrt(2.425));
    near(A?.ci.lower, 5.1 - QT_975_4 * Math.sqrt(2.425 / 5), 1e-8);
  });

  it("dimension B: r5 is not scored (one of three items)", () => {
    // 5, 6, 4, 6: mean 5.25; deviations -.25 .75 -1.25 .75 → SS 2.75, var 11/12
    const B = result.dimensions[1];
    expect(B?.n).toBe(4);
    near(B?.mean, 5.25);
    near(B?.sd, Math.sqrt(11 / 12));
    // 5.25 ± qt(.975, 3)·sqrt(11/12)/2
    near(B?.ci.upper, 5.25 + (QT_975_3 * Math.sqrt(11 / 12)) / 2, 1e-8);
  });

  it("overall: mean of dimension scores and mean of all items per respondent", () => {
    // unweighted: 5.25, 6.25, 4, 6.25, 3 → mean 4.95; deviations .3 1.3 -.95 1.3 -1.95
    // → SS 8.175, var 2.04375
    near(result.overall.unweighted.mean, 4.95);
    near(result.overall.unweighted.sd, Math.sqrt(2.04375));
    // itemMean: 26/5, 31/5, 20/5, 31/5, (3 + 4)/2 → mean 25.1/5 = 5.02;
    // deviations .18 1.18 -1.02 1.18 -1.52 → SS 6.168, var 1.542
    near(result.overall.itemMean.mean, 5.02);
    near(result.overall.itemMean.sd, Math.sqrt(1.542));
    expect(result.kind).toBe("servperf");
  });

  it("a 90 % interval uses qt(0.95, 4) = 2.131846786", () => {
    const a1 = servperf(validateResponses(rows, perceptionOnly).dataset, { level: 0.9 }).items[0];
    near(a1?.ci.lower, 5 - 2.131846786 * Math.sqrt(0.5), 1e-8);
  });
});

describe("servperf beside Gap 5 and on bad input", () => {
  it("on complete E/P data its item means are Gap 5's perception means", () => {
    const complete = [
      tinyRecord("r1", [6, 7, 5, 6, 7], [5, 5, 5, 4, 6]),
      tinyRecord("r2", [5, 5, 6, 6, 6], [6, 4, 4, 5, 6]),
      tinyRecord("r3", [7, 6, 7, 7, 5], [4, 6, 6, 7, 7]),
    ];
    const { dataset } = validateResponses(complete, tinyInstrument);
    const perf = servperf(dataset);
    const gaps = gap5(dataset);
    perf.items.forEach((item, i) => {
      near(item.mean, gaps.items[i]?.delivered.mean as number);
      near(item.sd, gaps.items[i]?.delivered.sd as number);
    });
    perf.dimensions.forEach((d, i) => {
      near(d.mean, gaps.dimensions[i]?.delivered.mean as number);
    });
  });

  it("warnings: r5 has no B score (1 of 3 items, 2 needed); nothing else to warn about", () => {
    const result = servperf(validateResponses(rows, perceptionOnly).dataset);
    expect(result.warnings).toEqual([
      {
        code: "unscored-respondents",
        message:
          "dimension B: 1 of 5 respondents have no score (fewer than 2 of its 3 items answered)",
      },
    ]);
    for (const summary of [...result.items, ...result.dimensions]) {
      expect(summary.warnings).toEqual([]);
    }
  });

  it("one respondent: means, null SD and interval, no NaN", () => {
    const result = servperf(validateResponses(rows.slice(0, 1), perceptionOnly).dataset);
    near(result.items[0]?.mean, 5);
    expect(result.items[0]?.sd).toBeNull();
    expect(result.items[0]?.ci.lower).toBeNull();
    expect(result.items[0]?.warnings).toEqual([
      {
        code: "too-few-values",
        message: "fewer than two respondents: no standard deviation or interval",
      },
    ]);
    expect(result.warnings.map((w) => w.message)).toContain(
      "item a1: fewer than two respondents: no standard deviation or interval",
    );
    expect(result.warnings.map((w) => w.message)).toContain(
      "overall (mean of all items): fewer than two respondents: no standard deviation or interval",
    );
    expect(() => strictJson(result)).not.toThrow();
  });

  it("constant answers: SD 0 and a zero-width interval", () => {
    const same = ["x", "y", "z"].map((id) => ({ ...rows[0], respondent_id: id }));
    const A = servperf(validateResponses(same, perceptionOnly).dataset).dimensions[0];
    near(A?.mean, 5.5);
    expect(A?.sd).toBe(0);
    expect(A?.ci.lower).toBe(5.5);
    expect(A?.ci.upper).toBe(5.5);
    expect(A?.warnings).toEqual([
      {
        code: "zero-variance",
        message: "no variance (every score is the same): the interval has zero width",
      },
    ]);
  });

  it.each([1.5, 1, 0, -0.2, Number.NaN])("level %s throws invalid-options", (level) => {
    const { dataset } = validateResponses(rows, perceptionOnly);
    expect(() => servperf(dataset, { level })).toThrow(ServqualError);
    try {
      servperf(dataset, { level });
    } catch (error) {
      expect((error as ServqualError).code).toBe("invalid-options");
    }
  });
});
