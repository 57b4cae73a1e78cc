import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { gapCells } from "../../src/context/gapCells";
import { periodOf } from "../../src/context/periodOf";
import { gap5 } from "../../src/gaps/gap5";
import { validateResponses } from "../../src/responses/validateResponses";
import { strictJson, tinyInstrument, tinyRecord } from "../gaps/tinySurvey";
import { surveyDataset, surveyRecord } from "./contextSurvey";

const close = (a: number | null | undefined, b: number | null | undefined) => {
  if (a === null || a === undefined || b === null || b === undefined) return expect(a).toBe(b);
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
};

describe("gapCells: every cell equals gap5 on that cell's rows", () => {
  it("per period × segment, per period, per segment and in total (property)", () => {
    fc.assert(
      fc.property(
        fc.array(surveyRecord, { minLength: 3, maxLength: 60 }),
        fc.constantFrom("month", "quarter", "season", "week"),
        fc.constantFrom("UTC", "Europe/London", "America/New_York"),
        (records, period, timeZone) => {
          const { dataset } = surveyDataset(records);
          const result = gapCells(dataset, {
            period: period as "month",
            timeZone,
            by: ["region", "channel"],
            minimumN: 2,
          });
          strictJson(result);
          const dates = dataset.dates as Float64Array;
          const region = dataset.segments[0]?.values ?? [];
          const channel = dataset.segments[1]?.values ?? [];
          expect(result.rowsIn).toBe(dataset.n);
          expect(result.rowsInCells + result.rowsExcluded).toBe(result.rowsIn);
          for (const cell of result.cells) {
            const rows: number[] = [];
            for (let r = 0; r < dataset.n; r++) {
              const p = periodOf(dates[r] as number, { period: period as "month", timeZone });
              const inPeriod =
                cell.level === "total" || cell.level === "segment"
                  ? true
                  : cell.undated
                    ? p === null
                    : p?.key === cell.period?.key;
              const inRegion = !("region" in cell.segments) || cell.segments.region === region[r];
              const inChannel =
                !("channel" in cell.segments) || cell.segments.channel === channel[r];
              if (inPeriod && inRegion && inChannel) rows.push(r);
            }
            expect(cell.rows).toBe(rows.length);
            const reference = gap5(dataset, { rows: Int32Array.from(rows), reliability: false });
            cell.dimensions.forEach((figure, d) => {
              const ref = reference.dimensions[d];
              expect(figure.n).toBe(ref?.n);
              if (figure.n < 2) {
                expect(figure.suppressed).toBe(true);
                expect(figure.gap).toBeNull();
                return;
              }
              close(figure.gap, ref?.gap.mean);
              close(figure.expectation, ref?.required.mean);
              close(figure.perception, ref?.delivered.mean);
              close(figure.ci.lower, ref?.gap.ci.lower);
              close(figure.ci.upper, ref?.gap.ci.upper);
            });
            cell.items.forEach((figure, i) => {
              expect(figure.n).toBe(reference.items[i]?.n);
              if (!figure.suppressed) close(figure.gap, reference.items[i]?.gap.mean);
            });
            expect(cell.overall.n).toBe(reference.overall.unweighted.n);
            if (!cell.overall.suppressed)
              close(cell.overall.gap, reference.overall.unweighted.gap.mean);
          }
          // Each level's cells partition the rows in cells.
          for (const level of ["total", "period", "segment", "period-segment", "crossed"]) {
            const cells = result.cells.filter((c) => c.level === level);
            const perColumn = level === "segment" || level === "period-segment" ? 2 : 1;
            const sum = cells.reduce((s, c) => s + c.rows, 0);
            expect(sum).toBe(result.rowsInCells * perColumn);
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it("with a row selection (a row listed twice counts twice)", () => {
    fc.assert(
      fc.property(fc.array(surveyRecord, { minLength: 4, maxLength: 30 }), (records) => {
        const { dataset } = surveyDataset(records);
        const rows = Int32Array.from([0, 0, ...Array.from({ length: dataset.n }, (_, i) => i)]);
        const result = gapCells(dataset, { by: ["channel"], minimumN: 2, rows });
        expect(result.rowsIn).toBe(rows.length);
        const total = result.cells.find((c) => c.level === "total");
        const reference = gap5(dataset, { rows, reliability: false });
        expect(total?.rows).toBe(rows.length);
        expect(total?.overall.n).toBe(reference.overall.unweighted.n);
        if (!total?.overall.suppressed)
          close(total?.overall.gap, reference.overall.unweighted.gap.mean);
      }),
      { numRuns: 20 },
    );
  });
});

describe("gapCells: small cells, undated rows, the window, blank segments", () => {
  // Eight respondents: six in the North (January and February 2024), one in the South, one
  // with a blank region; one undated, one dated outside the window.
  const E = [5, 5, 5, 5, 5];
  const rows = [
    tinyRecord("n1", E, [4, 4, 4, 4, 4], { date: "2024-01-05", region: "North" }),
    tinyRecord("n2", E, [6, 6, 6, 6, 6], { date: "2024-01-20", region: "North" }),
    tinyRecord("n3", E, [5, 5, 5, 5, 5], { date: "2024-01-31", region: "North" }),
    tinyRecord("n4", E, [3, 3, 3, 3, 3], { date: "2024-02-01", region: "North" }),
    tinyRecord("n5", E, [5, 5, 5, 5, 5], { date: "", region: "North" }),
    tinyRecord("n6", E, [7, 7, 7, 7, 7], { date: "2025-06-01", region: "North" }),
    tinyRecord("s1", E, [1, 1, 1, 1, 1], { date: "2024-02-10", region: "South" }),
    tinyRecord("b1", E, [2, 2, 2, 2, 2], { date: "2024-02-11", region: "" }),
  ];
  const { dataset } = validateResponses(rows, tinyInstrument, {
    columns: { segments: ["region"] },
  });
  const result = gapCells(dataset, {
    period: "month",
    by: ["region"],
    minimumN: 3,
    window: { from: "2024-01-01", to: "2024-12-31" },
  });

  it("accounts for every row", () => {
    expect(result.rowsIn).toBe(8);
    expect(result.rowsExcluded).toBe(1);
    expect(result.rowsInCells).toBe(7);
    expect(result.rowsUndated).toBe(1);
    expect(result.issues.issueCounts).toEqual({
      undated: 1,
      "outside-window": 1,
      "blank-segment": 1,
    });
    expect(result.issues.excludedRows.map((r) => r.id)).toEqual(["n6"]);
    expect(result.issues.issues.find((i) => i.code === "outside-window")?.row).toBe(6);
    expect(result.warnings.map((w) => w.code).sort()).toEqual(["outside-window", "undated"]);
  });

  it("shows cells with enough respondents, hand-worked", () => {
    const total = result.cells.find((c) => c.level === "total");
    // Gaps of the 7 in cells: −1, 1, 0, −2, 0, −4, −3 → mean −9/7.
    expect(total?.rows).toBe(7);
    close(total?.overall.gap, -9 / 7);
    const january = result.cells.find((c) => c.level === "period" && c.period?.key === "2024-01");
    expect(january?.rows).toBe(3);
    close(january?.dimensions[0]?.gap, 0); // −1, 1, 0
    // SD 1, t(0.975, 2) = 4.302653: interval ±4.302653/√3.
    close(january?.dimensions[0]?.ci.upper, 4.302652729749464 / Math.sqrt(3));
    const north = result.cells.find((c) => c.level === "segment" && c.segments.region === "North");
    expect(north?.rows).toBe(5);
    close(north?.overall.gap, -2 / 5);
    expect(result.periods.map((p) => p.key)).toEqual(["2024-01", "2024-02"]);
    expect(result.segments.region).toEqual(["North", "South", null]);
  });

  it("suppresses cells below minimumN, a one-respondent segment included", () => {
    const south = result.cells.find((c) => c.level === "segment" && c.segments.region === "South");
    expect(south?.rows).toBe(1);
    expect(south?.suppressed).toBe(true);
    expect(south?.overall.gap).toBeNull();
    expect(south?.dimensions.every((d) => d.gap === null && d.ci.lower === null)).toBe(true);
    expect(south?.warnings.map((w) => w.code)).toEqual(["small-cell"]);
    const blank = result.cells.find((c) => c.level === "segment" && c.segments.region === null);
    expect(blank?.rows).toBe(1);
    expect(blank?.suppressed).toBe(true);
    const undated = result.cells.find((c) => c.level === "period" && c.undated);
    expect(undated?.rows).toBe(1);
    expect(undated?.suppressed).toBe(true);
    expect(result.cells.at(-1)?.undated).toBe(true); // the undated cells come last
  });

  it("groups the small-cell warnings by level, one member per cell", () => {
    const groups = (level: string) =>
      result.cells
        .filter((c) => c.level === level)
        .flatMap((c) => c.warnings.filter((w) => w.code === "small-cell"))
        .map((w) => w.group);
    // minimumN 3: South (1) and blank (1) segments; the undated period (1); January has 3.
    const reason = "cells suppressed (fewer than 3 respondents)";
    const subject = "cells by region";
    expect(groups("segment")).toEqual([
      { subject, reason, member: "South", unit: "cell" },
      { subject, reason, member: "(blank)", unit: "cell" },
    ]);
    expect(groups("period")).toEqual([
      { subject: "cells by month", reason, member: "undated", unit: "cell" },
    ]);
    // Per month × region: North Jan 3 is shown; North Feb 1, South Feb 1, blank Feb 1 and
    // the undated North 1 are suppressed, each a member under one subject.
    const crossed = groups("period-segment");
    expect(crossed.map((g) => g?.member)).toEqual(["North", "South", "(blank)", "North"]);
    expect(new Set(crossed.map((g) => `${g?.subject}|${g?.reason}|${g?.unit}`))).toEqual(
      new Set([`cells by month × region|${reason}|cell`]),
    );
  });

  it("warns when calendar dates are read in another time zone", () => {
    const zoned = gapCells(dataset, { period: "month", timeZone: "America/New_York", minimumN: 3 });
    expect(zoned.warnings.map((w) => w.code)).toContain("date-only-in-zone");
    // 2024-02-01 00:00 UTC is 31 January 19:00 in New York: January there.
    const january = zoned.cells.find((c) => c.level === "period" && c.period?.key === "2024-01");
    expect(january?.rows).toBe(4);
    const london = gapCells(dataset, { period: "month", timeZone: "Europe/London", minimumN: 3 });
    expect(london.warnings.map((w) => w.code)).not.toContain("date-only-in-zone");
  });
});

describe("gapCells: bad input", () => {
  const { dataset } = validateResponses(
    [tinyRecord("r1", [5, 5, 5, 5, 5], [4, 4, 4, 4, 4], { region: "North", date: "2024-01-01" })],
    tinyInstrument,
    { columns: { segments: ["region"] } },
  );
  const codeOf = (call: () => unknown) => {
    try {
      call();
    } catch (error) {
      expect(error).toBeInstanceOf(ServqualError);
      return [(error as ServqualError).code, (error as ServqualError).issues[0]?.code];
    }
    throw new Error("did not throw");
  };
  it("an unknown segment column names the closest one", () => {
    const [code, issue] = codeOf(() => gapCells(dataset, { by: ["regoin"] }));
    expect([code, issue]).toEqual(["invalid-input", "unknown-segment"]);
    try {
      gapCells(dataset, { by: ["regoin"] });
    } catch (error) {
      expect((error as ServqualError).message).toContain('did you mean "region"');
    }
  });
  it("periods without dates, bad windows and options", () => {
    const { dataset: undatedSet } = validateResponses(
      [{ ...tinyRecord("r1", [5, 5, 5, 5, 5], [4, 4, 4, 4, 4]) }],
      tinyInstrument,
      { columns: { date: "when" } },
    );
    expect(undatedSet.dates).toBeNull();
    expect(codeOf(() => gapCells(undatedSet, { period: "month" }))).toEqual([
      "invalid-input",
      "no-dates",
    ]);
    expect(codeOf(() => gapCells(dataset, { minimumN: 1 }))[0]).toBe("invalid-argument");
    expect(codeOf(() => gapCells(dataset, { by: "region" as never }))[0]).toBe("invalid-argument");
    expect(codeOf(() => gapCells(dataset, { by: ["region", "region"] }))[0]).toBe(
      "invalid-argument",
    );
    expect(codeOf(() => gapCells(dataset, { timeZone: "UTC" }))[0]).toBe("invalid-argument");
    expect(
      codeOf(() => gapCells(dataset, { period: "month", window: { from: "2024-02-30" } }))[0],
    ).toBe("invalid-argument");
    expect(
      codeOf(() =>
        gapCells(dataset, { period: "month", window: { from: "2024-03-01", to: "2024-02-01" } }),
      )[0],
    ).toBe("invalid-argument");
    expect(codeOf(() => gapCells(dataset, { minimumn: 3 } as never))[0]).toBe("invalid-options");
    expect(codeOf(() => gapCells(undefined as never))[0]).toBe("invalid-argument");
  });
});
