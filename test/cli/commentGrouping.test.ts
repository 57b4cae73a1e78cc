/** `--comments` follows the period and region of `--by` (built command; run `npm run build` first). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { demoCsv, runCli, tempFolder } from "./runCli";

const comments = fileURLToPath(new URL("../../data/demo-comments.csv", import.meta.url));

/** A gap between two answers on 1–7. */
const r7 = (g: number) => Math.abs(g) <= 6;

describe("servqual report --comments with --by", () => {
  it("groups the comments by the period of --by and the region, with the gap of that cell", () => {
    const out = tempFolder();
    const run = runCli([
      "report",
      demoCsv,
      "--segments",
      "region",
      "--by",
      "quarter",
      "--min-n",
      "10",
      "--comments",
      comments,
      "--out",
      out,
      "--format",
      "json,md",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, "report.json"), "utf8")).results;
    expect(results.comments.period.kind).toBe("quarter");
    type Cell = {
      level: string;
      period: string | null;
      region: string | null;
      comments: number;
      dimensions: { dimension: string; gap: number | null }[];
    };
    const cell = (results.comments.cells as Cell[]).find(
      (c) => c.level === "period-region" && c.period === "2025-Q1" && c.region === "North",
    );
    // counted straight from the file: comments dated January–March 2025 from North
    const rows = Papa.parse<Record<string, string>>(readFileSync(comments, "utf8"), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const expected = rows.filter(
      (r) => /^2025-0[1-3]-\d\d$/.test(r.date ?? "") && r.region === "North",
    ).length;
    expect(expected).toBeGreaterThan(0);
    expect(cell?.comments).toBe(expected);
    // the gap beside it is Gap 5 of responsiveness (items 10–13) among North's respondents of
    // January–March 2025, worked from the survey file: each respondent's mean of P − E over
    // the four items, averaged (rows with a non-numeric answer are not respondents)
    const survey = Papa.parse<Record<string, string>>(readFileSync(demoCsv, "utf8"), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const scores = survey
      .filter((r) => r.region === "North" && /^2025-0[1-3]-\d\d$/.test(r.date ?? ""))
      .map((r) => [10, 11, 12, 13].map((i) => Number(r[`P_${i}`]) - Number(r[`E_${i}`])))
      .filter((gaps) => gaps.every((g) => Number.isFinite(g) && r7(g)))
      .map((gaps) => gaps.reduce((a, b) => a + b, 0) / gaps.length);
    expect(scores.length).toBeGreaterThanOrEqual(10); // shown with --min-n 10
    const beside = cell?.dimensions.find((d) => d.dimension === "responsiveness")?.gap;
    expect(beside).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 10);
    expect(readFileSync(join(out, "report.md"), "utf8")).toContain("2025-Q1");

    // every compared p-value is also adjusted across the report (Holm): m counts them all
    type Test = { pValue: number | null; adjustedAcrossReport: number | null };
    const context = results.context;
    // (the segment tests, the seasonal profile and, with --by, the trends, changes, drift and
    // the two evidence tests of each ranked allocation cell)
    const tests: Test[] = [
      ...context.segments.comparisons.flatMap((d: Test & { pairs: Test[] }) => [d, ...d.pairs]),
      ...context.seasons.figures,
      ...context.byPeriod.trends,
      ...context.byPeriod.changes,
      ...context.byPeriod.expectationDrift,
    ];
    expect(context.byPeriod.trends.length).toBeGreaterThan(0);
    type Cell2 = {
      ownBaseline: { test: { pValue: number | null } } | null;
      elsewhere: { test: { pValue: number | null } } | null;
      ownAdjustedAcrossReport: number | null;
      elsewhereAdjustedAcrossReport: number | null;
    };
    for (const c of context.allocation.priorities as Cell2[]) {
      tests.push(
        {
          pValue: c.ownBaseline?.test.pValue ?? null,
          adjustedAcrossReport: c.ownAdjustedAcrossReport,
        },
        {
          pValue: c.elsewhere?.test.pValue ?? null,
          adjustedAcrossReport: c.elsewhereAdjustedAcrossReport,
        },
      );
    }
    const counted = tests.filter((t) => t.pValue !== null);
    expect(context.acrossReport.method).toBe("holm");
    expect(context.acrossReport.m).toBe(counted.length);
    for (const t of counted) {
      // Holm multiplies each p by at least 1 and at most m
      expect(t.adjustedAcrossReport).toBeGreaterThanOrEqual(t.pValue as number);
      expect(t.adjustedAcrossReport).toBeLessThanOrEqual(
        Math.min(1, (t.pValue as number) * counted.length) + 1e-12,
      );
    }
    const differ = counted.filter((t) => (t.adjustedAcrossReport as number) < 0.05).length;
    expect(run.stderr).toContain(
      `Across the report (Holm over ${counted.length} tests): ${differ} differ (p adj. < .05)`,
    );
  });

  it("keeps seasons without --by", () => {
    const out = tempFolder();
    const run = runCli([
      "report",
      demoCsv,
      "--comments",
      comments,
      "--out",
      out,
      "--format",
      "json",
      "--quiet",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, "report.json"), "utf8")).results;
    expect(results.comments.period.kind).toBe("season");
  });
});
