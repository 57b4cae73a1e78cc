/**
 * Hostile CSV, generated: valid files (RFC 4180 quoting, multi-line comments) with quotes,
 * delimiters, line breaks, NUL, replacement characters, lone surrogates and invalid bytes
 * inserted, and truncated. For each: only ServqualError is thrown; rows in = used + excluded;
 * and no line is lost. The last is checked against an independent reading of the same text:
 * a strict RFC 4180 record reader written here (not papaparse) that applies the documented
 * rule (a row may span lines only through a quoted comment, with as many cells as the header;
 * any other row is its first line alone). Its row starts must be exactly the reader's rows:
 * the same count, and every issue and excluded row on the line of its row number.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { readResponsesCsvText } from "../../src/io/parseResponsesCsv";
import { readResponsesCsv } from "../../src/io/readResponsesCsv";
import type { ValidatedResponses } from "../../src/responses/types";
import { twoByTwo } from "./csvFixtures";

const scratch = mkdtempSync(join(tmpdir(), "servqual-io-fuzz-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const HEADER = "respondent_id,comment,E_s1,E_s2,E_c1,E_c2,P_s1,P_s2,P_c1,P_c2";
const COLUMNS = 10;
const COMMENT = 1;
/** Every row's P_s1 is 9 (out of range), so every row read has an issue naming its line. */
const OPTIONS = {
  delimiter: ",",
  columns: { segments: ["comment"] },
  issueLimit: 100_000,
  excludedLimit: 100_000,
};

const row = fc.record({
  comment: fc.stringMatching(/^[a-z ,"\n]{0,10}$/),
  answers: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 7, maxLength: 7 }),
});

/** A valid file: RFC 4180 quoting, LF line ends, with or without a final line break. */
const validFile = fc
  .tuple(fc.array(row, { minLength: 3, maxLength: 8 }), fc.boolean())
  .map(([rows, finalBreak]) => {
    const lines = rows.map((r, i) => {
      const comment = /[",\n]/.test(r.comment) ? `"${r.comment.replaceAll('"', '""')}"` : r.comment;
      const [a, b, c, d, e, f, g] = r.answers;
      return [`r${i + 1}`, comment, a, b, c, d, "9", e, f, g].join(",");
    });
    return `${HEADER}\n${lines.join("\n")}${finalBreak ? "\n" : ""}`;
  });

const insertion = fc.record({
  at: fc.nat(),
  text: fc.constantFrom('"', '"', '"', ",", ",", "\n", "\r\n", "\0", "\uFFFD", "\uD800"),
});

/** A valid file with 1-4 insertions after the header, then perhaps cut short. */
const hostileText = fc
  .tuple(
    validFile,
    fc.array(insertion, { minLength: 1, maxLength: 4 }),
    // Cut short one time in four (a cut removes every row after it).
    fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.nat(), weight: 1 }),
  )
  .map(([text, insertions, cut]) => {
    const body = HEADER.length + 1;
    let out = text;
    for (const { at, text: inserted } of insertions) {
      const position = body + (at % (out.length - body + 1));
      out = out.slice(0, position) + inserted + out.slice(position);
    }
    if (cut !== null) out = out.slice(0, body + (cut % (out.length - body + 1)));
    return out;
  });

interface Record {
  /** Offset of the LF that ends the record, or the text's length. */
  readonly end: number;
  readonly fields: number;
  readonly breakOutsideComment: boolean;
  readonly blank: boolean;
}

/** A strict RFC 4180 record (delimiter `,`) starting at `start`, or null when not well-formed. */
function readRecord(text: string, start: number): Record | null {
  let p = start;
  let fields = 0;
  let breakOutsideComment = false;
  let first = "";
  for (;;) {
    let value: string;
    if (text[p] === '"') {
      let q = p + 1;
      value = "";
      for (;;) {
        const close = text.indexOf('"', q);
        if (close === -1) return null;
        value += text.slice(q, close);
        if (text[close + 1] === '"') {
          value += '"';
          q = close + 2;
          continue;
        }
        p = afterClosingQuote(text, close);
        if (p === -1) return null;
        break;
      }
      if (value.includes("\n") && fields !== COMMENT) breakOutsideComment = true;
    } else {
      let q = p;
      while (q < text.length && text[q] !== "," && text[q] !== "\n") q += 1;
      value = text.slice(p, q);
      p = q;
    }
    if (fields === 0) first = value;
    fields += 1;
    if (p >= text.length || text[p] === "\n") {
      return { end: p, fields, breakOutsideComment, blank: fields === 1 && first.trim() === "" };
    }
    p += 1;
  }
}

/**
 * Where a quoted cell closed at `close` ends: at the delimiter or line feed after it (white
 * space between is allowed, as papaparse allows it: up to the nearer of the next delimiter and
 * the next line feed, or up to the next line feed), at the end of the text, or -1 (malformed).
 */
function afterClosingQuote(text: string, close: number): number {
  if (close === text.length - 1) return text.length;
  const lineFeed = text.indexOf("\n", close + 1);
  const delimiter = text.indexOf(",", close + 1);
  const upTo = lineFeed === -1 ? delimiter : Math.min(delimiter, lineFeed);
  const spaces = (to: number) =>
    to !== -1 && text.slice(close + 1, to).trim() === "" ? to - close - 1 : 0;
  const toDelimiter = close + 1 + spaces(upTo);
  if (text[toDelimiter] === ",") return toDelimiter;
  const toLineFeed = close + 1 + spaces(lineFeed);
  return text[toLineFeed] === "\n" ? toLineFeed : -1;
}

/**
 * The line each data row starts on, by the documented rule: a record over several lines is one
 * row when it has 10 cells and its line breaks are in the comment; any other row is its first
 * line alone; a line that is blank is no row.
 */
function rowStarts(text: string): number[] {
  const lineStart = [0];
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) {
    lineStart.push(at + 1);
  }
  const lineOf = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStart.length && (lineStart[line + 1] as number) <= offset) line += 1;
    return line;
  };
  const starts: number[] = [];
  let line = 1; // 0-based: line 0 is the header (never changed)
  while (line < lineStart.length && (lineStart[line] as number) < text.length) {
    const record = readRecord(text, lineStart[line] as number);
    const last = record === null ? line : lineOf(record.end);
    if (record !== null && last > line) {
      if (record.fields === COLUMNS && !record.breakOutsideComment) {
        starts.push(line + 1);
        line = last + 1;
        continue;
      }
    } else if (record?.blank) {
      line += 1;
      continue;
    }
    starts.push(line + 1);
    line += 1;
  }
  return starts;
}

/** The checks every hostile input must pass. */
function check(text: string, read: () => ValidatedResponses): ValidatedResponses | null {
  let result: ValidatedResponses;
  try {
    result = read();
  } catch (error) {
    if (!(error instanceof ServqualError)) throw error;
    return null;
  }
  const { dataset, report } = result;
  // Plain comparisons, one expect at the end: thousands of runs stay fast.
  const problems: string[] = [];
  if (report.rowsIn !== report.rowsUsed + report.rowsExcluded)
    problems.push("rows in ≠ used + excluded");
  if (dataset.n !== report.rowsUsed) problems.push("n ≠ rows used");
  if (report.excludedRows.length !== report.rowsExcluded)
    problems.push("excluded rows not all listed");
  const starts = rowStarts(text);
  if (report.rowsIn !== starts.length)
    problems.push(`rows in ${report.rowsIn}, row starts ${starts.length}`);
  const startSet = new Set(starts);
  const named = new Set<number | undefined>();
  for (const item of [...report.excludedRows, ...report.issues]) {
    named.add(item.line);
    if (item.line === undefined || !startSet.has(item.line)) {
      problems.push(`${JSON.stringify(item)} is not on a row's first line`);
    } else if (item.row !== undefined && starts[item.row - 1] !== item.line) {
      problems.push(`row ${item.row} is on line ${starts[item.row - 1]}, not ${item.line}`);
    }
  }
  // Every row has an issue (its P_s1 is 9) or is excluded: every row start is named.
  for (const line of starts) if (!named.has(line)) problems.push(`line ${line} is not named`);
  expect(problems).toEqual([]);
  return result;
}

describe("hostile CSV text (fuzz)", () => {
  it("the strict reader of this test reads valid files as the library does", () => {
    fc.assert(
      fc.property(validFile, (text) => {
        const result = check(text, () => readResponsesCsvText(text, twoByTwo, OPTIONS));
        expect(result?.report.rowsExcluded).toBe(0);
        expect(result?.report.unreadableLines).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it("loses no line of 2,000 damaged texts", () => {
    let unreadable = 0;
    let thrown = 0;
    fc.assert(
      fc.property(hostileText, (text) => {
        const result = check(text, () => readResponsesCsvText(text, twoByTwo, OPTIONS));
        if (result === null) thrown += 1;
        else if (result.report.unreadableLines > 0) unreadable += 1;
      }),
      { numRuns: 2000 },
    );
    // The damage reaches the reader's recovery often, and most texts still give a report.
    expect(unreadable).toBeGreaterThan(500);
    expect(thrown).toBeLessThan(500);
  });

  it("the file reader agrees on 200 damaged files with invalid UTF-8 bytes", async () => {
    const path = join(scratch, "hostile.csv");
    const invalid = [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x00]];
    await fc.assert(
      fc.asyncProperty(
        hostileText,
        fc.array(fc.record({ at: fc.nat(), bytes: fc.constantFrom(...invalid) }), {
          maxLength: 3,
        }),
        async (text, insertions) => {
          let bytes = Buffer.from(text, "utf8");
          const body = Buffer.byteLength(HEADER) + 1;
          for (const { at, bytes: inserted } of insertions) {
            const position = body + (at % (bytes.length - body + 1));
            bytes = Buffer.concat([
              bytes.subarray(0, position),
              Buffer.from(inserted),
              bytes.subarray(position),
            ]);
          }
          writeFileSync(path, bytes);
          // The text the file holds, decoded independently (invalid bytes become U+FFFD).
          const decoded = new TextDecoder("utf-8").decode(bytes);
          let fromFile: ValidatedResponses | null = null;
          let fileError: unknown = null;
          try {
            fromFile = await readResponsesCsv(path, twoByTwo, OPTIONS);
          } catch (error) {
            if (!(error instanceof ServqualError)) throw error;
            fileError = error;
          }
          const fromText = check(decoded, () => {
            if (fileError !== null) throw fileError;
            return fromFile as ValidatedResponses;
          });
          if (fromText === null) return;
          expect(readResponsesCsvText(decoded, twoByTwo, OPTIONS)).toEqual(fromText);
        },
      ),
      { numRuns: 200 },
    );
  });
});
