// Gap 3 benchmark: 1M delivery records with business hours and a holiday calendar, beside a
// one-pass floor over the same file (parse + two timestamps per row), timed in the same run.
//   node bench/gap3.mjs [--gap3-size 1000000] [--runs 3] [--gap3-records]   (after `npm run build`)
//   node bench/run.mjs --gap3 [--gap3-size N] [--runs 3]           (the same, from run.mjs)
// Each stage runs in its own child process (its peak RSS is its own); see bench/README.md.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../scripts/seededRandom.mjs";

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const MARK = "GAP3-RESULT ";
const SEED = 20241301;
const HOUR = 3_600_000;

function argument(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

/** The calendar and standards of the benchmark (UK bank holidays of 2024). */
export const CALENDAR = {
  timeZone: "Europe/London",
  hours: {
    mon: "09:00-17:30",
    tue: "09:00-17:30",
    wed: "09:00-17:30",
    thu: "09:00-17:30",
    fri: "09:00-17:00",
    sat: "10:00-13:00",
  },
  holidays: [
    "2024-01-01",
    "2024-03-29",
    "2024-04-01",
    "2024-05-06",
    "2024-05-27",
    "2024-08-26",
    "2024-12-25",
    "2024-12-26",
  ],
};
export const STANDARDS = [
  {
    attribute: "first-response",
    dimension: "responsiveness",
    formal: true,
    metric: "first-response",
    target: 4,
    unit: "business-hours",
    direction: "lower",
    targetShare: 0.9,
  },
  {
    attribute: "fix-time",
    dimension: "reliability",
    formal: true,
    metric: "resolution",
    target: 24,
    unit: "business-hours",
    direction: "lower",
    targetShare: 0.8,
  },
  {
    attribute: "visit-on-time",
    dimension: "reliability",
    formal: true,
    metric: "lateness",
    target: 0,
    unit: "hours",
    direction: "lower",
  },
];
const ATTRIBUTES = ["first-response", "fix-time", "visit-on-time"];
const REGIONS = ["North", "Midlands", "South"];
const CHANNELS = ["phone", "email", "web"];
const ASOF = "2025-01-01T00:00:00Z";

/** Writes (once) a seeded CSV of `size` delivery records in the temp dir; returns its path. */
export function ensureDeliveryCsv(size) {
  const path = join(tmpdir(), `servqual-bench-delivery-seed${SEED}-${size}.csv`);
  if (existsSync(path)) return path;
  const random = mulberry32(SEED);
  const start = Date.UTC(2024, 0, 1);
  const iso = (ms) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
  const temp = `${path}.partial`;
  const fd = openSync(temp, "w");
  let buffer =
    "id,attribute,created,first_response,resolved,promised_by,delivered,region,channel\n";
  for (let i = 0; i < size; i++) {
    const attribute = ATTRIBUTES[Math.floor(random() * 3)];
    const created =
      start + Math.floor(random() * 364 * 24) * HOUR + Math.floor(random() * 3600) * 1000;
    const response = created + Math.floor(-Math.log(1 - random()) * 6 * HOUR);
    const open = random() < 0.02;
    const resolved = open ? "" : iso(response + Math.floor(-Math.log(1 - random()) * 30 * HOUR));
    let promised = "";
    let delivered = "";
    if (attribute === "visit-on-time") {
      const promise = created + (24 + Math.floor(random() * 72)) * HOUR;
      promised = iso(promise);
      delivered = iso(promise + Math.floor((random() - 0.7) * 4 * HOUR));
    }
    buffer += `t${i},${attribute},${iso(created)},${iso(response)},${resolved},${promised},${delivered},${REGIONS[Math.floor(random() * 3)]},${CHANNELS[Math.floor(random() * 3)]}\n`;
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = "";
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  renameSync(temp, path);
  return path;
}

/**
 * The floor: one hand-written pass over the file's bytes that finds each row, reads the
 * created and first-response timestamps (fields 3 and 4, `YYYY-MM-DDTHH:MM:SSZ`) into epoch
 * milliseconds and sums their difference. No library can do less and still read the records.
 */
function floorPass(file) {
  const buf = readFileSync(file);
  const digits = (at, n) => {
    let v = 0;
    for (let k = 0; k < n; k++) v = v * 10 + (buf[at + k] - 48);
    return v;
  };
  const stamp = (at) =>
    Date.UTC(
      digits(at, 4),
      digits(at + 5, 2) - 1,
      digits(at + 8, 2),
      digits(at + 11, 2),
      digits(at + 14, 2),
      digits(at + 17, 2),
    );
  let i = buf.indexOf(10) + 1;
  let rows = 0;
  let sum = 0;
  while (i < buf.length) {
    let field = 0;
    let createdAt = -1;
    let responseAt = -1;
    for (; i < buf.length; i++) {
      const b = buf[i];
      if (b === 44) {
        field++;
        if (field === 2) createdAt = i + 1;
        else if (field === 3) responseAt = i + 1;
      } else if (b === 10) {
        i++;
        break;
      }
    }
    rows++;
    if (createdAt >= 0 && responseAt >= 0 && buf[responseAt] !== 44)
      sum += stamp(responseAt) - stamp(createdAt);
  }
  return { rows, meanResponseHours: sum / rows / HOUR };
}

async function runStage(stage, file) {
  // Module loading is not timed (as in run.mjs).
  const { validateStandards, createGap3Accumulator, accumulateGap3, finishGap3 } = await import(
    "servqual"
  );
  const { readDeliveryRecordsCsv } = await import("servqual/node");
  globalThis.gc?.();
  const before = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let check;
  if (stage === "gap3-floor") {
    check = floorPass(file);
  } else {
    const standards = validateStandards(STANDARDS);
    const state = createGap3Accumulator(standards, { calendar: CALENDAR, asOf: ASOF });
    const set = await readDeliveryRecordsCsv(file, {
      standards,
      calendar: CALENDAR,
      asOf: ASOF,
      // Columnar batches (typed arrays, no object per record); `--gap3-records` times the
      // record-object batches of onRecords instead (same result).
      ...(process.env.SERVQUAL_GAP3_RECORDS === "1"
        ? { onRecords: (batch) => accumulateGap3(state, batch) }
        : { onColumns: (batch) => accumulateGap3(state, batch) }),
    });
    const result = finishGap3(state, { report: set.report });
    check = {
      records: result.records,
      compliance: result.items.map((row) => [
        row.item,
        Number(row.compliance?.toFixed(4)),
        row.misses.p90,
      ]),
    };
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(before);
  const result = {
    stage,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    check,
  };
  process.stdout.write(`\n${MARK}${JSON.stringify(result)}\n`);
}

function child(stage, file) {
  const records = process.argv.includes("--gap3-records") ? "1" : "0";
  const run = spawnSync(
    process.execPath,
    ["--expose-gc", SCRIPT, "--gap3-stage", stage, "--file", file],
    {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 1 << 24,
      env: { ...process.env, SERVQUAL_GAP3_RECORDS: records },
    },
  );
  const line = run.stdout.split("\n").find((text) => text.startsWith(MARK));
  if (run.status !== 0 || line === undefined)
    return { stage, error: (run.stderr || `exit ${run.status}`).split("\n").slice(0, 5).join(" ") };
  return JSON.parse(line.slice(MARK.length));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Times the floor and Gap 3 in turn, `runs` rounds; prints medians and the per-round ratios' median. */
export function runGap3Bench(size, runs) {
  const started = Date.now();
  const file = ensureDeliveryCsv(size);
  if (Date.now() - started > 1000)
    console.log(`gap3: wrote ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const rounds = [];
  for (let r = 0; r < runs; r++) {
    const floor = child("gap3-floor", file);
    const gap3 = child("gap3", file);
    if (floor.error || gap3.error) {
      console.log(`gap3 bench failed: ${floor.error ?? gap3.error}`);
      return null;
    }
    rounds.push({
      floor,
      gap3,
      ratio: gap3.seconds / floor.seconds,
      cpuRatio: gap3.cpuSeconds / floor.cpuSeconds,
    });
  }
  const summary = {
    size,
    runs,
    floorSeconds: median(rounds.map((r) => r.floor.seconds)),
    gap3Seconds: median(rounds.map((r) => r.gap3.seconds)),
    floorCpuSeconds: median(rounds.map((r) => r.floor.cpuSeconds)),
    gap3CpuSeconds: median(rounds.map((r) => r.gap3.cpuSeconds)),
    ratio: median(rounds.map((r) => r.ratio)),
    cpuRatio: median(rounds.map((r) => r.cpuRatio)),
    gap3MaxRssMiB: median(rounds.map((r) => r.gap3.maxRssMiB)),
    floorMaxRssMiB: median(rounds.map((r) => r.floor.maxRssMiB)),
    perRound: rounds.map((r) => ({
      floor: r.floor.seconds,
      gap3: r.gap3.seconds,
      ratio: r.ratio,
      floorCpu: r.floor.cpuSeconds,
      gap3Cpu: r.gap3.cpuSeconds,
      cpuRatio: r.cpuRatio,
    })),
    check: rounds[0].gap3.check,
  };
  const f = (x) => x.toFixed(2);
  console.log(
    `\nGap 3 over ${size.toLocaleString("en-US")} delivery records (Europe/London business hours, 8 holidays), ${runs} round(s), medians:`,
  );
  console.log(
    `  floor (parse + two timestamps per row): ${f(summary.floorSeconds)} s (cpu ${f(summary.floorCpuSeconds)} s), peak ${summary.floorMaxRssMiB.toFixed(0)} MiB`,
  );
  console.log(
    `  readDeliveryRecordsCsv (${process.argv.includes("--gap3-records") ? "onRecords" : "onColumns"}) → accumulateGap3 → finishGap3: ${f(summary.gap3Seconds)} s (cpu ${f(summary.gap3CpuSeconds)} s, ${Math.round(size / summary.gap3Seconds).toLocaleString("en-US")} records/s), peak ${summary.gap3MaxRssMiB.toFixed(0)} MiB`,
  );
  console.log(`  ours/floor ${f(summary.ratio)} (cpu ${f(summary.cpuRatio)}); target ≤ 4`);
  console.log(
    `  per round (wall, cpu): ${summary.perRound.map((r) => `${f(r.ratio)}, ${f(r.cpuRatio)}`).join("; ")}`,
  );
  return summary;
}

const stage = argument("gap3-stage");
if (stage !== undefined) await runStage(stage, argument("file"));
else if (process.argv[1] === SCRIPT)
  runGap3Bench(Number(argument("gap3-size") ?? 1_000_000), Number(argument("runs") ?? 1));
