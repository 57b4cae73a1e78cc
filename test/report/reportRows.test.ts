/**
 * A gap report on a selection of respondents (option `rows`): every analysis of the report
 * uses only the selected rows, the validation section still describes the whole input, and
 * the report says how many respondents were selected.
 *
 * References: the tiny survey worked by hand (test/gaps/tinySurvey.ts; see
 * layoutGapReport.test.ts), and the demo survey validated from only the selected records, an
 * independent path to the same respondents.
 */
import { describe, expect, it } from "vitest";
import { instruments } from "../../src/instrument/instruments";
import { buildGapReport } from "../../src/report/buildGapReport";
import { gapReportResults } from "../../src/report/gapReportResults";
import { renderMarkdown } from "../../src/report/renderMarkdown";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";
import { demoRows, servqualErrorOf } from "../responses/helpers";

const tiny = validateResponses(
  [
    tinyRecord("r1", [5, 5, 5, 5, 5], [4, 6, 5, 5, 5]),
    tinyRecord("r2", [6, 6, 6, 6, 6], [4, 4, 6, 6, 3]),
    tinyRecord("r3", [4, 4, 4, 4, 4], [4, 5, 4, 4, 7]),
  ],
  tinyInstrument,
);

/** Equal as JSON, numbers to 1e-10 relative (summation order may differ). */
function expectClose(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(
      1e-10 * Math.max(1, Math.abs(expected)),
    );
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((value, i) => {
      expectClose((actual as unknown[])[i], value, `${path}[${i}]`);
    });
    return;
  }
  if (expected !== null && typeof expected === "object") {
    expect(actual !== null && typeof actual === "object", path).toBe(true);
    const a = actual as Record<string, unknown>;
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected))
      expectClose(a[key], value, `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe("gap report on selected respondents (rows)", () => {
  it("computes every analysis on the selection, worked by hand on the tiny survey", () => {
    // r2 and r3: dimension A scores -2 and 0.5 → gap -0.75; overall (-1.5 + 0.75)/2 = -0.375.
    const results = gapReportResults(tiny.dataset, tiny.report, { rows: Int32Array.of(1, 2) });
    const a = results.gap5?.dimensions.find((d) => d.dimension === "A");
    expect(a?.gap.mean).toBeCloseTo(-0.75, 12);
    expect(a?.n).toBe(2);
    expect(results.gap5?.overall.unweighted.gap.mean).toBeCloseTo(-0.375, 12);
    // SERVPERF on r2 and r3: item a1 perceptions 4 and 4.
    expect(results.servperf?.items.find((i) => i.item === "a1")?.mean).toBe(4);
    expect(results.servperf?.items.find((i) => i.item === "b3")?.mean).toBe(5);
    // Worst items from the selection: b3 has gaps -3 and +3 → 0; a1 has -2 and 0 → -1.
    expect(results.worstItems[0]).toMatchObject({ item: "a1", gap: -1 });
    // The validation section describes the whole input; the selection is stated.
    expect(results.validation).toMatchObject({ rowsIn: 3, rowsUsed: 3, rowsExcluded: 0 });
    expect(results.selection).toEqual({ respondents: 2, of: 3 });
    expect(results.warnings.find((w) => w.code === "few-respondents")?.message).toMatch(
      /^only 2 respondents selected/,
    );
  });

  it("states the selection in the document; none without rows", () => {
    const document = buildGapReport(tiny.dataset, tiny.report, { rows: Int32Array.of(0, 2) });
    const markdown = renderMarkdown(document);
    expect(markdown).toContain(
      "Selected respondents: 2 of 3 (the analyses use these; the row counts describe the whole input)",
    );
    expect(markdown).toContain("Rows in: 3 · used: 3 · excluded: 0");
    const whole = buildGapReport(tiny.dataset, tiny.report);
    expect(whole.results.selection).toBeNull();
    expect(renderMarkdown(whole)).not.toContain("Selected respondents");
  });

  it("every row selected in order gives the report of the whole dataset", () => {
    const whole = gapReportResults(tiny.dataset, tiny.report);
    const all = gapReportResults(tiny.dataset, tiny.report, { rows: Int32Array.of(0, 1, 2) });
    expect(all.selection).toEqual({ respondents: 3, of: 3 });
    // Only the few-respondents sentence says "selected".
    expect(all.warnings.map((w) => w.code)).toEqual(whole.warnings.map((w) => w.code));
    expectClose({ ...all, selection: null, warnings: whole.warnings }, whole);
  });

  it("one region of the demo survey: the same figures as a report on that region's records alone", () => {
    const records = demoRows();
    const options = { columns: { segments: ["region"] } };
    const full = validateResponses(records, instruments.servqual22, options);
    const region = full.dataset.segments[0]?.values ?? [];
    const north: number[] = [];
    region.forEach((value, r) => {
      if (value === "North") north.push(r);
    });
    expect(north.length).toBeGreaterThan(30);
    const selected = gapReportResults(full.dataset, full.report, { rows: Int32Array.from(north) });
    const alone = validateResponses(
      records.filter((record) => record.region === "North"),
      instruments.servqual22,
      options,
    );
    // The same respondents by the independent path.
    expect(alone.dataset.ids).toEqual(north.map((r) => full.dataset.ids[r]));
    const reference = gapReportResults(alone.dataset, alone.report);
    expect(selected.selection).toEqual({ respondents: north.length, of: full.dataset.n });
    expect(selected.importancePerformance).not.toBeNull();
    expectClose(selected.gap5, reference.gap5);
    expectClose(selected.servperf, reference.servperf);
    expectClose(selected.importancePerformance, reference.importancePerformance);
    expectClose(selected.worstItems, reference.worstItems);
    expect(selected.validation).toEqual(gapReportResults(full.dataset, full.report).validation);
  });

  it("rejects a bad selection with invalid-argument naming options.rows", () => {
    for (const rows of [[0, 1], Int32Array.of(0, 3), Int32Array.of(-1)]) {
      const error = servqualErrorOf(() =>
        buildGapReport(tiny.dataset, tiny.report, { rows: rows as Int32Array }),
      );
      expect(error.code).toBe("invalid-argument");
      expect(error.message).toContain("options.rows");
    }
  });
});
