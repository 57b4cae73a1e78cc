import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import type { Interval } from "../_lib/interval";
import { type Notice, notice } from "../_lib/notice";
import type { Dataset } from "../responses/types";
import { adjustPValues, type PAdjustMethod } from "../stats/adjustPValues";
import type { CellFigure } from "./cellFigures";
import { planCells, type StudyWindow } from "./cellPlan";
import { collectCells } from "./collectCells";
import { finishGapCells, type GapCell, type GapCellsResult } from "./gapCells";
import type { PeriodKind } from "./periodSpec";
import type { Seasons } from "./seasons";
import { type PeriodSlope, weightedSlope, welchFromSummaries } from "./summaryTests";

/** Options of {@link byPeriod}. */
export interface ByPeriodOptions {
  readonly period: PeriodKind;
  readonly timeZone?: string;
  readonly fiscalYearStart?: number;
  readonly seasons?: Seasons;
  /** Segment columns: every trend and change is also given per segment value. */
  readonly segments?: readonly string[];
  readonly window?: StudyWindow;
  /** Smallest n behind a figure that is shown and used (default 30). */
  readonly minimumN?: number;
  readonly level?: number;
  /** Adjustment of the p-values of each family (trends, changes, drift); default "holm". */
  readonly pAdjust?: PAdjustMethod;
  readonly rows?: Int32Array;
  readonly issueLimit?: number;
}

/** The option names of {@link byPeriod}. */
export const BY_PERIOD_OPTIONS = optionNames<ByPeriodOptions>({
  period: true,
  timeZone: true,
  fiscalYearStart: true,
  seasons: true,
  segments: true,
  window: true,
  minimumN: true,
  level: true,
  pAdjust: true,
  rows: true,
  issueLimit: true,
});

/** Which respondents a series follows: all, or one segment value. */
export interface Series {
  /** Segment column → label, or {} for all respondents. */
  readonly segments: Readonly<Record<string, string | null>>;
}

/** The slope of a dimension's (or the overall) mean gap over the periods. */
export interface GapTrend extends Series, PeriodSlope {
  /** Dimension id or "overall". */
  readonly id: string;
  readonly pAdjusted: number | null;
}

/** Change of a mean gap from one period to the next period with a figure. */
export interface PeriodChange extends Series {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** Respondents behind the figure in `from` and in `to`. */
  readonly nFrom: number;
  readonly nTo: number;
  /** Mean gap in `to` − mean gap in `from`. */
  readonly change: number;
  readonly t: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  readonly pAdjusted: number | null;
  readonly ci: Interval;
}

/** An item's expectations over time. */
export interface ExpectationDrift extends PeriodSlope {
  readonly item: string;
  readonly pAdjusted: number | null;
  /** "rising" / "falling" when the adjusted p is below 1 − level, else "stable"; null when untested. */
  readonly direction: "rising" | "falling" | "stable" | null;
}

/** Result of {@link byPeriod}. */
export interface ByPeriodResult {
  readonly kind: "by-period";
  readonly cells: GapCellsResult;
  /** How a slope is estimated (for the report). */
  readonly trendMethod: string;
  readonly pAdjustMethod: PAdjustMethod;
  readonly trends: readonly GapTrend[];
  readonly changes: readonly PeriodChange[];
  readonly expectationDrift: readonly ExpectationDrift[];
  readonly warnings: readonly Notice[];
}

/** The series of cells a trend follows: the period cells, or one segment value's. */
function seriesOf(
  result: GapCellsResult,
): { segments: Record<string, string | null>; cells: GapCell[] }[] {
  const dated = result.cells.filter((c) => c.period !== null);
  const series = [{ segments: {}, cells: dated.filter((c) => c.level === "period") }];
  for (const column of result.by) {
    for (const label of result.segments[column] ?? []) {
      series.push({
        segments: { [column]: label },
        cells: dated.filter((c) => c.level === "period-segment" && c.segments[column] === label),
      });
    }
  }
  return series;
}

const TREND_METHOD =
  "weighted least squares of the period means on the period number, weights = respondents per period (R: lm(mean ~ period, weights = n)); periods with suppressed figures are left out";

/**
 * Gap 5 per period (and per period × segment) with what happens over time, from one pass:
 *
 * - `cells`: as {@link gapCells} with `period` and `by = segments`.
 * - `trends`: per series (all respondents, each segment value) and per dimension and overall,
 *   the slope of the mean gap per period: weighted least squares of the period means on the
 *   period number with weights n_p (R: `lm(mean ~ period, weights = n)`), t test and interval
 *   on k − 2 df (k periods with a shown figure). The residual scatter of the period means sets
 *   the error, so a one-off bad month widens the interval instead of being taken as a trend.
 * - `changes`: each period against the previous period with a figure, Welch's t-test of the
 *   two periods' respondents (independent groups).
 * - `expectationDrift`: per item, the slope of mean expectations E over the periods (all
 *   respondents), flagged `rising` / `falling` when the adjusted p is below 1 − level.
 *
 * p-values are adjusted within each family (trends, changes, drift) of the call
 * (`pAdjust`, default Holm). Suppressed (small) cells and the undated cell are left out.
 *
 * Reference: Welch (1947) for the changes; weighted least squares as in any regression text
 * (e.g. Draper & Smith 1998, ch. 9). The choice of weights is ours (docs/context.md).
 *
 * @param dataset - A dataset with dates (and the segment columns named).
 * @param options - `period`, `timeZone`, `fiscalYearStart`, `seasons`, `segments`, `window`,
 *   `minimumN`, `level`, `pAdjust`, `rows`, `issueLimit`.
 * @returns Cells, trends, changes and expectation drift as plain data.
 * @throws {ServqualError} As {@link gapCells}; `invalid-argument` without `period`.
 * @example
 * const r = byPeriod(dataset, { period: "quarter", timeZone: "Europe/London", segments: ["region"] });
 * r.trends.filter((t) => t.id === "responsiveness").map((t) => [t.segments, t.slope, t.ci]);
 */
export function byPeriod(dataset: Dataset, options: ByPeriodOptions): ByPeriodResult {
  const fn = "byPeriod";
  expectShape(fn, "dataset", dataset, shapes.dataset);
  checkOptionKeys(fn, options, BY_PERIOD_OPTIONS);
  if (options.period === undefined) {
    throw invalidArgument(
      fn,
      "options.period",
      "a period kind (week, month, quarter, …)",
      undefined,
    );
  }
  const method = options.pAdjust ?? "holm";
  const { segments, pAdjust: _pAdjust, ...rest } = options;
  const plan = planCells(fn, dataset, {
    ...rest,
    ...(segments === undefined ? {} : { by: segments }),
  });
  // Checks the adjustment method before the pass.
  adjustPValues([], method);
  const cells = finishGapCells(collectCells(dataset, plan), dataset);
  const level = plan.level;
  const ordinalOf = (cell: GapCell) => cell.period?.ordinal ?? 0;
  const warnings: Notice[] = [];

  const trends: Omit<GapTrend, "pAdjusted">[] = [];
  const changes: Omit<PeriodChange, "pAdjusted">[] = [];
  for (const series of seriesOf(cells)) {
    const figureSets = [
      ...dataset.instrument.dimensions.map((d, i) => ({
        id: d.id,
        pick: (c: GapCell) => c.dimensions[i] as CellFigure,
      })),
      { id: "overall", pick: (c: GapCell) => c.overall },
    ];
    for (const { id, pick } of figureSets) {
      const shown = series.cells.filter((c) => !pick(c).suppressed && pick(c).gap !== null);
      trends.push({
        segments: series.segments,
        id,
        ...weightedSlope(
          shown.map((c) => ({ x: ordinalOf(c), y: pick(c).gap as number, w: pick(c).n })),
          level,
        ),
      });
      for (let k = 1; k < shown.length; k++) {
        const before = pick(shown[k - 1] as GapCell);
        const after = pick(shown[k] as GapCell);
        const test = welchFromSummaries(
          { n: after.n, mean: after.gap as number, sd: after.sd ?? 0 },
          { n: before.n, mean: before.gap as number, sd: before.sd ?? 0 },
          level,
        );
        changes.push({
          segments: series.segments,
          id,
          from: shown[k - 1]?.period?.key ?? "",
          to: shown[k]?.period?.key ?? "",
          nFrom: before.n,
          nTo: after.n,
          change: test.difference,
          t: test.t,
          df: test.df,
          pValue: test.pValue,
          ci: test.ci,
        });
      }
    }
  }
  if (trends.every((t) => t.slope === null)) {
    warnings.push(
      notice(
        "too-few-periods",
        `no series has 3 or more periods with at least minimumN = ${plan.minimumN} respondents: no trend`,
      ),
    );
  }
  const total = cells.cells.filter((c) => c.level === "period" && c.period !== null);
  const drift: Omit<ExpectationDrift, "pAdjusted" | "direction">[] = dataset.instrument.dimensions
    .flatMap((d) => d.items.map((item) => item.id))
    .map((item, i) => {
      const shown = total.filter(
        (c) => !(c.items[i] as CellFigure).suppressed && c.items[i]?.expectation !== null,
      );
      return {
        item,
        ...weightedSlope(
          shown.map((c) => ({
            x: ordinalOf(c),
            y: c.items[i]?.expectation as number,
            w: c.items[i]?.n as number,
          })),
          level,
        ),
      };
    });
  const adjust = <T extends { pValue: number | null }>(list: readonly T[]) =>
    adjustPValues(
      list.map((x) => x.pValue),
      method,
    ).adjusted;
  const trendP = adjust(trends);
  const changeP = adjust(changes);
  const driftP = adjust(drift);
  const alpha = 1 - level;
  return {
    kind: "by-period",
    cells,
    trendMethod: TREND_METHOD,
    pAdjustMethod: method,
    trends: trends.map((t, i) => ({ ...t, pAdjusted: trendP[i] ?? null })),
    changes: changes.map((c, i) => ({ ...c, pAdjusted: changeP[i] ?? null })),
    expectationDrift: drift.map((d, i) => {
      const p = driftP[i] ?? null;
      return {
        ...d,
        pAdjusted: p,
        direction:
          p === null || d.slope === null
            ? null
            : p < alpha
              ? d.slope > 0
                ? "rising"
                : "falling"
              : "stable",
      };
    }),
    warnings: [...cells.warnings, ...warnings],
  };
}
