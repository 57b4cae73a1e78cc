/**
 * `servqual report --by fiscal-year --fiscal-start MONTH` and `--seasons MAP.json` on the built
 * command (run `npm run build` first), with a small survey whose figures are worked by hand.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fiscalMonth, parsePeriodFlags } from "../../src/cli/periodFlags";
import { runCli, tempFolder } from "./runCli";

const ITEMS = Array.from({ length: 22 }, (_, i) => i + 1);

/**
 * Six respondents; every expectation is 5 and every perception of a row is the same value p,
 * so every item, dimension and overall gap of the row is p − 5.
 */
const ROWS: readonly [string, string, number][] = [
  ["R1", "2024-03-15", 4], // gap −1
  ["R2", "2024-03-31", 6], // gap +1
  ["R3", "2024-04-01", 3], // gap −2
  ["R4", "2024-12-31", 5], // gap 0
  ["R5", "2025-03-01", 4], // gap −1
  ["R6", "2025-04-10", 7], // gap +2
];

function survey(folder: string): string {
  const header = [
    "respondent_id",
    "date",
    ...ITEMS.map((i) => `E_${i}`),
    ...ITEMS.map((i) => `P_${i}`),
  ];
  const lines = ROWS.map(([id, date, p]) =>
    [id, date, ...ITEMS.map(() => 5), ...ITEMS.map(() => p)].join(","),
  );
  const file = join(folder, "survey.csv");
  writeFileSync(file, `${[header.join(","), ...lines].join("\n")}\n`);
  return file;
}

type Cell = {
  level: string;
  period: { key: string } | null;
  rows: number;
  suppressed: boolean;
  overall: { gap: number | null };
};

/** Period key → [respondents, overall gap or null] of the period cells in report.json. */
function periodCells(out: string): Record<string, [number, number | null]> {
  const results = JSON.parse(readFileSync(join(out, "report.json"), "utf8")).results;
  const cells: Cell[] = results.context.byPeriod.cells.cells;
  return Object.fromEntries(
    cells
      .filter((c) => c.level === "period" && c.period !== null)
      .map((c) => [c.period?.key, [c.rows, c.suppressed ? null : c.overall.gap]]),
  );
}

describe("servqual report --by fiscal-year --fiscal-start", () => {
  it("groups respondents in fiscal years starting in the given month", () => {
    const folder = tempFolder();
    const out = join(folder, "out");
    const run = runCli(
      [
        "report",
        survey(folder),
        "--by",
        "fiscal-year",
        "--fiscal-start",
        "april",
        "--min-n",
        "2",
        "--out",
        out,
        "--format",
        "json,md",
      ],
      folder,
    );
    expect(run.code, run.stderr).toBe(0);
    const cells = periodCells(out);
    // April–March years: 15 and 31 March 2024 close FY2023/24; 1 April 2024 opens FY2024/25.
    expect(Object.keys(cells)).toEqual(["FY2023/24", "FY2024/25", "FY2025/26"]);
    expect(cells["FY2023/24"]?.[0]).toBe(2);
    expect(cells["FY2023/24"]?.[1]).toBeCloseTo((-1 + 1) / 2, 12);
    expect(cells["FY2024/25"]?.[0]).toBe(3);
    expect(cells["FY2024/25"]?.[1]).toBeCloseTo((-2 + 0 - 1) / 3, 12);
    // one respondent, below --min-n 2: suppressed
    expect(cells["FY2025/26"]).toEqual([1, null]);
    expect(readFileSync(join(out, "report.md"), "utf8")).toContain("## Gap 5 by fiscal-year");
  });

  it("takes a month number (January gives calendar-year keys)", () => {
    const folder = tempFolder();
    const out = join(folder, "out");
    const run = runCli(
      [
        "report",
        survey(folder),
        "--by",
        "fiscal-year",
        "--fiscal-start",
        "1",
        "--out",
        out,
        "--format",
        "json",
      ],
      folder,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(Object.keys(periodCells(out))).toEqual(["FY2024", "FY2025"]);
  });
});

describe("servqual report --seasons", () => {
  it("names the seasons of --by season and of the seasonal profile from the map", () => {
    const folder = tempFolder();
    const map = join(folder, "seasons.json");
    writeFileSync(map, JSON.stringify({ wet: [11, 12, 1, 2, 3], dry: [4, 5, 6, 7, 8, 9, 10] }));
    const out = join(folder, "out");
    const run = runCli(
      [
        "report",
        survey(folder),
        "--by",
        "season",
        "--seasons",
        map,
        "--min-n",
        "2",
        "--out",
        out,
        "--format",
        "json",
      ],
      folder,
    );
    expect(run.code, run.stderr).toBe(0);
    const cells = periodCells(out);
    // wet runs November–March, so March 2024 belongs to the wet season of 2023/24
    expect(Object.keys(cells)).toEqual(["2023/24-wet", "2024-dry", "2024/25-wet", "2025-dry"]);
    expect(cells["2023/24-wet"]?.[1]).toBeCloseTo(0, 12);
    expect(cells["2024/25-wet"]?.[0]).toBe(2);
    expect(cells["2024/25-wet"]?.[1]).toBeCloseTo((0 - 1) / 2, 12);
    expect(cells["2024-dry"]).toEqual([1, null]);
    const results = JSON.parse(readFileSync(join(out, "report.json"), "utf8")).results;
    expect(results.context.seasons.seasons).toEqual(["wet", "dry"]);
  });

  it("rejects a bad map with exit 2, naming the problem", () => {
    const folder = tempFolder();
    const file = survey(folder);
    const cases: [string, RegExp][] = [
      ['{"wet": [11, 12, 1, 2, 3], "dry": [4, 5, 6, 7, 8, 9]}', /month 10 has no season/],
      [
        '{"wet": [11, 12, 1, 2, 3], "dry": [3, 4, 5, 6, 7, 8, 9, 10]}',
        /month 3 is in "wet" and "dry"/,
      ],
      ['{"a": [1, 3], "b": [2, 4, 5, 6, 7, 8, 9, 10, 11, 12]}', /season "a" is not one run/],
      ['{"wet": [13]}', /season "wet" must be months 1–12/],
      ['["winter"]', /the map must be/],
      ["{not json", /cannot be read as JSON/],
    ];
    for (const [text, message] of cases) {
      const map = join(folder, "seasons.json");
      writeFileSync(map, text);
      const run = runCli(
        ["report", file, "--by", "season", "--seasons", map, "--out", join(folder, "out")],
        folder,
      );
      expect(run.code, text).toBe(2);
      expect(run.stderr, text).toMatch(message);
      expect(run.stderr).toContain("seasons.json");
    }
  });
});

describe("--fiscal-start and --seasons misuse", () => {
  it("exits 2 with a sentence", () => {
    const folder = tempFolder();
    const file = survey(folder);
    const cases: [string[], RegExp][] = [
      [["--by", "fiscal-year"], /--by fiscal-year needs --fiscal-start/],
      [["--by", "month", "--fiscal-start", "4"], /--fiscal-start goes with --by fiscal-year/],
      [["--by", "fiscal-year", "--fiscal-start", "13"], /--fiscal-start must be a month/],
      [["--by", "fiscal-year", "--fiscal-start", "apri"], /--fiscal-start must be a month/],
      [["--seasons", "seasons.json"], /--seasons goes with --by/],
      [["--by", "season", "--seasons"], /--seasons/],
    ];
    for (const [flags, message] of cases) {
      const run = runCli(["report", file, "--out", join(folder, "out"), ...flags], folder);
      expect(run.code, flags.join(" ")).toBe(2);
      expect(run.stderr, flags.join(" ")).toMatch(message);
    }
  });

  it("is in --help", () => {
    const help = runCli(["report", "--help"]).stdout;
    expect(help).toContain("--fiscal-start MONTH");
    expect(help).toContain("--seasons MAP.json");
    expect(help).toContain("fiscal-year");
  });

  it("parses months and the pairing without the library", () => {
    expect(fiscalMonth("4")).toBe(4);
    expect(fiscalMonth("April")).toBe(4);
    expect(fiscalMonth("oct")).toBe(10);
    expect(fiscalMonth("0")).toBe(undefined);
    expect(fiscalMonth("ju")).toBe(undefined);
    expect(parsePeriodFlags("fiscal-year", "jul", undefined)).toEqual({
      fiscalYearStart: 7,
      seasonsFile: undefined,
    });
    expect(parsePeriodFlags("month", undefined, "s.json")).toEqual({
      fiscalYearStart: undefined,
      seasonsFile: "s.json",
    });
  });
});
