import type { ChartRange, ChartSpec, ChartValue } from "../chart";
import { chartOrientation } from "../chartOrientation";
import { fixed } from "../format";
import { escapeHtml } from "./escape";
import { type ChartGeometry, FONT, position } from "./geometry";
import {
  categoryColour,
  categoryDash,
  categoryFill,
  categoryShape,
  sequentialColour,
} from "./palette";
import { finiteOf, px, shorten, textWidth } from "./text";

type Row = Readonly<Record<string, ChartValue>>;

/** The marks of a chart and how many data rows got one. */
export interface Marks {
  readonly svg: string;
  readonly count: number;
}

/** A value as the tooltip and the data table show it. */
export function showValue(value: ChartValue | undefined): string {
  if (typeof value === "number") return fixed(value, 2);
  return value === null || value === undefined ? "—" : String(value);
}

/** The tooltip of a row's mark: every channel's title and value. */
function tooltip(chart: ChartSpec, row: Row): string {
  const parts = [chart.x, chart.y, ...(chart.color === null ? [] : [chart.color])].map(
    (c) => `${c.title}: ${showValue(row[c.field])}`,
  );
  const interval = chart.interval ?? null;
  if (interval !== null) {
    parts.push(
      `${interval.title}: [${showValue(row[interval.lower])}, ${showValue(row[interval.upper])}]`,
    );
  }
  const band = chart.band ?? null;
  if (band !== null) {
    parts.push(`${band.title}: ${showValue(row[band.lower])} to ${showValue(row[band.upper])}`);
  }
  return `<title>${escapeHtml(parts.join("; "))}</title>`;
}

/** The nominal colour group of a row (0 without a nominal colour). */
function groupOf(chart: ChartSpec, g: ChartGeometry, row: Row): number {
  if (g.groups.length === 0 || chart.color === null) return 0;
  return Math.max(0, g.groups.indexOf(String(row[chart.color.field])));
}

/**
 * The centre of a row on the category axis: the band's centre, or the centre of the row's
 * slot when bars of several colour groups stand side by side.
 */
function categoryCentre(chart: ChartSpec, g: ChartGeometry, row: Row): number | null {
  const { category } = chartOrientation(chart);
  const scale = g[category];
  const centre = position(scale, row[chart[category].field]);
  if (centre === null || scale.kind !== "band" || chart.mark !== "bar" || g.groups.length < 2) {
    return centre;
  }
  const slot = (scale.bandwidth * 0.8) / g.groups.length;
  return centre - scale.bandwidth * 0.4 + slot * (groupOf(chart, g, row) + 0.5);
}

/** The thickness of a bar. */
function barThickness(chart: ChartSpec, g: ChartGeometry): number {
  const scale = g[chartOrientation(chart).category];
  const band = scale.kind === "band" ? scale.bandwidth : 20;
  return Math.max(1, (band * 0.8) / Math.max(1, g.groups.length));
}

function bars(chart: ChartSpec, g: ChartGeometry, patternId: (i: number) => string): Marks {
  const { category, value } = chartOrientation(chart);
  const scale = g[value];
  const thickness = barThickness(chart, g);
  const parts: string[] = [];
  chart.data.forEach((row, i) => {
    const centre = categoryCentre(chart, g, row);
    const v = finiteOf(row[chart[value].field]);
    if (centre === null || v === null || scale.kind !== "linear") return;
    const zero = scale.at(Math.min(Math.max(0, scale.domain[0]), scale.domain[1]));
    const end = scale.at(v);
    const group = groupOf(chart, g, row);
    const from = Math.min(zero, end);
    const length = Math.max(0.8, Math.abs(end - zero));
    const [x, y, w, h] =
      category === "x"
        ? [centre - thickness / 2, from, thickness, length]
        : [from, centre - thickness / 2, length, thickness];
    parts.push(
      `<rect class="mark" data-row="${i}" x="${px(x)}" y="${px(y)}" width="${px(w)}" height="${px(h)}" fill="${categoryFill(group, patternId(group))}" stroke="#222" stroke-width="0.6">${tooltip(chart, row)}</rect>`,
    );
  });
  return { svg: parts.join(""), count: parts.length };
}

/** The fill of a point: its group's colour, or the sequential colour of a quantity. */
function quantityColour(
  chart: ChartSpec,
  row: Row,
  range: readonly [number, number],
): string | null {
  if (chart.color === null || chart.color.type !== "quantitative") return null;
  const v = finiteOf(row[chart.color.field]);
  if (v === null) return "#bbb";
  const span = range[1] - range[0];
  return sequentialColour(span > 0 ? (v - range[0]) / span : 0.5).fill;
}

function colourRange(chart: ChartSpec): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  if (chart.color !== null) {
    for (const row of chart.data) {
      const v = finiteOf(row[chart.color.field]);
      if (v === null) continue;
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  return low > high ? [0, 1] : [low, high];
}

/** The first text field of a row that no channel draws (the IPA attribute), for a point label. */
function labelField(chart: ChartSpec): string | null {
  const used = new Set([chart.x.field, chart.y.field, chart.color?.field]);
  const first = chart.data[0];
  if (first === undefined) return null;
  return Object.keys(first).find((k) => !used.has(k) && typeof first[k] === "string") ?? null;
}

function points(chart: ChartSpec, g: ChartGeometry): Marks {
  const range = colourRange(chart);
  const labels =
    g.x.kind === "linear" && g.y.kind === "linear" && chart.data.length <= 40
      ? labelField(chart)
      : null;
  const parts: string[] = [];
  let count = 0;
  chart.data.forEach((row, i) => {
    const x = position(g.x, row[chart.x.field]);
    const y = position(g.y, row[chart.y.field]);
    if (x === null || y === null) return;
    count += 1;
    const group = groupOf(chart, g, row);
    const fill = quantityColour(chart, row, range) ?? categoryColour(group);
    parts.push(
      `<path class="mark" data-row="${i}" transform="translate(${px(x)},${px(y)}) scale(1.25)" d="${categoryShape(group)}" fill="${fill}" stroke="#222" stroke-width="0.8">${tooltip(chart, row)}</path>`,
    );
    const text = labels === null ? null : row[labels];
    if (typeof text === "string") {
      const shown = shorten(text, 24);
      // a label that would leave the plot on the right goes on the point's left
      const leftSide = x + 9 + textWidth(shown, 10) > g.left + g.plotWidth;
      parts.push(
        `<text class="point-label" x="${px(leftSide ? x - 9 : x + 9)}" y="${px(y)}" dy="0.35em" font-size="10"${leftSide ? ' text-anchor="end"' : ""}>${escapeHtml(shown)}</text>`,
      );
    }
  });
  return { svg: parts.join(""), count };
}

function lines(chart: ChartSpec, g: ChartGeometry): Marks {
  const series = new Map<number, string[]>();
  const symbols: string[] = [];
  // whether each series' line is drawing (false after a missing value, which breaks it)
  const pen = new Map<number, boolean>();
  chart.data.forEach((row, i) => {
    const group = groupOf(chart, g, row);
    const x = position(g.x, row[chart.x.field]);
    const y = position(g.y, row[chart.y.field]);
    const path = series.get(group) ?? [];
    series.set(group, path);
    if (x === null || y === null) {
      pen.set(group, false);
      return;
    }
    path.push(`${pen.get(group) === true ? "L" : "M"}${px(x)},${px(y)}`);
    pen.set(group, true);
    symbols.push(
      `<path class="mark" data-row="${i}" transform="translate(${px(x)},${px(y)})" d="${categoryShape(group)}" fill="${categoryColour(group)}" stroke="#222" stroke-width="0.8">${tooltip(chart, row)}</path>`,
    );
  });
  const paths = [...series].map(([group, d]) => {
    const dash = categoryDash(group);
    return `<path class="line" d="${d.join("")}" fill="none" stroke="${categoryColour(group)}" stroke-width="2.5"${dash === "" ? "" : ` stroke-dasharray="${dash}"`}/>`;
  });
  return { svg: paths.join("") + symbols.join(""), count: symbols.length };
}

function cells(chart: ChartSpec, g: ChartGeometry): Marks {
  const range = colourRange(chart);
  const parts: string[] = [];
  if (g.x.kind !== "band" || g.y.kind !== "band") return { svg: "", count: 0 };
  const { x: xs, y: ys } = g;
  chart.data.forEach((row, i) => {
    const x = position(xs, row[chart.x.field]);
    const y = position(ys, row[chart.y.field]);
    const v = chart.color === null ? null : finiteOf(row[chart.color.field]);
    if (x === null || y === null || v === null) return;
    const span = range[1] - range[0];
    const colour = sequentialColour(span > 0 ? (v - range[0]) / span : 0.5);
    const [w, h] = [xs.bandwidth, ys.bandwidth];
    parts.push(
      `<rect class="mark" data-row="${i}" x="${px(x - w / 2)}" y="${px(y - h / 2)}" width="${px(w)}" height="${px(h)}" fill="${colour.fill}" stroke="#fff">${tooltip(chart, row)}</rect>`,
      `<text class="cell-label" x="${px(x)}" y="${px(y)}" dy="0.35em" text-anchor="middle" font-size="${FONT}" fill="${colour.dark ? "#fff" : "#000"}">${escapeHtml(showValue(v))}</text>`,
    );
  });
  return { svg: parts.join(""), count: parts.length / 2 };
}

/** One mark per data row with the values it needs (a row with a null value is left out). */
export function chartMarks(
  chart: ChartSpec,
  g: ChartGeometry,
  patternId: (i: number) => string,
): Marks {
  switch (chart.mark) {
    case "bar":
      return bars(chart, g, patternId);
    case "line":
      return lines(chart, g);
    case "rect":
      return cells(chart, g);
    default:
      return points(chart, g);
  }
}

/** The segment of a range on the value axis at a row's category centre, or null. */
function rangeAt(
  chart: ChartSpec,
  g: ChartGeometry,
  row: Row,
  range: ChartRange,
): { centre: number; from: number; to: number } | null {
  const { value } = chartOrientation(chart);
  const centre = categoryCentre(chart, g, row);
  const from = position(g[value], row[range.lower]);
  const to = position(g[value], row[range.upper]);
  return centre === null || from === null || to === null || g[value].kind !== "linear"
    ? null
    : { centre, from, to };
}

/** Error bars (with caps) for every row whose interval is known. */
export function chartIntervals(chart: ChartSpec, g: ChartGeometry): string {
  const interval = chart.interval ?? null;
  if (interval === null) return "";
  const vertical = chartOrientation(chart).category === "x";
  return chart.data
    .map((row, i) => {
      const at = rangeAt(chart, g, row, interval);
      if (at === null) return "";
      const { centre: c, from, to } = at;
      const d = vertical
        ? `M${px(c)},${px(from)}V${px(to)}M${px(c - 4)},${px(from)}H${px(c + 4)}M${px(c - 4)},${px(to)}H${px(c + 4)}`
        : `M${px(from)},${px(c)}H${px(to)}M${px(from)},${px(c - 4)}V${px(c + 4)}M${px(to)},${px(c - 4)}V${px(c + 4)}`;
      return `<path class="interval" data-row="${i}" d="${d}" stroke="#222" stroke-width="1.4" fill="none"/>`;
    })
    .join("");
}

/** Bands (such as zones of tolerance) behind the marks, for every row whose range is known. */
export function chartBands(chart: ChartSpec, g: ChartGeometry): string {
  const band = chart.band ?? null;
  if (band === null) return "";
  const { category } = chartOrientation(chart);
  const scale = g[category];
  const thickness = scale.kind === "band" ? scale.bandwidth * 0.6 : 16;
  return chart.data
    .map((row, i) => {
      const at = rangeAt(chart, g, row, band);
      if (at === null) return "";
      const low = Math.min(at.from, at.to);
      const size = Math.max(0.8, Math.abs(at.to - at.from));
      const [x, y, w, h] =
        category === "x"
          ? [at.centre - thickness / 2, low, thickness, size]
          : [low, at.centre - thickness / 2, size, thickness];
      return `<rect class="band" data-row="${i}" x="${px(x)}" y="${px(y)}" width="${px(w)}" height="${px(h)}" fill="#009E73" fill-opacity="0.22" stroke="#009E73"/>`;
    })
    .join("");
}

/** The reference lines across the plot (zero, crosshairs), dashed. */
export function chartRules(chart: ChartSpec, g: ChartGeometry): string {
  const out: string[] = [];
  const bottom = g.top + g.plotHeight;
  const right = g.left + g.plotWidth;
  if (chart.rules.x !== null && g.x.kind === "linear") {
    const x = px(g.x.at(chart.rules.x));
    out.push(
      `<path class="rule" d="M${x},${g.top}V${bottom}" stroke="#444" stroke-width="1.2" stroke-dasharray="4 3"/>`,
    );
  }
  if (chart.rules.y !== null && g.y.kind === "linear") {
    const y = px(g.y.at(chart.rules.y));
    out.push(
      `<path class="rule" d="M${g.left},${y}H${right}" stroke="#444" stroke-width="1.2" stroke-dasharray="4 3"/>`,
    );
  }
  return out.join("");
}
