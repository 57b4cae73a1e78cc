// The cost of the HTML report, against the one-pass floor timed in the same run.
//
//   npm run build && node bench/render-html.mjs [--rows 1000000] [--runs 15] [--vega DIR]
//
// Reads gen.cjs's file of --rows respondents (written to bench/data/ with
// ../shared/bench/gen.cjs when missing; without ../shared the demo survey is used), builds the
// gap report once, then times renderHtml (median of --runs), renderMarkdown and renderJson for
// comparison, readResponsesCsv + gap5 once, and floor.cjs on the same file in a child process.
// With --vega DIR (a folder where `npm install vega vega-lite` was run), it also draws every
// chart of the same document with Vega-Lite → Vega → SVG (view.toSVG()), for the comparison
// the README states. Nothing fails on a slow run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED_BENCH = join(ROOT, "..", "shared", "bench");
const argument = (name) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
};
const rows = Number(argument("rows") ?? 1_000_000);
const runs = Number(argument("runs") ?? 15);
const vegaDir = argument("vega");

const core = await import("servqual");
const { readResponsesCsv } = await import("servqual/node");
const report = await import("servqual/report");

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
async function timed(fn, n = runs) {
  const times = [];
  let value;
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    value = await fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), value };
}

let file = join(ROOT, "data", "demo-bank.csv");
let options = { columns: { segments: ["region", "channel"] } };
const hasShared =
  existsSync(join(SHARED_BENCH, "floor.cjs")) && existsSync(join(SHARED_BENCH, "gen.cjs"));
if (hasShared) {
  const data = join(ROOT, "bench", "data");
  mkdirSync(data, { recursive: true });
  file = join(data, `sq${rows}.csv`);
  if (!existsSync(file)) {
    spawnSync(process.execPath, [join(SHARED_BENCH, "gen.cjs"), String(rows)], {
      cwd: data,
      stdio: "inherit",
    });
  }
  options = { columns: { expectation: "E{item}", perception: "P{item}" } };
}

const floorMs = hasShared
  ? (() => {
      const times = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        spawnSync(process.execPath, [join(SHARED_BENCH, "floor.cjs"), file], { stdio: "ignore" });
        times.push(performance.now() - start);
      }
      return median(times);
    })()
  : undefined;

const read = await timed(async () => {
  const validated = await readResponsesCsv(file, core.instruments.servqual22, options);
  return { validated, gap: core.gap5(validated.dataset) };
}, 1);
const { dataset, report: validation } = read.value.validated;
const document = report.buildGapReport(dataset, validation, { title: "Bench" });
const html = await timed(() => report.renderHtml(document));
const markdown = await timed(() => report.renderMarkdown(document));
const json = await timed(() => report.renderJson(document));
const charts = document.sections.flatMap((s) => s.blocks).filter((b) => b.kind === "chart");

const out = {
  file: file.replace(`${ROOT}/`, ""),
  respondents: dataset.n,
  charts: charts.length,
  htmlBytes: Buffer.byteLength(html.value),
  renderHtmlMs: html.ms,
  renderHtmlPerChartMs: html.ms / charts.length,
  renderMarkdownMs: markdown.ms,
  renderJsonMs: json.ms,
  readResponsesCsvPlusGap5Ms: read.ms,
  floorMs,
  htmlOverFloor: floorMs === undefined ? undefined : html.ms / floorMs,
  htmlOverReadPlusGap5: html.ms / read.ms,
};

if (vegaDir !== undefined) {
  const require = createRequire(pathToFileURL(join(vegaDir, "package.json")));
  const importStart = performance.now();
  const vega = await import(pathToFileURL(require.resolve("vega")).href);
  const vl = await import(pathToFileURL(require.resolve("vega-lite")).href);
  out.vegaImportMs = performance.now() - importStart;
  const drawAll = async () => {
    const svgs = [];
    for (const chart of charts) {
      const spec = vl.compile(report.toVegaLite(chart)).spec;
      svgs.push(await new vega.View(vega.parse(spec), { renderer: "none" }).toSVG());
    }
    return svgs;
  };
  const vegaRun = await timed(drawAll, Math.min(runs, 7));
  out.vegaAllChartsMs = vegaRun.ms;
  out.vegaPerChartMs = vegaRun.ms / charts.length;
  out.vegaSvgBytes = vegaRun.value.reduce((sum, svg) => sum + svg.length, 0);
  out.vegaOverOurs = vegaRun.ms / html.ms;
  out.vegaOverFloor = floorMs === undefined ? undefined : vegaRun.ms / floorMs;
}
console.log(JSON.stringify(out, null, 2));
