// Import cost of each built entry: `node bench/imports.mjs [--runs 3] [--modules] [--dist DIR]...`
// after `npm run build`. See bench/README.md, "Import cost".
//
// `--dist DIR` (repeatable) measures the build in DIR instead of dist/; given twice or more,
// the builds are measured in the same rounds, in turn (e.g. a copy of an earlier build under
// .tmp/ beside the current one: DIR must be inside the repository so that its imports of
// npm packages resolve to node_modules/).
//
// Each entry is imported in a fresh process (`node bench/imports.mjs --child <case>`), in a
// rotating order, beside bare Node (the same child importing nothing): the yardstick. Printed
// per entry, medians over the rounds: the process's peak RSS (`process.resourceUsage().maxRSS`,
// Node itself included), the heap the import added (`heapUsed` after − before, no forced
// collection) and the wall time of the `import()`. With --modules a last round per entry runs
// with a load hook and prints how many files of each npm package the entry loads (ESM files
// through `module.register`, CommonJS files from `require.cache`, which holds the files that
// @stdlib's packages require from each other).
import { spawnSync } from "node:child_process";
import { createRequire, register } from "node:module";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Cases: label and the built files one `import()` loads (in parallel, as the command does). */
const CASES = {
  "bare node": [],
  servqual: ["index.js"],
  "servqual/sql": ["sql.js"],
  "servqual/node": ["node.js"],
  "servqual/report": ["report.js"],
  "command (node + report)": ["node.js", "report.js"],
};

/** The npm package a file URL belongs to ("@scope/name" or "name"), or undefined. */
export function packageOf(url) {
  const at = url.lastIndexOf("/node_modules/");
  if (at === -1) return undefined;
  const parts = url.slice(at + "/node_modules/".length).split("/");
  return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

async function child(label, dist, listModules) {
  const files = CASES[label];
  const loaded = new Set();
  if (listModules) {
    const { port1, port2 } = new MessageChannel();
    port1.on("message", (url) => loaded.add(url));
    port1.unref();
    register(new URL("./importsHook.mjs", import.meta.url), {
      data: { port: port2 },
      transferList: [port2],
    });
  }
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  await Promise.all(files.map((file) => import(pathToFileURL(`${dist}/${file}`).href)));
  const ms = performance.now() - start;
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  const result = { ms, heapMiB, rssMiB };
  if (listModules) {
    await new Promise((resolve) => setImmediate(resolve));
    const cache = createRequire(import.meta.url).cache;
    for (const path of Object.keys(cache)) loaded.add(pathToFileURL(path).href);
    const packages = {};
    let own = 0;
    for (const url of loaded) {
      const name = packageOf(url);
      if (name !== undefined) packages[name] = (packages[name] ?? 0) + 1;
      else if (url.startsWith(pathToFileURL(dist).href)) own++;
    }
    result.packages = packages;
    result.own = own;
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function run(label, dist, listModules) {
  const args = [fileURLToPath(import.meta.url), "--child", label, "--dist", dist];
  if (listModules) args.push("--modules");
  const out = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  if (out.status !== 0) throw new Error(`${label}: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split("\n").at(-1));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const argv = process.argv.slice(2);
  const childAt = argv.indexOf("--child");
  const dists = argv.flatMap((arg, i) => (argv[i - 1] === "--dist" ? [resolve(ROOT, arg)] : []));
  if (dists.length === 0) dists.push(join(ROOT, "dist"));
  if (childAt !== -1) return child(argv[childAt + 1], dists[0], argv.includes("--modules"));
  const runsAt = argv.indexOf("--runs");
  const runs = runsAt === -1 ? 3 : Number(argv[runsAt + 1]);
  const jobs = Object.keys(CASES).flatMap((label) =>
    (label === "bare node" ? dists.slice(0, 1) : dists).map((dist) => ({ label, dist })),
  );
  const measured = jobs.map(() => []);
  for (const job of jobs) run(job.label, job.dist, false); // warm the file cache
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < jobs.length; k++) {
      const index = (k + round) % jobs.length;
      measured[index].push(run(jobs[index].label, jobs[index].dist, false));
    }
  }
  const name = (job) =>
    dists.length === 1 || job.label === "bare node"
      ? job.label
      : `${job.label} (${relative(ROOT, job.dist)})`;
  console.log(`import cost of the built entries, ${runs} fresh processes each (medians)`);
  console.log(`${"entry".padEnd(44)} peak RSS MiB   +heap MiB   import ms`);
  jobs.forEach((job, index) => {
    const m = measured[index];
    const rss = median(m.map((r) => r.rssMiB));
    const heap = median(m.map((r) => r.heapMiB));
    const ms = median(m.map((r) => r.ms));
    console.log(
      `${name(job).padEnd(44)} ${rss.toFixed(1).padStart(12)} ${heap.toFixed(1).padStart(11)} ${ms.toFixed(0).padStart(11)}`,
    );
  });
  if (argv.includes("--modules")) {
    console.log("\nfiles loaded (one run with a load hook): servqual's own, then per npm package");
    for (const job of jobs.filter((j) => j.label !== "bare node")) {
      const { packages, own } = run(job.label, job.dist, true);
      const stdlib = Object.entries(packages).filter(([p]) => p.startsWith("@stdlib/"));
      const list = Object.entries(packages)
        .filter(([p]) => !p.startsWith("@stdlib/"))
        .sort((a, b) => b[1] - a[1])
        .map(([p, count]) => `${p} ${count}`);
      if (stdlib.length > 0) {
        const files = stdlib.reduce((sum, [, count]) => sum + count, 0);
        list.push(`@stdlib/* ${files} (${stdlib.length} packages)`);
      }
      console.log(`${name(job)}: servqual ${own}; ${list.join(", ") || "no npm package"}`);
    }
  }
}

await main();
