import type { AcrossReportAdjustment } from "../context/adjustAcrossReport";
import type { AllocationResult } from "../context/allocationPriorities";
import type { ByPeriodResult } from "../context/byPeriod";
import type { CellFigure } from "../context/cellFigures";
import type { CompareSegmentsResult } from "../context/compareSegments";
import type { EventWindowResult } from "../context/eventWindows";
import type { GapCell } from "../context/gapCells";
import type { SeasonalProfileResult } from "../context/seasonalProfile";
import { type PColumns, pColumns } from "./acrossReportP";
import { type Cell, count, intervalCell, label, num } from "./cells";
import type { Section, TableBlock } from "./document";
import { allocationSection, eventWindowSection } from "./eventSections";
import { periodChangeBlocks, seriesName } from "./periodChangeTable";

/**
 * CalendarPeriod and segment results a gap report may carry (`GapReport.context`): each is shown in a
 * section of its own when present.
 */
export interface ContextResults {
  readonly byPeriod?: ByPeriodResult | null;
  readonly seasons?: SeasonalProfileResult | null;
  readonly segments?: CompareSegmentsResult | null;
  /** Further segment columns compared (one per `--segments` column), each in its own section. */
  readonly segmentComparisons?: readonly CompareSegmentsResult[] | null;
  readonly events?: EventWindowResult | null;
  readonly allocation?: AllocationResult | null;
  /**
   * How every compared p-value was adjusted across the report (adjustAcrossReport: method, m,
   * families); each test then carries `adjustedAcrossReport`. Absent or null: not adjusted.
   */
  readonly acrossReport?: AcrossReportAdjustment | null;
}

function table(id: string, headers: readonly string[], right: number, rows: Cell[][]): TableBlock {
  return {
    kind: "table",
    id,
    columns: headers.map((header, i) => ({ header, align: i < right ? "left" : "right" })),
    rows,
  };
}

/** Gap, interval and n of a figure; a suppressed figure says so instead of showing numbers. */
function figureCells(figure: CellFigure, minimumN: number): Cell[] {
  if (figure.suppressed) {
    return [label(`suppressed (n < ${minimumN})`), label(null), count(figure.n)];
  }
  return [num(figure.gap), intervalCell(figure.ci), count(figure.n)];
}

function cellName(cell: GapCell): string {
  return cell.undated ? "undated" : (cell.period?.key ?? "all periods");
}

/**
 * The section of {@link ByPeriodResult}: overall gap per period (and segment), trends, drift and
 * the period-over-period changes ({@link periodChangeBlocks}).
 */
export function periodSection(
  result: ByPeriodResult,
  across?: AcrossReportAdjustment | null,
): Section {
  const { cells } = result;
  const minimumN = cells.minimumN;
  const p = pColumns(across, result.pAdjustMethod);
  const alpha = 1 - cells.level;
  const shown = cells.cells.filter((c) => c.level === "period" || c.level === "period-segment");
  const trendRows = result.trends
    .filter((t) => t.slope !== null)
    .map((t) => [
      label(seriesName(t.segments)),
      label(t.id),
      num(t.slope, 3),
      intervalCell(t.ci, 3),
      count(t.periods),
      ...p.cells(t, t.pValue, t.pAdjusted),
    ]);
  // the direction word follows the adjusted p shown (across the report when adjusted so)
  const drift = result.expectationDrift.flatMap((d) => {
    const q = p.chosen(d, d.pAdjusted);
    return q === null || !(q < alpha) || d.slope === null || d.slope === 0
      ? []
      : [{ ...d, direction: d.slope > 0 ? "rising" : "falling" }];
  });
  return {
    id: "periods",
    title: `Gap 5 by ${cells.period?.kind ?? "period"}`,
    blocks: [
      {
        kind: "paragraph",
        text: `Overall gap (P − E) per ${cells.period?.kind ?? "period"} in ${cells.period?.timeZone ?? "UTC"}; figures on fewer than ${minimumN} respondents are suppressed. Rows in: ${cells.rowsIn}, in cells: ${cells.rowsInCells} (undated: ${cells.rowsUndated}), left out (outside the window): ${cells.rowsExcluded}.`,
      },
      table(
        "period-cells",
        ["CalendarPeriod", "Segment", "Gap", "CI", "n"],
        2,
        shown.map((c) => [
          label(cellName(c)),
          label(seriesName(c.segments)),
          ...figureCells(c.overall, minimumN),
        ]),
      ),
      {
        kind: "paragraph",
        text: `Trends: ${result.trendMethod}. ${p.note}`,
      },
      table(
        "period-trends",
        ["Series", "Dimension", "Slope per period", "CI", "Periods", ...p.headers],
        2,
        trendRows,
      ),
      {
        kind: "paragraph",
        text:
          drift.length === 0
            ? "No item's expectations rise or fall beyond chance."
            : `Expectations drift: ${drift.map((d) => `${d.item} ${d.direction} (${(d.slope ?? 0).toFixed(3)} per period)`).join("; ")}.`,
      },
      ...periodChangeBlocks(result, across),
    ],
  };
}

/** The section of {@link SeasonalProfileResult}: each season against the rest of the year. */
export function seasonSection(
  result: SeasonalProfileResult,
  across?: AcrossReportAdjustment | null,
): Section {
  const p = pColumns(across, result.pAdjustMethod);
  const differs = (f: SeasonalProfileResult["figures"][number]) => {
    const q = p.chosen(f, f.pAdjusted);
    return q !== null && q < 1 - result.level;
  };
  const rows = result.figures
    .filter((f) => f.kind !== "item" || differs(f))
    .map((f) => [
      label(seriesName(f.segments)),
      label(f.season),
      label(f.id),
      ...figureCells(f.figure, result.minimumN),
      num(f.difference),
      ...p.cells(f, f.pValue, f.pAdjusted),
      label(differs(f) ? "differs" : ""),
    ]);
  return {
    id: "seasons",
    title: "Seasonal profile",
    blocks: [
      {
        kind: "paragraph",
        text: `Mean gap per season (${result.seasons.join(", ")}; all years pooled) against the rest of the year, Welch's t-test; items are listed when they differ. ${p.note}`,
      },
      table(
        "seasons",
        ["Series", "Season", "Figure", "Gap", "CI", "n", "Season − rest", ...p.headers, ""],
        3,
        rows,
      ),
    ],
  };
}

/** The section of {@link CompareSegmentsResult}: the omnibus test per dimension and the pairs. */
export function segmentSection(
  result: CompareSegmentsResult,
  id = "segments",
  across?: AcrossReportAdjustment | null,
): Section {
  const p: PColumns = pColumns(across, result.pAdjustMethod);
  return {
    id,
    title: `Segments compared: ${result.by}`,
    blocks: [
      {
        kind: "paragraph",
        text: `${result.test} with ${result.followUp} pairs: ${result.reason}. ${p.note}`,
      },
      table(
        "segment-tests",
        ["Dimension", result.method === "welch" ? "F" : "H", ...p.headers],
        1,
        result.comparisons.map((c) => [
          label(c.id),
          num(c.statistic),
          ...p.cells(c, c.pValue, c.pAdjusted),
        ]),
      ),
      table(
        "segment-pairs",
        [
          "Dimension",
          "Pair",
          result.method === "welch" ? "Difference" : "Mean-rank difference",
          ...p.headers,
        ],
        2,
        result.comparisons.flatMap((c) =>
          c.pairs.map((pair) => [
            label(c.id),
            label(`${pair.group2} − ${pair.group1}`),
            num(pair.estimate),
            ...p.cells(pair, pair.pValue, pair.pAdjusted),
          ]),
        ),
      ),
      ...(result.leftOut.length === 0
        ? []
        : [
            {
              kind: "note" as const,
              text: `Left out (fewer than ${result.minimumN} respondents or blank): ${result.leftOut.map((l) => `${l.segment ?? "(blank)"} (${l.rows})`).join(", ")}.`,
            },
          ]),
    ],
  };
}

/** Every context section present, in order: periods, seasons, segments, event windows, allocation. */
export function contextSections(context: ContextResults | null | undefined): Section[] {
  if (context === null || context === undefined) return [];
  const sections: Section[] = [];
  const across = context.acrossReport;
  if (context.byPeriod) sections.push(periodSection(context.byPeriod, across));
  if (context.seasons) sections.push(seasonSection(context.seasons, across));
  if (context.segments) sections.push(segmentSection(context.segments, "segments", across));
  (context.segmentComparisons ?? []).forEach((result, i) => {
    sections.push(segmentSection(result, `segments-${i + 2}`, across));
  });
  if (context.events) sections.push(eventWindowSection(context.events, across));
  if (context.allocation) sections.push(allocationSection(context.allocation, 10, across));
  return sections;
}
