/**
 * readResponsesCsv: the fixtures of test/fixtures/csv/ (values read off the files by eye, see
 * its README) and the demo survey compared with papaparse records + validateResponses.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { instruments } from "../../src/instrument/instruments";
import { readResponsesCsv } from "../../src/io/readResponsesCsv";
import type { Dataset, ValidatedResponses } from "../../src/responses/types";
import { validateResponses } from "../../src/responses/validateResponses";
import { fixture, repoFile, twoByTwo } from "./csvFixtures";

const scratch = mkdtempSync(join(tmpdir(), "servqual-io-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<ServqualError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ServqualError);
    return error as ServqualError;
  }
  throw new Error("expected a ServqualError");
}

/** The columns of a dataset as plain arrays (NaN stays NaN; toEqual treats NaN as equal). */
function columns(dataset: Dataset) {
  return {
    n: dataset.n,
    ids: dataset.ids,
    sourceRows: Array.from(dataset.sourceRows),
    expectation: dataset.facets.expectation?.map((column) => Array.from(column)),
    perception: dataset.facets.perception?.map((column) => Array.from(column)),
    weights: dataset.weights?.map((column) => Array.from(column)) ?? null,
    dates: dataset.dates === null ? null : Array.from(dataset.dates),
    segments: dataset.segments,
  };
}

// good.csv by eye: E_s1 E_s2 E_c1 E_c2 | P_s1 P_s2 P_c1 P_c2
// r1: 7 6 5 7 | 5 4 6 6;  r2: 6 6 6 5 | 6 5 4 5;  r3: 5 7 7 6 | 3 6 5 7
const GOOD = {
  n: 3,
  ids: ["r1", "r2", "r3"],
  sourceRows: [1, 2, 3],
  expectation: [
    [7, 6, 5],
    [6, 6, 7],
    [5, 6, 7],
    [7, 5, 6],
  ],
  perception: [
    [5, 6, 3],
    [4, 5, 6],
    [6, 4, 5],
    [6, 5, 7],
  ],
  weights: null,
  dates: null,
  segments: [{ name: "region", values: ["North", "South", "North"] }],
};

describe("readResponsesCsv: well-formed files", () => {
  it("reads a clean file into the columns of the fixture", async () => {
    const { dataset, report } = await readResponsesCsv(fixture("good.csv"), twoByTwo, {
      columns: { segments: ["region"] },
    });
    expect(columns(dataset)).toEqual(GOOD);
    expect(report.rowsIn).toBe(3);
    expect(report.rowsUsed).toBe(3);
    expect(report.rowsExcluded).toBe(0);
    expect(report.issues).toEqual([]);
    expect(report.columns.ignored).toEqual([]);
  });

  it("accepts a file: URL", async () => {
    const { dataset } = await readResponsesCsv(pathToFileURL(fixture("good.csv")), twoByTwo, {
      columns: { segments: ["region"] },
    });
    expect(columns(dataset)).toEqual(GOOD);
  });

  it("removes a byte-order mark and reads CRLF line ends", async () => {
    const { dataset, report } = await readResponsesCsv(fixture("bom-crlf.csv"), twoByTwo, {
      columns: { segments: ["region"] },
    });
    expect(columns(dataset)).toEqual(GOOD);
    // The first column is respondent_id, not "\uFEFFrespondent_id" (which would be ignored).
    expect(report.columns.used[0]).toBe("respondent_id");
    expect(report.issues).toEqual([]);
  });

  it("detects a semicolon delimiter, and takes an explicit one", async () => {
    const detected = await readResponsesCsv(fixture("semicolon.csv"), twoByTwo, {
      columns: { segments: ["region"] },
    });
    expect(columns(detected.dataset)).toEqual(GOOD);
    const given = await readResponsesCsv(fixture("semicolon.csv"), twoByTwo, {
      delimiter: ";",
      columns: { segments: ["region"] },
    });
    expect(columns(given.dataset)).toEqual(GOOD);
  });

  it("a wrong explicit delimiter leaves no known column (invalid-input on line 1)", async () => {
    const error = await rejection(
      readResponsesCsv(fixture("semicolon.csv"), twoByTwo, { delimiter: "," }),
    );
    expect(error.code).toBe("invalid-input");
    expect(error.issues[0]).toMatchObject({ code: "no-known-columns", line: 1 });
  });

  it("reads quoted cells with commas, doubled quotes and line breaks, and counts their lines", async () => {
    const { dataset, report } = await readResponsesCsv(fixture("quoted.csv"), twoByTwo, {
      columns: { segments: ["comment"] },
    });
    expect(dataset.ids).toEqual(["r1", "r2", "r3", "r4"]);
    expect(dataset.segments[0]?.values).toEqual([
      "slow, but friendly",
      'first line\nsecond line, with a comma\nthird "quoted" line',
      "plain",
      "two\nlines",
    ]);
    // Row 3 starts on line 7 (r2 spans lines 3-5, line 6 is empty); row 4 on line 8.
    expect(
      report.issues.map(({ code, row, line, column }) => ({ code, row, line, column })),
    ).toEqual([
      { code: "out-of-range", row: 3, line: 7, column: "E_c2" },
      { code: "out-of-range", row: 4, line: 8, column: "E_s1" },
    ]);
    expect(Array.from(dataset.sourceRows)).toEqual([1, 2, 3, 4]);
    expect(report.rowsIn).toBe(4);
  });

  it("gives an out-of-range answer's issue the file line of its row", async () => {
    const { dataset, report } = await readResponsesCsv(fixture("out-of-range.csv"), twoByTwo);
    expect(
      report.issues.map(({ code, row, line, column }) => ({ code, row, line, column })),
    ).toEqual([
      { code: "out-of-range", row: 2, line: 3, column: "E_s2" },
      { code: "out-of-range", row: 3, line: 4, column: "P_c1" },
    ]);
    expect(report.issueCounts).toEqual({ "out-of-range": 2 });
    // The rejected answers are missing; the rows stay (each dimension keeps half its items).
    expect(report.rowsUsed).toBe(3);
    expect(Array.from(dataset.facets.expectation?.[1] ?? [])).toEqual([6, Number.NaN, 7]);
    expect(Array.from(dataset.facets.perception?.[2] ?? [])).toEqual([6, 4, Number.NaN]);
  });

  it("passes the validation options through (column templates, renames, no id column)", async () => {
    const path = join(scratch, "templates.csv");
    writeFileSync(
      path,
      "Es1,Es2,Ec1,Ec2,Ps1,Ps2,Pc1,Pc2,speed-first\n7,6,5,7,5,4,6,6,x\n1,2,3,4,5,6,7,1,y\n",
    );
    const { dataset, report } = await readResponsesCsv(path, twoByTwo, {
      columns: { expectation: "E{item}", perception: "P{item}", segments: ["first"] },
      rename: { "speed-first": "first" },
    });
    expect(Array.from(dataset.facets.expectation?.[0] ?? [])).toEqual([7, 1]);
    expect(Array.from(dataset.facets.perception?.[3] ?? [])).toEqual([6, 1]);
    expect(dataset.segments).toEqual([{ name: "first", values: ["x", "y"] }]);
    expect(report.columns.absent).toEqual([]);
  });
});

describe("readResponsesCsv: encodings", () => {
  const latin1Text =
    "respondent_id,region,E_s1,E_s2,E_c1,E_c2,P_s1,P_s2,P_c1,P_c2\nr1,Z\u00fcrich,7,6,5,7,5,4,6,6\n";

  it("decodes latin1 when asked", async () => {
    const path = join(scratch, "latin1.csv");
    writeFileSync(path, Buffer.from(latin1Text, "latin1"));
    const { dataset, report } = await readResponsesCsv(path, twoByTwo, {
      encoding: "latin1",
      columns: { segments: ["region"] },
    });
    expect(dataset.segments[0]?.values).toEqual(["Z\u00fcrich"]);
    expect(report.issues).toEqual([]);
  });

  it("flags bytes that are not UTF-8 on their line", async () => {
    const path = join(scratch, "latin1-as-utf8.csv");
    writeFileSync(path, Buffer.from(latin1Text, "latin1"));
    const { dataset, report } = await readResponsesCsv(path, twoByTwo, {
      columns: { segments: ["region"] },
    });
    expect(dataset.segments[0]?.values).toEqual(["Z\uFFFDrich"]);
    expect(report.issues).toEqual([
      expect.objectContaining({ code: "replacement-character", line: 2 }),
    ]);
  });

  it("decodes UTF-16LE with its byte-order mark", async () => {
    const path = join(scratch, "utf16.csv");
    writeFileSync(
      path,
      Buffer.from(`\uFEFF${readFileSync(fixture("good.csv"), "utf8")}`, "utf16le"),
    );
    const { dataset } = await readResponsesCsv(path, twoByTwo, {
      encoding: "utf-16le",
      columns: { segments: ["region"] },
    });
    expect(columns(dataset)).toEqual(GOOD);
  });
});

describe("readResponsesCsv: byte-order marks pick the encoding", () => {
  const good = readFileSync(fixture("good.csv"), "utf8");
  /** UTF-16BE bytes of a string: the UTF-16LE bytes with each pair swapped. */
  const utf16be = (text: string) => Buffer.from(text, "utf16le").swap16();

  it("reads UTF-16LE and UTF-16BE files with their mark and no encoding option", async () => {
    const le = join(scratch, "mark-le.csv");
    const be = join(scratch, "mark-be.csv");
    writeFileSync(le, Buffer.from(`\uFEFF${good}`, "utf16le"));
    writeFileSync(be, utf16be(`\uFEFF${good}`));
    // The marks themselves, written by hand: FF FE (LE) and FE FF (BE).
    expect([...readFileSync(le).subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect([...readFileSync(be).subarray(0, 2)]).toEqual([0xfe, 0xff]);
    for (const path of [le, be]) {
      const { dataset, report } = await readResponsesCsv(path, twoByTwo, {
        columns: { segments: ["region"] },
      });
      expect(columns(dataset)).toEqual(GOOD);
      expect(report.columns.used[0]).toBe("respondent_id");
      expect(report.issues).toEqual([]);
    }
  });

  it("decodes UTF-16BE across read pieces (characters split between 1 MiB reads)", async () => {
    // A comment column with characters of 2 and 4 bytes, over more than one 1 MiB read.
    const lines = [`respondent_id,comment,E_s1,E_s2,E_c1,E_c2,P_s1,P_s2,P_c1,P_c2`];
    for (let i = 0; i < 30_000; i++) lines.push(`r${i},Zürich € 😀 ${i},7,6,5,7,5,4,6,6`);
    const text = `${lines.join("\n")}\n`;
    const path = join(scratch, "big-be.csv");
    writeFileSync(path, utf16be(`\uFEFF${text}`));
    expect(readFileSync(path).length).toBeGreaterThan(2 * 1024 * 1024);
    const options = { columns: { segments: ["comment"] } };
    const { dataset, report } = await readResponsesCsv(path, twoByTwo, options);
    expect(dataset.n).toBe(30_000);
    expect(dataset.segments[0]?.values[29_999]).toBe("Zürich € 😀 29999");
    expect(report.issues).toEqual([]);
    expect(dataset.segments[0]?.values.every((v, i) => v === `Zürich € 😀 ${i}`)).toBe(true);
  });

  it("an explicit encoding is used as given; utf-16be reads a file without a mark", async () => {
    const path = join(scratch, "no-mark-be.csv");
    writeFileSync(path, utf16be(good));
    const { dataset } = await readResponsesCsv(path, twoByTwo, {
      encoding: "utf-16be",
      columns: { segments: ["region"] },
    });
    expect(columns(dataset)).toEqual(GOOD);
  });
});

describe("readResponsesCsv: bad files", () => {
  it("a missing file is invalid-input naming the path, not a raw ENOENT", async () => {
    const path = fixture("no-such-file.csv");
    const error = await rejection(readResponsesCsv(path, twoByTwo));
    expect(error.code).toBe("invalid-input");
    expect(error.message).toContain(path);
    expect(error.issues[0]?.code).toBe("file-not-found");
    expect((error as unknown as { errno?: number }).errno).toBeUndefined();
  });

  it("a directory is invalid-input", async () => {
    const error = await rejection(readResponsesCsv(fixture(""), twoByTwo));
    expect(error.code).toBe("invalid-input");
    expect(error.issues[0]?.code).toBe("not-a-file");
  });

  it("an empty file is empty-input", async () => {
    const error = await rejection(readResponsesCsv(fixture("empty.csv"), twoByTwo));
    expect(error.code).toBe("empty-input");
    expect(error.message).toContain("empty.csv");
  });

  it("a file of empty lines and a byte-order mark is empty-input", async () => {
    const path = join(scratch, "blank.csv");
    writeFileSync(path, "\uFEFF\n\r\n\n");
    const error = await rejection(readResponsesCsv(path, twoByTwo));
    expect(error.code).toBe("empty-input");
  });

  it("a header without data rows is empty-input", async () => {
    const error = await rejection(readResponsesCsv(fixture("header-only.csv"), twoByTwo));
    expect(error.code).toBe("empty-input");
    expect(error.message).toContain("header-only.csv");
    expect(error.issues[0]).toMatchObject({ code: "empty-input", line: 1 });
  });

  it("a header with no column of the instrument is invalid-input on line 1", async () => {
    const error = await rejection(readResponsesCsv(fixture("unknown-header.csv"), twoByTwo));
    expect(error.code).toBe("invalid-input");
    expect(error.message).toContain("unknown-header.csv");
    expect(error.issues[0]).toMatchObject({ code: "no-known-columns", line: 1, row: 0 });
  });

  it("a malformed quote excludes its line only; reading resumes on the next line", async () => {
    const { dataset, report } = await readResponsesCsv(fixture("malformed-quote.csv"), twoByTwo);
    // Line 3 `r2,"6"x,…`: the quote closes in the wrong place and papaparse reads on into line
    // 4; the row is broken, so line 3 alone is excluded and lines 4 and 5 are read as rows.
    const located = report.issues.map(({ code, line }) => ({ code, line }));
    expect(located).toEqual([
      { code: "malformed-quote", line: 3 },
      { code: "out-of-range", line: 4 },
      { code: "out-of-range", line: 5 },
    ]);
    expect(dataset.ids).toEqual(["r1", "r3", "r4"]);
    expect(report.excludedRows).toEqual([expect.objectContaining({ row: 2, line: 3, id: "r2" })]);
    expect(report.rowsIn).toBe(4);
    expect(report.rowsIn).toBe(report.rowsUsed + report.rowsExcluded);
    expect(report.unreadableLines).toBe(1);
  });

  it("an unterminated quote excludes its line with an issue; the next lines are read", async () => {
    const { dataset, report } = await readResponsesCsv(fixture("unterminated-quote.csv"), twoByTwo);
    expect(report.issues[0]).toMatchObject({ code: "unterminated-quote", line: 4 });
    expect(report.rowsIn).toBe(4);
    expect(report.excludedRows).toEqual([expect.objectContaining({ row: 3, line: 4, id: "r3" })]);
    expect(dataset.ids).toEqual(["r1", "r2", "r4"]);
    expect(report.unreadableLines).toBe(1);
  });

  it("checks the options before touching the file", async () => {
    const path = fixture("no-such-file.csv");
    const badDelimiter = await rejection(readResponsesCsv(path, twoByTwo, { delimiter: '"' }));
    expect(badDelimiter.code).toBe("invalid-options");
    const badEncoding = await rejection(
      readResponsesCsv(path, twoByTwo, { encoding: "ebcdic" as "latin1" }),
    );
    expect(badEncoding.code).toBe("invalid-options");
    const badPolicy = await rejection(
      readResponsesCsv(path, twoByTwo, { missing: "sometimes" as "listwise" }),
    );
    expect(badPolicy.code).toBe("invalid-options");
  });

  it("lists at most issueLimit issues, parse and validation issues merged by line", async () => {
    const { report } = await readResponsesCsv(fixture("malformed-quote.csv"), twoByTwo, {
      issueLimit: 1,
    });
    expect(report.issues).toEqual([expect.objectContaining({ code: "malformed-quote", line: 3 })]);
    expect(report.issuesTruncated).toBe(true);
    expect(report.issueCounts["malformed-quote"]).toBe(1);
    expect(report.issueCounts["out-of-range"]).toBe(2);
    expect(report.issueCounts["malformed-quote"]).toBeGreaterThan(0);
    expect(report.issueCounts["out-of-range"]).toBeGreaterThan(0);
  });
});

describe("readResponsesCsv: the demo survey", () => {
  const path = repoFile("data/demo-bank.csv");

  function viaRecords(): ValidatedResponses {
    const parsed = Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    return validateResponses(parsed.data, instruments.servqual22);
  }

  it("gives the dataset of papaparse records + validateResponses", async () => {
    const expected = viaRecords();
    const { dataset, report } = await readResponsesCsv(path, instruments.servqual22);
    expect(report.rowsIn).toBe(expected.report.rowsIn);
    expect(report.rowsUsed).toBe(expected.report.rowsUsed);
    expect(report.rowsExcluded).toBe(expected.report.rowsExcluded);
    expect(report.rowsIn).toBe(report.rowsUsed + report.rowsExcluded);
    expect(columns(dataset)).toEqual(columns(expected.dataset));
    expect(report.columns).toEqual(expected.report.columns);
    expect(report.issueCounts).toEqual(expected.report.issueCounts);
    const withoutLine = <T extends { line?: number }>({ line: _, ...rest }: T) => rest;
    expect(report.issues.map(withoutLine)).toEqual(expected.report.issues.map(withoutLine));
    expect(report.excludedRows.map(withoutLine)).toEqual(expected.report.excludedRows);
  });

  it("puts every row's line one below its data row (no cell spans lines)", async () => {
    const { report } = await readResponsesCsv(path, instruments.servqual22);
    expect(report.issues.length).toBeGreaterThan(0);
    for (const issue of [...report.issues, ...report.excludedRows]) {
      expect(issue.line).toBe((issue.row ?? Number.NaN) + 1);
    }
  });
});
