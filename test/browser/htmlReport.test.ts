/**
 * The HTML report as a person sees it, in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): the report of the demo survey and a hand-made document with every chart
 * kind are opened from files. Every chart must render with its title, both axis titles, a
 * legend and one mark per data row (counted from the report document, not from the SVG); each
 * chart is photographed (.tmp/screenshots/*.png) and the picture must hold several colours;
 * axe-core finds no serious or critical accessibility violation; and `<script>`, `onerror=`,
 * `onmouseover=` and `javascript:` payloads in labels, segment values, ids and the instrument
 * name never run (no dialog, no global flag, no injected element), with and without the
 * page's Content-Security-Policy, and show as text.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { instruments } from "../../src/instrument/instruments";
import { readEventsCsv } from "../../src/io/readEventsCsv";
import { readResponsesCsv } from "../../src/io/readResponsesCsv";
import { dissolutionWarnings } from "../../src/relationship/dissolutionWarnings";
import { gap5ByStageTimeline } from "../../src/relationship/gap5ByStageTimeline";
import { relationshipFeatures } from "../../src/relationship/relationshipFeatures";
import { stageTimeline } from "../../src/relationship/stageTimeline";
import { stageTransitions } from "../../src/relationship/stageTransitions";
import { buildGapReport } from "../../src/report/buildGapReport";
import type { ChartSpec } from "../../src/report/chart";
import type { ReportDocument } from "../../src/report/document";
import { layoutGapReport } from "../../src/report/layoutGapReport";
import { renderHtml } from "../../src/report/renderHtml";
import { validateResponses } from "../../src/responses/validateResponses";
import { repoRoot } from "../bundle/bundleFromDist";
import { tinyRecord, tinySpec } from "../gaps/tinySurvey";
import { ALL_CHARTS, chartKindsDocument, DRAWN_ROWS, PAYLOADS } from "../report/chartKindsDocument";
import { CHROMIUM, chromiumAvailable } from "./chromium";
import { fiveGapDemoReport } from "./fiveGapDemo";

const available = chromiumAvailable(
  "the HTML report tests in Chromium (test/browser/htmlReport.test.ts)",
);
const out = join(repoRoot, ".tmp", "browser");
const shots = join(repoRoot, ".tmp", "screenshots");

/** A gap report whose instrument name, labels and respondent ids are payloads. */
function hostileReport(): ReportDocument {
  const instrument = defineInstrument({
    ...tinySpec,
    name: `Survey ${PAYLOADS.script}`,
    dimensions: tinySpec.dimensions.map((d, i) => ({
      ...d,
      label: i === 0 ? PAYLOADS.img : PAYLOADS.attr,
      items: d.items.map((item, j) => ({ ...item, label: j === 0 ? PAYLOADS.js : item.label })),
    })),
  });
  const rows = [
    tinyRecord(PAYLOADS.img, [5, 5, 5, 5, 5], [4, 6, 5, 5, 5]),
    tinyRecord(PAYLOADS.img, [6, 6, 6, 6, 6], [4, 4, 6, 6, 3]),
    tinyRecord(PAYLOADS.script, [4, 4, 4, 4, 4], [4, 5, 4, 4, 7]),
    tinyRecord("r4", [6, 5, 6, 5, 6], [5, 5, 5, 6, 4]),
  ];
  const { dataset, report } = validateResponses(rows, instrument);
  return buildGapReport(dataset, report, { title: `Report ${PAYLOADS.img}`, source: PAYLOADS.js });
}

let browser: Browser | undefined;
let demo: ReportDocument;
const files: Record<"demo" | "kinds" | "hostile", string> = { demo: "", kinds: "", hostile: "" };

beforeAll(async () => {
  if (!available) return;
  mkdirSync(out, { recursive: true });
  mkdirSync(shots, { recursive: true });
  const { dataset, report } = await readResponsesCsv(
    join(repoRoot, "data/demo-bank.csv"),
    instruments.servqual22,
    { columns: { segments: ["region", "channel"] } },
  );
  // with the five-gap sections (overview, Gap 3 by month), as `servqual demo` shows them
  const base = await fiveGapDemoReport(dataset, report);
  // The demo's CRM events add the relationship sections (stage bars, transition heatmap, Gap 5 by stage).
  const asOf = "2025-12-31T23:59:59.999Z";
  const { events } = await readEventsCsv(join(repoRoot, "data/demo-events.csv"), { asOf });
  const timeline = stageTimeline(events, { from: "2024-01-01", to: asOf });
  demo = layoutGapReport({
    ...base.results,
    relationship: {
      timeline,
      transitions: stageTransitions(timeline),
      atRisk: dissolutionWarnings(relationshipFeatures(events, { asOf })),
      gap5ByStage: gap5ByStageTimeline(dataset, timeline, { reliability: false }),
    },
  });
  const pages = { demo, kinds: chartKindsDocument, hostile: hostileReport() };
  for (const [name, document] of Object.entries(pages)) {
    const file = join(out, `${name}.html`);
    writeFileSync(file, renderHtml(document));
    files[name as keyof typeof files] = pathToFileURL(file).href;
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

async function open(url: string, options: { bypassCSP?: boolean } = {}) {
  if (browser === undefined) throw new Error("Chromium did not start");
  const context = await browser.newContext({ bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  const events: string[] = [];
  page.on("dialog", (dialog) => {
    events.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => events.push(`error: ${error.message}`));
  page.on("console", (message) => events.push(`console: ${message.text()}`));
  await page.goto(url);
  return { page, events, close: () => context.close() };
}

const chartsOf = (document: ReportDocument): ChartSpec[] =>
  document.sections.flatMap((s) => s.blocks).filter((b): b is ChartSpec => b.kind === "chart");

/** What the browser drew for each chart: texts, mark and legend counts, boxes. */
async function drawnCharts(page: Page) {
  return page.$$eval("figure.chart svg", (svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      const marks = Array.from(svg.querySelectorAll(".mark")).map((m) => {
        const b = m.getBoundingClientRect();
        return { width: b.width, height: b.height, x: b.x, y: b.y };
      });
      return {
        id: svg.getAttribute("data-chart-id"),
        title: svg.querySelector(".chart-title")?.textContent,
        name: svg.querySelector("title")?.textContent,
        desc: svg.querySelector("desc")?.textContent ?? "",
        x: svg.querySelector('.axis-title[data-axis="x"]')?.textContent,
        y: svg.querySelector('.axis-title[data-axis="y"]')?.textContent,
        legend: svg.querySelectorAll(".legend-entry").length,
        ticks: svg.querySelectorAll(".tick-label").length,
        marks,
        box: { width: box.width, height: box.height, x: box.x, y: box.y },
        role: svg.getAttribute("role"),
      };
    }),
  );
}

/** The number of distinct colours of a PNG, decoded by the browser in a blank page. */
async function coloursOf(
  blank: Page,
  png: Buffer,
): Promise<{ width: number; height: number; colours: number }> {
  return await blank.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d");
    if (context === null) throw new Error("no canvas");
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, image.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      seen.add(
        ((data[i] as number) << 16) | ((data[i + 1] as number) << 8) | (data[i + 2] as number),
      );
    }
    return { width: image.width, height: image.height, colours: seen.size };
  }, png.toString("base64"));
}

describe.skipIf(!available)("the HTML report in headless Chromium", () => {
  it("renders every chart of the demo report with its title, axes, legend and one mark per row", async () => {
    const { page, events, close } = await open(files.demo);
    try {
      const drawn = await drawnCharts(page);
      const specs = chartsOf(demo);
      expect(specs.map((c) => c.id)).toEqual([
        "dimension-gaps",
        "expected-perceived",
        "items-by-gap",
        "importance-performance",
        "stage-distribution-chart",
        "stage-transitions-chart",
        "gap5-by-stage-chart",
        "five-gap-overview",
        "gap3-periods",
      ]);
      expect(drawn.map((d) => d.id)).toEqual(specs.map((c) => c.id));
      specs.forEach((spec, i) => {
        const d = drawn[i];
        if (d === undefined) throw new Error(`chart ${spec.id} not drawn`);
        expect(d.title).toBe(spec.title);
        expect(d.name).toBe(spec.title);
        expect(d.role).toBe("img");
        expect(d.desc.length).toBeGreaterThan(40);
        expect(d.x).toBe(spec.x.title);
        expect(d.y).toBe(spec.y.title);
        expect(d.legend).toBeGreaterThan(0);
        expect(d.ticks).toBeGreaterThan(2);
        // every value of the demo is computed: one visible mark per data row, inside the chart
        expect(d.marks.length, spec.id).toBe(spec.data.length);
        for (const m of d.marks) {
          expect(m.width > 0 && m.height > 0).toBe(true);
          expect(m.x).toBeGreaterThanOrEqual(d.box.x - 1);
          expect(m.x + m.width).toBeLessThanOrEqual(d.box.x + d.box.width + 1);
          expect(m.y).toBeGreaterThanOrEqual(d.box.y - 1);
          expect(m.y + m.height).toBeLessThanOrEqual(d.box.y + d.box.height + 1);
        }
      });
      expect(events).toEqual([]);
    } finally {
      await close();
    }
  });

  it("renders every chart kind (trends, segments, five gaps, stages, transitions) of a hand-made document", async () => {
    const { page, close } = await open(files.kinds);
    try {
      const drawn = await drawnCharts(page);
      expect(drawn.map((d) => d.id)).toEqual(ALL_CHARTS.map((c) => c.id));
      ALL_CHARTS.forEach((spec, i) => {
        expect(drawn[i]?.title).toBe(spec.title);
        expect(drawn[i]?.x).toBe(spec.x.title);
        expect(drawn[i]?.y).toBe(spec.y.title);
        expect(drawn[i]?.marks.length, spec.id).toBe(DRAWN_ROWS[spec.id]);
      });
    } finally {
      await close();
    }
  });

  it("photographs each chart: a PNG of the chart's size with several colours", async () => {
    const blank = await open("about:blank");
    for (const [name, url] of [
      ["demo", files.demo],
      ["kinds", files.kinds],
    ] as const) {
      const { page, close } = await open(url);
      try {
        const svgs = await page.$$("figure.chart svg");
        expect(svgs.length).toBeGreaterThan(0);
        for (const svg of svgs) {
          const id = await svg.getAttribute("data-chart-id");
          const file = join(shots, `${name}-${id}.png`);
          await svg.screenshot({ path: file });
          const png = readFileSync(file);
          expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
          const box = await svg.boundingBox();
          const picture = await coloursOf(blank.page, png);
          expect(Math.abs(picture.width - Math.round(box?.width ?? 0))).toBeLessThanOrEqual(1);
          // white, black text and at least one data colour: not a blank picture
          expect(picture.colours, `${name}-${id}`).toBeGreaterThan(8);
        }
      } finally {
        await close();
      }
    }
    await blank.close();
  });

  it("has no serious or critical accessibility violation (axe-core)", async () => {
    const require = createRequire(import.meta.url);
    const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
    for (const url of [files.demo, files.kinds, files.hostile]) {
      const { page, close } = await open(url);
      try {
        // The page's CSP forbids scripts, so axe is evaluated by the test driver, not injected.
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => {
          const axe = (
            globalThis as unknown as {
              axe: {
                run: (
                  c: unknown,
                  o: unknown,
                ) => Promise<{
                  violations: { id: string; impact: string; nodes: unknown[] }[];
                  passes: unknown[];
                }>;
              };
            }
          ).axe;
          const result = await axe.run(document, { resultTypes: ["violations"] });
          return {
            passes: result.passes.length,
            list: result.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              nodes: v.nodes.length,
            })),
          };
        });
        // axe ran its rules on the page (html-has-lang, document-title, image-alt, …)
        expect(violations.passes).toBeGreaterThan(10);
        expect(
          violations.list.filter((v) => v.impact === "serious" || v.impact === "critical"),
        ).toEqual([]);
      } finally {
        await close();
      }
    }
  });

  it("never runs a payload, with or without the page's CSP, and shows each as text", async () => {
    for (const url of [files.kinds, files.hostile]) {
      for (const bypassCSP of [false, true]) {
        const { page, events, close } = await open(url, { bypassCSP });
        try {
          // hover and click everything a handler could sit on
          for (const selector of [
            "h1",
            "section",
            "td",
            "svg .mark",
            "svg .point-label",
            "summary",
          ]) {
            for (const element of (await page.$$(selector)).slice(0, 6)) {
              await element.hover({ force: true }).catch(() => undefined);
              await element.click({ force: true, trial: false }).catch(() => undefined);
            }
          }
          const state = await page.evaluate(() => ({
            flag: (globalThis as unknown as { __xss?: unknown }).__xss ?? null,
            injected: document.querySelectorAll(
              "script, img, iframe, object, embed, a, link, image, use",
            ).length,
            handlers: Array.from(document.querySelectorAll("*")).flatMap((e) =>
              Array.from(e.attributes)
                .filter((a) => /^on/i.test(a.name) || /javascript:/i.test(a.value))
                .map((a) => a.name),
            ),
            text: document.body.textContent ?? "",
            title: document.title,
          }));
          expect(state.flag).toBeNull();
          expect(state.injected).toBe(0);
          expect(state.handlers).toEqual([]);
          expect(events.filter((e) => e.startsWith("dialog") || e.startsWith("error"))).toEqual([]);
          expect(state.text).toContain(PAYLOADS.script);
          expect(state.text).toContain(PAYLOADS.img);
          expect(state.text).toContain(PAYLOADS.js);
          expect(state.text).toContain(PAYLOADS.attr);
          expect(state.title).toMatch(/<script>|<img/);
        } finally {
          await close();
        }
      }
    }
  });

  it("blocks a script even if one got in: the CSP forbids inline scripts", async () => {
    const { page, events, close } = await open(files.demo);
    try {
      await page.addScriptTag({ content: "window.__xss = 'injected'" }).catch(() => undefined);
      const flag = await page.evaluate(
        () => (globalThis as unknown as { __xss?: unknown }).__xss ?? null,
      );
      expect(flag).toBeNull();
      expect(events.some((e) => /Content Security Policy/i.test(e))).toBe(true);
    } finally {
      await close();
    }
  });
});
