import type { ChartSpec } from "../chart";
import { chartOrientation } from "../chartOrientation";
import { fixed } from "../format";
import { escapeHtml } from "./escape";
import { FONT, WIDTH } from "./geometry";
import {
  categoryColour,
  categoryDash,
  categoryFill,
  categoryShape,
  SEQUENTIAL_STOPS,
} from "./palette";
import { categoriesOf } from "./scales";
import { px, shorten, textWidth } from "./text";

/** One entry of a chart's legend: its symbol (SVG drawn in a 16×12 box) and its label. */
interface LegendEntry {
  readonly symbol: string;
  readonly label: string;
}

/** The SVG of a legend and its height. */
export interface Legend {
  /** Definitions the legend needs (the gradient of a quantitative colour), for `<defs>`. */
  readonly defs: string;
  readonly svg: string;
  readonly height: number;
}

const ROW = 20;
const LEFT = 16;

/** The symbol of nominal group `i` for the chart's mark. */
function groupSymbol(chart: ChartSpec, i: number, patternId: (i: number) => string): string {
  const colour = categoryColour(i);
  switch (chart.mark) {
    case "bar":
    case "rect":
      return `<rect x="1" y="1" width="14" height="11" fill="${categoryFill(i, patternId(i))}" stroke="#222" stroke-width="0.6"/>`;
    case "line": {
      const dash = categoryDash(i);
      return `<path d="M0,6.5H16" stroke="${colour}" stroke-width="2.5"${dash === "" ? "" : ` stroke-dasharray="${dash}"`}/><path transform="translate(8,6.5) scale(0.8)" d="${categoryShape(i)}" fill="${colour}" stroke="#222" stroke-width="0.8"/>`;
    }
    default:
      return `<path transform="translate(8,6.5)" d="${categoryShape(i)}" fill="${colour}" stroke="#222" stroke-width="0.8"/>`;
  }
}

function entries(chart: ChartSpec, id: string, patternId: (i: number) => string): LegendEntry[] {
  const out: LegendEntry[] = [];
  const color = chart.color;
  if (color !== null && color.type !== "quantitative") {
    const groups = categoriesOf(chart.data, color.field);
    groups.forEach((group, i) => {
      out.push({ symbol: groupSymbol(chart, i, patternId), label: `${color.title}: ${group}` });
    });
  } else if (color !== null) {
    out.push({
      symbol: `<rect x="0" y="1" width="16" height="11" fill="url(#${id}-gradient)" stroke="#222" stroke-width="0.6"/>`,
      label: `${color.title}: dark = low, light = high`,
    });
  } else if (chart.mark !== "rect") {
    out.push({
      symbol: groupSymbol(chart, 0, patternId),
      label: chart[chartOrientation(chart).value].title,
    });
  }
  const band = chart.band ?? null;
  if (band !== null) {
    out.push({
      symbol:
        '<rect x="1" y="1" width="14" height="11" fill="#009E73" fill-opacity="0.22" stroke="#009E73"/>',
      label: band.title,
    });
  }
  const interval = chart.interval ?? null;
  if (interval !== null) {
    out.push({
      symbol: '<path d="M8,0V13M4,0H12M4,13H12" stroke="#222" stroke-width="1.4" fill="none"/>',
      label: interval.title,
    });
  }
  for (const axis of ["x", "y"] as const) {
    const at = chart.rules[axis];
    if (at === null) continue;
    out.push({
      symbol: '<path d="M0,6.5H16" stroke="#444" stroke-width="1.2" stroke-dasharray="4 3"/>',
      label: `Reference line: ${chart[axis].title} = ${fixed(at, 2)}`,
    });
  }
  return out;
}

/**
 * The legend of a chart, drawn in rows under its title: one entry per colour group (its colour
 * and its shape or pattern), the single series when there is no colour, the band, the error
 * bars and each reference line. Labels from the data are escaped.
 */
export function chartLegend(
  chart: ChartSpec,
  id: string,
  patternId: (i: number) => string,
): Legend {
  const parts: string[] = [];
  let x = LEFT;
  let row = 0;
  for (const entry of entries(chart, id, patternId)) {
    const label = shorten(entry.label, 60);
    const width = 22 + textWidth(label, FONT) + 18;
    if (x > LEFT && x + width > WIDTH - 16) {
      row += 1;
      x = LEFT;
    }
    const y = 34 + row * ROW;
    parts.push(
      `<g class="legend-entry" transform="translate(${px(x)},${y})">${entry.symbol}<text x="22" y="10.5" font-size="${FONT}">${escapeHtml(label)}</text></g>`,
    );
    x += width;
  }
  const defs =
    chart.color !== null && chart.color.type === "quantitative"
      ? `<linearGradient id="${id}-gradient">${SEQUENTIAL_STOPS.map((c, i) => `<stop offset="${i / (SEQUENTIAL_STOPS.length - 1)}" stop-color="${c}"/>`).join("")}</linearGradient>`
      : "";
  const height = parts.length === 0 ? 0 : (row + 1) * ROW;
  return { defs, svg: `<g class="legend">${parts.join("")}</g>`, height };
}
