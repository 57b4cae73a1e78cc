// What `servqual report` costs beyond reading the file and Gap 5 (issue 16's target: < 20%).
// Part of `npm run bench` (after bench/run.mjs); alone, after `npm run build`:
//   node bench/report.mjs [--runs 3] [--file F.csv ...]
// Each round runs, each in its own process, on the same file: floor.cjs (the yardstick, when
// ../shared/bench is there), `base` = readResponsesCsv + gap5 (what the command cannot avoid),
// and `command` = the built bin, `servqual report F --format md,json,csv,html --quiet` (every
// analysis, the four renderers, provenance with the file's SHA-256, the files written). Wall
// time is measured from the process start to its exit and CPU is the process's user + system
// time (all threads), so Node's start-up counts in both. The cost of the report is
// (command − base) / base, per round; the medians over the rounds are printed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DATA = join(ROOT, "bench", "data");
const SHARED_BENCH = join(ROOT, "..", "shared", "bench");
const CLI = join(ROOT, "dist", "cli.js");
const MARK = "REPORT-BENCH ";
/** The bench files name their columns E1..E22, P1..P22. */
const COLUMNS = { expectation: "E{item}", perception: "P{item}" };

function argument(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

/** At exit: this process's wall time since it started and its CPU time (all threads). */
function reportAtExit(extra = {}) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const result = {
      seconds: performance.now() / 1000,
      cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      maxRssMiB: usage.maxRSS / 1024,
      ...extra,
    };
    process.stderr.write(`\n${MARK}${JSON.stringify(result)}\n`);
  });
}

// ------------------------------------------------------------------ one part (child process)

async function runPart(part, file) {
  if (part === "base") {
    reportAtExit();
    const core = await import("servqual");
    const { readResponsesCsv } = await import("servqual/node");
    const { dataset } = await readResponsesCsv(file, core.instruments.servqual22, {
      columns: COLUMNS,
    });
    core.gap5(dataset);
  } else if (part === "command") {
    const out = mkdtempSync(join(tmpdir(), "servqual-report-bench-"));
    const map = join(out, "columns.json");
    writeFileSync(map, JSON.stringify(COLUMNS));
    reportAtExit();
    process.argv = [
      process.argv[0],
      CLI,
      "report",
      file,
      "--columns",
      map,
      "--format",
      "md,json,csv,html",
      "--out",
      join(out, "report"),
      "--quiet",
    ];
    await import(pathToFileURL(CLI).href);
  } else if (part === "floor") {
    reportAtExit();
    process.argv[2] = file;
    await import(pathToFileURL(join(SHARED_BENCH, "floor.cjs")).href);
  }
}

function child(part, file) {
  const run = spawnSync(process.execPath, [SCRIPT, "--part", part, "--file", file], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const line = run.stderr.split("\n").find((l) => l.startsWith(MARK));
  if (run.status !== 0 || line === undefined) {
    return { error: `exit ${run.status}: ${run.stderr.trim().split("\n").slice(-3).join(" | ")}` };
  }
  return JSON.parse(line.slice(MARK.length));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main() {
  if (!existsSync(CLI)) {
    console.error("bench/report.mjs: build first (npm run build)");
    process.exitCode = 1;
    return;
  }
  const runs = Math.max(1, Number(argument("runs") ?? 3));
  const hasFloor = existsSync(join(SHARED_BENCH, "floor.cjs"));
  const files = [];
  for (let i = 0; i < process.argv.length; i++) {
    if (process.argv[i] === "--file") files.push(process.argv[i + 1]);
  }
  if (files.length === 0) {
    // gen.cjs's 1M file (the speed targets' file) and run.mjs's seeded 1M file, when present.
    mkdirSync(DATA, { recursive: true });
    const gen = join(DATA, "sq1000000.csv");
    if (!existsSync(gen) && existsSync(join(SHARED_BENCH, "gen.cjs"))) {
      spawnSync(process.execPath, [join(SHARED_BENCH, "gen.cjs"), "1000000"], { cwd: DATA });
    }
    for (const file of [gen, join(DATA, "servqual22-seed20240101-1000000.csv")]) {
      if (existsSync(file)) files.push(file);
    }
  }
  if (files.length === 0) {
    console.log("bench/report.mjs: no 1M-row file (run bench/run.mjs, or pass --file F.csv)");
    return;
  }
  console.log(
    `servqual report cost: node ${process.version}, ${availableParallelism()} cores, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}, ${runs} rounds`,
  );
  const summary = [];
  for (const file of files) {
    const rounds = [];
    for (let round = 0; round < runs; round++) {
      const result = {};
      for (const part of [...(hasFloor ? ["floor"] : []), "base", "command"]) {
        result[part] = child(part, file);
        const r = result[part];
        console.log(
          `  ${file.split("/").pop()} ${part} (run ${round + 1}): ${r.error ?? `${r.seconds.toFixed(2)} s, cpu ${r.cpuSeconds.toFixed(2)} s`}`,
        );
      }
      if (!result.base.error && !result.command.error) rounds.push(result);
    }
    if (rounds.length === 0) continue;
    const pick = (part, key) => median(rounds.map((r) => r[part][key]));
    const share = (key) => median(rounds.map((r) => (r.command[key] - r.base[key]) / r.base[key]));
    const row = {
      file: file.split("/").pop(),
      rounds: rounds.length,
      baseSeconds: pick("base", "seconds"),
      baseCpuSeconds: pick("base", "cpuSeconds"),
      commandSeconds: pick("command", "seconds"),
      commandCpuSeconds: pick("command", "cpuSeconds"),
      beyondWall: share("seconds"),
      beyondCpu: share("cpuSeconds"),
      ...(hasFloor
        ? {
            floorSeconds: pick("floor", "seconds"),
            floorCpuSeconds: pick("floor", "cpuSeconds"),
            commandOverFloorCpu: median(
              rounds.map((r) => r.command.cpuSeconds / r.floor.cpuSeconds),
            ),
          }
        : {}),
    };
    summary.push(row);
    console.log(
      `${row.file}: read+gap5 ${row.baseSeconds.toFixed(2)} s (cpu ${row.baseCpuSeconds.toFixed(2)}), report ${row.commandSeconds.toFixed(2)} s (cpu ${row.commandCpuSeconds.toFixed(2)}): beyond read+gap5 wall ${(row.beyondWall * 100).toFixed(1)}%, cpu ${(row.beyondCpu * 100).toFixed(1)}%${hasFloor ? `; floor ${row.floorSeconds.toFixed(2)} s (cpu ${row.floorCpuSeconds.toFixed(2)}), report cpu / floor cpu ${row.commandOverFloorCpu.toFixed(2)}×` : ""} (medians of ${row.rounds})`,
    );
  }
  mkdirSync(DATA, { recursive: true });
  writeFileSync(
    join(DATA, "report-results.json"),
    `${JSON.stringify({ date: new Date().toISOString(), loadAverage: loadavg(), results: summary }, null, 2)}\n`,
  );
}

const part = argument("part");
if (part !== undefined) await runPart(part, argument("file"));
else await main();
