import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IssueLog, mergeIssueLogs } from "../../src/_lib/issueLog";
import { notice } from "../../src/_lib/notice";
import type { Issue, IssueCode } from "../../src/_lib/ServqualError";

const issue = (code: string, line: number): Issue => ({
  code: code as IssueCode,
  message: `${code} @${line}`,
  line,
});

describe("IssueLog", () => {
  it("counts every issue by code and lists the first issueLimit, in order", () => {
    const log = new IssueLog({ issueLimit: 2, excludedLimit: 5 });
    log.record(issue("a", 1));
    log.record(issue("b", 2));
    log.record(issue("a", 3));
    const summary = log.summary();
    expect(summary.issueCounts).toEqual({ a: 2, b: 1 });
    expect(summary.issues.map((i) => i.line)).toEqual([1, 2]);
    expect(summary.issuesTruncated).toBe(true);
    expect(log.issueCount).toBe(3);
  });

  it("counts every excluded row and lists the first excludedLimit", () => {
    const log = new IssueLog({ issueLimit: 5, excludedLimit: 1 });
    const blank = notice("blank-id", "the respondent id is blank");
    const none = notice("no-answers", "the row has no answers");
    log.exclude({ row: 1, id: "a", reasons: [none] });
    log.exclude({ row: 2, id: null, reasons: [blank, none] });
    log.exclude({ row: 3, id: "c", reasons: [none, none] });
    const summary = log.summary();
    expect(summary.rowsExcluded).toBe(3);
    // Rows by reason code, for every row (listed or not); a code counts once per row.
    expect(summary.exclusionCounts).toEqual({ "no-answers": 3, "blank-id": 1 });
    expect(summary.excludedRows).toEqual([{ row: 1, id: "a", reasons: [none] }]);
    expect(summary.excludedRowsTruncated).toBe(true);
  });

  it("is not truncated at the limit exactly, and a limit of 0 lists nothing but counts all", () => {
    const exact = new IssueLog({ issueLimit: 1, excludedLimit: 1 });
    exact.record(issue("a", 1));
    exact.exclude({ row: 1, id: null, reasons: [] });
    expect(exact.summary().issuesTruncated).toBe(false);
    expect(exact.summary().excludedRowsTruncated).toBe(false);
    const none = new IssueLog({ issueLimit: 0, excludedLimit: 0 });
    none.record(issue("a", 1));
    expect(none.summary()).toMatchObject({
      issues: [],
      issueCounts: { a: 1 },
      issuesTruncated: true,
    });
  });

  it("summarises as plain data that survives structuredClone and JSON", () => {
    const log = new IssueLog({ issueLimit: 3, excludedLimit: 3 });
    log.record({ code: "x" as IssueCode, message: "m", row: 4, column: "E_1", path: ["a", 1] });
    log.exclude({ row: 4, line: 5, id: "r4", reasons: [notice("no-answers", "no answers")] });
    const summary = log.summary();
    expect(structuredClone(summary)).toEqual(summary);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    log.record(issue("y", 9));
    expect(summary.issues.length).toBe(1); // a summary is a copy
  });
});

describe("mergeIssueLogs", () => {
  it("merges by line, header issues (no line, row 0) first, ties in part order", () => {
    const a = new IssueLog({ issueLimit: 10, excludedLimit: 10 });
    a.record({ code: "h" as IssueCode, message: "header", row: 0 });
    a.record(issue("a", 5));
    a.record(issue("a", 9));
    const b = new IssueLog({ issueLimit: 10, excludedLimit: 10 });
    b.record(issue("b", 5));
    b.record(issue("b", 7));
    const merged = mergeIssueLogs([a.summary(), b.summary()], {
      issueLimit: 10,
      excludedLimit: 10,
    });
    expect(merged.issues.map((i) => `${i.code}${i.line ?? 0}`)).toEqual([
      "h0",
      "a5",
      "b5",
      "b7",
      "a9",
    ]);
    expect(merged.issueCounts).toEqual({ h: 1, a: 2, b: 2 });
    expect(merged.issuesTruncated).toBe(false);
  });

  it("never lists an issue after a place where a truncated part may hold unlisted ones", () => {
    const limits = { issueLimit: 2, excludedLimit: 2 };
    const a = new IssueLog(limits);
    for (const line of [2, 4, 6]) a.record(issue("a", line)); // lists 2, 4; 6 is unlisted
    const b = new IssueLog(limits);
    b.record(issue("b", 5)); // after 4: a's unlisted 6 is after it, but a may hold more at 5
    b.record(issue("b", 3));
    const merged = mergeIssueLogs([a.summary(), b.summary()], { issueLimit: 10, excludedLimit: 2 });
    expect(merged.issues.map((i) => i.line)).toEqual([2, 3, 4]);
    expect(merged.issuesTruncated).toBe(true);
    expect(merged.issueCounts).toEqual({ a: 3, b: 2 });
  });

  it("merges excluded rows by line and adds the counts", () => {
    const limits = { issueLimit: 5, excludedLimit: 5 };
    const a = new IssueLog(limits);
    a.exclude({ row: 1, line: 2, id: "x", reasons: [] });
    const b = new IssueLog(limits);
    b.exclude({ row: 9, line: 1, id: "y", reasons: [] });
    b.exclude({ row: 10, line: 3, id: "z", reasons: [] });
    const merged = mergeIssueLogs([a.summary(), b.summary()], { issueLimit: 5, excludedLimit: 2 });
    expect(merged.excludedRows.map((r) => r.id)).toEqual(["y", "x"]);
    expect(merged.rowsExcluded).toBe(3);
    expect(merged.excludedRowsTruncated).toBe(true);
  });

  it("logs of consecutive chunks merge into the log of the whole input (property)", () => {
    const entry = fc.record({
      code: fc.constantFrom("no-data", "blank-id", "duplicate-id" as const),
      excluded: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 60 }),
        fc.array(fc.nat(60), { maxLength: 4 }),
        fc.nat(8),
        fc.nat(8),
        (entries, cuts, issueLimit, excludedLimit) => {
          const limits = { issueLimit, excludedLimit };
          const whole = new IssueLog(limits);
          const bounds = [0, ...[...new Set(cuts)].sort((x, y) => x - y), entries.length];
          const parts = bounds.slice(1).map(() => new IssueLog(limits));
          entries.forEach((e, k) => {
            const line = k + 1;
            const part = parts[bounds.findIndex((b, j) => j > 0 && k < b) - 1] ?? parts.at(-1);
            for (const log of [whole, part as IssueLog]) {
              if (e.excluded)
                log.exclude({ row: line, line, id: null, reasons: [notice(e.code, e.code)] });
              else log.record(issue(e.code, line));
            }
          });
          const merged = mergeIssueLogs(
            parts.map((log) => log.summary()),
            limits,
          );
          const expected = whole.summary();
          // Chunks are consecutive: a truncated chunk lists `limit` entries itself, so the
          // merge lists exactly what one log of the whole input lists.
          expect(merged).toEqual(expected);
        },
      ),
    );
  });
});
