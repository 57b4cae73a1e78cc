/**
 * Nothing from the input reaches the terminal as a control character: escape sequences
 * (colours, window titles, hyperlinks, cursor moves) are removed whole, other controls dropped.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forTerminal } from "../../src/cli/terminal";
import { runCli, tempFolder } from "./runCli";

// C0 except tab and line feed, DEL, C1, bidirectional overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe("forTerminal", () => {
  it.each([
    ["\x1b[31mred\x1b[0m", "red"],
    ["\x1b[1;38;5;196mbold\x1b[m", "bold"],
    ["a\x1b]0;window title\x07b", "ab"],
    ["a\x1b]8;;http://example.com\x1b\\link\x1b]8;;\x1b\\b", "alinkb"],
    ["a\x1bPq#0;2;0;0;0\x1b\\b", "ab"],
    ["a\x1b7b\x1b8c", "abc"],
    ["a\x1b(Bb", "ab"],
    ["\x9b31mred", "red"],
    ["cursor\x1b[2J\x1b[Hhome", "cursorhome"],
    ["over\rwrite", "overwrite"],
    ["bell\x07 back\x08space del\x7f", "bell backspace del"],
    ["a\u202eb\u2066c", "abc"],
    ["trailing escape\x1b", "trailing escape"],
    ["tab\tand\nline", "tab\tand\nline"],
    ["Zürich – 東京 ✓", "Zürich – 東京 ✓"],
  ])("%j → %j", (input, expected) => {
    expect(forTerminal(input)).toBe(expected);
  });

  it("puts a single-line text on one line", () => {
    expect(forTerminal("line 1\nline 2\tx\r\ny", true)).toBe("line 1 line 2 x y");
  });

  it("never leaves a control character, for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => {
        const out = forTerminal(text);
        expect(out).not.toMatch(UNSAFE);
        expect(forTerminal(text, true)).not.toMatch(/[\n\t]/);
        expect(forTerminal(out)).toBe(out); // nothing left to remove
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves text without controls unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (text) => {
        fc.pre(!UNSAFE.test(text) && !text.includes("\x1b"));
        expect(forTerminal(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("servqual prints no control characters from the input", () => {
  it("strips an escape sequence in a header name from the error it prints", () => {
    const file = join(tempFolder(), "colour.csv");
    writeFileSync(file, "id,\x1b[31mq1\x1b[0m,q2\x1b]0;pwned\x07,\x9b2Jq3\n1,5,6,7\n");
    const { code, stderr, stdout } = runCli(["report", file]);
    expect(code).toBe(1);
    expect(stderr).toContain("Found: id, q1, q2, q3");
    expect(stderr).not.toMatch(UNSAFE);
    expect(stdout).not.toMatch(UNSAFE);
  });

  it("strips control characters from a path echoed in a usage error", () => {
    const { code, stderr } = runCli(["report", "a.csv", "b\x1b[31m.csv"]);
    expect(code).toBe(2);
    expect(stderr).toContain('unexpected: "b.csv"');
    expect(stderr).not.toMatch(UNSAFE);
  });

  it("strips them from the printed report", () => {
    const dir = tempFolder();
    const file = join(dir, "cell.csv");
    const header = ["respondent_id", "region\x1b[31m"];
    const row = ["R1", "=\x1b[2JNorth"];
    for (const facet of ["E", "P"]) {
      for (let item = 1; item <= 22; item++) {
        header.push(`${facet}_${item}`);
        row.push(facet === "E" ? "6" : "5");
      }
    }
    writeFileSync(file, `${header.join(",")}\n${row.join(",")}\n`);
    const out = join(dir, "out");
    const { code, stdout } = runCli(["report", file, "--segments", "region\x1b[31m", "--out", out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# /);
    expect(stdout).not.toMatch(UNSAFE);
  });
});
