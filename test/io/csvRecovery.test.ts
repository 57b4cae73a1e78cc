/**
 * Nothing read from a CSV file is lost: a broken quote excludes its own line and reading
 * resumes on the next one; rows of the wrong size keep their id; a very long line is one
 * excluded row, not the end of the file; excluded rows are counted in full but listed only up
 * to `excludedLimit`. Expected values are read off the texts written here (and the demo file,
 * whose rows are one per line: data row r is on line r + 1).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { instruments } from "../../src/instrument/instruments";
import { readResponsesCsvText } from "../../src/io/parseResponsesCsv";
import { readResponsesCsv } from "../../src/io/readResponsesCsv";
import { validateResponses } from "../../src/responses/validateResponses";
import { repoFile, twoByTwo } from "./csvFixtures";

const scratch = mkdtempSync(join(tmpdir(), "servqual-io-recovery-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const HEADER = "respondent_id,E_s1,E_s2,E_c1,E_c2,P_s1,P_s2,P_c1,P_c2";

describe("a stray quote in the demo survey", () => {
  const original = readFileSync(repoFile("data/demo-bank.csv"), "utf8");
  const lines = original.split("\n");
  // Line 100 (index 99) is respondent R0099 in region North.
  expect(lines[99]).toMatch(/^R0099,[^,]*,North,/);
  const broken = [
    ...lines.slice(0, 99),
    lines[99]?.replace(",North,", ',"North,'),
    ...lines.slice(100),
  ].join("\n");
  const dataLines = lines.slice(1).filter((line) => line.trim() !== "").length;

  it("excludes line 100 alone and reads every other respondent with their own answers", () => {
    const before = readResponsesCsvText(original, instruments.servqual22);
    const after = readResponsesCsvText(broken, instruments.servqual22);
    expect(dataLines).toBe(601);
    expect(after.report.rowsIn).toBe(dataLines);
    expect(after.report.rowsUsed).toBe(before.report.rowsUsed - 1);
    expect(after.dataset.ids).toEqual(before.dataset.ids.filter((id) => id !== "R0099"));
    // R0146's answers stay R0146's (not carried by R0099, as when the quote swallowed lines).
    const answersOf = (result: typeof before, id: string) => {
      const r = result.dataset.ids.indexOf(id);
      return result.dataset.facets.perception?.map((column) => column[r]);
    };
    for (const id of ["R0100", "R0146", "R0147"]) {
      expect(answersOf(after, id)).toEqual(answersOf(before, id));
    }
    expect(after.report.excludedRows[0]).toMatchObject({ row: 99, line: 100, id: "R0099" });
    const quoteIssues = after.report.issues.filter((issue) => issue.code === "malformed-quote");
    expect(quoteIssues).toEqual([expect.objectContaining({ line: 100 })]);
    expect(after.report.unreadableLines).toBe(1);
    expect(before.report.unreadableLines).toBe(0);
    // Every issue of the intact file is still there, on the same line.
    const located = (result: typeof before) =>
      result.report.issues.map(({ code, line, column }) => `${code}@${line}:${column}`);
    expect(located(after)).toEqual(
      expect.arrayContaining(located(before).filter((issue) => !issue.includes("@100:"))),
    );
  });
});

describe("rows of the wrong size", () => {
  it("keep their readable id and count as unreadable lines", () => {
    const text = `${HEADER}\nr1,7,6,5,7,5,4,6,6\nr2,7,6,5\nr3,7,6,5,7,5,4,6,6,1,2\nr4,1,1,1,1,1,1,1,1\n`;
    const { dataset, report } = readResponsesCsvText(text, twoByTwo);
    expect(dataset.ids).toEqual(["r1", "r4"]);
    expect(report.excludedRows).toEqual([
      expect.objectContaining({ row: 2, line: 3, id: "r2" }),
      expect.objectContaining({ row: 3, line: 4, id: "r3" }),
    ]);
    expect(report.unreadableLines).toBe(2);
  });

  it("a stray line feed in a CRLF file ends its row as an editor shows it", () => {
    const text = `${HEADER}\r\nr1,7,6,5,7,5,4,6,6\r\nr2,7,6\n5,7,5,4,6,6\r\nr3,1,1,1,1,1,1,1,9\r\n`;
    const { dataset, report } = readResponsesCsvText(text, twoByTwo);
    expect(dataset.ids).toEqual(["r1", "r3"]);
    expect(report.excludedRows.map(({ line, id }) => ({ line, id }))).toEqual([
      { line: 3, id: "r2" },
      { line: 4, id: "5" },
    ]);
    // r3's out-of-range 9 is on line 5 and its last cell carries no CR.
    expect(report.issues).toEqual([expect.objectContaining({ code: "out-of-range", line: 5 })]);
  });
});

describe("quotes that break rows", () => {
  it("a quoted cell over lines with the right cell count is one row", () => {
    const text = `respondent_id,comment,E_s1,E_s2,E_c1,E_c2,P_s1,P_s2,P_c1,P_c2\nr1,"two\nlines, one cell",7,6,5,7,5,4,6,6\nr2,plain,1,1,1,1,1,1,1,9\n`;
    const { dataset, report } = readResponsesCsvText(text, twoByTwo);
    expect(dataset.ids).toEqual(["r1", "r2"]);
    expect(report.issues).toEqual([expect.objectContaining({ code: "out-of-range", line: 4 })]);
    expect(report.unreadableLines).toBe(0);
  });

  it("a quote closed on a later line into a row of the wrong size excludes the first line only", () => {
    // Line 3 opens a quote in the comment that closes properly on line 4: the merged row has
    // r2, the comment and 9 more cells, 11 under a header of 10.
    const text = `respondent_id,comment,E_s1,E_s2,E_c1,E_c2,P_s1,P_s2,P_c1,P_c2\nr1,ok,7,6,5,7,5,4,6,6\nr2,"open,7,6,5,7,5,4,6,6\nr3,shut",7,6,5,7,5,4,6,6,1\nr4,ok,1,1,1,1,1,1,1,1\n`;
    const { dataset, report } = readResponsesCsvText(text, twoByTwo);
    expect(report.issues[0]).toMatchObject({ code: "malformed-quote", line: 3 });
    // Line 4 read on its own: `r3,shut"` and 9 more cells, 11 in all: excluded too.
    expect(dataset.ids).toEqual(["r1", "r4"]);
    expect(report.excludedRows).toEqual([
      expect.objectContaining({ row: 2, line: 3, id: "r2" }),
      expect.objectContaining({ row: 3, line: 4, id: "r3" }),
    ]);
    expect(report.rowsIn).toBe(4);
    expect(report.unreadableLines).toBe(2);
  });

  it("a line break swallowed into an answer cell breaks the row even with the right cell count", () => {
    // Merged, lines 3-4 make 9 cells (r2, `7,6,5,7,5,4,6,6⏎r3,7`, 6 5 7 5 4 6 6), the header's
    // count, but the line break sits in the answer column E_s1.
    const text = `${HEADER}\nr1,7,6,5,7,5,4,6,6\nr2,"7,6,5,7,5,4,6,6\nr3,7",6,5,7,5,4,6,6\nr4,1,1,1,1,1,1,1,1\n`;
    const { dataset, report } = readResponsesCsvText(text, twoByTwo);
    expect(report.issues[0]).toMatchObject({ code: "malformed-quote", line: 3 });
    expect(report.issues[0]?.message).toContain('"E_s1"');
    // Line 4 read on its own: `r3,7"` has 9 cells, the second (`7"`) not a number.
    expect(report.issues[1]).toMatchObject({ code: "not-a-number", line: 4, column: "E_s1" });
    expect(dataset.ids).toEqual(["r1", "r3", "r4"]);
    expect(report.excludedRows).toEqual([expect.objectContaining({ row: 2, line: 3, id: "r2" })]);
    expect(report.rowsIn).toBe(4);
  });

  it("one stray quote per line: every line is named, none swallows another", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `r${i + 1},"7,6,5,7,5,4,6,6`);
    const text = `${HEADER}\nr0,1,1,1,1,1,1,1,1\n${rows.join("\n")}\n`;
    const { dataset, report } = readResponsesCsvText(text, twoByTwo, {
      issueLimit: 10_000,
      excludedLimit: 10_000,
    });
    expect(dataset.ids).toEqual(["r0"]);
    expect(report.rowsIn).toBe(3001);
    expect(report.excludedRows.map((row) => row.line)).toEqual(rows.map((_, i) => i + 3));
    expect(report.excludedRows.map((row) => row.id)).toEqual(rows.map((_, i) => `r${i + 1}`));
    expect(report.unreadableLines).toBe(3000);
  });
});

describe("a line too long to read", () => {
  const long = "x".repeat(5_000_000);
  const text = `${HEADER}\nr1,7,6,5,7,5,4,6,6\nr2,${long},6,5,7,5,4,6,6\nr3,1,1,1,1,1,1,1,9\n`;

  it("is one excluded row with a cell-too-long issue; reading goes on (text and file)", async () => {
    const fromText = readResponsesCsvText(text, twoByTwo);
    const path = join(scratch, "long-cell.csv");
    writeFileSync(path, text);
    const fromFile = await readResponsesCsv(path, twoByTwo);
    for (const { dataset, report } of [fromText, fromFile]) {
      expect(dataset.ids).toEqual(["r1", "r3"]);
      expect(report.issues.map(({ code, line }) => ({ code, line }))).toEqual([
        { code: "cell-too-long", line: 3 },
        { code: "out-of-range", line: 4 },
      ]);
      expect(report.excludedRows).toEqual([expect.objectContaining({ row: 2, line: 3, id: "r2" })]);
      expect(report.unreadableLines).toBe(1);
    }
  });

  it("a long quoted cell on one line is the same", () => {
    const quoted = text.replace(long, `"${long}"`);
    const { dataset, report } = readResponsesCsvText(quoted, twoByTwo);
    expect(dataset.ids).toEqual(["r1", "r3"]);
    expect(report.issues[0]).toMatchObject({ code: "cell-too-long", line: 3 });
  });
});

describe("excluded rows are counted in full and listed up to excludedLimit", () => {
  it("200,000 unusable CSV rows: counts complete, the list bounded", () => {
    const text = `${HEADER}\nr0,1,1,1,1,1,1,1,1\n${"x\n".repeat(200_000)}`;
    const { report } = readResponsesCsvText(text, twoByTwo, { excludedLimit: 50 });
    expect(report.rowsIn).toBe(200_001);
    expect(report.rowsUsed).toBe(1);
    expect(report.rowsExcluded).toBe(200_000);
    expect(report.unreadableLines).toBe(200_000);
    expect(report.excludedRows).toHaveLength(50);
    // The first 50, in input order: data rows 2..51 on lines 3..52.
    expect(report.excludedRows.map((row) => row.line)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 3),
    );
    expect(report.excludedRowsTruncated).toBe(true);
    const byDefault = readResponsesCsvText(text, twoByTwo).report;
    expect(byDefault.excludedRows).toHaveLength(1000);
    expect(byDefault.rowsExcluded).toBe(200_000);
  });

  it("200,000 in-memory rows without answers: the same bound in validateResponses", () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => ({ respondent_id: `b${i}` }));
    rows.unshift({ respondent_id: "a", E_s1: "7", E_s2: "7", P_s1: "6", P_s2: "6" } as never);
    const { report } = validateResponses(rows, twoByTwo, { excludedLimit: 3 });
    expect(report.rowsIn).toBe(200_001);
    expect(report.rowsExcluded).toBe(200_000);
    expect(report.excludedRows.map((row) => row.id)).toEqual(["b0", "b1", "b2"]);
    expect(report.excludedRowsTruncated).toBe(true);
    expect(report.unreadableLines).toBe(0);
  });

  it("a list that is not cut says so, and excludedLimit 0 lists none", () => {
    const text = `${HEADER}\nr0,1,1,1,1,1,1,1,1\nr1\n`;
    expect(readResponsesCsvText(text, twoByTwo).report.excludedRowsTruncated).toBe(false);
    const none = readResponsesCsvText(text, twoByTwo, { excludedLimit: 0 }).report;
    expect(none.excludedRows).toEqual([]);
    expect(none.rowsExcluded).toBe(1);
    expect(none.excludedRowsTruncated).toBe(true);
  });

  it("a negative or fractional excludedLimit is invalid-options", () => {
    for (const excludedLimit of [-1, 2.5]) {
      try {
        readResponsesCsvText(`${HEADER}\nr0,1,1,1,1,1,1,1,1\n`, twoByTwo, { excludedLimit });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ServqualError);
        expect((error as ServqualError).code).toBe("invalid-options");
      }
    }
  });
});
