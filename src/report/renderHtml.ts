import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import type { ReportDocument } from "./document";
import { HTML_STYLE } from "./htmlStyle";
import { chartDataTable } from "./svg/chartDataTable";
import { chartSvg } from "./svg/chartSvg";
import { escapeHtml } from "./svg/escape";
import { type DocumentVisitor, walkDocument } from "./walkDocument";

/** Options of {@link renderHtml}. */
export interface RenderHtmlOptions {
  /** The language of the page (`<html lang>`), a BCP 47 tag; default `en`. */
  readonly lang?: string;
  /** Add each chart's data as a table under it (default true): the text alternative to read. */
  readonly chartTables?: boolean;
}

const HTML_OPTIONS = optionNames<RenderHtmlOptions>({ lang: true, chartTables: true });

/**
 * The page's Content-Security-Policy: nothing may load or run (no script, no fetch, no
 * font, no frame); only the inline stylesheet applies and only `data:` images could show.
 */
export const HTML_CSP =
  "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function visitor(chartTables: boolean): DocumentVisitor<string> {
  let charts = 0;
  let sections = 0;
  return {
    title: (text) => [`<h1>${escapeHtml(text)}</h1>`],
    sectionStart: (section) => {
      sections += 1;
      const id = `section-${sections}`;
      const heading =
        section.title === null ? "" : `<h2 id="${id}-heading">${escapeHtml(section.title)}</h2>`;
      const label = section.title === null ? "" : ` aria-labelledby="${id}-heading"`;
      return [
        `<section class="report-section" id="${id}" data-section="${escapeHtml(section.id)}"${label}>${heading}`,
      ];
    },
    sectionEnd: () => ["</section>"],
    paragraph: (block) => [`<p>${escapeHtml(block.text)}</p>`],
    note: (block) => [`<p class="note">${escapeHtml(block.text)}</p>`],
    list: (block) => [
      `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`,
    ],
    table: (block, text) => {
      const align = block.columns.map((c) => (c.align === "right" ? ' class="r"' : ""));
      const head = block.columns
        .map((c, i) => `<th scope="col"${align[i]}>${escapeHtml(c.header)}</th>`)
        .join("");
      const body = text
        .map(
          (row) =>
            `<tr>${row.map((cell, i) => `<td${align[i] ?? ""}>${escapeHtml(cell)}</td>`).join("")}</tr>`,
        )
        .join("");
      return [
        `<div class="table-wrap" role="region" tabindex="0" aria-label="Table ${escapeHtml(block.id)}"><table data-table-id="${escapeHtml(block.id)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`,
      ];
    },
    chart: (block) => {
      charts += 1;
      const { svg } = chartSvg(block, `chart-${charts}`);
      const data = chartTables
        ? `<details><summary>Data of the chart “${escapeHtml(block.title)}”</summary>${chartDataTable(block)}</details>`
        : "";
      return [
        `<figure class="chart" data-chart-id="${escapeHtml(block.id)}">${svg}${data}</figure>`,
      ];
    },
  };
}

/**
 * A report document as one self-contained HTML page: the title, each section with its
 * paragraphs, notes, lists and tables (numbers formatted by formatCell, as in Markdown) and
 * every chart drawn as inline SVG with a title, axis titles, a legend, a text alternative
 * (`role="img"` with `<title>` and `<desc>`, and the chart's data as a table) and colours from
 * the Okabe–Ito palette doubled by shapes and fill patterns. Nothing is fetched when the page
 * is viewed and it holds no script: a Content-Security-Policy meta forbids scripts and every
 * load ({@link HTML_CSP}); every text from the data is escaped (content and attributes) and no
 * link is made from data. A print stylesheet starts each section on a new page. The page
 * holds only what the document holds (tables of items, dimensions and segments, charts of
 * them, lists capped by the layout), never per-respondent data, so its size does not grow with
 * the number of respondents.
 *
 * @param document - From buildGapReport or another layout.
 * @param options - `lang` (default `en`), `chartTables` (default true).
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync("report.html", renderHtml(buildGapReport(dataset, report)));
 */
export function renderHtml(document: ReportDocument, options: RenderHtmlOptions = {}): string {
  expectShape("renderHtml", "document", document, shapes.reportDocument);
  checkOptionKeys("renderHtml", options, HTML_OPTIONS);
  const lang = options.lang ?? "en";
  if (typeof lang !== "string" || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang)) {
    throw invalidArgument(
      "renderHtml",
      "options.lang",
      "a BCP 47 language tag such as en or de-CH",
      lang,
    );
  }
  const chartTables = options.chartTables ?? true;
  if (typeof chartTables !== "boolean") {
    throw invalidArgument("renderHtml", "options.chartTables", "true or false", chartTables);
  }
  const body = walkDocument(document, visitor(chartTables)).join("\n");
  return [
    "<!doctype html>",
    `<html lang="${lang}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="servqual">',
    `<title>${escapeHtml(document.title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    body,
    "<footer><p>Made with servqual. This page is self-contained: no script and nothing loaded from the network; the charts are inline SVG. Their specifications, as Vega-Lite, are in the JSON report (toVegaLite).</p></footer>",
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
