/**
 * `servqual report --by/--calendar/--min-n` and the context of `servqual demo`, run as a user
 * runs the built command. What the demo must find is planted in data/DEMO.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseContextFlags, wrapLines } from "../../src/cli/contextInputs";
import { demoCsv, runCli, tempFolder } from "./runCli";

const calendar = fileURLToPath(new URL("../../data/demo-events-calendar.csv", import.meta.url));

describe("servqual demo: the planted context effects", () => {
  const out = tempFolder();
  const { code, stdout, stderr } = runCli(["demo", "--out", out]);

  it("finds each planted effect and names the test behind it", () => {
    expect(code).toBe(0);
    expect(stderr).toMatch(/Found: winter responsiveness dip in North: Send .* to North in winter/);
    expect(stderr).toMatch(
      /Found: responsiveness worse inside the North flood window.*eventWindowEffects/,
    );
    expect(stderr).toMatch(/Found: item 2 lower in the warm season.*seasonalProfile/);
    expect(stderr).toMatch(/Found: expectations of item 3 rising.*byPeriod expectation drift/);
    // the planted dip as a change between seasons in North (winter 2024/25 → spring 2025)
    expect(stderr).toMatch(
      /Found: winter responsiveness dip in North as a change between seasons: 2024\/25-winter → 2025-spring \+1\.\d\d .*byPeriod period-over-period change.*; also significant among all \d+ tests/,
    );
    expect(stderr).not.toContain("Not found");
  });

  it("adds the period, season, segment, event-window and allocation sections to every format", () => {
    for (const title of [
      "## Gap 5 by season",
      "## Seasonal profile",
      "## Segments compared: region",
      "## Event windows",
      "## Where to send resources",
    ]) {
      expect(stdout).toContain(title);
    }
    // the period-over-period table: North's responsiveness out of winter differs, and it is
    // the only change that does (planted: the winter dip, data/DEMO.md)
    const changes = stdout
      .split("\n")
      .filter((line) => /^\| (all respondents|region \S+) \| \w+ \| \d{4}/.test(line));
    expect(changes.length).toBeGreaterThan(100);
    expect(changes.filter((line) => line.endsWith("| differs |"))).toEqual([
      expect.stringMatching(
        /^\| region North \| responsiveness \| 2025-spring \| 2024\/25-winter \| 1\.\d\d \|/,
      ),
    ]);
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(json.results.context.events.kind).toBe("event-windows");
    expect(json.results.context.allocation.priorities[0].region).toBe("North");
    // regions by Welch's ANOVA + Games–Howell: Coast's planted empathy shortfall (DEMO.md)
    const regions = json.results.context.segments;
    expect(regions.method).toBe("welch");
    const empathy = regions.comparisons.find((c: { id: string }) => c.id === "empathy");
    expect(empathy.pAdjusted).toBeLessThan(0.05);
    const coast = empathy.pairs.filter(
      (p: { group1: string; group2: string }) => p.group1 === "Coast" || p.group2 === "Coast",
    );
    expect(coast.length).toBe(2);
    for (const pair of coast) expect(pair.pAdjusted).toBeLessThan(0.05);
    // the terminal line of the flood effect also states its p among all the report's tests,
    // the same number (and verdict) the report's own words use
    const across = json.results.context.acrossReport;
    const flood = json.results.context.events.effects
      .find((e: { window: string }) => e.window === "flood-north-2025")
      .figures.find((f: { id: string }) => f.id === "responsiveness");
    const pAcross: number = flood.adjustedAcrossReport;
    const shown = pAcross < 0.001 ? "< .001" : pAcross.toFixed(3);
    const verdict = pAcross < 0.05 ? "also significant" : "not significant";
    expect(stderr.replace(/\s+/g, " ")).toContain(
      `${verdict} among all ${across.m} tests of the report (Holm, p adj. ${shown})`,
    );
    // the dirty calendar row (a window ending before it starts) is counted, not dropped
    expect(json.results.context.events.calendarRecords).toEqual({ in: 5, used: 4, excluded: 1 });
  });
});

describe("servqual report --segments: a section per segment column", () => {
  it("compares every named column in its own section, in every format", () => {
    const out = tempFolder();
    const { code, stdout, stderr } = runCli([
      "report",
      demoCsv,
      "--segments",
      "region,channel",
      "--format",
      "md,json,csv",
      "--out",
      out,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("## Segments compared: region");
    expect(stdout).toContain("## Segments compared: channel");
    // DEMO.md plants an empathy shortfall in Coast (Coast ≥ 0.4 below both other regions)
    expect(stderr).toMatch(/Segments compared: region: .*empathy/);
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const compared = json.results.context.segmentComparisons.map((c: { by: string }) => c.by);
    expect(compared).toEqual(["region", "channel"]);
    const empathy = json.results.context.segmentComparisons[0].comparisons.find(
      (c: { id: string }) => c.id === "empathy",
    );
    expect(empathy.pAdjusted).toBeLessThan(0.05);
    const csv = readFileSync(join(out, "report.csv"), "utf8");
    expect(csv).toContain("segments-2");
  });

  it("adds no comparison without --segments", () => {
    const out = tempFolder();
    const { code, stdout } = runCli(["report", demoCsv, "--out", out]);
    expect(code).toBe(0);
    expect(stdout).not.toContain("Segments compared");
  });
});

describe("servqual report --by / --calendar / --min-n", () => {
  it("adds the sections for a survey file and prints the allocation sentence", () => {
    const out = tempFolder();
    const { code, stdout, stderr } = runCli([
      "report",
      demoCsv,
      "--segments",
      "region",
      "--by",
      "season",
      "--calendar",
      calendar,
      "--min-n",
      "10",
      "--out",
      out,
      "--format",
      "md,csv,html",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("## Gap 5 by season");
    expect(stdout).toContain("## Event windows");
    expect(stderr).toMatch(/Send spare engineers and phone\/SMS\/web capacity to North in winter/);
    expect(stderr).toMatch(/Event calendar: 5 windows = 4 used \+ 1 excluded/);
    expect(readFileSync(join(out, "report.csv"), "utf8")).toContain("event-window-gaps");
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Where to send resources");
  });

  it("rejects misuse with exit code 2 and a sentence", () => {
    const cases: [string[], RegExp][] = [
      [["--by", "fortnight"], /--by must be one of/],
      [["--by", "month", "--min-n", "1"], /--min-n must be a whole number/],
      [["--min-n", "20"], /--min-n goes with --by/],
      [["--segments", "region", "--calendar", "/no/such/calendar.csv"], /does not exist/],
      [["--calendar", calendar], /needs a region column/],
    ];
    for (const [flags, message] of cases) {
      const { code, stderr } = runCli(["report", demoCsv, "--out", tempFolder(), ...flags]);
      expect(code, flags.join(" ")).toBe(2);
      expect(stderr).toMatch(message);
    }
    const demo = runCli(["demo", "--by", "month"]);
    expect(demo.code).toBe(2);
    expect(demo.stderr).toMatch(/demo does not take --by/);
  });

  it("excludes and counts a broken calendar row, and says so in the report", () => {
    const folder = tempFolder();
    const file = join(folder, "calendar.csv");
    writeFileSync(
      file,
      "type,region,start,end\nflood,North,2025-01-06,2025-03-09\ntsunami,North,2025-01-01,2025-01-02\n",
    );
    const { code, stderr } = runCli([
      "report",
      demoCsv,
      "--segments",
      "region",
      "--calendar",
      file,
      "--out",
      join(folder, "out"),
    ]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/Event calendar: 2 windows = 1 used \+ 1 excluded/);
  });

  it("is listed in --help", () => {
    const { stdout } = runCli(["report", "--help"]);
    for (const flag of ["--by PERIOD", "--calendar FILE", "--min-n N"])
      expect(stdout).toContain(flag);
  });

  it("parses the flags without the library", () => {
    expect(parseContextFlags(undefined, undefined, undefined)).toBe(undefined);
    expect(parseContextFlags("quarter", undefined, "12")).toEqual({
      period: "quarter",
      calendar: undefined,
      minimumN: 12,
    });
    expect(() => parseContextFlags("monht", undefined, undefined)).toThrow(/did you mean/);
    expect(() => parseContextFlags("month", undefined, "2.5")).toThrow(/whole number/);
    expect(wrapLines(["one two three", "x"], 7)).toEqual(["one two", "  three", "x"]);
    expect(wrapLines(["abcdefghij k"], 4)).toEqual(["abcdefghij", "  k"]);
  });
});
