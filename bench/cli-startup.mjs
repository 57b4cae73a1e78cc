// Start-up time of the `servqual` command: `npm run bench:cli` (builds first), or
// `node bench/cli-startup.mjs [--runs 21]` after `npm run build`. See bench/README.md.
//
// Each round runs, in a rotating order, `node -e 0` (the floor: Node starting and doing
// nothing) and the command with --help, --version, a usage error and `instruments` (the last
// loads the library), timing each process from spawn to exit. Reported: the median wall time
// of each, the median of the per-round ratios to the floor of the same round, the maximum,
// and on Linux the mean CPU time (user + system) of the process, which other work on a busy
// machine disturbs less than the wall time (from the waited-for children's times in
// /proc/self/stat, in clock ticks of 10 ms, hence the mean over the rounds).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const at = process.argv.indexOf("--runs");
const RUNS = at === -1 ? 21 : Number(process.argv[at + 1]);

const CASES = [
  ["floor: node -e 0", ["-e", "0"]],
  ["servqual --help", [CLI, "--help"]],
  ["servqual --version", [CLI, "--version"]],
  ["servqual (usage error)", [CLI, "report"]],
  ["servqual instruments (loads the library)", [CLI, "instruments"]],
];

const STAT = "/proc/self/stat";
/** CPU milliseconds used by the waited-for children so far (cutime + cstime), or NaN. */
function childrenCpuMs() {
  if (!existsSync(STAT)) return Number.NaN;
  const fields = readFileSync(STAT, "utf8").split(") ")[1].split(" ");
  // Fields 16 and 17 of proc(5) (cutime, cstime) are at 13 and 14 after the command name.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function time(args) {
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.error) throw run.error;
  return { ms, cpu: childrenCpuMs() - cpuBefore };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

for (const [, args] of CASES) time(args); // warm the file cache
const times = CASES.map(() => []);
const cpu = CASES.map(() => 0);
for (let round = 0; round < RUNS; round++) {
  for (let k = 0; k < CASES.length; k++) {
    const index = (k + round) % CASES.length;
    const measured = time(CASES[index][1]);
    times[index].push(measured.ms);
    cpu[index] += measured.cpu;
  }
}
const floor = times[0];
const results = CASES.map(([label], index) => {
  const ratios = times[index].map((ms, round) => ms / floor[round]);
  return {
    label,
    medianMs: median(times[index]),
    maxMs: Math.max(...times[index]),
    medianRatioToFloor: median(ratios),
    meanCpuMs: cpu[index] / RUNS,
  };
});
console.log(`servqual start-up, ${RUNS} rounds (wall time from spawn to exit)`);
console.log(
  "case                                       median ms   max ms   ratio to floor   cpu ms (mean)   cpu ratio",
);
for (const r of results) {
  console.log(
    `${r.label.padEnd(42)} ${r.medianMs.toFixed(0).padStart(9)} ${r.maxMs.toFixed(0).padStart(8)} ${r.medianRatioToFloor.toFixed(2).padStart(16)} ${r.meanCpuMs.toFixed(0).padStart(15)} ${(r.meanCpuMs / results[0].meanCpuMs).toFixed(2).padStart(11)}`,
  );
}
mkdirSync(join(ROOT, "bench", "data"), { recursive: true });
writeFileSync(
  join(ROOT, "bench", "data", "cli-startup.json"),
  `${JSON.stringify({ runs: RUNS, node: process.version, results }, null, 2)}\n`,
);
