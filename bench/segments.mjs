// compareSegments benchmark: the demo survey (600 respondents, 5 dimensions, 3 regions),
// Welch's ANOVA + Games–Howell and Kruskal–Wallis + Dunn, beside plain gap5 and a one-pass
// floor over the same answers (per region and dimension: n, sum and sum of squares of the
// gap), timed in the same run; medians of --runs repeats (default 15).
//   node bench/segments.mjs [--runs 15]          (after `npm run build`)
import { fileURLToPath } from "node:url";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 15;
const { compareSegments, gap5, instruments } = await import("servqual");
const { readResponsesCsv } = await import("servqual/node");
const file = fileURLToPath(new URL("../data/demo-bank.csv", import.meta.url));
const { dataset } = await readResponsesCsv(file, instruments.servqual22, {
  columns: { segments: ["region"] },
});

/** The floor: one pass accumulating what a per-region comparison of gaps needs. */
function floor() {
  const expectations = dataset.facets.expectation;
  const perceptions = dataset.facets.perception;
  const values = dataset.segments[0].values;
  const labels = [...new Set(values)];
  const codes = values.map((v) => labels.indexOf(v));
  const dims = dataset.instrument.dimensions.length;
  const dimOf = dataset.instrument.dimensions.flatMap((d, index) => d.items.map(() => index));
  const acc = new Float64Array(labels.length * dims * 3);
  for (let i = 0; i < dimOf.length; i++) {
    const e = expectations[i];
    const p = perceptions[i];
    for (let r = 0; r < dataset.n; r++) {
      const gap = p[r] - e[r];
      if (Number.isNaN(gap)) continue;
      const at = (codes[r] * dims + dimOf[i]) * 3;
      acc[at] += 1;
      acc[at + 1] += gap;
      acc[at + 2] += gap * gap;
    }
  }
  return acc;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn) {
  fn(); // warm-up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** CPU time of the first calls (user + system of the whole process, compiler threads included). */
const coldCpu = [];

/**
 * The first call's time: the studentized-range quantiles are not yet cached (nor compiled).
 * Its CPU time is kept too: on a loaded machine the wall time is mostly waiting for a core.
 */
function cold(fn) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  coldCpu.push((used.user + used.system) / 1000);
  return ms;
}

const coldWelch = cold(() => compareSegments(dataset, { by: "region" }));
const coldKruskal = cold(() => compareSegments(dataset, { by: "region", method: "kruskal" }));
const floorMs = time(floor);
const rows = [
  ["one-pass floor", floorMs],
  ["welch + Games–Howell, first call", coldWelch],
  ["kruskal + Dunn, first call", coldKruskal],
  ["gap5", time(() => gap5(dataset))],
  ["compareSegments welch + Games–Howell", time(() => compareSegments(dataset, { by: "region" }))],
  [
    "compareSegments kruskal + Dunn",
    time(() => compareSegments(dataset, { by: "region", method: "kruskal" })),
  ],
];
console.log(
  `compareSegments on ${dataset.n} respondents × 5 dimensions × 3 regions, median of ${runs}`,
);
for (const [name, ms] of rows) {
  console.log(
    `${name.padEnd(40)} ${ms.toFixed(2).padStart(9)} ms  ${(ms / floorMs).toFixed(0).padStart(6)}× floor`,
  );
}
console.log(
  `first calls, CPU time: welch + Games–Howell ${coldCpu[0].toFixed(1)} ms, kruskal + Dunn ${coldCpu[1].toFixed(1)} ms`,
);
