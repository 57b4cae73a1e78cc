import { checkOptionKeys, expectShape, optionNames, shapes } from "../_lib/guards";
import type { IssueLogSummary } from "../_lib/issueLog";
import { type Notice, type NoticeGroup, notice } from "../_lib/notice";
import type { GapAccumulator } from "../gaps/gapAccumulator";
import type { Dataset } from "../responses/types";
import { type CellFigure, cellFigures, type QuantileCache } from "./cellFigures";
import { CELL_OPTION_NAMES, type CellOptions, type CellPlan, planCells } from "./cellPlan";
import { type CollectedCells, collectCells, type FineCell } from "./collectCells";
import { mergeAll } from "./mergeCells";
import type { CalendarPeriod, PeriodKind } from "./periodSpec";

/**
 * Which grouping a cell belongs to: all respondents, one period, one value of one segment
 * column, one period × one segment value, or the full cross of the period and every segment
 * column (only with two or more segment columns).
 */
export type CellLevel = "total" | "period" | "segment" | "period-segment" | "crossed";

/** One cell: Gap 5 per item, dimension and overall among its respondents. */
export interface GapCell {
  readonly level: CellLevel;
  /** The cell's period; null for the undated cell and for cells not split by period. */
  readonly period: CalendarPeriod | null;
  /** True for the cell of respondents without a usable date. */
  readonly undated: boolean;
  /** Segment column → label (null = blank) for the columns the cell is split by. */
  readonly segments: Readonly<Record<string, string | null>>;
  /** Respondents in the cell. */
  readonly rows: number;
  /** True when the cell has fewer than `minimumN` respondents: no figure is shown. */
  readonly suppressed: boolean;
  readonly items: readonly CellFigure[];
  readonly dimensions: readonly CellFigure[];
  readonly overall: CellFigure;
  readonly warnings: readonly Notice[];
}

/** Result of {@link gapCells}. */
export interface GapCellsResult {
  readonly kind: "gap-cells";
  readonly instrument: { readonly id: string; readonly name: string };
  /** The period grouping, or null. */
  readonly period: {
    readonly kind: PeriodKind;
    readonly timeZone: string;
    readonly fiscalYearStart: number | null;
    readonly seasons: readonly string[] | null;
  } | null;
  readonly by: readonly string[];
  readonly minimumN: number;
  readonly level: number;
  /** Rows considered (the selection, or every dataset row). */
  readonly rowsIn: number;
  /** Rows in the cells (dated in the window, or undated): rowsIn = rowsInCells + rowsExcluded. */
  readonly rowsInCells: number;
  /** Rows in the cells without a usable date (the undated cell). */
  readonly rowsUndated: number;
  /** Rows left out: dated outside the window (each named in `issues.excludedRows`). */
  readonly rowsExcluded: number;
  /** The periods between the first and last dated respondent, in order (empty without periods). */
  readonly periods: readonly CalendarPeriod[];
  /** Per segment column, its labels in order (null = blank). */
  readonly segments: Readonly<Record<string, readonly (string | null)[]>>;
  readonly cells: readonly GapCell[];
  /** Undated rows, blank segments and rows outside the window, counted and named. */
  readonly issues: IssueLogSummary;
  readonly warnings: readonly Notice[];
}

/** Options of {@link gapCells}. */
export type GapCellsOptions = CellOptions;

/** The option names of {@link gapCells}. */
export const GAP_CELLS_OPTIONS = optionNames<GapCellsOptions>(
  Object.fromEntries(CELL_OPTION_NAMES.map((name) => [name, true])) as {
    [K in keyof Required<GapCellsOptions>]: true;
  },
);

/** A cell before finishing: its level, period slot, segment codes and merged accumulator. */
export interface MergedCell {
  readonly level: CellLevel;
  /** −1: not split by period; 0: undated; i + 1: period i. */
  readonly slot: number;
  /** Per segment column its code, or −1 when the cell is not split by that column. */
  readonly segments: readonly number[];
  readonly accumulator: GapAccumulator;
  readonly rows: number;
}

/**
 * Merges the finest cells into every level asked for: total, per period, per segment column,
 * per period × segment column, and the full cross. Merging accumulators equals one pass over
 * the merged cells' rows, so all levels come from the one pass.
 */
export function mergeLevels(collected: CollectedCells): MergedCell[] {
  const hasPeriod = collected.plan.period !== null;
  const columns = collected.plan.segments.length;
  const levels: { level: CellLevel; period: boolean; columns: number[] }[] = [
    { level: "total", period: false, columns: [] },
  ];
  if (hasPeriod) levels.push({ level: "period", period: true, columns: [] });
  for (let c = 0; c < columns; c++) levels.push({ level: "segment", period: false, columns: [c] });
  if (hasPeriod) {
    for (let c = 0; c < columns; c++) {
      levels.push({ level: "period-segment", period: true, columns: [c] });
    }
  }
  if (columns >= 2) {
    levels.push({
      level: "crossed",
      period: hasPeriod,
      columns: Array.from({ length: columns }, (_, c) => c),
    });
  }
  const out: MergedCell[] = [];
  for (const spec of levels) {
    const groups = new Map<string, { slot: number; segments: number[]; cells: FineCell[] }>();
    for (const cell of collected.cells) {
      const slot = spec.period ? cell.slot : -1;
      const segments = collected.plan.segments.map((_, c) =>
        spec.columns.includes(c) ? (cell.segments[c] as number) : -1,
      );
      const key = `${slot}|${segments.join(",")}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { slot, segments, cells: [cell] });
      else group.cells.push(cell);
    }
    const merged = [...groups.values()].map(
      (group): MergedCell => ({
        level: spec.level,
        slot: group.slot,
        segments: group.segments,
        accumulator: mergeAll(group.cells.map((cell) => cell.accumulator)),
        rows: group.cells.reduce((sum, cell) => sum + cell.rows, 0),
      }),
    );
    const ordered = merged.sort((a, b) => {
      // Periods in time, the undated slot (0) last; then segment labels in order.
      const pa = a.slot <= 0 ? Number.MAX_SAFE_INTEGER + a.slot : a.slot;
      const pb = b.slot <= 0 ? Number.MAX_SAFE_INTEGER + b.slot : b.slot;
      if (pa !== pb) return pa - pb;
      for (let c = 0; c < a.segments.length; c++) {
        const d = (a.segments[c] as number) - (b.segments[c] as number);
        if (d !== 0) return d;
      }
      return 0;
    });
    out.push(...ordered);
  }
  return out;
}

/**
 * The `group` of a cell's small-cell warning: the subject is the grouping (e.g. `cells by month
 * × region`), the member the cell (its segment labels, else its period, `undated` or `all`), so
 * a report lists a level's small cells on one line.
 */
function cellGroup(
  cell: MergedCell,
  collected: CollectedCells,
  segments: Readonly<Record<string, string | null>>,
  reason: string,
): NoticeGroup {
  const split = collected.plan.segments
    .filter((_, c) => (cell.segments[c] as number) >= 0)
    .map((column) => column.name);
  const by = [
    ...(cell.slot >= 0 && collected.plan.period !== null ? [collected.plan.period.kind] : []),
    ...split,
  ];
  const labels = split.map((name) => segments[name] ?? "(blank)");
  const member =
    labels.length > 0
      ? labels.join(" × ")
      : cell.slot === 0
        ? "undated"
        : cell.slot > 0
          ? (collected.periods[cell.slot - 1]?.key ?? "period")
          : "all";
  return {
    subject: by.length === 0 ? "all respondents" : `cells by ${by.join(" × ")}`,
    reason,
    member,
    unit: "cell",
  };
}

/** Finishes a merged cell into its figures, suppressing what rests on too few respondents. */
export function finishCell(
  cell: MergedCell,
  collected: CollectedCells,
  dataset: Pick<Dataset, "instrument">,
  quantiles: QuantileCache = new Map(),
): GapCell {
  const plan: CellPlan = collected.plan;
  const figures = cellFigures(
    cell.accumulator,
    dataset.instrument,
    plan.minimumN,
    plan.level,
    quantiles,
  );
  const segments: Record<string, string | null> = {};
  plan.segments.forEach((column, c) => {
    const code = cell.segments[c] as number;
    if (code >= 0) segments[column.name] = collected.labels[c]?.[code] ?? null;
  });
  const warnings: Notice[] = [];
  const suppressed = cell.rows < plan.minimumN;
  if (suppressed) {
    warnings.push({
      ...notice(
        "small-cell",
        `${cell.rows} respondent${cell.rows === 1 ? "" : "s"}, fewer than minimumN = ${plan.minimumN}: figures suppressed`,
      ),
      group: cellGroup(
        cell,
        collected,
        segments,
        `cells suppressed (fewer than ${plan.minimumN} respondents)`,
      ),
    });
  } else {
    const small = [...figures.items, ...figures.dimensions, figures.overall].filter(
      (figure) => figure.suppressed,
    );
    if (small.length > 0) {
      warnings.push({
        ...notice(
          "small-cell",
          `${small.map((figure) => figure.id).join(", ")}: fewer than minimumN = ${plan.minimumN} respondents answered; suppressed`,
        ),
        group: cellGroup(
          cell,
          collected,
          segments,
          `figures suppressed (fewer than ${plan.minimumN} respondents answered)`,
        ),
      });
    }
  }
  return {
    level: cell.level,
    period: cell.slot > 0 ? (collected.periods[cell.slot - 1] ?? null) : null,
    undated: cell.slot === 0,
    segments,
    rows: cell.rows,
    suppressed,
    ...figures,
    warnings,
  };
}

/**
 * Gap 5 (P − E) per item, dimension and overall in cells of respondents: per calendar period,
 * per value of any segment column (region, channel, branch, relationship stage), per period ×
 * segment value, and in total, all from ONE pass over the answers: each row gets its finest
 * cell's code and `accumulateGapsByGroup` fills one accumulator per cell; coarser cells are
 * merges of finer ones (exact: merging equals one pass over the merged rows).
 *
 * Each figure has n, mean E, mean P, mean gap, SD and the t interval mean ± t₁₋α/₂,n−1·SD/√n,
 * exactly as {@link gap5} computes them on the cell's rows. Small cells: a figure on fewer than
 * `minimumN` respondents (default 30) is suppressed (null, `suppressed: true`, a `small-cell`
 * notice), never shown as if reliable. Rows without a usable date form an undated cell;
 * rows dated outside `window` are left out; blank segment labels form a cell of their own —
 * each counted and named by row in `issues`. rowsIn = rowsInCells + rowsExcluded.
 *
 * Reference: Parasuraman, Zeithaml & Berry (1988) for the gap; small-cell suppression and
 * the period keys are this library's documented choices (docs/context.md).
 *
 * @param dataset - A dataset of an expectation–perception instrument, with dates for periods
 *   and segment columns for `by`.
 * @param options - `period` (week, month, quarter, year, fiscal-year, season), `timeZone`,
 *   `fiscalYearStart`, `seasons`, `by` (segment columns), `window`, `minimumN`, `level`,
 *   `rows`, `issueLimit`.
 * @returns Plain JSON cells; suppressed figures are null.
 * @throws {ServqualError} `invalid-argument` for bad options; `invalid-input` for an unknown
 *   segment column (`unknown-segment`) or periods without dates (`no-dates`).
 * @example
 * const cells = gapCells(dataset, { period: "month", by: ["region"], timeZone: "Europe/London" });
 * cells.cells.filter((c) => c.level === "period-segment")
 *   .map((c) => [c.period?.key, c.segments.region, c.overall.gap]);
 */
export function gapCells(dataset: Dataset, options: GapCellsOptions = {}): GapCellsResult {
  const fn = "gapCells";
  expectShape(fn, "dataset", dataset, shapes.dataset);
  checkOptionKeys(fn, options, GAP_CELLS_OPTIONS);
  const plan = planCells(fn, dataset, options);
  const collected = collectCells(dataset, plan);
  return finishGapCells(collected, dataset);
}

/** The result of {@link gapCells} from collected cells. */
export function finishGapCells(
  collected: CollectedCells,
  dataset: Pick<Dataset, "instrument">,
): GapCellsResult {
  const plan = collected.plan;
  const quantiles: QuantileCache = new Map();
  const cells = mergeLevels(collected).map((cell) =>
    finishCell(cell, collected, dataset, quantiles),
  );
  const segments: Record<string, readonly (string | null)[]> = {};
  plan.segments.forEach((column, c) => {
    segments[column.name] = collected.labels[c] ?? [];
  });
  const warnings: Notice[] = [...collected.warnings];
  if (collected.rowsUndated > 0) {
    warnings.push(
      notice(
        "undated",
        `${collected.rowsUndated} respondent${collected.rowsUndated === 1 ? " has" : "s have"} no usable date: shown in the undated cell, left out of trends`,
      ),
    );
  }
  if (collected.rowsOutside > 0) {
    warnings.push(
      notice(
        "outside-window",
        `${collected.rowsOutside} respondent${collected.rowsOutside === 1 ? " is" : "s are"} dated outside the study window: left out`,
      ),
    );
  }
  const spec = plan.period;
  return {
    kind: "gap-cells",
    instrument: { id: dataset.instrument.id, name: dataset.instrument.name },
    period:
      spec === null
        ? null
        : {
            kind: spec.kind,
            timeZone: spec.timeZone,
            fiscalYearStart: spec.kind === "fiscal-year" ? spec.fiscalYearStart : null,
            seasons: spec.seasons === null ? null : spec.seasons.names,
          },
    by: plan.segments.map((segment) => segment.name),
    minimumN: plan.minimumN,
    level: plan.level,
    rowsIn: collected.rowsIn,
    rowsInCells: collected.rowsIn - collected.rowsOutside,
    rowsUndated: collected.rowsUndated,
    rowsExcluded: collected.rowsOutside,
    periods: collected.periods,
    segments,
    cells,
    issues: collected.log.summary(),
    warnings,
  };
}
