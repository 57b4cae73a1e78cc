// servqual SQL push-down benchmark: part of `npm run bench` (bench/run.mjs runs it last; `--no-sql`
// leaves it out), or alone after a build (`npm run bench:sql`):
//   node bench/sql.mjs [--rows N] [--ratio-rows 1000000] [--runs 1] [--threads 2]
//                      [--memory-limit 96MB] [--help]
// N defaults to SERVQUAL_BENCH_SQL_ROWS or 1,000,000 (a few minutes on 2 cores);
// SERVQUAL_BENCH_SQL_ROWS=10000000 npm run bench (or --rows 10000000) times 10M respondents.
// 1. DuckDB writes a seeded SERVQUAL-22 survey (E1..E22, P1..P22 on 1..7, 1% missing answers)
//    to bench/data/sql-<rows>.parquet: answers from DuckDB's hash() of (row, column, seed), so the
//    file is the same on every machine and with any number of threads.
// 2. Gap 5 with reliability through DuckDB push-down (runGapSql on the Parquet file): wall time
//    and the peak RSS of this Node process (DuckDB runs inside it, so its memory counts too).
// 3. For --ratio-rows rows: the same through DuckDB, the in-memory path on the same answers
//    (validateColumns on Float32Array columns + gap5, columns read from the file before the
//    clock starts) and the one-pass floor (../shared/bench/floor.cjs on the same rows as CSV),
//    all in this run; medians of --runs.
// Peak RSS is process.resourceUsage().maxRSS; each size runs in its own child process so the
// figure is its own.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const DATA = join(HERE, "data");
const FLOOR = join(HERE, "..", "..", "shared", "bench", "floor.cjs");
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mib = (kib) => (kib / 1024).toFixed(0);

const DIMENSIONS = [4, 5, 4, 4, 5];

/** The SELECT list of the generator: a respondent level per dimension, answers around it. */
function generatorColumns() {
  const columns = { E: [], P: [] };
  let item = 0;
  DIMENSIONS.forEach((size, d) => {
    for (let j = 0; j < size; j++, item++) {
      for (const [facet, shift] of [
        ["E", 2],
        ["P", 0],
      ]) {
        const level = `(hash(i, ${d}, 'level') % 3)`;
        const noise = `(hash(i, ${item}, '${facet}') % 3)`;
        const value = `least(7, ${1 + shift} + ${level} + ${noise})`;
        const missing = `hash(i, ${item}, '${facet}', 'missing') % 100 = 0`;
        columns[facet].push(
          `CASE WHEN ${missing} THEN NULL ELSE ${value} END::DOUBLE AS ${facet}${item + 1}`,
        );
      }
    }
  });
  // E1..E22 then P1..P22, as the floor's CSV layout expects.
  return [...columns.E, ...columns.P].join(", ");
}

/**
 * The DuckDB settings of the push-down runs (docs/sql.md, "Speed and memory"; the command's
 * defaults, src/cli/duckdbSettings.ts): one thread (each thread keeps its own expression state,
 * about 33 MiB for the widest statement; `--threads 2` for speed); a memory limit, beyond which
 * DuckDB writes the staged table's blocks to temp_directory; no insertion order to keep; the
 * allocator hands freed memory back after each task (the statements run one after the other,
 * so what one freed is not kept into the next); no cache of the file's blocks (each statement
 * reads the file once).
 */
export const DUCKDB_SETTINGS = {
  threads: "1",
  memory_limit: "96MB",
  temp_directory: join(DATA, "duckdb-tmp"),
  preserve_insertion_order: "false",
  allocator_flush_threshold: "1MB",
  allocator_background_threads: "true",
  enable_external_file_cache: "false",
};

/**
 * glibc's malloc arenas of the child processes: DuckDB (without jemalloc in @duckdb/node-api)
 * allocates through glibc, whose per-thread arenas keep freed memory apart; two arenas took a
 * 1M-row run of the statements from 203 to 178 MiB (docs/sql.md). Read by glibc when a process
 * starts, so it is set in the environment of each child; MALLOC_ARENA_MAX in this process's
 * environment (e.g. MALLOC_ARENA_MAX=8) is handed on instead.
 */
const MALLOC_ARENA_MAX = process.env.MALLOC_ARENA_MAX ?? "2";

/** A size DuckDB reads (the CLI's `--duckdb-memory-limit` grammar). */
const SIZE = /^[0-9]+(?:\.[0-9]+)?\s*(?:B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)$/i;

/** DUCKDB_SETTINGS with `--threads` and `--memory-limit` in place of theirs (checked in main). */
function duckSettings() {
  return {
    ...DUCKDB_SETTINGS,
    threads: arg("threads", DUCKDB_SETTINGS.threads),
    memory_limit: arg("memory-limit", DUCKDB_SETTINGS.memory_limit),
  };
}

/** The DuckDB options of this run, handed on to each child process. */
function duckArgs() {
  const { threads, memory_limit } = duckSettings();
  return ["--threads", threads, "--memory-limit", memory_limit];
}

async function duck() {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", duckSettings());
  return instance.connect();
}

async function ensureFiles(rows) {
  mkdirSync(DATA, { recursive: true });
  const parquet = join(DATA, `sql-${rows}.parquet`);
  const csv = join(DATA, `sql-${rows}.csv`);
  const connection = await duck();
  if (!existsSync(parquet)) {
    await connection.run(
      `COPY (SELECT ${generatorColumns()} FROM range(${Number(rows)}) t(i)) TO '${parquet}' (FORMAT parquet)`,
    );
  }
  if (!existsSync(csv)) {
    await connection.run(`COPY (SELECT * FROM '${parquet}') TO '${csv}' (HEADER, DELIMITER ',')`);
  }
  connection.closeSync();
  return { parquet, csv };
}

const OPTIONS = {
  columns: { expectation: "E{item}", perception: "P{item}" },
};

/** One stage in this (child) process; prints one JSON line. */
async function stage(name, file, rows) {
  const servqual = await import("servqual/node");
  const instrument = servqual.instruments.servqual22;
  if (name === "duckdb" || name === "duckdb-staged") {
    const connection = await duck();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const options = { ...OPTIONS, table: file };
    let groups;
    if (name === "duckdb") {
      // runGapSql's default form: the self-contained statements, each reading the file.
      ({ groups } = await servqual.runGapSql(connection, instrument, options));
    } else {
      // The opt-in staged form (answer cells decided once into a temporary table).
      ({ groups } = await servqual.runGapSql(connection, instrument, { ...options, staged: true }));
    }
    const seconds = (performance.now() - start) / 1000;
    const gap = groups[0]?.result.overall.unweighted.gap.mean;
    console.log(
      JSON.stringify({
        name,
        rows,
        seconds,
        cpuSeconds: (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6,
        maxRss: process.resourceUsage().maxRSS,
        gap,
      }),
    );
    return;
  }
  // In memory: the same answers as Float32Array columns (read before the clock starts).
  const connection = await duck();
  const reader = await connection.runAndReadAll(`SELECT * FROM '${file}'`);
  const names = reader.columnNames();
  const columns = {};
  names.forEach((column, c) => {
    const values = new Float32Array(reader.currentRowCount);
    const data = reader.getColumnsJS()[c];
    for (let r = 0; r < values.length; r++) values[r] = data[r] === null ? Number.NaN : data[r];
    columns[column] = values;
  });
  connection.closeSync();
  const start = performance.now();
  const { dataset } = servqual.validateColumns({ columns }, instrument, {
    columns: OPTIONS.columns,
  });
  const result = servqual.gap5(dataset);
  const seconds = (performance.now() - start) / 1000;
  const gap = result.overall.unweighted.gap.mean;
  console.log(JSON.stringify({ name, rows, seconds, maxRss: process.resourceUsage().maxRSS, gap }));
}

function child(args) {
  const result = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), ...args, ...duckArgs()],
    {
      encoding: "utf8",
      maxBuffer: 1 << 24,
      env: { ...process.env, MALLOC_ARENA_MAX },
    },
  );
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1));
}

function floor(csv) {
  if (!existsSync(FLOOR)) return null;
  const result = spawnSync(process.execPath, [FLOOR, csv], { encoding: "utf8" });
  const match = /read ([\d.]+) s, one pass ([\d.]+) s/.exec(result.stdout);
  return match === null ? null : Number(match[1]) + Number(match[2]);
}

const HELP = `node bench/sql.mjs [--rows N] [--ratio-rows M] [--runs R] [--threads T] [--memory-limit S]
  --rows N        respondents of the push-down run (default SERVQUAL_BENCH_SQL_ROWS or 1000000)
  --ratio-rows M  respondents of the DuckDB / in-memory / floor comparison (default 1000000)
  --runs R        runs of each stage, medians reported (default 1)
  --threads T     DuckDB threads (default 1); each thread keeps its own expression state
                  (about 33 MiB for SERVQUAL-22's widest statement)
  --memory-limit S DuckDB memory_limit, a size such as 96MB or 1GB (default 96MB): DuckDB's
                  buffers, not the whole process
  --staged        also time runGapSql's opt-in staged form (answer cells decided once into a
                  temporary table) beside its default self-contained statements, alternating,
                  on --ratio-rows rows
Each stage runs in a child process with MALLOC_ARENA_MAX=2 (glibc's malloc arenas) unless the
environment sets another value.
Writes bench/data/sql-<n>.parquet (seeded, by DuckDB) and .csv (for the floor) once, then
reuses them; results also go to bench/data/sql-results.json.`;

async function main() {
  if (process.argv.includes("--help")) {
    console.log(HELP);
    return;
  }
  if (process.argv.includes("--stage")) {
    await stage(arg("stage"), arg("file"), Number(arg("rows")));
    return;
  }
  const rows = Number(arg("rows", process.env.SERVQUAL_BENCH_SQL_ROWS ?? "1000000"));
  const ratioRows = Number(arg("ratio-rows", "1000000"));
  const runs = Number(arg("runs", "1"));
  for (const [name, value] of [
    ["rows", rows],
    ["ratio-rows", ratioRows],
    ["runs", runs],
  ]) {
    if (!Number.isSafeInteger(value) || value < 1) {
      console.error(`bench/sql.mjs: --${name} must be a whole number ≥ 1\n${HELP}`);
      process.exit(2);
    }
  }
  const threads = Number(arg("threads", DUCKDB_SETTINGS.threads));
  if (!/^[0-9]+$/.test(String(arg("threads", "1"))) || threads < 1 || threads > 256) {
    console.error(`bench/sql.mjs: --threads must be a whole number from 1 to 256\n${HELP}`);
    process.exit(2);
  }
  if (!SIZE.test(String(arg("memory-limit", "96MB")))) {
    console.error(`bench/sql.mjs: --memory-limit must be a size such as 96MB or 1GB\n${HELP}`);
    process.exit(2);
  }
  const { threads: t, memory_limit: m } = duckSettings();
  console.log(
    `SQL push-down: ${rows} and ${ratioRows} respondents × SERVQUAL-22, ${runs} runs; DuckDB threads ${t}, memory_limit ${m}, MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX}`,
  );
  const small = await ensureFiles(ratioRows);
  const big = rows === ratioRows ? small : await ensureFiles(rows);
  const staged = process.argv.includes("--staged");
  const smallRuns = { duckdb: [], staged: [], memory: [], floor: [] };
  const bigRuns = rows === ratioRows ? smallRuns.duckdb : [];
  for (let r = 0; r < runs && rows !== ratioRows; r++) {
    bigRuns.push(child(["--stage", "duckdb", "--file", big.parquet, "--rows", String(rows)]));
  }
  for (let r = 0; r < runs; r++) {
    smallRuns.duckdb.push(
      child(["--stage", "duckdb", "--file", small.parquet, "--rows", String(ratioRows)]),
    );
    if (staged) {
      smallRuns.staged.push(
        child(["--stage", "duckdb-staged", "--file", small.parquet, "--rows", String(ratioRows)]),
      );
    }
    smallRuns.memory.push(
      child(["--stage", "memory", "--file", small.parquet, "--rows", String(ratioRows)]),
    );
    const f = floor(small.csv);
    if (f !== null) smallRuns.floor.push(f);
  }
  const seconds = (list) => median(list.map((x) => x.seconds));
  const rss = (list) => Math.max(...list.map((x) => x.maxRss));
  const floorSeconds = smallRuns.floor.length > 0 ? median(smallRuns.floor) : null;
  const bigFloor = floorSeconds === null ? null : (floorSeconds * rows) / ratioRows;
  console.log(
    `${rows} rows, DuckDB push-down, Gap 5 with reliability: ${seconds(bigRuns).toFixed(2)} s (median), peak RSS ${mib(rss(bigRuns))} MiB` +
      (bigFloor === null
        ? ""
        : `, ≈ ${(seconds(bigRuns) / bigFloor).toFixed(2)}× the floor scaled from ${ratioRows} rows`),
  );
  console.log(
    `${ratioRows} rows: DuckDB ${seconds(smallRuns.duckdb).toFixed(2)} s (peak ${mib(rss(smallRuns.duckdb))} MiB), ` +
      `in memory (validateColumns + gap5) ${seconds(smallRuns.memory).toFixed(2)} s (peak ${mib(rss(smallRuns.memory))} MiB), ` +
      `ratio DuckDB / in memory ${(seconds(smallRuns.duckdb) / seconds(smallRuns.memory)).toFixed(2)}` +
      (floorSeconds === null
        ? ", floor not found"
        : `, floor ${floorSeconds.toFixed(2)} s: DuckDB ${(seconds(smallRuns.duckdb) / floorSeconds).toFixed(2)}× floor, in memory ${(seconds(smallRuns.memory) / floorSeconds).toFixed(2)}× floor`),
  );
  if (staged) {
    const cpu = (list) => median(list.map((x) => x.cpuSeconds));
    console.log(
      `${ratioRows} rows, CPU seconds (DuckDB's threads included): self-contained ${cpu(smallRuns.duckdb).toFixed(2)}, staged ${cpu(smallRuns.staged).toFixed(2)}`,
    );
    console.log(
      `${ratioRows} rows, the staged form (opt-in): ${seconds(smallRuns.staged).toFixed(2)} s (peak ${mib(rss(smallRuns.staged))} MiB)` +
        (floorSeconds === null
          ? ""
          : `, ${(seconds(smallRuns.staged) / floorSeconds).toFixed(2)}× floor`) +
        `; staged / self-contained ${(seconds(smallRuns.staged) / seconds(smallRuns.duckdb)).toFixed(2)}`,
    );
  }
  writeFileSync(
    join(DATA, "sql-results.json"),
    `${JSON.stringify({ rows, ratioRows, runs, big: rows === ratioRows ? null : bigRuns, ...smallRuns }, null, 2)}\n`,
  );
  const a = smallRuns.duckdb[0]?.gap;
  const b = smallRuns.memory[0]?.gap;
  console.log(`same result: overall gap ${a} (DuckDB) vs ${b} (in memory)`);
}

await main();
