/**
 * The complete command as a user runs it (dist/cli.js): several formats at once, report.csv
 * read back with a strict RFC 4180 reader, APA numbers in report.md, provenance in
 * report.json (SHA-256 of the input against node:crypto on the same bytes), the terminal
 * summary under a fake terminal (SERVQUAL_TTY=1) at several widths with and without colour,
 * validate, instruments NAME and per-command help.
 */

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readStrictCsv } from "../report/strictCsv";
import { cli, demoCsv, runCli, tempFolder } from "./runCli";

const TIME = ["--generated-at", "2026-01-31T09:00:00Z"];

function runWith(args: readonly string[], env: Record<string, string>, cwd = tempFolder()) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: "utf8",
    cwd,
    env: { ...process.env, NO_COLOR: "", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: colours are what is looked for
const ANSI = /\x1b\[[0-9;]*m/g;

describe("servqual report --format", () => {
  it("writes md, json and csv at once; the CSV is strict RFC 4180 and spreadsheet-safe", () => {
    const out = tempFolder();
    const { code } = runCli([
      "demo",
      "--out",
      out,
      "--quiet",
      "--format",
      "md,json",
      "--format",
      "csv",
      ...TIME,
    ]);
    expect(code).toBe(0);
    for (const name of ["report.md", "report.json", "report.csv"]) {
      expect(existsSync(join(out, name))).toBe(true);
    }
    const records = readStrictCsv(readFileSync(join(out, "report.csv"), "utf8"));
    expect(records[0]).toEqual(["section", "level", "id", "statistic", "value"]);
    for (const field of records.flat()) {
      // a field may start with "-" only when it is a number
      if (/^[ ]*[=+@\t\r-]/.test(field)) expect(Number.isFinite(Number(field)), field).toBe(true);
    }
    // the demo's formula-like region label is in the issues table, neutralised
    expect(
      records.some((r) => r[4]?.startsWith(`'=HYPERLINK`) === false && r[4]?.includes("HYPERLINK")),
    ).toBe(true);
    const reliability = records.find(
      (r) => r[1] === "dimensions" && r[2] === "Reliability" && r[3] === "Gap",
    );
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const dimension = json.results.gap5.dimensions.find(
      (d: { label: string }) => d.label === "Reliability",
    );
    expect(Number(reliability?.[4])).toBe(dimension.gap.mean);
  });

  it("report.md has APA numbers: true minus, p < .001, t(df) in running text", () => {
    const out = tempFolder();
    runCli(["demo", "--out", out, "--quiet", "--format", "md"]);
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).toMatch(/- Reliability: t\(\d+\) = \u2212\d+\.\d, p < \.001, d_z = \u2212\d\.\d\d/);
    expect(md).toContain("| *n* | *d*_z | *p* (holm) |");
    expect(md).not.toMatch(/\| -\d/); // no hyphen-minus numbers in tables
    expect(existsSync(join(out, "report.json"))).toBe(false);
  });

  it("report.json carries provenance: version, fixed time, input SHA-256, instrument, options, rows", () => {
    const dir = tempFolder();
    const csv = join(dir, "survey.csv");
    writeFileSync(csv, readFileSync(demoCsv));
    const out = join(dir, "out");
    const { code } = runCli(["report", csv, "--out", out, "--quiet", "--format", "json", ...TIME]);
    expect(code).toBe(0);
    const { provenance } = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(provenance.library).toEqual({ name: "servqual", version: pkg.version });
    expect(provenance.generatedAt).toBe("2026-01-31T09:00:00.000Z");
    expect(provenance.input).toEqual({
      file: csv,
      sha256: createHash("sha256").update(readFileSync(csv)).digest("hex"),
      bytes: readFileSync(csv).length,
    });
    expect(provenance.rows).toEqual({ in: 601, used: 599, excluded: 2 });
    expect(provenance.instrument).toMatchObject({ id: "servqual-1991" });
    expect(provenance.options).toMatchObject({
      command: "report",
      instrument: "servqual22",
      formats: ["json"],
    });
  });

  it("honours SOURCE_DATE_EPOCH for the time of the run", () => {
    const out = tempFolder();
    runWith(["demo", "--out", out, "--quiet", "--format", "json"], { SOURCE_DATE_EPOCH: "86400" });
    const { provenance } = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(provenance.generatedAt).toBe("1970-01-02T00:00:00.000Z");
  });

  it("checks only the files of the chosen formats before reading, and html says whether this build has it", () => {
    const out = tempFolder();
    writeFileSync(join(out, "report.md"), "keep");
    expect(runCli(["demo", "--out", out, "--quiet", "--format", "csv"]).code).toBe(0);
    expect(readFileSync(join(out, "report.md"), "utf8")).toBe("keep");
    const blocked = runCli(["demo", "--out", out, "--quiet", "--format", "csv"]);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/report\.csv already exists; add --force/);
    const html = runCli(["demo", "--out", tempFolder(), "--quiet", "--format", "html"]);
    const built = readFileSync(new URL("../../dist/report.js", import.meta.url), "utf8");
    if (built.includes("renderHtml")) {
      expect(html.code).toBe(0);
    } else {
      expect(html.code).toBe(2);
      expect(html.stderr).toMatch(/--format html is not available in this build/);
    }
  });
});

describe("the terminal summary", () => {
  it.each([100, 80, 60])(
    "fits %i columns, groups warnings by code and names the files",
    (width) => {
      const out = tempFolder();
      const { code, stdout, stderr } = runWith(["demo", "--out", out, "--format", "md,json"], {
        SERVQUAL_TTY: "1",
        COLUMNS: String(width),
        NO_COLOR: "1",
      });
      expect(code).toBe(0);
      expect(stdout).not.toMatch(ANSI);
      const lines = stdout.split("\n");
      for (const line of lines.filter((l) => !l.startsWith(`  ${out}`))) {
        expect(line.length, line).toBeLessThanOrEqual(width);
      }
      // the five reliability warnings of the demo are one line with a count and the dimensions
      const grouped = lines.filter((l) => l.includes("gap-less-reliable"));
      expect(grouped).toHaveLength(1);
      expect(grouped[0]).toMatch(/gap-less-reliable ×5: Tangibles, Reliability/);
      expect(stdout).toContain("Full reports:");
      expect(stdout).toContain(join(out, "report.md"));
      expect(stdout).toContain(join(out, "report.json"));
      expect(stdout).toContain("Rows in 601, used 599, excluded 2");
      expect(stdout).not.toContain("| --- |"); // not the Markdown report
      expect(stderr).toBe("");
    },
  );

  it("uses colour on a terminal unless NO_COLOR is set, never when piped", () => {
    const tty = runWith(["demo", "--out", tempFolder()], { SERVQUAL_TTY: "1", COLUMNS: "100" });
    expect(tty.stdout).toMatch(ANSI);
    for (const line of tty.stdout.replace(ANSI, "").split("\n")) {
      if (!line.startsWith("  /")) expect(line.length).toBeLessThanOrEqual(100);
    }
    const piped = runWith(["demo", "--out", tempFolder()], {});
    expect(piped.stdout).not.toMatch(ANSI);
    expect(piped.stdout).toMatch(/^# Harbourline/);
  });
});

describe("servqual validate", () => {
  it("lists every excluded row and issue and exits 1 when rows were excluded", () => {
    const cwd = tempFolder();
    const { code, stdout } = runCli(["validate", demoCsv, "--segments", "region,channel"], cwd);
    expect(code).toBe(1);
    expect(stdout).toContain("rows in 601 = used 599 + excluded 2");
    expect(stdout).toMatch(/row 490 \(line 491\), id R0205: duplicate-id/);
    expect(stdout).toMatch(/row 513 \(line 514\), id R0512: no-answers/);
    // the demo has 10 issues (3 out-of-range, 2 not-a-number, 2 weights-sum, 1 each of 3 more)
    expect(stdout).toContain("Issues (10):");
    expect(stdout.split("\n").filter((l) => /^ {2}[a-z-]+: /.test(l))).toHaveLength(10);
    expect(stdout).toMatch(/^ {2}markup-in-label: .*channel/m);
    expect(readdirCount(cwd)).toBe(0); // writes nothing
  });

  it("exits 0 on a clean file", () => {
    const dir = tempFolder();
    const file = join(dir, "clean.csv");
    const header = [
      "respondent_id",
      ...Array.from({ length: 22 }, (_, i) => [`E_${i + 1}`, `P_${i + 1}`]).flat(),
    ];
    const row = (id: string, a: number) => [
      id,
      ...Array.from({ length: 44 }, (_, c) => String(((c + a) % 7) + 1)),
    ];
    writeFileSync(
      file,
      `${[header, row("R1", 0), row("R2", 3)].map((r) => r.join(",")).join("\n")}\n`,
    );
    const { code, stdout } = runCli(["validate", file]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${file}: rows in 2 = used 2 + excluded 0\n`);
  });

  it("exits 1 for a missing file", () => {
    const { code, stderr } = runCli(["validate", "/no/such.csv"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/does not exist/);
  });
});

describe("servqual instruments and help", () => {
  it("prints one instrument as JSON, or names the closest for a typo", () => {
    const { code, stdout } = runCli(["instruments", "servqual22"]);
    expect(code).toBe(0);
    const instrument = JSON.parse(stdout);
    expect(instrument.id).toBe("servqual-1991");
    expect(instrument.dimensions).toHaveLength(5);
    const typo = runCli(["instruments", "servqal22"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/did you mean servqual22\?/);
  });

  it("reads --instrument from a JSON file and refuses a bad one with exit 2", () => {
    const dir = tempFolder();
    const file = join(dir, "inst.json");
    writeFileSync(file, runCli(["instruments", "servqual22"]).stdout);
    const out = join(dir, "out");
    expect(runCli(["report", demoCsv, "--instrument", file, "--out", out, "--quiet"]).code).toBe(0);
    writeFileSync(file, '{"id": "x"}');
    const bad = runCli(["report", demoCsv, "--instrument", file, "--out", join(dir, "o2")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a valid instrument/);
  });

  it.each([
    ["report", /--format F/],
    ["validate", /every issue|excluded/],
    ["instruments", /as JSON/],
    ["demo", /--generated-at/],
  ])("%s --help prints that command's help with its exit codes", (command, text) => {
    const { code, stdout } = runCli([command, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^servqual: ${command}`));
    expect(stdout).toMatch(text);
    expect(stdout).toMatch(/Exit codes:\n\s+0/);
  });
});

function readdirCount(folder: string): number {
  return spawnSync("ls", ["-A", folder], { encoding: "utf8" }).stdout.split("\n").filter(Boolean)
    .length;
}
