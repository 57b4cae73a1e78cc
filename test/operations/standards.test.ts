import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { readStandardsCsv } from "../../src/io/readStandardsCsv";
import { validateStandards } from "../../src/operations/standards";

const file = fileURLToPath(new URL("../fixtures/operations/standards.csv", import.meta.url));

describe("validateStandards", () => {
  it("keeps a full operational standard with its fields", () => {
    const { standards, report } = validateStandards([
      {
        attribute: "first-response",
        dimension: "responsiveness",
        formal: true,
        metric: "first-response",
        target: "4",
        unit: "business-hours",
        direction: "lower",
        targetShare: 0.9,
        believedExpectation: 8,
        owner: "Desk",
        dateSet: "2024-01-15",
      },
      { attribute: "clean", dimension: "tangibles", formal: "no" },
    ]);
    expect(report).toMatchObject({ recordsIn: 2, recordsUsed: 2, recordsExcluded: 0 });
    expect(standards[0]).toMatchObject({
      id: "first-response",
      label: "first-response",
      target: 4,
      unit: "business-hours",
      direction: "lower-is-better",
      targetShare: 0.9,
      believedExpectation: 8,
      item: null,
      row: 1,
    });
    expect(standards[1]).toMatchObject({ formal: false, targetShare: 1, metric: null });
  });

  it("excludes a standard without unit or direction, naming row, column and reason", () => {
    const { standards, report } = validateStandards([
      {
        attribute: "a",
        dimension: "d",
        formal: true,
        metric: "resolution",
        target: 2,
        direction: "lower",
      },
      {
        attribute: "b",
        dimension: "d",
        formal: true,
        metric: "resolution",
        target: 2,
        unit: "hours",
      },
      {
        attribute: "c",
        dimension: "d",
        formal: true,
        metric: "resolution",
        target: 2,
        unit: "parsecs",
        direction: "lower",
      },
      {
        attribute: "e",
        dimension: "d",
        formal: true,
        metric: "resolution",
        unit: "hours",
        direction: "lower",
      },
    ]);
    expect(standards).toEqual([]);
    expect(report.recordsIn).toBe(report.recordsUsed + report.recordsExcluded);
    expect(report.exclusionCounts).toEqual({
      "missing-unit": 1,
      "missing-direction": 1,
      "unknown-unit": 1,
      "missing-target": 1,
    });
    expect(report.issues[0]).toMatchObject({ code: "missing-unit", row: 1, column: "unit" });
    expect(report.issues[1]).toMatchObject({
      code: "missing-direction",
      row: 2,
      column: "direction",
    });
  });

  it("rejects unknown fields, wrong kinds, blank ids, bad shares and duplicate ids", () => {
    const { report } = validateStandards([
      { attribute: "a", dimension: "d", formal: true, colour: "red" } as never,
      { attribute: "", dimension: "d", formal: true },
      { attribute: "b", dimension: "", formal: "perhaps" },
      { attribute: "c", dimension: "d", formal: true, targetShare: 1.5 },
      { attribute: "f", dimension: "d", formal: true },
      { attribute: "f", dimension: "d", formal: false },
      "not a standard" as never,
    ]);
    expect(report.recordsUsed).toBe(1);
    expect(report.recordsExcluded).toBe(6);
    expect(report.exclusionCounts).toMatchObject({
      "invalid-standard": 2,
      "missing-id": 1,
      "missing-dimension": 1,
      "out-of-range": 1,
      "duplicate-id": 1,
      "not-an-object": 1,
    });
  });

  it("checks its arguments", () => {
    expect(() => validateStandards(undefined as never)).toThrow(ServqualError);
    expect(() => validateStandards([], { issuLimit: 3 } as never)).toThrow(
      /did you mean 'issueLimit'/,
    );
  });
});

describe("readStandardsCsv", () => {
  it("reads the file; every excluded line is named with its reason", async () => {
    const { standards, report } = await readStandardsCsv(file);
    expect(standards.map((s) => s.id)).toEqual(["fr", "fix", "visit", "clean", "dup"]);
    expect(standards[1]).toMatchObject({
      scaleTarget: 6,
      direction: "lower-is-better",
      line: 3,
      targetShare: 0.8,
    });
    expect(report.recordsIn).toBe(11);
    expect(report.recordsIn).toBe(report.recordsUsed + report.recordsExcluded);
    const excluded = report.excludedRows.map((row) => [row.line, row.reasons.map((r) => r.code)]);
    expect(excluded).toEqual([
      [6, ["missing-unit"]],
      [7, ["missing-direction"]],
      [8, ["unterminated-quote"]],
      [10, ["duplicate-id"]],
      [11, ["invalid-standard", "bad-date"]],
      [12, ["wrong-cell-count"]],
    ]);
    expect(report.issues.find((issue) => issue.code === "missing-unit")).toMatchObject({
      line: 6,
      column: "unit",
    });
  });

  it("names a missing file and a missing required column", async () => {
    await expect(readStandardsCsv("/nonexistent/standards.csv")).rejects.toMatchObject({
      code: "invalid-input",
      issues: [{ code: "file-not-found" }],
    });
    const noDimension = fileURLToPath(
      new URL("../fixtures/operations/records.csv", import.meta.url),
    );
    await expect(readStandardsCsv(noDimension)).rejects.toMatchObject({
      issues: [{ code: "absent-columns" }],
    });
  });
});
