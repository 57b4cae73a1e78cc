#!/usr/bin/env node
/**
 * Generates data/demo-events.csv: fictional CRM events of the Harbourline Bank customers of
 * data/demo-bank.csv (R0001..R0600, plus 80 customers who did not answer the survey), with
 * planted relationship stages, a cohort drifting toward dissolution and a few dirty events.
 * Everything is described in data/DEMO.md ("CRM events"); keep the two in step.
 *
 * Which customer gets which history depends on their survey answers (read from
 * data/demo-bank.csv, which this script does not change): customers whose reliability answers
 * show a small shortfall are more often long-standing, committed customers, customers with a
 * large shortfall more often new ones, so Gap 5 by relationship stage has something to find.
 *
 * Usage:
 *   node scripts/generate-events-demo.mjs            write data/demo-events.csv
 *   node scripts/generate-events-demo.mjs --stdout   write the CSV to standard output instead
 *   node scripts/generate-events-demo.mjs --plan     print each customer's planned stages (JSON)
 *   node scripts/generate-events-demo.mjs --seed 7   another seed (the committed file uses the default)
 *
 * Only Node built-ins and papaparse (to read the survey). The output is byte-identical on every
 * run and platform: the PRNG is mulberry32 (32-bit integer arithmetic), times are whole
 * minutes in UTC built from integers, and values are rounded to cents.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import Papa from "papaparse";
import { mulberry32 } from "./seededRandom.mjs";

/** Seed of the committed file. */
export const DEFAULT_SEED = 20251231;

/** The date the events describe (the demo's as-of date): the end of 2025. */
export const AS_OF = "2025-12-31";

const DAY = 86_400_000;
/** Regular activity starts here (a year before the survey; opening contracts may be older). */
const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2025, 11, 31);
/** The last 90 days (the complaint window of the as-of date) start after this day. */
const RECENT_FROM = END - 90 * DAY;

/**
 * Days between regular purchases. Every 180-day trend window then holds exactly four of a
 * customer's regular purchases, so a stable customer's value trend is stable by design.
 */
const CYCLE = 45;

const PRODUCTS = ["card", "savings", "insurance", "investment", "mortgage"];
const CHANNELS = ["branch", "app", "phone"];

/** Planted sizes (see data/DEMO.md). */
export const PLAN = {
  /** Respondents without any event (reported as unmatched by Gap 5 by stage). */
  withoutEvents: 6,
  /** Customers drifting toward dissolution in 2025 (value falling, complaints, silence). */
  drifting: 40,
  /** Customers who cancelled in 2025. */
  cancelled: 15,
  /** Customers who did not answer the survey: new in late 2025 (exploration) and prospects. */
  newNonRespondents: 50,
  prospects: 30,
  /**
   * Chance of a committed (long-standing) or a new history by the respondent's rank of
   * reliability shortfall (top = smallest shortfall): [committed, new].
   */
  chances: {
    top: [0.6, 0.08],
    middle: [0.3, 0.2],
    bottom: [0.12, 0.35],
  },
};

/** An integer in [lo, hi]. */
const int = (rand, lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
/** Cents, as an integer, then a decimal string with two places. */
const money = (value) => {
  const cents = Math.round(value * 100);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
};
/** A day (ms at 00:00 UTC) plus a working-hours time of day, whole minutes. */
const at = (rand, day) => day + int(rand, 8 * 60, 19 * 60) * 60_000;
const iso = (ms) => `${new Date(ms).toISOString().slice(0, 16)}:00Z`;
const dayOf = (text) => Date.parse(`${text}T00:00:00Z`);
/** The first day after the end of the month holding `day`. */
const nextMonth = (day) => {
  const d = new Date(day);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};

/** Each respondent's first row: id, survey date, channel and reliability gap (P − E, items 5–9). */
function readSurvey() {
  const text = readFileSync(new URL("../data/demo-bank.csv", import.meta.url), "utf8");
  const rows = Papa.parse(text, { header: true, skipEmptyLines: true }).data;
  const seen = new Map();
  for (const row of rows) {
    if (seen.has(row.respondent_id)) continue;
    const side = (prefix) => {
      const values = [5, 6, 7, 8, 9]
        .map((i) => row[`${prefix}_${i}`])
        .filter((v) => /^[1-7]$/.test(v ?? ""))
        .map(Number);
      return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
    };
    seen.set(row.respondent_id, {
      id: row.respondent_id,
      day: dayOf(row.date),
      channel: CHANNELS.includes(row.channel) ? row.channel : "branch",
      reliabilityGap: side("P") - side("E"),
    });
  }
  return [...seen.values()];
}

/** Events of one customer, collected. */
class History {
  constructor(rand, customer, channel) {
    this.rand = rand;
    this.customer = customer;
    this.channel = channel;
    this.events = [];
  }
  add(day, type, extra = {}) {
    if (day > END) return;
    this.events.push({
      customer: this.customer,
      time: at(this.rand, day),
      type,
      value: extra.value === undefined ? "" : money(extra.value),
      currency: extra.value === undefined ? "" : "EUR",
      product: extra.product ?? "",
      channel: extra.channel ?? this.channel,
      initiator: extra.initiator ?? "",
    });
  }
  /**
   * Purchases every `cycle` days from `from` while the day is before `until`: value
   * `value(k)` for the k-th, product `product(k)`.
   */
  purchases(from, until, cycle, value, product, firstType = "purchase") {
    let k = 0;
    for (let day = from; day < until && day <= END; day += cycle * DAY, k++) {
      this.add(day, k === 0 ? firstType : "purchase", { value: value(k), product: product(k) });
    }
    return k;
  }
  /** Campaign exposures (firm), support requests and an inquiry now and then, from `from`. */
  background(from, until = END + DAY) {
    for (
      let day = from + int(this.rand, 5, 80) * DAY;
      day < until;
      day += int(this.rand, 100, 200) * DAY
    ) {
      this.add(day, "campaign-exposure", { channel: "email", initiator: "firm" });
    }
    for (
      let day = from + int(this.rand, 20, 150) * DAY;
      day < until;
      day += int(this.rand, 150, 300) * DAY
    ) {
      this.add(day, "support-request", { channel: this.rand() < 0.5 ? "phone" : this.channel });
    }
  }
  /** At most one complaint a year, in January–September, resolved within days. */
  occasionalComplaints(from, chance) {
    for (const year of [2023, 2024, 2025]) {
      const day = Date.UTC(year, 0, 1) + int(this.rand, 0, 272) * DAY;
      if (this.rand() >= chance || day < from) continue;
      this.add(day, "complaint");
      this.add(day + int(this.rand, 1, 10) * DAY, "complaint-resolved", { initiator: "firm" });
    }
  }
}

/** A growing customer: a purchase every CYCLE days, value up by `growth` each time, a product added every fourth. */
function growing(h, firstPurchase, until, growth, base, firstType = "first-purchase") {
  const offset = int(h.rand, 0, PRODUCTS.length - 1);
  return h.purchases(
    firstPurchase,
    until,
    CYCLE,
    (k) => base * (1 + growth) ** k * (1 + (h.rand() - 0.5) * 0.04),
    (k) => PRODUCTS[(offset + Math.min(3, Math.floor(k / 4))) % PRODUCTS.length],
    firstType,
  );
}

/** Committed at every month end: an old opening contract, stable monthly value, 3–4 products. */
function committed(h) {
  const opened = Date.UTC(2012, 0, 1) + int(h.rand, 0, 3460) * DAY; // 2012-01-01..2021-06-23
  h.add(opened, "contract", { product: "current-account", channel: "branch" });
  const base = int(h.rand, 220, 600);
  const products = int(h.rand, 3, 4);
  const offset = int(h.rand, 0, PRODUCTS.length - 1);
  h.purchases(
    START + int(h.rand, 0, 29) * DAY,
    END + DAY,
    CYCLE,
    () => base * (1 + (h.rand() - 0.5) * 0.03),
    (k) => PRODUCTS[(offset + (k % products)) % PRODUCTS.length],
  );
  h.background(START);
  h.occasionalComplaints(START, 0.3);
}

/** Expanding when surveyed: first contact 250–600 days before, monthly purchases growing. */
function expanding(h, survey, until = END + DAY) {
  const contact = Math.max(START + int(h.rand, 0, 30) * DAY, survey - int(h.rand, 250, 600) * DAY);
  h.add(contact, "inquiry");
  const first = contact + int(h.rand, 5, 30) * DAY;
  growing(h, first, until, 0.045 + h.rand() * 0.03, int(h.rand, 60, 180));
  h.background(contact, until);
  h.occasionalComplaints(contact, 0.25);
  return first;
}

/** New when surveyed: one first purchase 20–150 days before; afterwards growing or fading. */
function newCustomer(h, survey) {
  const first = survey - int(h.rand, 20, 150) * DAY;
  const contact = first - int(h.rand, 10, 60) * DAY;
  h.add(contact, "campaign-exposure", { channel: "email", initiator: "firm" });
  h.add(contact + int(h.rand, 1, 8) * DAY, "inquiry");
  h.add(first, "first-purchase", { value: int(h.rand, 30, 90), product: "card" });
  const after = nextMonth(survey);
  if (h.rand() < 0.7) {
    growing(
      h,
      after + int(h.rand, 15, 45) * DAY,
      END + DAY,
      0.06,
      int(h.rand, 60, 130),
      "purchase",
    );
  } else {
    h.add(after + int(h.rand, 20, 60) * DAY, "purchase", {
      value: int(h.rand, 20, 60),
      product: "card",
    });
  }
  h.background(contact);
}

/** Expanding when surveyed (2024), drifting away in 2025: value falls, complaints rise, silence. */
function drifting(h, survey) {
  const drift = Date.UTC(2025, 4, 1) + int(h.rand, 0, 45) * DAY;
  const contact = Math.max(START + int(h.rand, 0, 30) * DAY, survey - int(h.rand, 250, 600) * DAY);
  h.add(contact, "inquiry");
  const first = contact + int(h.rand, 5, 30) * DAY;
  const growth = 0.03 + h.rand() * 0.03;
  const base = int(h.rand, 90, 200);
  const n = growing(h, first, drift, growth, base);
  const last = base * (1 + growth) ** Math.max(0, n - 1);
  h.add(drift + int(h.rand, 35, 45) * DAY, "purchase", { value: last * 0.5, product: "card" });
  h.add(drift + int(h.rand, 95, 105) * DAY, "downgrade", { product: "savings" });
  h.add(drift + int(h.rand, 95, 105) * DAY, "purchase", { value: last * 0.4, product: "card" });
  const complaints = int(h.rand, 2, 4);
  for (let c = 0; c < complaints; c++) {
    const day = RECENT_FROM + int(h.rand, 2, 85) * DAY;
    h.add(day, "complaint", { channel: "phone" });
    if (h.rand() < 0.4)
      h.add(day + int(h.rand, 10, 30) * DAY, "complaint-resolved", { initiator: "firm" });
  }
  h.background(contact);
}

/** Expanding when surveyed (2024), cancelled in 2025 after a downgrade. */
function cancelling(h, survey) {
  const cancel =
    Math.max(nextMonth(survey) + 60 * DAY, Date.UTC(2025, 2, 1)) + int(h.rand, 0, 200) * DAY;
  const until = Math.min(cancel, END - 10 * DAY);
  expanding(h, survey, until - 20 * DAY);
  h.add(until - int(h.rand, 5, 15) * DAY, "downgrade", { product: "savings" });
  h.add(until, "cancellation", { product: "current-account" });
}

/** Did not answer the survey: a new customer of the second half of 2025. */
function lateNewCustomer(h) {
  const first = Date.UTC(2025, 6, 10) + int(h.rand, 0, 150) * DAY;
  h.add(first - int(h.rand, 10, 40) * DAY, "inquiry");
  h.add(first, "first-purchase", { value: int(h.rand, 30, 90), product: "card" });
  if (h.rand() < 0.4)
    h.add(first + int(h.rand, 20, 40) * DAY, "purchase", {
      value: int(h.rand, 30, 90),
      product: "card",
    });
}

/** Did not answer the survey: a prospect reached by campaigns, maybe asking once. */
function prospect(h) {
  const from = Date.UTC(2025, 0, 1) + int(h.rand, 0, 300) * DAY;
  h.add(from, "campaign-exposure", { channel: "email", initiator: "firm" });
  if (h.rand() < 0.6) h.add(from + int(h.rand, 3, 40) * DAY, "inquiry");
  if (h.rand() < 0.5)
    h.add(from + int(h.rand, 5, 50) * DAY, "quote-request", { product: "mortgage" });
}

/** Picks `count` distinct elements of `list` (in list order). */
function choose(rand, list, count) {
  const pool = [...list];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = int(rand, 0, i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const chosen = new Set(pool.slice(0, count));
  return list.filter((x) => chosen.has(x));
}

/**
 * The plan: each customer's cohort, planned stage when surveyed and at the as-of date.
 * Stages are those the default rules of docs/relationship.md give such a history.
 */
export function planCustomers(seed = DEFAULT_SEED) {
  const rand = mulberry32(seed);
  const survey = readSurvey();
  const withoutEvents = new Set(
    choose(
      rand,
      survey.filter((r) => !Number.isNaN(r.reliabilityGap)).map((r) => r.id),
      PLAN.withoutEvents,
    ),
  );
  // Rank by reliability gap, smallest shortfall first (unknown gaps in the middle).
  const ranked = survey
    .filter((r) => !withoutEvents.has(r.id))
    .map((r) => ({ r, gap: Number.isNaN(r.reliabilityGap) ? -1.3 : r.reliabilityGap }))
    .sort((a, b) => b.gap - a.gap || (a.r.id < b.r.id ? -1 : 1));
  const rankOf = new Map(ranked.map(({ r }, i) => [r.id, i / (ranked.length - 1)]));
  const plan = new Map();
  for (const r of survey) {
    if (withoutEvents.has(r.id)) {
      plan.set(r.id, { ...r, cohort: "without-events", atSurvey: null, atEnd: null });
      continue;
    }
    const q = rankOf.get(r.id);
    const [commit, fresh] = PLAN.chances[q < 0.4 ? "top" : q < 0.6 ? "middle" : "bottom"];
    const u = rand();
    const cohort = u < commit ? "committed" : u < commit + fresh ? "new" : "expanding";
    plan.set(r.id, { ...r, q, cohort });
  }
  const expandingIds = survey.filter((r) => plan.get(r.id).cohort === "expanding");
  const driftIds = new Set(
    choose(
      rand,
      expandingIds
        .filter((r) => r.day < Date.UTC(2025, 1, 1) && plan.get(r.id).q >= 0.55)
        .map((r) => r.id),
      PLAN.drifting,
    ),
  );
  const cancelIds = new Set(
    choose(
      rand,
      expandingIds
        .filter((r) => r.day < Date.UTC(2025, 1, 1) && !driftIds.has(r.id))
        .map((r) => r.id),
      PLAN.cancelled,
    ),
  );
  for (const id of driftIds) plan.get(id).cohort = "drifting";
  for (const id of cancelIds) plan.get(id).cohort = "cancelled";
  const extra = [];
  for (let k = 0; k < PLAN.newNonRespondents + PLAN.prospects; k++) {
    const id = `R${String(601 + k).padStart(4, "0")}`;
    extra.push({
      id,
      day: null,
      channel: CHANNELS[k % 3],
      reliabilityGap: null,
      cohort: k < PLAN.newNonRespondents ? "late-new" : "prospect",
    });
  }
  for (const c of extra) plan.set(c.id, c);
  const stageAtSurvey = {
    committed: "commitment",
    new: "exploration",
    expanding: "expansion",
    drifting: "expansion",
    cancelled: "expansion",
  };
  const stageAtEnd = {
    committed: "commitment",
    expanding: "expansion",
    drifting: "dissolution",
    cancelled: "dissolution",
    "late-new": "exploration",
    prospect: "awareness",
  };
  for (const c of plan.values()) {
    c.atSurvey = stageAtSurvey[c.cohort] ?? null;
    // New customers' later stage depends on how their history went: not planned.
    c.atEnd = stageAtEnd[c.cohort] ?? null;
  }
  return { rand, plan };
}

/** The dirty events (see data/DEMO.md), each with the customer it names. */
const DIRTY = [
  { customer: "R0042", type: "webinar", time: "2025-03-12T10:15:00Z" },
  { customer: "R0088", type: "inquiry", time: "2025-02-30T09:00:00Z" },
  {
    customer: "R0311",
    type: "purchase",
    time: "2052-11-03T14:20:00Z",
    value: "95.00",
    currency: "EUR",
    product: "card",
  },
  {
    customer: "R0157",
    type: "purchase",
    time: "2025-06-18T11:05:00Z",
    value: "-89.90",
    currency: "EUR",
    product: "card",
  },
  {
    customer: "R0233",
    type: "purchase",
    time: "2025-04-09T16:40:00Z",
    value: "120.00",
    currency: "USD",
    product: "card",
  },
];

const COLUMNS = [
  "id",
  "customer",
  "timestamp",
  "type",
  "value",
  "currency",
  "product",
  "channel",
  "initiator",
];

/** The CSV text and the plan. */
export function generateEvents(seed = DEFAULT_SEED) {
  const { rand, plan } = planCustomers(seed);
  const events = [];
  for (const c of plan.values()) {
    const h = new History(rand, c.id, c.channel);
    const surveyDay = c.day;
    if (c.cohort === "committed") committed(h);
    else if (c.cohort === "new") newCustomer(h, surveyDay);
    else if (c.cohort === "expanding") expanding(h, surveyDay);
    else if (c.cohort === "drifting") drifting(h, surveyDay);
    else if (c.cohort === "cancelled") cancelling(h, surveyDay);
    else if (c.cohort === "late-new") lateNewCustomer(h);
    else if (c.cohort === "prospect") prospect(h);
    events.push(...h.events);
  }
  // A CRM export: sorted by time (then customer and type), ids in that order.
  events.sort(
    (a, b) =>
      a.time - b.time ||
      (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0) ||
      (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
  );
  const rows = events.map((e, i) => [
    `E${String(i + 1).padStart(6, "0")}`,
    e.customer,
    iso(e.time),
    e.type,
    e.value,
    e.currency,
    e.product,
    e.channel,
    e.initiator,
  ]);
  // Dirty events: new ids after the last, placed among the events of their date.
  const dirty = DIRTY.map((d, k) => [
    `E${String(events.length + k + 1).padStart(6, "0")}`,
    d.customer,
    d.time,
    d.type,
    d.value ?? "",
    d.currency ?? "",
    d.product ?? "",
    "app",
    "",
  ]);
  for (const row of dirty) {
    const at = rows.findIndex((r) => r[2] > row[2]);
    rows.splice(at === -1 ? rows.length : at, 0, row);
  }
  // A duplicate: the export repeats an event of R0404 (same id, same fields) a few rows later.
  const original = rows.findIndex((r) => r[1] === "R0404" && r[3] === "purchase");
  rows.splice(original + 3, 0, [...rows[original]]);
  const lines = [COLUMNS, ...rows].map((cells) => cells.join(","));
  return { csv: `${lines.join("\n")}\n`, plan, duplicateOf: rows[original][0] };
}

function main(argv) {
  const seedAt = argv.indexOf("--seed");
  const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new Error("--seed needs an integer");
  const { csv, plan, duplicateOf } = generateEvents(seed);
  process.stdout.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
  if (argv.includes("--plan")) {
    const customers = [...plan.values()].map(({ id, cohort, atSurvey, atEnd, day }) => ({
      id,
      cohort,
      surveyed: day === null ? null : new Date(day).toISOString().slice(0, 10),
      atSurvey,
      atEnd,
    }));
    process.stdout.write(`${JSON.stringify({ asOf: AS_OF, duplicateOf, customers })}\n`);
    return;
  }
  if (argv.includes("--stdout")) {
    process.stdout.write(csv);
    return;
  }
  const target = fileURLToPath(new URL("../data/demo-events.csv", import.meta.url));
  writeFileSync(target, csv);
  process.stderr.write(`wrote ${target} (${csv.split("\n").length - 2} events, seed ${seed})\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
