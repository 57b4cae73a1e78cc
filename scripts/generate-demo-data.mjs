#!/usr/bin/env node
/**
 * Generates data/demo-bank.csv: a fictional SERVQUAL-22 survey (1991 wording, 7-point scale)
 * of "Harbourline Bank", with planted effects and a documented set of dirty rows.
 * Everything is described in data/DEMO.md; keep the two in step.
 *
 * Usage:
 *   node scripts/generate-demo-data.mjs            write data/demo-bank.csv
 *   node scripts/generate-demo-data.mjs --stdout   write the CSV to standard output instead
 *   node scripts/generate-demo-data.mjs --seed 7   another seed (the committed file uses the default)
 *   node scripts/generate-demo-data.mjs --calendar --stdout   the event calendar instead
 *
 * It also writes data/demo-events-calendar.csv (fixed rows, no randomness).
 *
 * Only Node built-ins. The output is byte-identical on every run and platform: the PRNG is
 * mulberry32 (32-bit integer arithmetic) and normal deviates are Irwin–Hall sums of 12
 * uniforms (additions only, no transcendental functions whose last bit could differ).
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { mulberry32, normal } from "./seededRandom.mjs";

/** Seed of the committed file. */
export const DEFAULT_SEED = 20240101;

/** Number of distinct respondents (the file has one extra row: a duplicated respondent_id). */
export const RESPONDENTS = 600;

/** SERVQUAL-22 (1991) dimensions with their item numbers and importance-point means. */
const DIMENSIONS = [
  { key: "tangibles", items: [1, 2, 3, 4], weight: 10 },
  { key: "reliability", items: [5, 6, 7, 8, 9], weight: 30 },
  { key: "responsiveness", items: [10, 11, 12, 13], weight: 21 },
  { key: "assurance", items: [14, 15, 16, 17], weight: 20 },
  { key: "empathy", items: [18, 19, 20, 21, 22], weight: 19 },
];

/**
 * Latent (pre-rounding) means. Expectations sit high so that rounding and the cap at 7 give a
 * ceiling; perceptions are set so the realised dimension gaps land near the documented values.
 */
const EXPECTATION_MEAN = {
  tangibles: 5.6,
  reliability: 6.25,
  responsiveness: 6.0,
  assurance: 6.1,
  empathy: 5.8,
};
const PERCEPTION_MEAN = {
  tangibles: 5.56,
  reliability: 5.21,
  responsiveness: 4.95,
  assurance: 5.52,
  empathy: 5.26,
};

/** Planted effects (latent shifts, in scale points). */
const EFFECTS = {
  /** Item 8 "delivers when promised": extra perception shortfall. */
  item8Perception: -0.75,
  /** Empathy perceptions in the Coast region. */
  coastEmpathyPerception: -0.7,
  /** Responsiveness perceptions from 2025-01-01 on (new call-back and queueing system). */
  responsiveness2025Perception: 0.4,
  /** All expectations of app users. */
  appExpectation: 0.35,
  /** Responsiveness perceptions in North in winter (December, January, February). */
  northWinterResponsiveness: -0.8,
  /** Responsiveness perceptions in North during the flood window (on top of the winter dip). */
  northFloodResponsiveness: -1.4,
  /** Item 2 "physical facilities visually appealing": perceptions in the warm season (May–September). */
  warmSeasonItem2Perception: -0.8,
  /** Item 3: expectations rise linearly by this much from 2024-01-01 to 2025-12-31 (centred). */
  item3ExpectationRise: 1.2,
};

/**
 * The flood in North (first and last day, inclusive): the window of data/demo-events-calendar.csv
 * inside which North's responsiveness perceptions drop further.
 */
export const NORTH_FLOOD = { start: "2025-01-06", end: "2025-03-09" };

/** The calendar of data/demo-events-calendar.csv; row 5 is dirty (it ends before it starts). */
export const EVENT_CALENDAR = [
  ["id", "type", "region", "start", "end", "label"],
  ["storm-2024-10", "storm", "all", "2024-10-14", "2024-10-27", "Autumn storm"],
  ["holiday-2024-12", "holiday", "all", "2024-12-23", "2025-01-01", "Christmas and New Year"],
  [
    "flood-north-2025",
    "flood",
    "North",
    NORTH_FLOOD.start,
    NORTH_FLOOD.end,
    "River flood in North",
  ],
  [
    "snow-coast-2025",
    "heavy snow",
    "Coast",
    "2025-02-10",
    "2025-02-03",
    "Heavy snow (dates entered backwards)",
  ],
  ["outage-capital-2025", "outage", "Capital", "2025-06-02", "2025-06-15", "Branch systems outage"],
];

/** The calendar CSV text (LF line ends, final newline). */
export function generateEventCalendarCsv() {
  return `${EVENT_CALENDAR.map((row) => row.map(csvCell).join(",")).join("\n")}\n`;
}

/** Standard deviations of the latent model. */
const SD = {
  expectationRespondent: 0.45,
  expectationDimension: 0.45,
  expectationItem: 0.55,
  perceptionRespondent: 0.55,
  perceptionDimension: 0.65,
  perceptionItem: 0.7,
  /** Share of the expectation style carried into perceptions (gives a positive r_PE). */
  styleCarryOver: 0.6,
  weight: 0.35,
};

const REGIONS = [
  { value: "North", p: 0.35 },
  { value: "Coast", p: 0.3 },
  { value: "Capital", p: 0.35 },
];
const CHANNELS = [
  { value: "branch", p: 0.4 },
  { value: "app", p: 0.4 },
  { value: "phone", p: 0.2 },
];

const FIRST_DAY_MS = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;
/** 2024 (leap year) + 2025. */
const DAYS = 731;

const ITEM_COUNT = 22;

/** Column order of the CSV. */
export const COLUMNS = [
  "respondent_id",
  "date",
  "region",
  "channel",
  ...Array.from({ length: ITEM_COUNT }, (_, i) => `E_${i + 1}`),
  ...Array.from({ length: ITEM_COUNT }, (_, i) => `P_${i + 1}`),
  ...DIMENSIONS.map((d) => `W_${d.key}`),
];

function pick(rand, options) {
  const u = rand();
  let acc = 0;
  for (const o of options) {
    acc += o.p;
    if (u < acc) return o.value;
  }
  return options[options.length - 1].value;
}

function likert(latent) {
  return Math.min(7, Math.max(1, Math.round(latent)));
}

/**
 * Splits `total` units in proportion to `raw` with the largest-remainder method, so the parts
 * are integers summing exactly to `total` (ties go to the earlier dimension).
 */
function largestRemainder(raw, total) {
  const sum = raw.reduce((a, b) => a + b, 0);
  const exact = raw.map((r) => (r / sum) * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rem: x - Math.floor(x) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

/** Importance points: noisy around the dimension means; 60 % of people answer in fives. */
function importancePoints(rand) {
  const raw = DIMENSIONS.map((d) => Math.max(1, d.weight * (1 + normal(rand, SD.weight))));
  if (rand() < 0.6) return largestRemainder(raw, 20).map((p) => p * 5);
  return largestRemainder(raw, 100);
}

function isoDate(dayOffset) {
  return new Date(FIRST_DAY_MS + dayOffset * DAY_MS).toISOString().slice(0, 10);
}

/** One respondent: metadata plus 22 E, 22 P and 5 W values (numbers). */
function respondent(rand) {
  const day = Math.floor(rand() * DAYS);
  const region = pick(rand, REGIONS);
  const channel = pick(rand, CHANNELS);
  const year2025 = day >= 366;
  const month = new Date(FIRST_DAY_MS + day * DAY_MS).getUTCMonth() + 1;
  const date = isoDate(day);
  const winter = month === 12 || month <= 2;
  const warm = month >= 5 && month <= 9;
  const flood = date >= NORTH_FLOOD.start && date <= NORTH_FLOOD.end;
  // Centred on the middle of the two years, so the mean expectation of item 3 stays put.
  const rise = EFFECTS.item3ExpectationRise * (day / (DAYS - 1) - 0.5);
  const eStyle = normal(rand, SD.expectationRespondent);
  const pStyle = SD.styleCarryOver * eStyle + normal(rand, SD.perceptionRespondent);
  const e = [];
  const p = [];
  for (const d of DIMENSIONS) {
    const eFactor = normal(rand, SD.expectationDimension);
    const pFactor = normal(rand, SD.perceptionDimension);
    let eShift = EXPECTATION_MEAN[d.key] + eStyle + eFactor;
    if (channel === "app") eShift += EFFECTS.appExpectation;
    let pShift = PERCEPTION_MEAN[d.key] + pStyle + pFactor;
    if (d.key === "empathy" && region === "Coast") pShift += EFFECTS.coastEmpathyPerception;
    if (d.key === "responsiveness" && year2025) pShift += EFFECTS.responsiveness2025Perception;
    if (d.key === "responsiveness" && region === "North") {
      if (winter) pShift += EFFECTS.northWinterResponsiveness;
      if (flood) pShift += EFFECTS.northFloodResponsiveness;
    }
    for (const item of d.items) {
      const item3 = item === 3 ? rise : 0;
      e[item - 1] = likert(eShift + item3 + normal(rand, SD.expectationItem));
      const item8 = item === 8 ? EFFECTS.item8Perception : 0;
      const item2 = item === 2 && warm ? EFFECTS.warmSeasonItem2Perception : 0;
      p[item - 1] = likert(pShift + item8 + item2 + normal(rand, SD.perceptionItem));
    }
  }
  return { day, region, channel, e, p, w: importancePoints(rand) };
}

function toCells(id, r) {
  return [id, isoDate(r.day), r.region, r.channel, ...r.e, ...r.p, ...r.w].map(String);
}

const cellIndex = (column) => COLUMNS.indexOf(column);
const itemColumns = (prefix, items) => items.map((i) => `${prefix}_${i}`);

/**
 * The dirty rows, applied after the clean data are generated. Keep this list and the table in
 * data/DEMO.md identical. Each `apply` edits the string cells of the row in place.
 */
export const DIRTY_ROWS = [
  { id: "R0023", reason: "E_7 is 8 (out of range 1..7)", apply: (c) => set(c, "E_7", "8") },
  { id: "R0071", reason: "P_15 is 0 (out of range 1..7)", apply: (c) => set(c, "P_15", "0") },
  { id: "R0118", reason: "E_20 is 9 (out of range 1..7)", apply: (c) => set(c, "E_20", "9") },
  {
    id: "R0146",
    reason:
      'region is the spreadsheet formula =HYPERLINK("http://example.com","x"); otherwise valid',
    apply: (c) => set(c, "region", '=HYPERLINK("http://example.com","x")'),
  },
  { id: "R0164", reason: 'P_11 is "n/a" (not a number)', apply: (c) => set(c, "P_11", "n/a") },
  { id: "R0209", reason: 'E_2 is "six" (not a number)', apply: (c) => set(c, "E_2", "six") },
  { id: "R0252", reason: "P_6 is 4.5 (not an integer)", apply: (c) => set(c, "P_6", "4.5") },
  { id: "R0297", reason: "P_12 is empty (one missing answer)", apply: (c) => set(c, "P_12", "") },
  {
    id: "R0340",
    reason: "E_3 and P_19 are empty (two missing answers)",
    apply: (c) => {
      set(c, "E_3", "");
      set(c, "P_19", "");
    },
  },
  {
    id: "R0386",
    reason: "reliability missing: E_5..E_9 and P_5..P_9 are empty",
    apply: (c) => {
      const items = [5, 6, 7, 8, 9];
      for (const col of [...itemColumns("E", items), ...itemColumns("P", items)]) set(c, col, "");
    },
  },
  {
    id: "R0431",
    reason: "importance points sum to 95 (5 taken off the largest)",
    apply: (c) => adjustLargestWeight(c, -5),
  },
  {
    id: "R0475",
    reason: "importance points sum to 110 (10 added to the largest)",
    apply: (c) => adjustLargestWeight(c, 10),
  },
  {
    id: "R0512",
    reason: "every answer empty (all E, P and W cells); id, date, region, channel present",
    apply: (c) => {
      for (let i = cellIndex("E_1"); i < COLUMNS.length; i++) c[i] = "";
    },
  },
  {
    id: "R0558",
    reason: "channel is <script>alert(1)</script>; otherwise valid",
    apply: (c) => set(c, "channel", "<script>alert(1)</script>"),
  },
];

/**
 * The duplicate: a second, different row that reuses the id of an earlier respondent (a
 * resubmission). It is inserted directly after `after`, with that row's date.
 */
export const DUPLICATE_ROW = {
  id: "R0205",
  after: "R0489",
  reason: "second row with respondent_id R0205 (a later resubmission with different answers)",
};

function set(cells, column, value) {
  cells[cellIndex(column)] = value;
}

function adjustLargestWeight(cells, delta) {
  const first = cellIndex(`W_${DIMENSIONS[0].key}`);
  let largest = first;
  for (let i = first; i < COLUMNS.length; i++) {
    if (Number(cells[i]) > Number(cells[largest])) largest = i;
  }
  cells[largest] = String(Number(cells[largest]) + delta);
}

/** RFC 4180 quoting: quote a cell that holds a comma, quote, CR or LF; double inner quotes. */
function csvCell(value) {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Builds the CSV text (LF line ends, final newline).
 * @param {number} [seed] PRNG seed; the committed file uses DEFAULT_SEED.
 * @returns {string}
 */
export function generateDemoCsv(seed = DEFAULT_SEED) {
  const rand = mulberry32(seed);
  const people = Array.from({ length: RESPONDENTS }, () => respondent(rand));
  // The duplicate's answers are drawn after everyone else's, so it never shifts their draws.
  const resubmission = respondent(rand);
  // Respondent ids follow the date of the interview; equal dates keep generation order.
  const order = people.map((r, i) => ({ r, i })).sort((a, b) => a.r.day - b.r.day || a.i - b.i);
  const rows = order.map(({ r }, k) => toCells(`R${String(k + 1).padStart(4, "0")}`, r));
  const byId = new Map(rows.map((cells) => [cells[0], cells]));
  for (const dirty of DIRTY_ROWS) dirty.apply(byId.get(dirty.id));

  const original = order[Number(DUPLICATE_ROW.id.slice(1)) - 1].r;
  const anchor = order[Number(DUPLICATE_ROW.after.slice(1)) - 1].r;
  const duplicate = toCells(DUPLICATE_ROW.id, {
    ...resubmission,
    day: anchor.day,
    region: original.region,
    channel: original.channel,
  });
  rows.splice(Number(DUPLICATE_ROW.after.slice(1)), 0, duplicate);

  const lines = [COLUMNS, ...rows].map((cells) => cells.map(csvCell).join(","));
  return `${lines.join("\n")}\n`;
}

function main(argv) {
  const seedAt = argv.indexOf("--seed");
  const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new Error("--seed needs an integer");
  const csv = argv.includes("--calendar") ? generateEventCalendarCsv() : generateDemoCsv(seed);
  if (argv.includes("--stdout")) {
    // A reader that stops early (`| head`) closes the pipe; that is not an error here.
    process.stdout.on("error", (error) => {
      if (error.code !== "EPIPE") throw error;
    });
    process.stdout.write(csv);
    return;
  }
  const target = fileURLToPath(new URL("../data/demo-bank.csv", import.meta.url));
  writeFileSync(target, csv);
  const calendar = fileURLToPath(new URL("../data/demo-events-calendar.csv", import.meta.url));
  writeFileSync(calendar, generateEventCalendarCsv());
  process.stderr.write(`wrote ${target} (${csv.split("\n").length - 2} data rows, seed ${seed})\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
