#!/usr/bin/env node
/**
 * Generates the operational demo files of the fictional Harbourline Bank, the inputs of gaps
 * 1–4 beside the customer survey data/demo-bank.csv (Gap 5):
 *
 *   data/demo-management.csv   managers' estimates of customers' expectations (Gap 1)
 *   data/demo-standards.csv    service standards, one row per SERVQUAL item (Gap 2)
 *   data/demo-tickets.csv      a year (2024) of delivery records in three regions (Gap 3)
 *   data/demo-promises.csv     promises of external communications (Gap 4)
 *   data/demo-factors.csv      an employee survey of the contributing factors (ZBP 1988)
 *
 * Everything is described in data/DEMO.md ("Operational demo files"); keep the two in step.
 *
 * Usage:
 *   node scripts/generate-operations-demo.mjs           write the five files
 *   node scripts/generate-operations-demo.mjs --check   exit 1 when a committed file differs
 *
 * Only Node built-ins. The output is byte-identical on every run and platform: the PRNG is
 * mulberry32 (32-bit integer arithmetic), normal deviates are Irwin–Hall sums of 12 uniforms
 * and skewed delays are squares of shifted normals (no transcendental functions).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { mulberry32, normal } from "./seededRandom.mjs";

/** Seed of the committed files. */
export const DEFAULT_SEED = 20241201;

/** The instant the delivery records are checked against (no timestamp may be later). */
export const AS_OF = "2025-01-31T00:00:00Z";

/** Time zone of every clean delivery record (business hours Mon–Fri 09:00–17:00 local). */
const TIME_ZONE = "Europe/London";

const DIMENSIONS = [
  { key: "tangibles", items: [1, 2, 3, 4] },
  { key: "reliability", items: [5, 6, 7, 8, 9] },
  { key: "responsiveness", items: [10, 11, 12, 13] },
  { key: "assurance", items: [14, 15, 16, 17] },
  { key: "empathy", items: [18, 19, 20, 21, 22] },
];

/**
 * Managers' latent estimates of customers' expectations per dimension. Customers' realised
 * means in demo-bank.csv are 5.77 / 6.31 / 6.12 / 6.19 / 5.92: managers are close everywhere
 * except reliability, which they underestimate by about 1.1 points (the planted Gap 1).
 */
export const MANAGER_MEAN = {
  tangibles: 5.8,
  reliability: 5.15,
  responsiveness: 6.1,
  assurance: 6.2,
  empathy: 5.9,
};

/** Planted effects of the delivery records (see data/DEMO.md). */
export const EFFECTS = {
  /** Median first response in business hours, everywhere but the winter backlog. */
  firstResponseMedian: 1.5,
  /** Median first response in the North region in December, January and February. */
  winterNorthMedian: 6,
  winterRegion: "North",
  winterMonths: [1, 2, 12],
  /** Median card replacement in days. */
  cardMedianDays: 2.5,
  /** Mean appointment lateness in minutes (SD 5). */
  appointmentLateness: 2,
};

/** Contributing factors planted clearly weak in the employee survey (mean answer ≈ 3 of 7). */
export const WEAK_FACTORS = ["upwardCommunication", "technologyJobFit"];

/** The factors of contributingFactors1988 in bank order: id, item code, reverse-keyed. */
const FACTORS = [
  ["marketingResearch", "mro", false],
  ["upwardCommunication", "upc", false],
  ["levelsOfManagement", "lvl", true],
  ["managementCommitment", "mcm", false],
  ["goalSetting", "gls", false],
  ["taskStandardisation", "tsd", false],
  ["perceivedFeasibility", "pfe", false],
  ["teamwork", "tmw", false],
  ["employeeJobFit", "ejf", false],
  ["technologyJobFit", "tjf", false],
  ["perceivedControl", "pct", false],
  ["supervisoryControl", "scs", false],
  ["roleConflict", "rcf", true],
  ["roleAmbiguity", "ram", true],
  ["horizontalCommunication", "hzc", false],
  ["overpromising", "opp", true],
];

const REGIONS = [
  { value: "North", p: 0.35 },
  { value: "Coast", p: 0.3 },
  { value: "Capital", p: 0.35 },
];
const CHANNELS = [
  { value: "app", p: 0.5 },
  { value: "phone", p: 0.3 },
  { value: "branch", p: 0.2 },
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

const likert = (latent) => Math.min(7, Math.max(1, Math.round(latent)));

/** A right-skewed positive delay with the given median: median·(1 + spread·z)². */
function skewed(rand, median, spread) {
  const f = 1 + spread * normal(rand);
  return median * f * f;
}

/** RFC 4180 quoting: quote a cell that holds a comma, quote, CR or LF; double inner quotes. */
function csvCell(value) {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function toCsv(columns, rows) {
  const lines = [columns, ...rows].map((cells) => cells.map(csvCell).join(","));
  return `${lines.join("\n")}\n`;
}

const pad = (n, width = 2) => String(n).padStart(width, "0");

// ---------------------------------------------------------------- management survey (Gap 1)

const ITEM_COLUMNS = Array.from({ length: 22 }, (_, i) => `E_${i + 1}`);

/** The dirty rows of demo-management.csv (after the 12 clean managers' rows). */
export const MANAGEMENT_DIRTY = [
  { id: "M05", reason: "E_14 is 9: out of range 1..7 (the answer is missing, the row is used)" },
  { id: "M07", reason: "a second row with id M07 (excluded: duplicate-id)" },
  { id: "M13", reason: "every estimate is blank (excluded: no answers)" },
];

function managementCsv(rand) {
  const rows = [];
  for (let m = 1; m <= 12; m++) {
    const style = normal(rand, 0.3);
    const answers = [];
    for (const d of DIMENSIONS) {
      const factor = normal(rand, 0.3);
      for (const item of d.items) {
        answers[item - 1] = likert(MANAGER_MEAN[d.key] + style + factor + normal(rand, 0.5));
      }
    }
    rows.push([`M${pad(m)}`, ...answers]);
  }
  rows[4][14] = 9; // M05, E_14
  const again = rows[6].slice();
  again[1] = likert(5 + normal(rand, 0.5));
  rows.push(again); // M07 twice
  rows.push(["M13", ...ITEM_COLUMNS.map(() => "")]);
  return toCsv(["respondent_id", ...ITEM_COLUMNS], rows);
}

// ------------------------------------------------------------------ service standards (Gap 2)

/**
 * One row per SERVQUAL-22 item: tangibles, reliability, responsiveness and assurance have a
 * formal standard for every item; empathy (18–22) has none (the planted Gap 2). Three items
 * carry a measurable operational target that the delivery records are checked against.
 */
const STANDARDS = [
  ["modern-equipment", "Modern equipment", "tangibles", 1, "yes", 6],
  ["branch-appearance", "Branches look appealing", "tangibles", 2, "yes", 6],
  ["staff-appearance", "Staff look neat", "tangibles", 3, "yes", 6],
  ["materials", "Leaflets and statements look appealing", "tangibles", 4, "yes", 5],
  [
    "card-replacement",
    "Replacement card sent",
    "reliability",
    5,
    "yes",
    null,
    ["resolution", 5, "days", "lower-is-better", 0.9, 7],
  ],
  ["problem-handling", "Sincere interest in solving problems", "reliability", 6, "yes", 6],
  ["right-first-time", "Service right the first time", "reliability", 7, "yes", 6],
  [
    "appointment",
    "Advisor appointment starts on time",
    "reliability",
    8,
    "yes",
    null,
    ["lateness", 10, "minutes", "lower-is-better", 0.85, 20],
  ],
  ["accurate-records", "Error-free records", "reliability", 9, "yes", 7],
  ["tells-when", "Tells customers when service will be performed", "responsiveness", 10, "yes", 6],
  [
    "first-response",
    "First response to a customer request",
    "responsiveness",
    11,
    "yes",
    null,
    ["first-response", 4, "business-hours", "lower-is-better", 0.9, 8],
  ],
  ["willing-to-help", "Always willing to help", "responsiveness", 12, "yes", 6],
  ["never-too-busy", "Never too busy to respond", "responsiveness", 13, "yes", 6],
  ["instils-confidence", "Staff instil confidence", "assurance", 14, "yes", 6],
  ["safe-transactions", "Customers feel safe", "assurance", 15, "yes", 7],
  ["courteous", "Staff are courteous", "assurance", 16, "yes", 6],
  ["knowledgeable", "Staff can answer questions", "assurance", 17, "yes", 6],
  ["individual-attention", "Individual attention", "empathy", 18, "no", null],
  ["convenient-hours", "Convenient opening hours", "empathy", 19, "no", null],
  ["personal-attention", "Personal attention", "empathy", 20, "no", null],
  ["best-interests", "Customers' best interests at heart", "empathy", 21, "no", null],
  ["specific-needs", "Understands specific needs", "empathy", 22, "no", null],
];

/** The dirty rows of demo-standards.csv: extra attributes that no survey item links to. */
export const STANDARDS_DIRTY = [
  { id: "callback", reason: "metric first-response without a unit (excluded: missing-unit)" },
  {
    id: "statement-errors",
    reason: "metric resolution without a direction (excluded: missing-direction)",
  },
];

function standardsCsv() {
  const rows = STANDARDS.map(([attribute, label, dimension, item, formal, scale, metric]) => {
    const [name, target, unit, direction, share, believed] = metric ?? [];
    return [
      attribute,
      attribute,
      label,
      dimension,
      String(item),
      formal,
      scale ?? "",
      name ?? "",
      target ?? "",
      unit ?? "",
      direction ?? "",
      share ?? "",
      believed ?? (formal === "yes" ? (scale ?? "") : ""),
      formal === "yes" ? (dimension === "tangibles" ? "Branch network" : "Customer service") : "",
      formal === "yes" ? "2023-10-02" : "",
    ];
  });
  rows.push(
    [
      "callback",
      "callback",
      "Call-back when promised",
      "responsiveness",
      "",
      "yes",
      "",
      "first-response",
      "2",
      "",
      "lower-is-better",
      "0.9",
      "",
      "Customer service",
      "2024-06-03",
    ],
    [
      "statement-errors",
      "statement-errors",
      "Statement error corrected",
      "reliability",
      "",
      "yes",
      "",
      "resolution",
      "3",
      "days",
      "",
      "0.9",
      "",
      "Operations",
      "2024-06-03",
    ],
  );
  return toCsv(
    [
      "id",
      "attribute",
      "label",
      "dimension",
      "item",
      "formal",
      "scale_target",
      "metric",
      "target",
      "unit",
      "direction",
      "target_share",
      "believed_expectation",
      "owner",
      "date_set",
    ],
    rows,
  );
}

// --------------------------------------------------------------- delivery records (Gap 3, 4)

const DAY_MS = 86_400_000;
const YEAR_START = Date.UTC(2024, 0, 1);
const OPEN = 9 * 60;
const CLOSE = 17 * 60;

/** A local wall time as day number (from 2024-01-01) and minute of the day. */
function stamp(day, minute) {
  const date = new Date(YEAR_START + day * DAY_MS).toISOString().slice(0, 10);
  return `${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}
const weekday = (day) => (new Date(YEAR_START + day * DAY_MS).getUTCDay() + 6) % 7; // 0 = Monday
const monthOf = (day) => new Date(YEAR_START + day * DAY_MS).getUTCMonth() + 1;

/** Adds `minutes` of business time (Mon–Fri 09:00–17:00 local) to a local wall time. */
function addBusinessMinutes(day, minute, minutes) {
  let d = day;
  let t = minute;
  if (weekday(d) >= 5 || t >= CLOSE) {
    do d += 1;
    while (weekday(d) >= 5);
    t = OPEN;
  } else if (t < OPEN) t = OPEN;
  let left = minutes;
  while (left > CLOSE - t) {
    left -= CLOSE - t;
    do d += 1;
    while (weekday(d) >= 5);
    t = OPEN;
  }
  return [d, t + left];
}

/** Adds calendar minutes to a local wall time (no time-zone change inside the demo's hours). */
function addMinutes(day, minute, minutes) {
  const total = day * 1440 + minute + minutes;
  return [Math.floor(total / 1440), total % 1440];
}

const RECORD_COLUMNS = [
  "id",
  "attribute",
  "created",
  "first_response",
  "resolved",
  "promised_by",
  "delivered",
  "region",
  "channel",
  "time_zone",
];

/** Record counts by attribute (before the dirty edits). */
export const RECORD_COUNTS = { "first-response": 1800, "card-replacement": 500, appointment: 500 };

/**
 * The dirty records of demo-tickets.csv, by position in the clean list (1-based ids); each
 * replaces that record's cells as described, and one extra row repeats an id.
 */
export const RECORDS_DIRTY = [
  { id: "T00107", reason: "created is 2024-02-30T10:00 (no such date: unparseable-timestamp)" },
  { id: "T00388", reason: "first_response an hour before created (before-creation)" },
  { id: "T00615", reason: "attribute atm-uptime has no standard (unknown-attribute)" },
  {
    id: "T01042",
    reason: "created 2025-03-14, after the as-of date 2025-01-31 (future-timestamp)",
  },
  { id: "T01500", reason: "time_zone Europe/Londn (unknown-time-zone)" },
  { id: "T00800", reason: "a second row with id T00800 (duplicate-id)" },
];

function recordsCsv(rand) {
  const records = [];
  const plan = [
    ...Array(RECORD_COUNTS["first-response"]).fill("first-response"),
    ...Array(RECORD_COUNTS["card-replacement"]).fill("card-replacement"),
    ...Array(RECORD_COUNTS.appointment).fill("appointment"),
  ];
  for (const attribute of plan) {
    const day = Math.floor(rand() * 366);
    const region = pick(rand, REGIONS);
    const channel = pick(rand, CHANNELS);
    const minute = 7 * 60 + Math.floor(rand() * 15 * 60); // 07:00–21:59
    const r = { day, minute, attribute, region, channel, cells: {} };
    r.cells.created = stamp(day, minute);
    if (attribute === "first-response") {
      const winter = region === EFFECTS.winterRegion && EFFECTS.winterMonths.includes(monthOf(day));
      const median = winter ? EFFECTS.winterNorthMedian : EFFECTS.firstResponseMedian;
      const delay = Math.max(5, Math.round(60 * skewed(rand, median, 0.45)));
      const [fd, fm] = addBusinessMinutes(day, minute, delay);
      const [rd, rm] = addBusinessMinutes(fd, fm, 30 + Math.round(60 * skewed(rand, 3, 0.4)));
      r.cells.first_response = stamp(fd, fm);
      r.cells.resolved = stamp(rd, rm);
    } else if (attribute === "card-replacement") {
      const days = Math.max(0.5, skewed(rand, EFFECTS.cardMedianDays, 0.25));
      const [fd, fm] = addBusinessMinutes(day, minute, 20 + Math.floor(rand() * 60));
      const [rd, rm] = addMinutes(day, minute, Math.round(days * 1440));
      const resolved = rd * 1440 + rm > fd * 1440 + fm ? [rd, rm] : [fd, fm];
      r.cells.first_response = stamp(fd, fm);
      r.cells.resolved = stamp(resolved[0], resolved[1]);
    } else {
      // booked 1–14 days ahead for a slot on a working day at 09:00–16:30
      let slot = day + 1 + Math.floor(rand() * 14);
      while (weekday(slot) >= 5) slot += 1;
      const slotMinute = OPEN + 30 * Math.floor(rand() * 16);
      const late = Math.round(EFFECTS.appointmentLateness + normal(rand, 5));
      const [dd, dm] = addMinutes(slot, slotMinute, late);
      r.cells.promised_by = stamp(slot, slotMinute);
      r.cells.delivered = stamp(dd, dm);
    }
    records.push(r);
  }
  records.sort((a, b) => a.day - b.day || a.minute - b.minute);
  const rows = records.map((r, i) => [
    `T${pad(i + 1, 5)}`,
    r.attribute,
    r.cells.created,
    r.cells.first_response ?? "",
    r.cells.resolved ?? "",
    r.cells.promised_by ?? "",
    r.cells.delivered ?? "",
    r.region,
    r.channel,
    TIME_ZONE,
  ]);
  const row = (id) => rows[Number(id.slice(1)) - 1];
  const col = (name) => RECORD_COLUMNS.indexOf(name);
  row("T00107")[col("created")] = "2024-02-30T10:00";
  {
    const r = row("T00388");
    r[col("attribute")] = "first-response";
    r[col("first_response")] =
      `${r[col("created")].slice(0, 11)}${pad(Number(r[col("created")].slice(11, 13)) - 1)}${r[col("created")].slice(13)}`;
    r[col("resolved")] = "";
    r[col("promised_by")] = "";
    r[col("delivered")] = "";
  }
  row("T00615")[col("attribute")] = "atm-uptime";
  {
    const r = row("T01042");
    r[col("attribute")] = "first-response";
    r[col("created")] = "2025-03-14T10:12";
    r[col("first_response")] = "2025-03-14T11:02";
    r[col("resolved")] = "2025-03-14T15:40";
    r[col("promised_by")] = "";
    r[col("delivered")] = "";
  }
  row("T01500")[col("time_zone")] = "Europe/Londn";
  rows.splice(900, 0, [...row("T00800")]);
  return toCsv(RECORD_COLUMNS, rows);
}

// ----------------------------------------------------------------------- promises (Gap 4)

/** The dirty row of demo-promises.csv. */
export const PROMISES_DIRTY = [
  { id: "summer-offer", reason: "no period in force: from and to are blank (missing-period)" },
];

function promisesCsv() {
  return toCsv(
    [
      "id",
      "attribute",
      "label",
      "metric",
      "promised_level",
      "unit",
      "direction",
      "channel",
      "from",
      "to",
      "exposures",
    ],
    [
      [
        "reply-within-hour",
        "first-response",
        "We reply within one business hour",
        "first-response",
        1,
        "business-hours",
        "lower-is-better",
        "TV and web campaign",
        "2024-01-01",
        "2024-12-31",
        180000,
      ],
      [
        "card-within-week",
        "card-replacement",
        "Your new card within 7 days",
        "resolution",
        7,
        "days",
        "lower-is-better",
        "branch leaflet",
        "2024-01-01",
        "2024-12-31",
        40000,
      ],
      [
        "on-time-appointments",
        "appointment",
        "Appointments start within 15 minutes",
        "lateness",
        15,
        "minutes",
        "lower-is-better",
        "app",
        "2024-04-01",
        "2024-12-31",
        25000,
      ],
      [
        "summer-offer",
        "first-response",
        "Summer: replies the same day",
        "first-response",
        8,
        "business-hours",
        "lower-is-better",
        "radio",
        "",
        "",
        5000,
      ],
    ],
  );
}

// ------------------------------------------------------------- contributing factors survey

/** The dirty rows of demo-factors.csv. */
export const FACTORS_DIRTY = [
  { id: "S017", reason: "rcf2 is 8: out of range 1..7 (the answer is missing, the row is used)" },
  { id: "S029", reason: "a second row with id S029 (excluded: duplicate-id)" },
];

function factorsCsv(rand) {
  const columns = ["respondent_id", "role"];
  for (const [, code] of FACTORS) for (let i = 1; i <= 3; i++) columns.push(`${code}${i}`);
  const rows = [];
  for (let s = 1; s <= 40; s++) {
    const person = normal(rand, 0.4);
    const cells = [`S${pad(s, 3)}`, s <= 8 ? "manager" : "front-line"];
    for (const [factor, , reverse] of FACTORS) {
      // "How well placed": 5.1 on average (index ≈ 68), the weak factors 3.0 (index ≈ 33)
      const level = WEAK_FACTORS.includes(factor) ? 3 : 5.1;
      const shared = normal(rand, 0.5);
      for (let i = 0; i < 3; i++) {
        const placed = likert(level + person + shared + normal(rand, 0.6));
        cells.push(reverse ? 8 - placed : placed);
      }
    }
    rows.push(cells);
  }
  rows[16][columns.indexOf("rcf2")] = 8;
  const again = rows[28].slice();
  again[columns.indexOf("tmw1")] = likert(4 + normal(rand, 0.5));
  rows.push(again);
  return toCsv(columns, rows);
}

// ------------------------------------------------------------------------------------ files

/** The files, by name under data/, with their text. */
export function generateOperationsDemo(seed = DEFAULT_SEED) {
  const rand = mulberry32(seed);
  return {
    "demo-management.csv": managementCsv(rand),
    "demo-standards.csv": standardsCsv(),
    "demo-tickets.csv": recordsCsv(rand),
    "demo-promises.csv": promisesCsv(),
    "demo-factors.csv": factorsCsv(rand),
  };
}

function main(argv) {
  const files = generateOperationsDemo();
  let differs = false;
  for (const [name, text] of Object.entries(files)) {
    const target = fileURLToPath(new URL(`../data/${name}`, import.meta.url));
    if (argv.includes("--check")) {
      let old = "";
      try {
        old = readFileSync(target, "utf8");
      } catch {}
      if (old !== text) {
        differs = true;
        process.stderr.write(`${target} differs from the generator's output\n`);
      }
      continue;
    }
    writeFileSync(target, text);
    process.stderr.write(`wrote ${target} (${text.split("\n").length - 2} data rows)\n`);
  }
  if (differs) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
