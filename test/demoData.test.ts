/**
 * The embedded demo dataset data/demo-bank.csv (documented in data/DEMO.md).
 *
 * Independent of src/: the file is parsed with papaparse and every statistic below is a plain
 * mean (or Cronbach's alpha from its textbook formula) computed here. The expectations come
 * from data/DEMO.md: the documented dirty rows and the planted effects with their sizes.
 * Set DEMO_DATA_REPORT=1 to print the measured effect sizes.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../", import.meta.url);
const CSV_PATH = fileURLToPath(new URL("data/demo-bank.csv", ROOT));
const CALENDAR_PATH = fileURLToPath(new URL("data/demo-events-calendar.csv", ROOT));
const DEMO_MD_PATH = fileURLToPath(new URL("data/DEMO.md", ROOT));
const SCRIPT_PATH = fileURLToPath(new URL("scripts/generate-demo-data.mjs", ROOT));

type Row = Record<string, string>;

const ITEMS = Array.from({ length: 22 }, (_, i) => i + 1);
const DIMENSIONS = {
  tangibles: [1, 2, 3, 4],
  reliability: [5, 6, 7, 8, 9],
  responsiveness: [10, 11, 12, 13],
  assurance: [14, 15, 16, 17],
  empathy: [18, 19, 20, 21, 22],
} as const;
type Dimension = keyof typeof DIMENSIONS;
const DIMENSION_NAMES = Object.keys(DIMENSIONS) as Dimension[];
const WEIGHT_COLUMNS = DIMENSION_NAMES.map((d) => `W_${d}`);
const ANSWER_COLUMNS = [...ITEMS.map((i) => `E_${i}`), ...ITEMS.map((i) => `P_${i}`)];
const COLUMNS = [
  "respondent_id",
  "date",
  "region",
  "channel",
  ...ANSWER_COLUMNS,
  ...WEIGHT_COLUMNS,
];
const REGIONS = ["North", "Coast", "Capital"];
const CHANNELS = ["branch", "app", "phone"];

const FORMULA = '=HYPERLINK("http://example.com","x")';
const SCRIPT_TAG = "<script>alert(1)</script>";
const range = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}_${from + i}`);

/** The dirty rows listed in data/DEMO.md: the cells that are wrong and what they hold. */
interface DirtyRow {
  readonly id: string;
  /** Offending cells with their exact content; every other cell of the row must be valid. */
  readonly cells: Readonly<Record<string, string>>;
  /** When set, the importance points are valid integers but sum to this instead of 100. */
  readonly weightSum?: number;
}
const DIRTY_ROWS: readonly DirtyRow[] = [
  { id: "R0023", cells: { E_7: "8" } },
  { id: "R0071", cells: { P_15: "0" } },
  { id: "R0118", cells: { E_20: "9" } },
  { id: "R0146", cells: { region: FORMULA } },
  { id: "R0164", cells: { P_11: "n/a" } },
  { id: "R0209", cells: { E_2: "six" } },
  { id: "R0252", cells: { P_6: "4.5" } },
  { id: "R0297", cells: { P_12: "" } },
  { id: "R0340", cells: { E_3: "", P_19: "" } },
  {
    id: "R0386",
    cells: Object.fromEntries([...range("E", 5, 9), ...range("P", 5, 9)].map((c) => [c, ""])),
  },
  { id: "R0431", cells: {}, weightSum: 95 },
  { id: "R0475", cells: {}, weightSum: 110 },
  {
    id: "R0512",
    cells: Object.fromEntries([...ANSWER_COLUMNS, ...WEIGHT_COLUMNS].map((c) => [c, ""])),
  },
  { id: "R0558", cells: { channel: SCRIPT_TAG } },
];
/** The duplicated respondent_id: its second row comes directly after DUPLICATE_AFTER. */
const DUPLICATE_ID = "R0205";
const DUPLICATE_AFTER = "R0489";

/** Names of the invalid cells of a row ("W_sum" when the points do not add up to 100). */
function problems(row: Row): string[] {
  const bad: string[] = [];
  if (!/^R\d{4}$/.test(row.respondent_id ?? "")) bad.push("respondent_id");
  const date = row.date ?? "";
  const validDate =
    /^\d{4}-\d{2}-\d{2}$/.test(date) &&
    new Date(`${date}T00:00:00Z`).toISOString().startsWith(date) &&
    date >= "2024-01-01" &&
    date <= "2025-12-31";
  if (!validDate) bad.push("date");
  if (!REGIONS.includes(row.region ?? "")) bad.push("region");
  if (!CHANNELS.includes(row.channel ?? "")) bad.push("channel");
  for (const c of ANSWER_COLUMNS) if (!/^[1-7]$/.test(row[c] ?? "")) bad.push(c);
  const weightsValid = WEIGHT_COLUMNS.every((c) => /^\d{1,3}$/.test(row[c] ?? ""));
  for (const c of WEIGHT_COLUMNS) if (!/^\d{1,3}$/.test(row[c] ?? "")) bad.push(c);
  if (weightsValid && weightSum(row) !== 100) bad.push("W_sum");
  return bad;
}

const num = (row: Row, column: string): number => Number(row[column]);
const weightSum = (row: Row): number => WEIGHT_COLUMNS.reduce((s, c) => s + num(row, c), 0);
const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: readonly number[]): number => {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};
const respondentMean = (row: Row, prefix: "E" | "P", items: readonly number[]): number =>
  mean(items.map((i) => num(row, `${prefix}_${i}`)));
/** Sample gap of a set of items: mean over respondents of (mean P − mean E). */
const gap = (rows: readonly Row[], items: readonly number[]): number =>
  mean(rows.map((r) => respondentMean(r, "P", items) - respondentMean(r, "E", items)));
const allAnswers = (rows: readonly Row[], prefix: "E" | "P"): number[] =>
  rows.flatMap((r) => ITEMS.map((i) => num(r, `${prefix}_${i}`)));
/** Cronbach's alpha = k/(k−1)·(1 − Σσ²_item / σ²_total) (Cronbach 1951, Psychometrika). */
function cronbachAlpha(rows: readonly Row[], columns: readonly string[]): number {
  const k = columns.length;
  const itemVariances = columns.map((c) => variance(rows.map((r) => num(r, c))));
  const totals = rows.map((r) => columns.reduce((s, c) => s + num(r, c), 0));
  const sumItemVariances = itemVariances.reduce((s, v) => s + v, 0);
  return (k / (k - 1)) * (1 - sumItemVariances / variance(totals));
}
const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

const bytes = readFileSync(CSV_PATH);
const text = bytes.toString("utf8");
const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
const rows = parsed.data;
const dirtyIds = new Set(DIRTY_ROWS.map((d) => d.id));
const duplicateIndex = rows.map((r) => r.respondent_id).lastIndexOf(DUPLICATE_ID);
const clean = rows.filter((r, i) => i !== duplicateIndex && !dirtyIds.has(r.respondent_id ?? ""));

function measure() {
  const dimensionGap = Object.fromEntries(
    DIMENSION_NAMES.map((d) => [d, round(gap(clean, DIMENSIONS[d]))]),
  ) as Record<Dimension, number>;
  const itemGap = ITEMS.map((i) => round(gap(clean, [i])));
  const where = (f: (r: Row) => boolean) => clean.filter(f);
  const empathyGap = Object.fromEntries(
    REGIONS.map((g) => [
      g,
      round(
        gap(
          where((r) => r.region === g),
          DIMENSIONS.empathy,
        ),
      ),
    ]),
  );
  const responsivenessGap = Object.fromEntries(
    ["2024", "2025"].map((y) => [
      y,
      round(
        gap(
          where((r) => (r.date ?? "").startsWith(y)),
          DIMENSIONS.responsiveness,
        ),
      ),
    ]),
  );
  const expectationByChannel = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      round(
        mean(
          allAnswers(
            where((r) => r.channel === c),
            "E",
          ),
        ),
      ),
    ]),
  );
  const weightMean = Object.fromEntries(
    DIMENSION_NAMES.map((d) => [d, round(mean(clean.map((r) => num(r, `W_${d}`))), 2)]),
  ) as Record<Dimension, number>;
  const alpha = Object.fromEntries(
    DIMENSION_NAMES.map((d) => [
      d,
      {
        E: round(
          cronbachAlpha(
            clean,
            DIMENSIONS[d].map((i) => `E_${i}`),
          ),
        ),
        P: round(
          cronbachAlpha(
            clean,
            DIMENSIONS[d].map((i) => `P_${i}`),
          ),
        ),
      },
    ]),
  ) as Record<Dimension, { E: number; P: number }>;
  const e = allAnswers(clean, "E");
  const p = allAnswers(clean, "P");
  const month = (r: Row) => Number((r.date ?? "").slice(5, 7));
  const north = where((r) => r.region === "North");
  const winter = (r: Row) => month(r) === 12 || month(r) <= 2;
  // The flood window of data/demo-events-calendar.csv (North, 2025-01-06..2025-03-09).
  const inFlood = (r: Row) => (r.date ?? "") >= "2025-01-06" && (r.date ?? "") <= "2025-03-09";
  const warm = (r: Row) => month(r) >= 5 && month(r) <= 9;
  const context = {
    northResponsiveness: {
      winter: round(gap(north.filter(winter), DIMENSIONS.responsiveness)),
      rest: round(
        gap(
          north.filter((r) => !winter(r)),
          DIMENSIONS.responsiveness,
        ),
      ),
      flood: round(gap(north.filter(inFlood), DIMENSIONS.responsiveness)),
      notFlood: round(
        gap(
          north.filter((r) => !inFlood(r)),
          DIMENSIONS.responsiveness,
        ),
      ),
      floodRows: north.filter(inFlood).length,
    },
    winterResponsivenessElsewhere: round(
      gap(
        where((r) => r.region !== "North" && winter(r)),
        DIMENSIONS.responsiveness,
      ),
    ),
    item2Gap: {
      warm: round(gap(where(warm), [2])),
      cold: round(
        gap(
          where((r) => !warm(r)),
          [2],
        ),
      ),
    },
    item3Expectation: Object.fromEntries(
      ["2024", "2025"].map((y) => [
        y,
        round(mean(where((r) => (r.date ?? "").startsWith(y)).map((r) => num(r, "E_3")))),
      ]),
    ),
  };
  return {
    cleanRows: clean.length,
    expectationMean: round(mean(e)),
    perceptionMean: round(mean(p)),
    expectationShareAt7: round(e.filter((x) => x === 7).length / e.length),
    perceptionShareAt7: round(p.filter((x) => x === 7).length / p.length),
    dimensionGap,
    itemGap,
    empathyGapByRegion: empathyGap,
    responsivenessGapByYear: responsivenessGap,
    expectationByChannel,
    weightMean,
    alpha,
    context,
  };
}

describe("data/demo-bank.csv", () => {
  it("is byte-identical to what scripts/generate-demo-data.mjs produces", () => {
    const run = spawnSync(process.execPath, [SCRIPT_PATH, "--stdout"], { maxBuffer: 1 << 24 });
    expect(run.status).toBe(0);
    expect(run.stdout.equals(bytes)).toBe(true);
  });

  it("comes with data/demo-events-calendar.csv, byte-identical to the generator's", () => {
    const run = spawnSync(process.execPath, [SCRIPT_PATH, "--calendar", "--stdout"]);
    expect(run.status).toBe(0);
    expect(run.stdout.equals(readFileSync(CALENDAR_PATH))).toBe(true);
  });

  it("parses without errors, with the documented columns in order", () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(COLUMNS);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.includes("\r")).toBe(false);
  });

  it("has 601 data rows: respondents R0001..R0600 plus one duplicated id", () => {
    expect(rows).toHaveLength(601);
    const ids = rows.map((r) => r.respondent_id);
    const expected = Array.from({ length: 600 }, (_, i) => `R${String(i + 1).padStart(4, "0")}`);
    expect([...new Set(ids)].sort()).toEqual(expected);
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id ?? "", (counts.get(id ?? "") ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([[DUPLICATE_ID, 2]]);
  });

  it("keeps the rows in date order", () => {
    const dates = rows.map((r) => r.date ?? "");
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]?.startsWith("2024")).toBe(true);
    expect(dates.at(-1)?.startsWith("2025")).toBe(true);
  });
});

describe("documented dirty rows", () => {
  const demoMd = readFileSync(DEMO_MD_PATH, "utf8");

  it.each(DIRTY_ROWS)("$id holds exactly its documented defect", (dirty) => {
    const matches = rows.filter((r) => r.respondent_id === dirty.id);
    expect(matches).toHaveLength(1);
    const row = matches[0];
    if (row === undefined) throw new Error(`row ${dirty.id} missing`);
    for (const [column, value] of Object.entries(dirty.cells)) expect(row[column]).toBe(value);
    const expected = Object.keys(dirty.cells);
    if (dirty.weightSum !== undefined) {
      expect(weightSum(row)).toBe(dirty.weightSum);
      expected.push("W_sum");
    }
    expect(problems(row)).toEqual(expected);
    expect(demoMd).toContain(dirty.id);
  });

  it("stores the formula label quoted per RFC 4180 and the script tag as plain text", () => {
    expect(text).toContain(`,"=HYPERLINK(""http://example.com"",""x"")",`);
    expect(text).toContain(`,${SCRIPT_TAG},`);
  });

  it(`repeats ${DUPLICATE_ID} once, as a different, otherwise valid row after ${DUPLICATE_AFTER}`, () => {
    const first = rows.findIndex((r) => r.respondent_id === DUPLICATE_ID);
    const second = rows[duplicateIndex];
    const before = rows[duplicateIndex - 1];
    expect(duplicateIndex).toBeGreaterThan(first);
    expect(before?.respondent_id).toBe(DUPLICATE_AFTER);
    if (second === undefined || before === undefined) throw new Error("duplicate missing");
    expect(problems(second)).toEqual([]);
    expect(second.date).toBe(before.date);
    const answers = (r: Row | undefined) => ANSWER_COLUMNS.map((c) => r?.[c]);
    expect(answers(second)).not.toEqual(answers(rows[first]));
    expect(demoMd).toContain(DUPLICATE_ID);
  });

  it("leaves every other row valid (the list of dirty rows is complete)", () => {
    expect(clean).toHaveLength(601 - DIRTY_ROWS.length - 1);
    const invalid = clean
      .map((r) => ({ id: r.respondent_id, bad: problems(r) }))
      .filter((x) => x.bad.length > 0);
    expect(invalid).toEqual([]);
  });
});

describe("planted effects in the clean rows (sizes from data/DEMO.md)", () => {
  const m = measure();
  if (process.env.DEMO_DATA_REPORT) console.info(JSON.stringify(m, null, 2));

  it("has high expectations with a ceiling at 7 and lower perceptions", () => {
    expect(m.expectationMean).toBeGreaterThan(5.8);
    expect(m.expectationMean).toBeLessThan(6.3);
    expect(m.expectationShareAt7).toBeGreaterThan(0.25);
    expect(m.expectationShareAt7).toBeGreaterThan(2 * m.perceptionShareAt7);
    expect(m.expectationMean - m.perceptionMean).toBeGreaterThan(0.6);
  });

  it("gives reliability the largest shortfall (≈ −1.3) and tangibles the smallest (≈ −0.3)", () => {
    const gaps = Object.values(m.dimensionGap);
    expect(m.dimensionGap.reliability).toBe(Math.min(...gaps));
    expect(m.dimensionGap.tangibles).toBe(Math.max(...gaps));
    expect(m.dimensionGap.reliability).toBeGreaterThan(-1.5);
    expect(m.dimensionGap.reliability).toBeLessThan(-1.1);
    expect(m.dimensionGap.tangibles).toBeGreaterThan(-0.5);
    expect(m.dimensionGap.tangibles).toBeLessThan(-0.1);
    for (const g of gaps) expect(g).toBeLessThan(0);
  });

  it("makes item 8 clearly the worst item", () => {
    const others = m.itemGap.filter((_, i) => i !== 7);
    expect(m.itemGap[7]).toBeLessThan(Math.min(...others) - 0.5);
  });

  it("makes empathy worse in Coast than in North and Capital", () => {
    const { Coast = 0, North = 0, Capital = 0 } = m.empathyGapByRegion;
    expect(North - Coast).toBeGreaterThan(0.4);
    expect(Capital - Coast).toBeGreaterThan(0.4);
  });

  it("shrinks the responsiveness gap from 2024 to 2025 by about 0.5", () => {
    const { "2024": y2024 = 0, "2025": y2025 = 0 } = m.responsivenessGapByYear;
    expect(y2025 - y2024).toBeGreaterThan(0.3);
    expect(y2025 - y2024).toBeLessThan(0.8);
  });

  it("has higher expectations in the app channel", () => {
    const { app = 0, branch = 0, phone = 0 } = m.expectationByChannel;
    expect(app - branch).toBeGreaterThan(0.15);
    expect(app - phone).toBeGreaterThan(0.15);
  });

  it("gives reliability the most importance points (≈ 30) and tangibles the fewest (≈ 10)", () => {
    const weights = Object.values(m.weightMean);
    expect(m.weightMean.reliability).toBe(Math.max(...weights));
    expect(m.weightMean.tangibles).toBe(Math.min(...weights));
    expect(m.weightMean.reliability).toBeGreaterThan(27);
    expect(m.weightMean.reliability).toBeLessThan(33);
    expect(m.weightMean.tangibles).toBeGreaterThan(8);
    expect(m.weightMean.tangibles).toBeLessThan(12);
  });

  it("dips responsiveness in North in winter (≈ −1.0 below North's other months and other regions' winters)", () => {
    const c = m.context.northResponsiveness;
    expect(c.rest - c.winter).toBeGreaterThan(0.7);
    expect(c.rest - c.winter).toBeLessThan(1.6);
    expect(m.context.winterResponsivenessElsewhere - c.winter).toBeGreaterThan(0.7);
  });

  it("makes North's responsiveness worse still inside the flood window", () => {
    const c = m.context.northResponsiveness;
    expect(c.floodRows).toBeGreaterThanOrEqual(10);
    expect(c.notFlood - c.flood).toBeGreaterThan(0.8);
    expect(c.flood).toBeLessThan(c.winter);
  });

  it("lowers item 2 in the warm season (May–September)", () => {
    const { warm, cold } = m.context.item2Gap;
    expect(cold - warm).toBeGreaterThan(0.5);
    expect(cold - warm).toBeLessThan(1.0);
  });

  it("raises the expectations of item 3 from 2024 to 2025", () => {
    const { "2024": y2024 = 0, "2025": y2025 = 0 } = m.context.item3Expectation;
    expect(y2025 - y2024).toBeGreaterThan(0.3);
    expect(y2025 - y2024).toBeLessThan(0.9);
  });

  it("has realistic internal consistency per dimension (alpha .75–.92 for E and P)", () => {
    for (const d of DIMENSION_NAMES) {
      for (const a of [m.alpha[d].E, m.alpha[d].P]) {
        expect(a).toBeGreaterThan(0.75);
        expect(a).toBeLessThan(0.92);
      }
    }
  });
});
