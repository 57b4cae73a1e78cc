// The relationship benchmark (issue 14): features, stages and the transition matrix for
// 100,000 customers from 5,000,000 CRM events, against a one-pass floor over the same file.
// Imported by run.mjs; see bench/README.md.
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { mulberry32 } from "../scripts/seededRandom.mjs";

export const EVENT_CUSTOMERS = 100_000;
export const EVENTS_SEED = 20240214;
/** The as-of date of the benchmark: the end of the three generated years. */
export const EVENTS_AS_OF = "2024-12-31T23:59:59Z";

const TYPES = [
  ["purchase", 0.45],
  ["campaign-exposure", 0.2],
  ["inquiry", 0.08],
  ["quote-request", 0.04],
  ["support-request", 0.06],
  ["complaint", 0.04],
  ["complaint-resolved", 0.035],
  ["referral", 0.02],
  ["contract", 0.03],
  ["first-purchase", 0.03],
  ["downgrade", 0.01],
  ["cancellation", 0.005],
];
const VALUED = new Set(["purchase", "contract", "first-purchase"]);
const CHANNELS = ["web", "branch", "phone", "mail"];
const START = Date.UTC(2022, 0, 1);
const SPAN = Date.UTC(2025, 0, 1) - START - 1000;

/**
 * Writes `events` seeded events of `customers` customers as CSV (id, customer, timestamp,
 * type, value, currency, product, channel): each event's customer drawn at random, so one
 * customer's events are scattered over the whole file, in no time order.
 */
export function writeEventsCsv(path, events, customers = EVENT_CUSTOMERS, seed = EVENTS_SEED) {
  const random = mulberry32(seed);
  const cumulative = [];
  let sum = 0;
  for (const [type, share] of TYPES) {
    sum += share;
    cumulative.push([type, sum]);
  }
  const temporary = `${path}.partial`;
  const fd = openSync(temporary, "w");
  let chunk = "id,customer,timestamp,type,value,currency,product,channel\n";
  for (let i = 0; i < events; i++) {
    const customer = Math.floor(random() * customers);
    const time = START + Math.floor(random() * SPAN);
    const draw = random() * sum;
    let type = "purchase";
    for (const [name, upTo] of cumulative) {
      if (draw < upTo) {
        type = name;
        break;
      }
    }
    const valued = VALUED.has(type);
    const value = valued ? (10 + random() * 490).toFixed(2) : "";
    const product = valued ? `p${1 + Math.floor(random() * 30)}` : "";
    const channel = CHANNELS[Math.floor(random() * CHANNELS.length)];
    chunk += `e${i},c${customer},${new Date(time).toISOString().slice(0, 19)}Z,${type},${value},${valued ? "EUR" : ""},${product},${channel}\n`;
    if (chunk.length > 1 << 22) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  renameSync(temporary, path);
}

/** Writes the file unless it is there (or `regenerate`); returns the seconds it took or null. */
export function ensureEventsCsv(path, events, regenerate) {
  if (existsSync(path) && !regenerate) return null;
  const started = performance.now();
  writeEventsCsv(path, events);
  return (performance.now() - started) / 1000;
}

/**
 * The floor: one hand-written pass over the file's bytes that finds every cell of every row
 * and reads one timestamp per row (yyyy-mm-ddThh:mm:ss, its digits into Date.UTC), summing
 * them so the work cannot be skipped. File reading included, as in floor.cjs.
 */
export function eventsFloor(file) {
  const buf = readFileSync(file);
  let i = buf.indexOf(10) + 1;
  let rows = 0;
  let cells = 0;
  let sum = 0;
  const n = buf.length;
  const digits = (at, count) => {
    let v = 0;
    for (let k = at; k < at + count; k++) v = v * 10 + (buf[k] - 48);
    return v;
  };
  while (i < n) {
    let cell = 0;
    let start = i;
    for (; i < n; i++) {
      const b = buf[i];
      if (b === 44 || b === 10) {
        if (cell === 2) {
          sum +=
            Date.UTC(
              digits(start, 4),
              digits(start + 5, 2) - 1,
              digits(start + 8, 2),
              digits(start + 11, 2),
              digits(start + 14, 2),
              digits(start + 17, 2),
            ) / 1e12;
        }
        cell += 1;
        start = i + 1;
        if (b === 10) {
          i += 1;
          break;
        }
      }
    }
    rows += 1;
    cells += cell;
  }
  return { rows, cells, sum };
}

/** The measured pipeline: read, features, every customer's stage, a 12-month timeline and its transition matrix. */
export async function relationshipPipeline(core, node, file) {
  // SERVQUAL_BENCH_EVENT_THREADS=1|2 fixes the reader's threads (default: the library's choice).
  const threads = process.env.SERVQUAL_BENCH_EVENT_THREADS;
  const { events, report } = await node.readEventsCsv(file, {
    asOf: EVENTS_AS_OF,
    ...(threads === undefined ? {} : { threads: Number(threads) }),
  });
  const features = core.relationshipFeatures(events, { asOf: EVENTS_AS_OF });
  const counts = {};
  for (const customer of features.customers) {
    const { stage } = core.classifyStage(customer);
    counts[stage] = (counts[stage] ?? 0) + 1;
  }
  const timeline = core.stageTimeline(events, { from: "2024-01-01", to: EVENTS_AS_OF });
  const transitions = core.stageTransitions(timeline);
  return {
    eventsIn: report.eventsIn,
    eventsUsed: report.eventsUsed,
    customers: features.customers.length,
    stages: counts,
    transitions: transitions.transitions,
  };
}
