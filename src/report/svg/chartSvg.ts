import type { ChartSpec } from "../chart";
import { chartAxes } from "./axes";
import { describeChart } from "./describeChart";
import { escapeHtml } from "./escape";
import { chartGeometry } from "./geometry";
import { chartLegend } from "./legend";
import { chartBands, chartIntervals, chartMarks, chartRules } from "./marks";
import { categoryPattern } from "./palette";
import { px } from "./text";

/** An SVG chart and how many of its data rows were drawn. */
export interface SvgChart {
  readonly svg: string;
  readonly marks: number;
}

/**
 * A chart specification drawn as a static, self-contained SVG element: the title, the legend,
 * grid and axes with their titles, bands, marks (one per data row with its values, each with
 * a tooltip), error bars and reference lines. Accessible as one image (`role="img"`, named by
 * its `<title>` and described by its `<desc>`); every text from the data escaped.
 *
 * @param chart - A chart block of a report document.
 * @param id - An id unique in the page, made of letters, digits and `-` (for the pattern and
 *   title references).
 *
 * @example
 * chartSvg(chart, "chart-1").svg.startsWith("<svg") //=> true
 */
export function chartSvg(chart: ChartSpec, id: string): SvgChart {
  const patternId = (i: number) => `${id}-p${i}`;
  const legend = chartLegend(chart, id, patternId);
  const g = chartGeometry(chart, legend.height);
  // bars of each colour group get a fill pattern as well as a colour
  const patterns =
    chart.mark === "bar" ? g.groups.map((_, i) => categoryPattern(i, patternId(i))).join("") : "";
  const marks = chartMarks(chart, g, patternId);
  const title = escapeHtml(chart.title);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${g.width} ${g.height}" width="${g.width}" height="${g.height}" role="img" aria-labelledby="${id}-title ${id}-desc" data-chart-id="${escapeHtml(chart.id)}" data-rows="${chart.data.length}" data-marks="${marks.count}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" fill="#222">`,
    `<title id="${id}-title">${title}</title>`,
    `<desc id="${id}-desc">${escapeHtml(describeChart(chart))}</desc>`,
    `<defs>${patterns}${legend.defs}</defs>`,
    `<rect width="${g.width}" height="${g.height}" fill="#fff"/>`,
    `<text class="chart-title" x="16" y="22" font-size="15" font-weight="bold">${title}</text>`,
    legend.svg,
    chartAxes(chart, g),
    `<g class="bands">${chartBands(chart, g)}</g>`,
    `<g class="marks">${marks.svg}</g>`,
    `<g class="intervals">${chartIntervals(chart, g)}</g>`,
    `<g class="rules">${chartRules(chart, g)}</g>`,
    `<rect class="plot-frame" x="${px(g.left)}" y="${px(g.top)}" width="${px(g.plotWidth)}" height="${px(g.plotHeight)}" fill="none" stroke="none"/>`,
    "</svg>",
  ].join("");
  return { svg, marks: marks.count };
}
