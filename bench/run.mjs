// servqual benchmark: `npm run bench` (builds, then `node --expose-gc bench/run.mjs`).
// See bench/README.md. Every stage runs in its own child process so that its peak memory
// (the RSS high-water mark) is its own:
//   node --expose-gc bench/run.mjs [--sizes 10000,100000,1000000] [--runs 3] [--regenerate]
//     [--yardstick-only] [--stages gap5,gap5-tables]
//   node --expose-gc bench/run.mjs --stage csv|validate|gap5|file+gap5|summarize|floor --size N --file F
//   (one stage)
import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../scripts/seededRandom.mjs";
import {
  EVENT_CUSTOMERS,
  ensureEventsCsv,
  eventsFloor,
  relationshipPipeline,
} from "./relationship.mjs";

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DATA = join(ROOT, "bench", "data");
const SHARED_BENCH = join(ROOT, "..", "shared", "bench");
const SEED = 20240101;
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
const RESULT_MARK = "BENCH-RESULT ";
const ITEMS = 22;
const DIMENSION_OF = [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4];
const OPTIONS = { columns: { expectation: "E{item}", perception: "P{item}" } };

function argument(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

/** Timing repeats per size (the best is reported, the median kept in results.json). */
function repeatsFor(size) {
  return size <= 10_000 ? 7 : size <= 100_000 ? 3 : 1;
}

// ---------------------------------------------------------------- synthetic data

/**
 * Seeded SERVQUAL-22 respondents: 22 expectations and 22 perceptions on 1..7, correlated
 * within each of the five dimensions (a respondent level per dimension plus item noise).
 * Calls `onRow(row)` with a reused Uint8Array of 44 answers (E1..E22, P1..P22).
 */
function generate(size, onRow) {
  const random = mulberry32(SEED);
  const row = new Uint8Array(2 * ITEMS);
  const levelE = new Float64Array(5);
  const levelP = new Float64Array(5);
  const clamp = (value) => Math.max(1, Math.min(7, Math.round(value)));
  for (let r = 0; r < size; r++) {
    for (let d = 0; d < 5; d++) {
      levelE[d] = random() * 2 - 1;
      levelP[d] = random() * 3 - 1.5;
    }
    for (let i = 0; i < ITEMS; i++) {
      row[i] = clamp(5.8 + levelE[DIMENSION_OF[i]] + random() * 1.6 - 0.8);
      row[ITEMS + i] = clamp(5.0 + levelP[DIMENSION_OF[i]] + random() * 2 - 1);
    }
    onRow(row);
  }
}

function header() {
  const names = [];
  for (let i = 1; i <= ITEMS; i++) names.push(`E${i}`);
  for (let i = 1; i <= ITEMS; i++) names.push(`P${i}`);
  return names;
}

function csvPath(size) {
  return join(DATA, `servqual22-seed${SEED}-${size}.csv`);
}

/** Writes the CSV of `size` respondents unless it is there (written to a temporary name first). */
function ensureCsv(size, regenerate) {
  const path = csvPath(size);
  if (existsSync(path) && !regenerate) return { path, seconds: null };
  const started = performance.now();
  const temporary = `${path}.partial`;
  const fd = openSync(temporary, "w");
  let lines = [`${header().join(",")}`];
  const flush = () => {
    writeSync(fd, `${lines.join("\n")}\n`);
    lines = [];
  };
  generate(size, (row) => {
    lines.push(row.join(","));
    if (lines.length === 10_000) flush();
  });
  if (lines.length > 0) flush();
  closeSync(fd);
  renameSync(temporary, path);
  return { path, seconds: (performance.now() - started) / 1000 };
}

/**
 * A file of unusable rows, written on the fly: the header, one clean respondent (so a report
 * comes back) and `size` rows that are all excluded, either `x` alone (a row of 1 cell under a
 * header of 44: 2 bytes a row, the shape of a broken export) or 44 blank cells (a row with no
 * answers, which floor.cjs can also pass over).
 */
function ensureUnusableCsv(kind, size, regenerate) {
  const path = join(DATA, `unusable-${kind}-${size}.csv`);
  if (existsSync(path) && !regenerate) return { path, seconds: null };
  const started = performance.now();
  const temporary = `${path}.partial`;
  const fd = openSync(temporary, "w");
  writeSync(fd, `${header().join(",")}\n${new Array(2 * ITEMS).fill("5").join(",")}\n`);
  const row = kind === "short" ? "x\n" : `${",".repeat(2 * ITEMS - 1)}\n`;
  const block = row.repeat(10_000);
  for (let written = 0; written < size; written += 10_000) {
    writeSync(fd, written + 10_000 <= size ? block : row.repeat(size - written));
  }
  closeSync(fd);
  renameSync(temporary, path);
  return { path, seconds: (performance.now() - started) / 1000 };
}

/** The same respondents as an in-memory table: rows are arrays of numbers. */
function table(size) {
  const rows = new Array(size);
  let r = 0;
  generate(size, (row) => {
    rows[r++] = Array.from(row);
  });
  return { header: header(), rows };
}

/** The same respondents as `table`, column by column (one Float32Array per answer column). */
function columnsOf(size) {
  const names = header();
  const arrays = names.map(() => new Float32Array(size));
  let r = 0;
  generate(size, (row) => {
    for (let c = 0; c < names.length; c++) arrays[c][r] = row[c];
    r += 1;
  });
  return { columns: Object.fromEntries(names.map((name, c) => [name, arrays[c]])) };
}

/**
 * The dataset with a date and a region per respondent, made deterministically (seed SEED):
 * three years from 2022-01-01 UTC, in row order (`shuffled`: at random), five regions at random.
 * Made once, before the clock starts, and reused across repeats.
 */
let monthsAndRegions;
function withMonthsAndRegions(core, dataset, shuffled) {
  if (monthsAndRegions === undefined) {
    const random = core.seededRandom(SEED);
    const n = dataset.n;
    const start = Date.UTC(2022, 0, 1);
    const span = Date.UTC(2025, 0, 1) - start;
    const dates = new Float64Array(n);
    const regions = ["North", "South", "East", "West", "Central"];
    const region = new Array(n);
    for (let i = 0; i < n; i++) {
      const at = shuffled ? random() : i / n;
      dates[i] = start + Math.floor(at * span) + Math.floor(random() * 3_600_000);
      region[i] = regions[Math.floor(random() * regions.length)];
    }
    monthsAndRegions = { ...dataset, dates, segments: [{ name: "region", values: region }] };
  }
  return monthsAndRegions;
}

/** The long-scale stage: 10 dimensions × 100 items, 10,000 respondents (issue 12's target). */
const WIDE = { dimensions: 10, items: 100, respondents: 10_000 };

/**
 * A seeded instrument of WIDE.dimensions × WIDE.items E/P items on 1..7 and its answers column
 * by column (Float32Array per column), correlated within each dimension like `generate`.
 */
function wideData(core) {
  const dimensions = Array.from({ length: WIDE.dimensions }, (_, d) => ({
    id: `d${d + 1}`,
    label: `Dimension ${d + 1}`,
    items: Array.from({ length: WIDE.items }, (_, i) => ({
      id: `d${d + 1}i${i + 1}`,
      label: `Item ${i + 1} of dimension ${d + 1}`,
    })),
  }));
  const instrument = core.defineInstrument({
    id: "bench-wide",
    name: "Bench: 10 dimensions × 100 items",
    scale: { min: 1, max: 7 },
    format: "expectation-perception",
    dimensions,
  });
  const n = WIDE.respondents;
  const ids = dimensions.flatMap((d) => d.items.map((item) => item.id));
  const e = ids.map(() => new Float32Array(n));
  const p = ids.map(() => new Float32Array(n));
  const random = mulberry32(SEED);
  const clamp = (value) => Math.max(1, Math.min(7, Math.round(value)));
  for (let r = 0; r < n; r++) {
    for (let d = 0; d < WIDE.dimensions; d++) {
      const levelE = random() * 2 - 1;
      const levelP = random() * 3 - 1.5;
      for (let i = 0; i < WIDE.items; i++) {
        const c = d * WIDE.items + i;
        e[c][r] = clamp(5.8 + levelE + random() * 1.6 - 0.8);
        p[c][r] = clamp(5.0 + levelP + random() * 2 - 1);
      }
    }
  }
  const columns = {};
  ids.forEach((id, c) => {
    columns[`E_${id}`] = e[c];
    columns[`P_${id}`] = p[c];
  });
  return { instrument, columns };
}

// ---------------------------------------------------------------- one stage (child process)

async function runStage(stage, size, file) {
  const repeats =
    stage === "floor" || stage === "events-floor" || stage === "relationship"
      ? 1
      : stage === "gap5-wide"
        ? 3
        : repeatsFor(size);
  let measure;
  let check = (value) => value;
  if (stage === "events-floor") {
    measure = () => eventsFloor(file);
    check = (result) => result.rows;
  } else if (stage === "relationship") {
    const core = await import("servqual");
    const node = await import("servqual/node");
    measure = () => relationshipPipeline(core, node, file);
  } else if (stage === "floor") {
    const floor = join(SHARED_BENCH, "floor.cjs");
    measure = () => {
      process.argv[2] = file;
      createRequire(import.meta.url)(floor);
    };
  } else {
    const core = await import("servqual");
    const { readResponsesCsv, summarizeResponsesCsv } = await import("servqual/node");
    const instrument = core.instruments.servqual22;
    if (stage === "csv") {
      measure = () => readResponsesCsv(file, instrument, OPTIONS);
      check = (result) => result.report.rowsUsed;
    } else if (stage === "file+gap5") {
      // The whole way from the file to Gap 5 with reliability, in one process (peak RSS of both).
      measure = async () => core.gap5((await readResponsesCsv(file, instrument, OPTIONS)).dataset);
      check = (result) => result.respondents;
    } else if (stage === "report") {
      // `servqual report FILE --format md,json,csv(,html)` as the command does it: read, one
      // gap report (every analysis once), each renderer, provenance (SHA-256 of the file), files.
      const reports = await import("servqual/report");
      const { reportProvenance } = await import("servqual/node");
      const { mkdtempSync, writeFileSync } = await import("node:fs");
      const { tmpdir } = await import("node:os");
      const out = mkdtempSync(join(tmpdir(), "servqual-bench-report-"));
      measure = async () => {
        const { dataset, report } = await readResponsesCsv(file, instrument, OPTIONS);
        const document = reports.buildGapReport(dataset, report, { source: file });
        const provenance = await reportProvenance({ file, instrument, validation: report });
        const files = {
          "report.md": reports.renderMarkdown(document),
          "report.json": reports.renderJson(document, { provenance }),
          "report.csv": reports.renderCsv(document),
        };
        if (typeof reports.renderHtml === "function")
          files["report.html"] = reports.renderHtml(document);
        for (const [name, text] of Object.entries(files)) writeFileSync(join(out, name), text);
        return document;
      };
      check = (document) => document.results.validation.rowsUsed;
    } else if (stage === "summarize") {
      measure = () => summarizeResponsesCsv(file, instrument, OPTIONS);
      check = (result) => result.gap5.respondents;
    } else if (stage === "csv-unusable") {
      measure = () => readResponsesCsv(file, instrument, OPTIONS);
      check = ({ report }) => ({
        rowsIn: report.rowsIn,
        rowsExcluded: report.rowsExcluded,
        excludedListed: report.excludedRows.length,
        unreadableLines: report.unreadableLines,
      });
    } else if (stage === "validate") {
      const input = table(size);
      measure = () => core.validateResponses(input, instrument, OPTIONS);
      check = (result) => result.report.rowsUsed;
    } else if (stage === "columns" || stage === "columns+gap5") {
      // In memory, column by column: validation (and Gap 5 tables with every test).
      const input = columnsOf(size);
      measure =
        stage === "columns"
          ? () => core.validateColumns(input, instrument, OPTIONS)
          : () =>
              core.gap5(core.validateColumns(input, instrument, OPTIONS).dataset, {
                reliability: false,
              });
      check = (result) => (result === null || result === undefined ? 0 : 1);
    } else if (stage === "gap5-wide") {
      // 10 dimensions × 100 items, 10,000 respondents in memory: gap5 with reliability (alpha,
      // item analysis and alpha if deleted of E, P and gap for each 100-item dimension).
      const { instrument: wide, columns } = wideData(core);
      const { dataset } = core.validateColumns({ columns }, wide);
      measure = () => core.gap5(dataset);
      check = (result) => result.reliability?.length ?? 0;
    } else if (stage === "gap5-cells" || stage === "gap5-cells-shuffled") {
      // Gap 5 per month × region in one pass: the file's respondents dated over three years
      // (2022–2024) in collection order (row i at i/n of the span, plus a seeded hour), or in
      // seeded random order (-shuffled), each in one of five regions (seeded).
      const { dataset } = await readResponsesCsv(file, instrument, OPTIONS);
      const dated = withMonthsAndRegions(core, dataset, stage.endsWith("shuffled"));
      measure = () =>
        core.gapCells(dated, {
          period: "month",
          by: ["region"],
        });
      check = (result) => result.cells.length;
    } else if (stage === "gap5" || stage === "gap5-tables") {
      if (typeof core.gap5 !== "function") throw new Error("gap5 is not exported");
      const { dataset } = await readResponsesCsv(file, instrument, OPTIONS);
      // gap5-tables: the gap tables with every item's and dimension's t-test, Wilcoxon test,
      // d_z and adjusted p, without the reliability pass; gap5: everything.
      const reliability = stage === "gap5";
      measure = () => core.gap5(dataset, { reliability });
      check = (result) => (result === null || result === undefined ? 0 : 1);
    } else {
      throw new Error(`unknown stage ${stage}`);
    }
  }
  globalThis.gc?.();
  const baselineRssMiB = process.memoryUsage().rss / 1048576;
  const times = [];
  let checked;
  for (let rep = 0; rep < repeats; rep++) {
    globalThis.gc?.();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await measure();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    times.push({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
    checked = check(result);
  }
  const sorted = [...times].sort((a, b) => a.seconds - b.seconds);
  const result = {
    stage,
    size,
    file: relative(ROOT, file),
    repeats,
    // The best of the repeats: on a shared machine the fastest run is the least disturbed one.
    seconds: sorted[0].seconds,
    cpuSeconds: sorted[0].cpuSeconds,
    median: sorted[Math.floor(sorted.length / 2)].seconds,
    baselineRssMiB,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    check: checked,
  };
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(result)}\n`);
}

// ---------------------------------------------------------------- the whole run (parent)

function child(stage, size, file) {
  const run = spawnSync(
    process.execPath,
    ["--expose-gc", SCRIPT, "--stage", stage, "--size", String(size), "--file", file],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 },
  );
  const line = run.stdout.split("\n").find((text) => text.startsWith(RESULT_MARK));
  if (run.status !== 0 || line === undefined) {
    const output = `${run.stderr ?? ""}\n${run.stdout ?? ""}`.split("\n");
    const why = output.find((text) => /^\w*Error\b|^Error:/.test(text.trim()))?.trim();
    return { stage, size, error: why || `exit ${run.status}` };
  }
  return JSON.parse(line.slice(RESULT_MARK.length));
}

const formatCount = (n) => n.toLocaleString("en-US");
function formatRate(perSecond) {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  return `${(perSecond / 1e3).toFixed(0)} k/s`;
}

function printTable(rows) {
  const head = [
    "size",
    "stage",
    "time (s)",
    "cpu (s)",
    "rows/s",
    "peak RSS (MiB)",
    "before (MiB)",
    "ours/floor",
    "cpu ours/floor",
  ];
  const body = rows.map((row) => [
    row.label,
    row.stageLabel,
    row.error ? "—" : row.seconds.toFixed(3),
    row.error ? "—" : row.cpuSeconds.toFixed(3),
    row.error ? "—" : formatRate(row.size / row.seconds),
    row.error ? "—" : row.maxRssMiB.toFixed(0),
    row.error || row.baselineRssMiB === undefined ? "—" : row.baselineRssMiB.toFixed(0),
    row.ratio === undefined ? "" : `${row.ratio.toFixed(2)}×`,
    row.cpuRatio === undefined ? "" : `${row.cpuRatio.toFixed(2)}×`,
  ]);
  const widths = head.map((title, c) =>
    Math.max(title.length, ...body.map((cells) => cells[c].length)),
  );
  const line = (cells) =>
    cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  console.log(line(head));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const cells of body) console.log(line(cells));
  for (const row of rows) if (row.error) console.log(`  ${row.label} ${row.stage}: ${row.error}`);
}

const STAGE_LABELS = {
  csv: "readResponsesCsv (file → Dataset)",
  "csv-unusable": "readResponsesCsv, all rows but one excluded",
  validate: "validateResponses ({ header, rows })",
  columns: "validateColumns (Float32Array columns)",
  "columns+gap5": "validateColumns + gap5 tables, in memory",
  "gap5-tables": "gap5 tables + tests (no reliability)",
  "gap5-cells": "gapCells per month × region (dates in file order)",
  "gap5-cells-shuffled": "gapCells per month × region (dates shuffled)",
  gap5: "gap5(dataset) with alpha, item analysis",
  "csv+gap5": "readResponsesCsv + gap5 (sum of the two stages)",
  "file+gap5": "readResponsesCsv + gap5, one process",
  report: "servqual report to md, json, csv (html when built)",
  summarize: "summarizeResponsesCsv (streaming gap5)",
  "gap5-wide": "gap5 with reliability, 10 dims × 100 items",
  floor: "floor.cjs (yardstick)",
  relationship: "readEventsCsv + features + stages + 12-month timeline + transitions",
  "events-floor": "events floor (cells + one timestamp per row)",
};

async function main() {
  const sizes = (argument("sizes") ?? DEFAULT_SIZES.join(","))
    .split(",")
    .map((text) => Number(text.replaceAll("_", "")))
    .filter((n) => Number.isInteger(n) && n > 0);
  if (sizes.length === 0) throw new Error("--sizes takes a comma-separated list of row counts");
  const regenerate = process.argv.includes("--regenerate");
  const runs = Math.max(1, Number(argument("runs") ?? 1));
  mkdirSync(DATA, { recursive: true });

  let core;
  try {
    core = await import("servqual");
  } catch (error) {
    console.error(
      `cannot import the built package (run \`npm run bench\`, which builds first): ${error.message}`,
    );
    process.exitCode = 1;
    return;
  }
  const hasGap5 = typeof core.gap5 === "function";
  const hasFloor =
    existsSync(join(SHARED_BENCH, "floor.cjs")) && existsSync(join(SHARED_BENCH, "gen.cjs"));
  const started = performance.now();
  console.log(
    `servqual bench: node ${process.version}, ${availableParallelism()} cores, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}, sizes ${sizes.map(formatCount).join(", ")}`,
  );
  if (!hasGap5) console.log("gap5: not available (the built package does not export it)");
  if (!hasFloor) console.log("yardstick: ../shared/bench not found; no ours/floor ratios");

  for (const size of sizes) {
    const made = ensureCsv(size, regenerate);
    if (made.seconds !== null) {
      console.log(`wrote ${relative(ROOT, made.path)} in ${made.seconds.toFixed(1)} s`);
    }
  }
  // --events-only: just the relationship benchmark (5M events, 100k customers by default).
  const eventsOnly = process.argv.includes("--events-only");
  let genFile = null;
  // The speed targets are stated on gen.cjs's 1M file: read it too when 1M is among the sizes.
  if (hasFloor && !eventsOnly && sizes.includes(1_000_000)) {
    genFile = join(DATA, "sq1000000.csv");
    if (!existsSync(genFile) || regenerate) {
      const run = spawnSync(process.execPath, [join(SHARED_BENCH, "gen.cjs"), "1000000"], {
        cwd: DATA,
        encoding: "utf8",
      });
      if (run.status !== 0 || !existsSync(genFile)) {
        console.log(`yardstick: gen.cjs failed (${run.stderr.trim()}); skipping its file`);
        genFile = null;
      } else {
        console.log(`wrote ${relative(ROOT, genFile)} with ../shared/bench/gen.cjs`);
      }
    }
  }

  // --yardstick-only: just gen.cjs's 1M file (the speed targets), against the floor.
  const yardstickOnly = process.argv.includes("--yardstick-only");
  const inputs =
    yardstickOnly || eventsOnly
      ? []
      : sizes.map((size) => ({ size, label: formatCount(size), file: csvPath(size) }));
  if (genFile !== null) {
    inputs.push({ size: 1_000_000, label: "1,000,000 gen.cjs", file: genFile, yardstick: true });
  }
  // Unusable rows: memory must stay flat however many rows are excluded (their count is
  // complete, the first `excludedLimit` are listed). floor.cjs stops at the first row with
  // fewer than 44 cells, so it is timed on the blank-cell file only.
  const unusable = [
    { kind: "short", size: Number(argument("unusable-short") ?? 8_000_000), floor: false },
    { kind: "blank", size: Number(argument("unusable-blank") ?? 1_000_000), floor: true },
  ].filter(
    (input) => !yardstickOnly && !eventsOnly && Number.isInteger(input.size) && input.size > 0,
  );
  for (const input of unusable) {
    const made = ensureUnusableCsv(input.kind, input.size, regenerate);
    if (made.seconds !== null) {
      console.log(`wrote ${relative(ROOT, made.path)} in ${made.seconds.toFixed(1)} s`);
    }
    inputs.push({
      size: input.size,
      label: `${formatCount(input.size)} ${input.kind === "short" ? "`x` rows" : "blank rows"}`,
      file: made.path,
      unusable: true,
      floor: input.floor,
    });
  }
  // CRM events: --events N (default 5,000,000; 0 leaves them out), 100,000 customers.
  const eventCount = Number(argument("events") ?? 5_000_000);
  if (!yardstickOnly && Number.isInteger(eventCount) && eventCount > 0) {
    const file = join(DATA, `events-seed20240214-${eventCount}.csv`);
    const seconds = ensureEventsCsv(file, eventCount, regenerate);
    if (seconds !== null) console.log(`wrote ${relative(ROOT, file)} in ${seconds.toFixed(1)} s`);
    inputs.push({
      size: eventCount,
      label: `${formatCount(eventCount)} events, ${formatCount(EVENT_CUSTOMERS)} customers`,
      file,
      relationship: true,
    });
  }
  const rows = [];
  const cellRatios = [];
  for (const input of inputs) {
    const gapStages = hasGap5 ? ["gap5", "file+gap5", "report", "summarize"] : [];
    const stages = input.relationship
      ? ["relationship"]
      : input.unusable
        ? ["csv-unusable"]
        : input.yardstick
          ? ["csv", ...gapStages]
          : [
              "csv",
              "validate",
              "columns",
              ...(hasGap5
                ? ["columns+gap5", "gap5-tables", "gap5-cells", "gap5-cells-shuffled"]
                : []),
              ...gapStages,
            ];
    // --stages a,b: only those stages (the floor is timed all the same, for the ratios).
    const only = argument("stages")?.split(",");
    if (only !== undefined) {
      const extra = only.filter((name) => !stages.includes(name) && STAGE_LABELS[name]);
      stages.splice(0, stages.length, ...stages.filter((name) => only.includes(name)), ...extra);
    }
    // The events file has its own floor (in bench/relationship.mjs), always available.
    const withFloor = input.relationship || (hasFloor && input.floor !== false);
    // With --runs N every stage and the floor run N times in turn; each figure is the median
    // over the rounds and each ratio the median of the per-round ratios to that round's floor.
    const rounds = [];
    for (let round = 0; round < runs; round++) {
      const results = {};
      for (const stage of [...(withFloor ? ["floor"] : []), ...stages]) {
        const run = stage === "floor" && input.relationship ? "events-floor" : stage;
        const result = child(run, input.size, input.file);
        results[stage] = result;
        const done = result.error
          ? `failed: ${result.error}`
          : `${result.seconds.toFixed(3)} s (cpu ${result.cpuSeconds.toFixed(3)} s)`;
        console.log(`  ${input.label} ${stage}${runs > 1 ? ` (run ${round + 1})` : ""}: ${done}`);
      }
      rounds.push(results);
    }
    const results = medianOfRounds(rounds);
    cellRatios.push(...gapCellsRatios(rounds, input.label));
    for (const [stage, result] of Object.entries(results)) {
      const shown = stage === "floor" && input.relationship ? "events-floor" : stage;
      rows.push({ ...result, stage: shown, label: input.label, stageLabel: STAGE_LABELS[shown] });
    }
  }
  if (hasGap5 && !yardstickOnly && !eventsOnly) {
    // Long scales: ratio to the floor of the largest file timed above (the gen.cjs 1M file
    // when present): the floor is a SERVQUAL-22 yardstick, so this compares machine speed.
    const wide = child("gap5-wide", WIDE.respondents, "");
    const done = wide.error ? `failed: ${wide.error}` : `${wide.seconds.toFixed(3)} s`;
    console.log(`  ${formatCount(WIDE.respondents)} gap5-wide: ${done}`);
    const floors = rows.filter((row) => row.stage === "floor" && !row.error);
    const floor = floors[floors.length - 1];
    rows.push({
      ...wide,
      stage: "gap5-wide",
      label: `${formatCount(WIDE.respondents)} × ${WIDE.dimensions * WIDE.items} items`,
      stageLabel: STAGE_LABELS["gap5-wide"],
      ratio: floor !== undefined && !wide.error ? wide.seconds / floor.seconds : undefined,
      cpuRatio: floor !== undefined && !wide.error ? wide.cpuSeconds / floor.cpuSeconds : undefined,
      floorOf: floor?.label,
    });
  }
  console.log("");
  printTable(rows);
  // Gap 5 per month × region against the plain gap5 pass (tables, no reliability) of the same
  // file in the same run (issue 15's target: ≤ 1.5), and against gap5 with reliability: the
  // median of the per-round ratios (each round's stages ran back to back).
  for (const line of cellRatios) console.log(line);
  // What the report costs beyond reading and Gap 5: (report − file+gap5) / file+gap5, per input.
  for (const label of new Set(rows.map((row) => row.label))) {
    const of = (stage) =>
      rows.find((row) => row.label === label && row.stage === stage && !row.error);
    const report = of("report");
    const base = of("file+gap5");
    if (report === undefined || base === undefined) continue;
    const share = (x, y) => `${(((x - y) / y) * 100).toFixed(1)}%`;
    console.log(
      `${label}: servqual report beyond readResponsesCsv + gap5: wall ${share(report.seconds, base.seconds)}, cpu ${share(report.cpuSeconds, base.cpuSeconds)}`,
    );
  }
  for (const row of rows) {
    if (row.stage === "relationship" && !row.error) {
      console.log(`  ${row.label}: ${JSON.stringify(row.check)}`);
    }
    if (row.stage !== "csv-unusable" || row.error) continue;
    const c = row.check;
    console.log(
      `  ${row.label}: rows in ${formatCount(c.rowsIn)}, excluded ${formatCount(c.rowsExcluded)} (${formatCount(c.excludedListed)} listed), unreadable lines ${formatCount(c.unreadableLines)}`,
    );
  }
  const output = join(DATA, "results.json");
  writeFileSync(
    output,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cores: availableParallelism(),
        loadAverage: loadavg(),
        seed: SEED,
        gap5Available: hasGap5,
        floorAvailable: hasFloor,
        results: rows.map(({ stageLabel: _, ...row }) => row),
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `\nresults: ${relative(ROOT, output)}; total ${((performance.now() - started) / 1000).toFixed(0)} s; load now ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  console.log(
    "rows/s = respondents per second; ours/floor = our time / floor.cjs time on the same file; cpu = user + system CPU seconds of the process (all threads)",
  );
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * One result per stage from rounds of results: medians of the times and peak RSS, and the
 * median of each round's ratio to the floor of the same round ("csv+gap5" is added per round).
 */
/**
 * The gapCells stages of one input against gap5-tables (the like-for-like baseline: the same
 * figures, ungrouped) and gap5 (with reliability), as the median over the rounds of each
 * round's ratio, wall and CPU.
 */
function gapCellsRatios(rounds, label) {
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const ok = (result) => result !== undefined && !result.error;
  const lines = [];
  for (const stage of ["gap5-cells", "gap5-cells-shuffled"]) {
    for (const base of ["gap5-tables", "gap5"]) {
      const pairs = rounds.filter((round) => ok(round[stage]) && ok(round[base]));
      if (pairs.length === 0) continue;
      const wall = median(pairs.map((round) => round[stage].seconds / round[base].seconds));
      const cpus = pairs.map((round) => round[stage].cpuSeconds / round[base].cpuSeconds);
      const cpu = median(cpus);
      const each = cpus.map((ratio) => ratio.toFixed(2)).join(", ");
      lines.push(
        `  ${label} ${stage} / ${base}: time ${wall.toFixed(2)}, cpu ${cpu.toFixed(2)} (median of ${pairs.length} per-round ratio${pairs.length === 1 ? "" : "s"}; cpu is the steadier on a loaded machine; cpu per round ${each})`,
      );
    }
  }
  return lines;
}

function medianOfRounds(rounds) {
  for (const results of rounds) {
    if (results.csv && results.gap5 && !results.csv.error && !results.gap5.error) {
      results["csv+gap5"] = {
        stage: "csv+gap5",
        size: results.csv.size,
        seconds: results.csv.seconds + results.gap5.seconds,
        cpuSeconds: results.csv.cpuSeconds + results.gap5.cpuSeconds,
        maxRssMiB: Math.max(results.csv.maxRssMiB, results.gap5.maxRssMiB),
      };
    }
    const floor = results.floor && !results.floor.error ? results.floor : undefined;
    for (const [stage, result] of Object.entries(results)) {
      if (floor === undefined || result.error || stage === "floor") continue;
      result.ratio = result.seconds / floor.seconds;
      result.cpuRatio = result.cpuSeconds / floor.cpuSeconds;
    }
  }
  const merged = {};
  for (const stage of Object.keys(rounds[0])) {
    const all = rounds.map((results) => results[stage]).filter((r) => r && !r.error);
    if (all.length === 0) {
      merged[stage] = rounds[0][stage];
      continue;
    }
    const pick = (key) =>
      all.every((r) => typeof r[key] === "number") ? median(all.map((r) => r[key])) : undefined;
    merged[stage] = {
      ...all[0],
      runs: all.length,
      seconds: pick("seconds"),
      cpuSeconds: pick("cpuSeconds"),
      maxRssMiB: pick("maxRssMiB"),
      baselineRssMiB: pick("baselineRssMiB"),
      ratio: pick("ratio"),
      cpuRatio: pick("cpuRatio"),
      perRun: all.map((r) => ({ seconds: r.seconds, ratio: r.ratio, maxRssMiB: r.maxRssMiB })),
    };
  }
  return merged;
}

const stage = argument("stage");
if (stage !== undefined) {
  const size = Number(argument("size"));
  await runStage(stage, size, argument("file") ?? csvPath(size));
} else {
  // Gap 3 over delivery records (bench/gap3.mjs): after the survey stages, alone with --gap3,
  // left out with --no-gap3.
  if (!process.argv.includes("--gap3")) await main();
  if (!process.argv.includes("--no-gap3")) {
    const { runGap3Bench } = await import("./gap3.mjs");
    const summary = runGap3Bench(
      Number(argument("gap3-size") ?? 1_000_000),
      Number(argument("runs") ?? 1),
    );
    if (summary !== null)
      writeFileSync(join(DATA, "gap3-results.json"), `${JSON.stringify(summary, null, 2)}\n`);
  }
  // SQL push-down through DuckDB (bench/sql.mjs): last, left out with --no-sql; its size is
  // SERVQUAL_BENCH_SQL_ROWS (default 1,000,000; 10000000 for the 10M run).
  if (!process.argv.includes("--no-sql") && !process.argv.includes("--gap3")) {
    spawnSync(process.execPath, [join(ROOT, "bench", "sql.mjs")], { stdio: "inherit" });
  }
}
