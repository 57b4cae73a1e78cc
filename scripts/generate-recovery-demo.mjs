#!/usr/bin/env node
/**
 * Generates data/demo-complaints.csv and data/demo-comments.csv: fictional complaint records
 * (with escalation) and free-text comments of Harbourline Bank's customers R0001..R0600, with
 * planted effects and documented dirty rows. Everything is described in data/DEMO.md
 * ("Complaints and comments"); keep the two in step.
 *
 * Usage:
 *   node scripts/generate-recovery-demo.mjs            write both files
 *   node scripts/generate-recovery-demo.mjs --stdout   print both files instead
 *
 * Only Node built-ins. The output is byte-identical on every run and platform: mulberry32
 * (32-bit integer arithmetic) and Irwin–Hall normals (additions only), as generate-demo-data.mjs.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { mulberry32, normal } from "./seededRandom.mjs";

/** Seeds of the committed files. */
export const COMPLAINT_SEED = 20240215;
export const COMMENT_SEED = 20240216;

/** Complaints and comments generated (before the dirty rows are added). */
export const COMPLAINTS = 320;
export const COMMENTS = 900;

/** Planted effects. */
export const EFFECTS = {
  /** Latent satisfaction after recovery (1–5): 4.3 − 0.75 per escalation level + N(0, 0.8²). */
  satisfactionBase: 4.3,
  satisfactionPerLevel: -0.75,
  /** Base hours to resolution per channel (× U(0.5, 1.5)), + 24 × U(0.5, 1.5) per level. */
  baseHours: { phone: 10, sms: 20, web: 30, letter: 110, "in person": 16 },
  /** Share of comments about waiting / call-backs: North in winter (Dec–Feb) vs everywhere else. */
  waitingShareNorthWinter: 0.6,
  waitingShareElsewhere: 0.15,
};

function pick(rand, options) {
  const u = rand();
  let acc = 0;
  for (const [value, p] of options) {
    acc += p;
    if (u < acc) return value;
  }
  return options[options.length - 1][0];
}

const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 1);
const DAYS = 731;

const iso = (ms) => new Date(ms).toISOString().replace(".000Z", "Z");
const customer = (rand) => `R${String(1 + Math.floor(rand() * 600)).padStart(4, "0")}`;

function csvCell(value) {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const COMPLAINT_COLUMNS = [
  "id",
  "customer_id",
  "channel",
  "opened",
  "escalations",
  "resolved",
  "outcome",
  "satisfaction_before",
  "satisfaction",
  "stayed",
];

/** The dirty complaint rows (inserted after the generated row named in `after`). */
export const DIRTY_COMPLAINTS = [
  { id: "X01", reason: "unparseable-timestamp", after: 20, cells: { opened: "31/02/2024 10:00" } },
  {
    id: "X02",
    reason: "before-creation",
    after: 60,
    cells: { opened: "2024-05-10T10:00:00Z", resolved: "2024-05-09T16:00:00Z" },
  },
  {
    id: "X03",
    reason: "escalation-out-of-order",
    after: 100,
    cells: {
      opened: "2024-07-01T09:00:00Z",
      escalations: "2024-07-03T09:00:00Z;2024-07-02T09:00:00Z",
      resolved: "2024-07-05T09:00:00Z",
    },
  },
  { id: "X04", reason: "unknown-channel", after: 140, cells: { channel: "fax" } },
  { id: "X05", reason: "out-of-range", after: 180, cells: { satisfaction: "7" } },
  { id: "X06", reason: "not-yes-no", after: 220, cells: { stayed: "maybe" } },
];

/** Rows kept although unusual: markup and a formula in the outcome text stay inert. */
export const INERT_COMPLAINTS = [
  { id: "X07", after: 260, cells: { outcome: "<script>alert(1)</script>" } },
  { id: "X08", after: 300, cells: { outcome: '=HYPERLINK("http://example.com","x")' } },
];

function complaint(rand, n) {
  const channel = pick(rand, [
    ["phone", 0.35],
    ["web", 0.25],
    ["sms", 0.15],
    ["letter", 0.15],
    ["in person", 0.1],
  ]);
  const depth = pick(rand, [
    [0, 0.5],
    [1, 0.28],
    [2, 0.15],
    [3, 0.07],
  ]);
  const day = Math.floor(rand() * (DAYS - 30));
  const opened =
    START +
    day * 24 * HOUR +
    (8 + Math.floor(rand() * 10)) * HOUR +
    Math.floor(rand() * 60) * 60_000;
  const escalations = [];
  let t = opened;
  for (let k = 0; k < depth; k++) {
    t += Math.round((4 + rand() * 44) * 60) * 60_000;
    escalations.push(iso(t));
  }
  const hours = EFFECTS.baseHours[channel] * (0.5 + rand()) + depth * 24 * (0.5 + rand());
  const open = rand() < 0.04;
  const resolved = open ? "" : iso(t + Math.round(hours * 60) * 60_000);
  const outcome = pick(rand, [
    ["upheld", 0.5],
    ["partly upheld", 0.25],
    ["not upheld", 0.25],
  ]);
  const before = pick(rand, [
    [1, 0.55],
    [2, 0.3],
    [3, 0.15],
  ]);
  const latent =
    EFFECTS.satisfactionBase + EFFECTS.satisfactionPerLevel * depth + normal(rand, 0.8);
  const satisfaction = Math.min(5, Math.max(1, Math.floor(latent + 0.5)));
  const stayed = rand() < 0.35 + 0.13 * (satisfaction - 1) ? "yes" : "no";
  return {
    id: `C${String(n).padStart(4, "0")}`,
    customer_id: customer(rand),
    channel,
    opened: iso(opened),
    escalations: escalations.join(";"),
    resolved: open ? "" : resolved,
    outcome,
    satisfaction_before: String(before),
    satisfaction: open ? "" : String(satisfaction),
    stayed: open ? "" : stayed,
  };
}

/** The complaints CSV text. */
export function generateComplaintsCsv(seed = COMPLAINT_SEED) {
  const rand = mulberry32(seed);
  const rows = [];
  for (let n = 1; n <= COMPLAINTS; n++) rows.push(complaint(rand, n));
  const extra = [...DIRTY_COMPLAINTS, ...INERT_COMPLAINTS].sort((a, b) => b.after - a.after);
  for (const row of extra) {
    const base = { ...rows[row.after - 1], id: row.id, ...row.cells };
    rows.splice(row.after, 0, base);
  }
  const lines = [COMPLAINT_COLUMNS.join(",")];
  for (const row of rows) lines.push(COMPLAINT_COLUMNS.map((c) => csvCell(row[c])).join(","));
  return `${lines.join("\n")}\n`;
}

const WAITING = [
  "Waited 40 minutes on hold to speak to someone",
  "Nobody called back when they said they would",
  "Still waiting for a call back about my card",
  "The queue at the counter was very slow",
  "Had to wait days for a reply to my email",
  "Rang three times and waited ages each time",
];
const THEMES = {
  responsiveness: ["Quick reply to my email, thank you", "They answered the phone promptly"],
  reliability: [
    "They got my standing order wrong again",
    "Did exactly what was promised",
    "Payment failed twice this month",
    "Always accurate with my account",
  ],
  tangibles: [
    "The branch is clean and modern",
    "The app keeps crashing",
    "Dirty carpets in the branch",
    "The cash machine was out of order",
  ],
  assurance: [
    "Staff were knowledgeable and professional",
    "I felt safe discussing my finances",
    "The adviser was rude to me",
    "I did not trust the advice I got",
  ],
  empathy: [
    "They really listened to my situation",
    "Nobody seemed to care about my problem",
    "Friendly staff who remember my name",
    "Opening hours do not suit working people",
  ],
};
const NOTHING = ["No further comments", "All fine", "Nothing else to add", "See previous survey"];

/** The dirty comment rows (inserted after the generated row named in `after`). */
export const DIRTY_COMMENTS = [
  {
    after: 100,
    reason: "replacement-character",
    comment: Buffer.concat([
      Buffer.from("Caf"),
      Buffer.from([0xe9]),
      Buffer.from(" area in the branch closed"),
    ]),
  },
  {
    after: 200,
    reason: "control-character",
    comment: Buffer.from("Line\u0000noise from an old export"),
  },
  { after: 300, reason: "missing-comment", comment: Buffer.from("") },
  { after: 400, reason: "bad-date", comment: Buffer.from("Waited for ages"), date: "someday" },
];
export const INERT_COMMENTS = [
  { after: 500, comment: Buffer.from("<script>alert('slow queue')</script>") },
  { after: 600, comment: Buffer.from('=HYPERLINK("http://example.com","call back")') },
];

const isWinter = (ms) => {
  const m = new Date(ms).getUTCMonth();
  return m === 11 || m === 0 || m === 1;
};

/** The comments CSV bytes (a Buffer: one row holds a byte that is not valid UTF-8). */
export function generateCommentsCsv(seed = COMMENT_SEED) {
  const rand = mulberry32(seed);
  const rows = [];
  const dims = Object.keys(THEMES);
  for (let n = 1; n <= COMMENTS; n++) {
    const id = customer(rand);
    const ms = START + Math.floor(rand() * DAYS) * 24 * 3_600_000;
    const region = pick(rand, [
      ["North", 0.35],
      ["Coast", 0.3],
      ["Capital", 0.35],
    ]);
    const waitingShare =
      region === "North" && isWinter(ms)
        ? EFFECTS.waitingShareNorthWinter
        : EFFECTS.waitingShareElsewhere;
    const u = rand();
    let text;
    if (u < waitingShare) text = WAITING[Math.floor(rand() * WAITING.length)];
    else if (u < waitingShare + 0.08) text = NOTHING[Math.floor(rand() * NOTHING.length)];
    else {
      const list = THEMES[dims[Math.floor(rand() * dims.length)]];
      text = list[Math.floor(rand() * list.length)];
    }
    rows.push({ id, date: iso(ms).slice(0, 10), region, comment: Buffer.from(text) });
  }
  const extra = [...DIRTY_COMMENTS, ...INERT_COMMENTS].sort((a, b) => b.after - a.after);
  for (const row of extra) {
    const base = rows[row.after - 1];
    rows.splice(row.after, 0, { ...base, date: row.date ?? base.date, comment: row.comment });
  }
  const parts = [Buffer.from("respondent_id,date,region,comment\n")];
  for (const row of rows) {
    const text = row.comment.toString("latin1");
    const quoted = /[",\r\n]/.test(text);
    const cell = quoted ? Buffer.from(`"${text.replaceAll('"', '""')}"`, "latin1") : row.comment;
    parts.push(Buffer.from(`${row.id},${row.date},${row.region},`), cell, Buffer.from("\n"));
  }
  return Buffer.concat(parts);
}

function main(argv) {
  const complaints = generateComplaintsCsv();
  const comments = generateCommentsCsv();
  if (argv.includes("--stdout")) {
    process.stdout.write(complaints);
    process.stdout.write(comments);
    return;
  }
  const at = (name) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
  writeFileSync(at("demo-complaints.csv"), complaints);
  writeFileSync(at("demo-comments.csv"), comments);
  process.stderr.write("wrote data/demo-complaints.csv and data/demo-comments.csv\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
