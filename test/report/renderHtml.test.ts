/**
 * renderHtml: one self-contained page (no script, no external resource, a CSP that forbids
 * both), every text from the document escaped in content and attributes, every chart drawn
 * as SVG with its data table, the options checked, and a size that depends on the tables of
 * items and dimensions, not on the number of respondents.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { instruments } from "../../src/instrument/instruments";
import { readResponsesCsvText } from "../../src/io/parseResponsesCsv";
import { buildGapReport } from "../../src/report/buildGapReport";
import { HTML_CSP, renderHtml } from "../../src/report/renderHtml";
import { ALL_CHARTS, chartKindsDocument, PAYLOADS } from "./chartKindsDocument";
import { handMadeDocument } from "./handMadeDocument";

const html = renderHtml(chartKindsDocument);
const escaped = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

describe("renderHtml: a self-contained page", () => {
  it("has a doctype, a language, a charset, a CSP that forbids scripts and loads, and a title", () => {
    expect(
      html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">'),
    ).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`);
    expect(HTML_CSP).toContain("default-src 'none'");
    expect(HTML_CSP).toContain("script-src 'none'");
    expect(html).toContain(`<title>Charts ${escaped(PAYLOADS.script)}</title>`);
  });

  it("holds no script, no link, no external reference and no event handler", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(link|iframe|object|embed|img|image|use|a)\b/i);
    // every attribute of every tag: names and (unescaped) values
    const attributes = [
      ...html.matchAll(/<[a-zA-Z][\w-]*((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g),
    ].flatMap((tag) =>
      [...(tag[1] ?? "").matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map((a) => [a[1], a[2] ?? ""]),
    );
    expect(attributes.length).toBeGreaterThan(1000);
    const names = new Set(attributes.map(([name]) => (name as string).toLowerCase()));
    expect([...names].filter((name) => name.startsWith("on"))).toEqual([]);
    for (const name of ["src", "href", "xlink:href", "style", "srcdoc", "action"]) {
      expect(names.has(name), name).toBe(false);
    }
    expect(attributes.filter(([, value]) => /javascript:/i.test(value ?? ""))).toEqual([]);
    expect(html).not.toMatch(/url\((?!#)/);
    expect(html).not.toMatch(/@import|@font-face/);
    // every tag of the page was matched: no stray "<" (an unescaped payload would leave one)
    const tags = html.match(/<[a-zA-Z!/]/g)?.length ?? 0;
    const closing = html.match(/<\//g)?.length ?? 0;
    expect(tags - closing - 1).toBe(
      [...html.matchAll(/<[a-zA-Z][\w-]*((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)].length,
    );
  });

  it("escapes every payload in text and in attributes", () => {
    for (const payload of Object.values(PAYLOADS)) {
      expect(html).toContain(escaped(payload));
    }
    // a section id and a table id from the data, inside attributes
    expect(html).toContain(`data-section="${escaped(PAYLOADS.attr)}"`);
    expect(html).toContain(`data-table-id="${escaped(PAYLOADS.attr)}"`);
    expect(html).not.toContain(PAYLOADS.attr);
  });

  it("draws every chart as an SVG figure with its data table", () => {
    const figures = [...html.matchAll(/<figure class="chart" data-chart-id="([^"]*)">/g)];
    expect(figures.map((f) => f[1])).toEqual(ALL_CHARTS.map((c) => escaped(c.id)));
    expect(html.match(/<svg /g)?.length).toBe(ALL_CHARTS.length);
    expect(html.match(/<table class="chart-data">/g)?.length).toBe(ALL_CHARTS.length);
    // chart ids in the page are unique (patterns and titles refer to them)
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lays out sections, headings, notes and typed table cells", () => {
    const page = renderHtml(handMadeDocument);
    expect(page).toContain("<h1>Survey &lt;b&gt;Q3&lt;/b&gt;</h1>");
    expect(page).toContain('<h2 id="section-2-heading">Scores &amp; gaps</h2>');
    expect(page).toContain(
      '<tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td class="r">-0.50</td><td class="r">[-3.79, 2.79]</td><td class="r">&lt;0.001</td><td class="r">33.3%</td><td class="r">3</td></tr>',
    );
    expect(page).toContain(
      '<p class="note">d_z = mean gap / SD of gaps; _emphasis_ and *stars* stay literal.</p>',
    );
    expect(page.match(/<section class="report-section"/g)?.length).toBe(3);
    expect(page.match(/<\/section>/g)?.length).toBe(3);
  });

  it("has a print stylesheet that starts each section on a new page", () => {
    expect(html).toMatch(
      /@media print \{[\s\S]*section\.report-section \+ section\.report-section \{ break-before: page; \}/,
    );
  });

  it("gives the same text for the same document", () => {
    expect(renderHtml(chartKindsDocument)).toBe(html);
  });
});

describe("renderHtml options", () => {
  it("sets the page language and can leave out the chart tables", () => {
    expect(renderHtml(handMadeDocument, { lang: "de-CH" })).toContain('<html lang="de-CH">');
    const bare = renderHtml(chartKindsDocument, { chartTables: false });
    expect(bare).not.toContain("<details>");
    expect(bare.match(/<svg /g)?.length).toBe(ALL_CHARTS.length);
  });

  it("rejects a bad language tag, a wrong type, an unknown option and a non-document", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof ServqualError ? error.code : "other";
      }
      return "none";
    };
    expect(code(() => renderHtml(handMadeDocument, { lang: 'en" onload="x' }))).toBe(
      "invalid-argument",
    );
    expect(code(() => renderHtml(handMadeDocument, { chartTables: "yes" as never }))).toBe(
      "invalid-argument",
    );
    expect(code(() => renderHtml(handMadeDocument, { charts: false } as never))).toBe(
      "invalid-options",
    );
    expect(code(() => renderHtml({ title: "x" } as never))).toBe("invalid-argument");
  });
});

describe("renderHtml of the demo survey", () => {
  const csv = readFileSync(new URL("../../data/demo-bank.csv", import.meta.url), "utf8");
  const page = (text: string, listLimit?: number) => {
    const { dataset, report } = readResponsesCsvText(text, instruments.servqual22, {
      columns: { segments: ["region", "channel"] },
    });
    const options = listLimit === undefined ? {} : { listLimit };
    const document = buildGapReport(dataset, report, { title: "Demo", ...options });
    return { html: renderHtml(document), n: dataset.n };
  };

  it("draws the four charts of the gap report and stays far below 2 MB", () => {
    const demo = page(csv);
    const charts = [
      ...demo.html.matchAll(/data-chart-id="([^"]*)" data-rows="(\d+)" data-marks="(\d+)"/g),
    ];
    // 5 dimensions; E and P for each; 22 items; 5 dimensions in the grid
    expect(charts.map((c) => [c[1], Number(c[2]), Number(c[3])])).toEqual([
      ["dimension-gaps", 5, 5],
      ["expected-perceived", 10, 10],
      ["items-by-gap", 22, 22],
      ["importance-performance", 5, 5],
    ]);
    expect(Buffer.byteLength(demo.html)).toBeLessThan(2 * 1024 * 1024);
  });

  it("does not grow with the respondents: 4 and 16 times the rows, the same size within 1%", () => {
    // Excluded rows and issues are listed up to listLimit and counted beyond: once the lists
    // are full (4 copies of the demo have 8 excluded rows, more than 5), only the figures in
    // the tables change with more respondents.
    const [header, ...lines] = csv.trimEnd().split("\n");
    const times = (k: number) =>
      [
        header,
        ...Array.from({ length: k }, (_, c) => lines.map((l) => l.replace(/^R/, `R${c}-`))).flat(),
      ].join("\n");
    const four = page(times(4), 5);
    const sixteen = page(times(16), 5);
    expect(sixteen.n).toBe(4 * four.n);
    const ratio = Buffer.byteLength(sixteen.html) / Buffer.byteLength(four.html);
    expect(Math.abs(ratio - 1)).toBeLessThan(0.01);
  });
});
