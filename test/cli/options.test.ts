/**
 * The options that map a user's file onto the instrument: --columns, --rename, --encoding
 * (with the UTF-16 byte-order mark detected by itself) and --delimiter. Each file here is the
 * demo survey rewritten (other names, encoding or delimiter): read with the matching options,
 * it must give exactly the row counts and Gap 5 tables of the demo file as shipped, and read
 * without them, something else.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { demoCsv, gapFigures, runCli, tempFolder } from "./runCli";

// The header and the first 200 respondents (text and out-of-range answers among them): enough to compare, quick to read.
const lines = readFileSync(demoCsv, "utf8").split("\n").slice(0, 201);
const text = `${lines.join("\n")}\n`;
const headerLine = lines[0] ?? "";
const body = `${lines.slice(1).join("\n")}\n`;

/** Runs `report FILE ...args` into a fresh folder; returns the result and the folder. */
function report(file: string, args: readonly string[] = []) {
  const out = join(tempFolder(), "out");
  return { ...runCli(["report", file, "--out", out, "--quiet", ...args]), out };
}

function write(name: string, content: string | Buffer): string {
  const path = join(tempFolder(), name);
  writeFileSync(path, content);
  return path;
}

/** The demo file with header names changed. */
function renamed(names: Readonly<Record<string, string>>): string {
  const header = headerLine
    .split(",")
    .map((name) => names[name] ?? name)
    .join(",");
  return `${header}\n${body}`;
}

let baseline: unknown;
beforeAll(() => {
  const { code, out } = report(write("demo-200.csv", text));
  expect(code).toBe(0);
  baseline = gapFigures(out);
});

describe("servqual report --rename", () => {
  const file = () => write("renamed.csv", renamed({ respondent_id: "Resp", E_1: "Q1e" }));

  it("renames source columns before they are matched", () => {
    const { code, out } = report(file(), ["--rename", "Resp=respondent_id,Q1e=E_1"]);
    expect(code).toBe(0);
    expect(gapFigures(out)).toEqual(baseline);
  });

  it("may be repeated", () => {
    const { code, out } = report(file(), ["--rename", "Resp=respondent_id", "--rename", "Q1e=E_1"]);
    expect(code).toBe(0);
    expect(gapFigures(out)).toEqual(baseline);
  });

  it("is needed: without it item 1 has no expectation column", () => {
    const { code, out } = report(file(), ["--rename", "Resp=respondent_id"]);
    expect(code).toBe(0);
    expect(gapFigures(out)).not.toEqual(baseline);
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(JSON.stringify(json.results.validation.absentColumns)).toContain("E_1");
  });
});

describe("servqual report --columns MAP.json", () => {
  const names: Record<string, string> = { respondent_id: "Respondent", date: "When" };
  for (let item = 1; item <= 22; item++) {
    names[`E_${item}`] = `Exp${item}`;
    names[`P_${item}`] = `Perf${item}`;
  }
  const file = () => write("mapped.csv", renamed(names));
  const map = (content: unknown) =>
    write("map.json", typeof content === "string" ? content : JSON.stringify(content));
  const good = {
    id: "Respondent",
    expectation: "Exp{item}",
    perception: "Perf{item}",
    rename: { When: "date" },
  };

  it("maps roles, templates and renames from the file", () => {
    const { code, out, stderr } = report(file(), ["--columns", map(good)]);
    expect(stderr).not.toMatch(/servqual:/);
    expect(code).toBe(0);
    expect(gapFigures(out)).toEqual(baseline);
  });

  it("is needed: without it no answer column is found (exit 1, pointing to --columns)", () => {
    const { code, stderr } = report(file());
    expect(code).toBe(1);
    expect(stderr).toContain("--columns MAP.json or --rename OLD=NEW");
  });

  it("takes segment columns from the file (the demo's region column holds a formula-like cell)", () => {
    const { code, out } = report(file(), ["--columns", map({ ...good, segments: ["region"] })]);
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(json.results.validation.issueCounts["formula-like-label"]).toBe(1);
  });

  it("lets the flags take precedence over the file", () => {
    const { code, out } = report(file(), [
      "--columns",
      map({ ...good, id: "Nope" }),
      "--id",
      "Respondent",
    ]);
    expect(code).toBe(0);
    expect(gapFigures(out)).toEqual(baseline);
  });

  it.each([
    ["{bad json", /--columns .*map\.json is not valid JSON/],
    ["[1, 2]", /must hold a JSON object/],
    ['"id"', /must hold a JSON object/],
    [{ ...good, idd: "x" }, /unknown key "idd"; did you mean "id"\?/],
    [{ columns: { id: "x" } }, /unknown key "columns".*the roles are at the top level/],
    [{ id: 7 }, /"id" must be a non-empty string, not number 7/],
    [{ id: "" }, /"id" must be a non-empty string/],
    [{ perception: "Perf" }, /"perception" is a template and must contain \{item\}/],
    [{ weight: "W_" }, /"weight" is a template and must contain \{dimension\}/],
    [{ segments: "region" }, /"segments" must be an array of column names/],
    [{ rename: ["a"] }, /"rename" must be an object/],
    [{ rename: { a: 1 } }, /"rename" maps "a" to number 1/],
    ['{"__proto__": "x"}', /unknown key "__proto__"/],
  ])("a bad map %j exits 2 before the input is read", (content, message) => {
    const { code, stderr } = report("/no/such/survey.csv", ["--columns", map(content)]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/does not exist/);
  });

  it("a missing map file exits 2", () => {
    const { code, stderr } = report(demoCsv, ["--columns", "/no/such/map.json"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--columns \/no\/such\/map\.json: no such file/);
  });

  it("lists every problem of the file at once", () => {
    const { stderr } = report(demoCsv, [
      "--columns",
      map({ idd: "x", perception: "P", segments: 1 }),
    ]);
    expect(stderr.match(/^ {2}- /gm)).toHaveLength(3);
  });
});

describe("servqual report --encoding and byte-order marks", () => {
  const accented = renamed({ E_1: "É_1" });

  it("reads Latin-1 with --encoding latin1", () => {
    const file = write("latin1.csv", Buffer.from(accented, "latin1"));
    const { code, out } = report(file, ["--encoding", "latin1", "--rename", "É_1=E_1"]);
    expect(code).toBe(0);
    expect(gapFigures(out)).toEqual(baseline);
  });

  it("is needed: Latin-1 read as UTF-8 does not match the renamed column", () => {
    const file = write("latin1.csv", Buffer.from(accented, "latin1"));
    const { out } = report(file, ["--rename", "É_1=E_1"]);
    expect(gapFigures(out)).not.toEqual(baseline);
  });

  it("reads UTF-16LE with --encoding utf-16le", () => {
    const file = write("utf16.csv", Buffer.from(accented, "utf16le"));
    const { code, out } = report(file, ["--encoding", "utf-16le", "--rename", "É_1=E_1"]);
    expect(code).toBe(0);
    expect(gapFigures(out)).toEqual(baseline);
  });

  it("detects UTF-16LE by its byte-order mark without --encoding", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(accented, "utf16le")]);
    const { code, out } = report(write("utf16bom.csv", bytes), ["--rename", "É_1=E_1"]);
    expect(code).toBe(0);
    expect(gapFigures(out)).toEqual(baseline);
  });

  it("detects UTF-16BE by its byte-order mark, and reads it with --encoding utf-16be", () => {
    const little = Buffer.from(accented, "utf16le");
    const big = Buffer.alloc(little.length);
    for (let i = 0; i < little.length; i += 2) {
      big[i] = little[i + 1] ?? 0;
      big[i + 1] = little[i] ?? 0;
    }
    const marked = report(write("utf16be.csv", Buffer.concat([Buffer.from([0xfe, 0xff]), big])), [
      "--rename",
      "É_1=E_1",
    ]);
    expect(marked.code).toBe(0);
    expect(gapFigures(marked.out)).toEqual(baseline);
    const unmarked = report(write("utf16be.csv", big), [
      "--encoding",
      "utf-16be",
      "--rename",
      "É_1=E_1",
    ]);
    expect(unmarked.code).toBe(0);
    expect(gapFigures(unmarked.out)).toEqual(baseline);
  });
});

describe("servqual report --delimiter", () => {
  // ":" is not among the detected delimiters (, tab | ;); the demo's one quoted cell keeps its
  // quotes, so its inner commas (now colons) stay inside the cell.
  const file = () => write("colon.csv", text.replaceAll(",", ":"));

  it("reads a file with the given delimiter", () => {
    const { code, out } = report(file(), ["--delimiter", ":"]);
    expect(code).toBe(0);
    expect(gapFigures(out)).toEqual(baseline);
  });

  it("is needed: without it the header is one unknown column (exit 1)", () => {
    expect(report(file()).code).toBe(1);
  });

  it("accepts the name tab", () => {
    const { code, out } = report(write("tab.tsv", text.replaceAll(",", "\t")), [
      "--delimiter",
      "tab",
    ]);
    expect(code).toBe(0);
    expect((gapFigures(out) as { gap5: unknown }).gap5).toEqual(
      (baseline as { gap5: unknown }).gap5,
    );
  });
});
