import type { AcrossReportAdjustment } from "../context/adjustAcrossReport";
import type { ByPeriodResult, PeriodChange } from "../context/byPeriod";
import type { CellFigure } from "../context/cellFigures";
import type { GapCell } from "../context/gapCells";
import { pColumns } from "./acrossReportP";
import { type Cell, count, intervalCell, label, num } from "./cells";
import type { Block } from "./document";

/** Segment column → label as a series name ("all respondents", "region North"). */
export function seriesName(segments: Readonly<Record<string, string | null>>): string {
  const entries = Object.entries(segments);
  return entries.length === 0
    ? "all respondents"
    : entries.map(([column, value]) => `${column} ${value ?? "(blank)"}`).join(", ");
}

/** The figure of a cell with this id (a dimension or "overall"). */
function figureOf(cell: GapCell, id: string): CellFigure | undefined {
  return id === "overall" ? cell.overall : cell.dimensions.find((d) => d.id === id);
}

/**
 * The "Period-over-period changes" blocks of the period section: a sentence naming the changes
 * beyond chance, then one row per change byPeriod computed (period, previous period shown,
 * dimension, change `to − from` with its Welch interval, t, df, p and adjusted p, n of both
 * periods) in the order of series, dimension and period. A period whose figure rests on fewer
 * than `minimumN` respondents has no change: it gets a row marked `suppressed (n < minimumN)`
 * with its n, and the next change runs from the last period shown before it (as byPeriod tests
 * it). The significance word follows the adjusted p the section shows (across the report when
 * the context was adjusted as a whole).
 *
 * @example
 * periodChangeBlocks(byPeriod(dataset, { period: "quarter" }))[1] // the table block
 */
export function periodChangeBlocks(
  result: ByPeriodResult,
  across?: AcrossReportAdjustment | null,
): Block[] {
  const { cells } = result;
  const minimumN = cells.minimumN;
  const p = pColumns(across, result.pAdjustMethod);
  const alpha = 1 - cells.level;
  const differs = (c: PeriodChange) => {
    const q = p.chosen(c, c.pAdjusted);
    return q !== null && q < alpha;
  };
  const byKey = new Map<string, PeriodChange>();
  for (const c of result.changes)
    byKey.set(`${seriesName(c.segments)}\u0000${c.id}\u0000${c.to}`, c);
  const dated = cells.cells
    .filter((c) => c.period !== null && (c.level === "period" || c.level === "period-segment"))
    .sort((a, b) => (a.period?.ordinal ?? 0) - (b.period?.ordinal ?? 0));
  const series: string[] = [];
  const cellsOf = new Map<string, GapCell[]>();
  for (const cell of dated) {
    const name = seriesName(cell.segments);
    const list = cellsOf.get(name);
    if (list === undefined) {
      series.push(name);
      cellsOf.set(name, [cell]);
    } else list.push(cell);
  }
  // "all respondents" first, then the segment series in the order byPeriod gives them.
  const order = new Map<string, number>([["all respondents", -1]]);
  result.changes.forEach((c, i) => {
    const name = seriesName(c.segments);
    if (!order.has(name)) order.set(name, i);
  });
  series.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
  const ids = [...(dated[0]?.dimensions.map((d) => d.id) ?? []), "overall"];
  const rows: Cell[][] = [];
  const beyond: string[] = [];
  for (const name of series) {
    for (const id of ids) {
      for (const cell of cellsOf.get(name) ?? []) {
        const key = cell.period?.key ?? "";
        const figure = figureOf(cell, id);
        if (figure?.suppressed) {
          rows.push([
            label(name),
            label(id),
            label(key),
            label(null),
            label(`suppressed (n < ${minimumN})`),
            label(null),
            num(null),
            num(null, 1),
            ...p.cells({}, null, null),
            count(figure.n),
            count(null),
            label(""),
          ]);
          continue;
        }
        const c = byKey.get(`${name}\u0000${id}\u0000${key}`);
        if (c === undefined) continue;
        const yes = differs(c);
        if (yes) beyond.push(`${name}, ${id}, ${c.from} → ${c.to}: ${signed(c.change)}`);
        rows.push([
          label(name),
          label(id),
          label(c.to),
          label(c.from),
          num(c.change),
          intervalCell(c.ci),
          num(c.t),
          num(c.df, 1),
          ...p.cells(c, c.pValue, c.pAdjusted),
          count(c.nTo),
          count(c.nFrom),
          label(yes ? "differs" : ""),
        ]);
      }
    }
  }
  const summary =
    result.changes.length === 0
      ? "No period has a previous period with a shown figure: no change is tested."
      : beyond.length === 0
        ? `No change from one period to the next is beyond chance (${result.changes.length} tested).`
        : `Changes beyond chance (${beyond.length} of ${result.changes.length} tested): ${beyond.join("; ")}.`;
  return [
    {
      kind: "paragraph",
      text: `Period-over-period changes: each period's mean gap minus that of the previous period with a shown figure, Welch's t-test of the two periods' respondents (independent groups); periods with fewer than ${minimumN} respondents are marked suppressed and skipped. ${p.note} ${summary}`,
    },
    {
      kind: "table",
      id: "period-changes",
      columns: [
        "Series",
        "Dimension",
        "Period",
        "Previous period",
        "Change",
        "CI",
        "t",
        "df",
        ...p.headers,
        "n",
        "n previous",
        "",
      ].map((header, i) => ({ header, align: i < 4 ? "left" : "right" })),
      rows,
    },
  ];
}

/** A change with its sign, two decimals ("+1.50", "−0.64"). */
function signed(value: number): string {
  const text = Math.abs(value).toFixed(2);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}
