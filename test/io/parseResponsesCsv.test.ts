/**
 * readResponsesCsvText: agrees with the file reader on the fixtures, and on generated CSV
 * (written here with RFC 4180 quoting) it returns every cell as written and, for every row, the
 * line it starts on, counted here independently as 1 + the LF characters before the row.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { readResponsesCsvText } from "../../src/io/parseResponsesCsv";
import { readResponsesCsv } from "../../src/io/readResponsesCsv";
import { fixture, twoByTwo } from "./csvFixtures";

const scratch = mkdtempSync(join(tmpdir(), "servqual-io-text-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function thrown(run: () => unknown): ServqualError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ServqualError);
    return error as ServqualError;
  }
  throw new Error("expected a ServqualError");
}

const HEADER = [
  "respondent_id",
  "comment",
  "E_s1",
  "E_s2",
  "E_c1",
  "E_c2",
  "P_s1",
  "P_s2",
  "P_c1",
  "P_c2",
];

/** One generated respondent: its id, free-text comment and the answers E_s1 … P_c2. */
interface GeneratedRow {
  readonly id: string;
  readonly comment: string;
  readonly answers: readonly string[];
}

/** RFC 4180: quote a cell holding the delimiter, a quote or a line break; double inner quotes. */
function csvCell(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell)
    ? `"${cell.replaceAll('"', '""')}"`
    : cell;
}

/** The CSV text and, for each row, the line it starts on (1 + LFs before it). */
function writeCsv(
  rows: readonly GeneratedRow[],
  delimiter: string,
  lineEnd: string,
  blankEvery = 0,
): { text: string; lines: number[] } {
  const parts = [`${HEADER.join(delimiter)}${lineEnd}`];
  const lfs = (part: string) => part.split("\n").length - 1;
  let line = 1 + lfs(parts[0] as string);
  const lines: number[] = [];
  rows.forEach((row, r) => {
    if (blankEvery > 0 && r % blankEvery === blankEvery - 1) {
      parts.push(lineEnd);
      line += lfs(lineEnd);
    }
    lines.push(line);
    const cells = [row.id, row.comment, ...row.answers].map((cell) => csvCell(cell, delimiter));
    const written = cells.join(delimiter) + lineEnd;
    parts.push(written);
    line += lfs(written);
  });
  return { text: parts.join(""), lines };
}

describe("readResponsesCsvText: the fixtures", () => {
  const names = [
    "good.csv",
    "bom-crlf.csv",
    "semicolon.csv",
    "quoted.csv",
    "out-of-range.csv",
    "malformed-quote.csv",
    "unterminated-quote.csv",
  ];
  for (const name of names) {
    it(`reads ${name} as the file reader does`, async () => {
      const options = { columns: { segments: name === "quoted.csv" ? ["comment"] : [] } };
      const fromFile = await readResponsesCsv(fixture(name), twoByTwo, options);
      const fromText = readResponsesCsvText(readFileSync(fixture(name), "utf8"), twoByTwo, options);
      expect(fromText).toEqual(fromFile);
    });
  }

  it("counts lines the same with CRLF and with CR line ends", () => {
    const text = readFileSync(fixture("quoted.csv"), "utf8");
    const located = (csv: string) =>
      readResponsesCsvText(csv, twoByTwo).report.issues.map(({ row, line }) => ({ row, line }));
    const expected = [
      { row: 3, line: 7 },
      { row: 4, line: 8 },
    ];
    expect(located(text)).toEqual(expected);
    expect(located(text.replaceAll("\n", "\r\n"))).toEqual(expected);
    expect(located(text.replaceAll("\n", "\r"))).toEqual(expected);
  });

  it("reads a last row without a final line break", () => {
    const text = readFileSync(fixture("good.csv"), "utf8").trimEnd();
    const { dataset } = readResponsesCsvText(text, twoByTwo);
    expect(dataset.ids).toEqual(["r1", "r2", "r3"]);
    expect(Array.from(dataset.facets.perception?.[3] ?? [])).toEqual([6, 5, 7]);
  });
});

describe("readResponsesCsvText: bad input", () => {
  it("empty text, a lone byte-order mark and empty lines are empty-input", () => {
    for (const text of ["", "\uFEFF", "\n\n", "\r\n  \r\n"]) {
      expect(thrown(() => readResponsesCsvText(text, twoByTwo)).code).toBe("empty-input");
    }
  });

  it("a header alone is empty-input", () => {
    const error = thrown(() => readResponsesCsvText(`${HEADER.join(",")}\n`, twoByTwo));
    expect(error.code).toBe("empty-input");
    expect(error.issues[0]?.line).toBe(1);
  });

  it("a value that is not a string is invalid-argument", () => {
    const error = thrown(() => readResponsesCsvText(42 as unknown as string, twoByTwo));
    expect(error.code).toBe("invalid-argument");
  });

  it("encoding is not an option of text", () => {
    const error = thrown(() =>
      readResponsesCsvText("a,b\n1,2\n", twoByTwo, { encoding: "utf-8" } as never),
    );
    expect(error.code).toBe("invalid-options");
    expect(error.issues[0]?.path).toEqual(["encoding"]);
  });

  it("a quote that never closes in a long text excludes its line; every later line is read", () => {
    const text = `${HEADER.join(",")}\nr1,ok,1,2,3,4,5,6,7,1\nr2,"never closed\n${"x,1,2,3\n".repeat(200_000)}`;
    const { dataset, report } = readResponsesCsvText(text, twoByTwo);
    // The quote of line 3 is given up after the row limit (1 MiB); lines 4..200,003 are then
    // rows of 4 cells under a header of 10: excluded, each counted as unreadable.
    expect(report.issues[0]).toMatchObject({ code: "unterminated-quote", line: 3 });
    expect(dataset.ids).toEqual(["r1"]);
    expect(report.rowsIn).toBe(200_002);
    expect(report.rowsExcluded).toBe(200_001);
    expect(report.unreadableLines).toBe(200_001);
    expect(report.excludedRows[0]).toMatchObject({ row: 2, line: 3, id: "r2" });
    expect(report.excludedRows[1]).toMatchObject({ row: 3, line: 4, id: "x" });
    expect(report.excludedRows).toHaveLength(1000);
    expect(report.excludedRowsTruncated).toBe(true);
  });
});

describe("readResponsesCsvText: generated CSV", () => {
  const comment = fc.stringMatching(/^[a-z ,;"\n]{0,12}$/);
  const answer = fc.integer({ min: 1, max: 7 }).map(String);
  const row = fc.record({
    comment,
    answers: fc.array(answer, { minLength: 8, maxLength: 8 }),
  });

  it("returns every comment as written and every row's line (property)", () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(",", ";", "\t"),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.nat({ max: 4 }),
        (drawn, delimiter, lineEnd, bom, blankEvery) => {
          const rows = drawn.map((r, i) => ({
            ...r,
            // P_s1 out of range in every row gives each row an issue that carries its line.
            answers: [...r.answers.slice(0, 4), "9", ...r.answers.slice(5)],
            id: `r${i + 1}`,
          }));
          const { text, lines } = writeCsv(rows, delimiter, lineEnd, blankEvery);
          const { dataset, report } = readResponsesCsvText((bom ? "\uFEFF" : "") + text, twoByTwo, {
            delimiter,
            columns: { segments: ["comment"] },
          });
          expect(dataset.ids).toEqual(rows.map((r) => r.id));
          const expectedComments = rows.map((r) =>
            r.comment.trim() === "" ? null : r.comment.trim(),
          );
          expect(dataset.segments[0]?.values).toEqual(expectedComments);
          expect(report.issues.map((issue) => issue.line)).toEqual(lines);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keeps rows and lines right across chunk and read boundaries (text and file)", async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 4294967296;
    };
    // Multi-byte characters land on chunk boundaries too (UTF-8 pieces and UTF-16 pairs).
    const pieces = ["word", " ", ",", '"', "\n", "\r\n", ";", "long text here", "é€", "😀"];
    const rows: GeneratedRow[] = Array.from({ length: 24_000 }, (_, i) => {
      let text = "";
      const parts = Math.floor(random() * 12);
      for (let p = 0; p < parts; p++) text += pieces[Math.floor(random() * pieces.length)];
      const answers = Array.from({ length: 8 }, () => String(1 + Math.floor(random() * 7)));
      answers[4] = "9";
      return { id: `r${i + 1}`, comment: `c${i}${text}`, answers };
    });
    const { text, lines } = writeCsv(rows, ",", "\n", 50);
    // More than one 1 MiB read of the file reader and many 64 KiB chunks.
    expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024);
    const options = { issueLimit: 100_000, columns: { segments: ["comment"] } };
    const fromText = readResponsesCsvText(text, twoByTwo, options);
    expect(fromText.dataset.ids).toEqual(rows.map((r) => r.id));
    expect(fromText.dataset.segments[0]?.values).toEqual(rows.map((r) => r.comment.trim()));
    expect(fromText.report.issues.map((issue) => issue.line)).toEqual(lines);
    const path = join(scratch, "generated.csv");
    writeFileSync(path, text);
    const fromFile = await readResponsesCsv(path, twoByTwo, options);
    expect(fromFile).toEqual(fromText);
  });
});
