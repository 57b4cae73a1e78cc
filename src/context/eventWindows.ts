import { TZDate } from "@date-fns/tz/date";
import { closestName } from "../_lib/closestName";
import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { respondentScores } from "../responses/respondentScores";
import type { Dataset } from "../responses/types";
import { adjustPValues, type PAdjustMethod } from "../stats/adjustPValues";
import { planCells } from "./cellPlan";
import { type ComplianceComparison, compareCompliance } from "./complianceComparison";
import { ALL_STANDARDS, countDays, type DeliveryInput, deliveryDays } from "./deliveryDays";
import type { CalendarEventType, EventCalendar, EventWindow } from "./eventCalendar";
import { type ComparisonFigure, compareScores } from "./windowFigures";

/** Options of {@link eventWindowEffects}. */
export interface EventWindowOptions {
  /** The windows (from `validateEventCalendar` or `readEventCalendarCsv`). */
  readonly calendar: EventCalendar;
  /** The segment column holding the region (default "region"). */
  readonly region?: string;
  /** Time zone the windows' days are read in (default "UTC"). */
  readonly timeZone?: string;
  /** A side with fewer scored respondents is suppressed (default 30, at least 2). */
  readonly minimumN?: number;
  readonly level?: number;
  /** Adjustment across every gap comparison (one family) and every compliance one (another); default "holm". */
  readonly pAdjust?: PAdjustMethod;
  /** Delivery records and standards: Gap 3 compliance inside vs outside, too. */
  readonly delivery?: DeliveryInput;
  readonly rows?: Int32Array;
}

/** The option names of {@link eventWindowEffects}. */
export const EVENT_WINDOW_OPTIONS = optionNames<EventWindowOptions>({
  calendar: true,
  region: true,
  timeZone: true,
  minimumN: true,
  level: true,
  pAdjust: true,
  delivery: true,
  rows: true,
});

/** One window in one region: Gap 5 (and Gap 3 compliance) inside vs outside. */
export interface WindowEffect {
  readonly window: string;
  readonly type: CalendarEventType;
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly region: string;
  /** Respondents of the region dated inside the window. */
  readonly inside: number;
  /** Respondents of the region dated on no day of any window that covers the region. */
  readonly outside: number;
  /** Per dimension, then overall. */
  readonly figures: readonly ComparisonFigure[];
  /** All standards pooled; null without delivery records. */
  readonly delivery: ComplianceComparison | null;
}

/** Result of {@link eventWindowEffects}. */
export interface EventWindowResult {
  readonly kind: "event-windows";
  readonly region: string;
  readonly timeZone: string;
  readonly minimumN: number;
  readonly level: number;
  readonly pAdjustMethod: PAdjustMethod;
  /** Respondents considered = dated with a region + undated + blank region (neither side). */
  readonly rows: {
    readonly in: number;
    readonly dated: number;
    readonly undated: number;
    readonly blankRegion: number;
  };
  /** Rows of the calendar: used (valid windows) + excluded at validation. */
  readonly calendarRecords: {
    readonly in: number;
    readonly used: number;
    readonly excluded: number;
  };
  /** Valid windows = windows analysed + windows skipped. */
  readonly windowsIn: number;
  readonly effects: readonly WindowEffect[];
  /** Windows left out, each with its reason (`unknown-region`). */
  readonly skipped: readonly {
    readonly window: string;
    readonly row: number;
    readonly reason: Notice;
  }[];
  /** The calendar's overlaps, small cells, missing delivery records. */
  readonly warnings: readonly Notice[];
}

function dayStart(day: string, zone: string, next: boolean): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d + (next ? 1 : 0), zone).getTime();
}

/**
 * Gap 5 inside each event window vs outside it, per region: for a window of one region, that
 * region; for a window of all regions, each region with at least `minimumN` dated respondents
 * (the others are named in a `small-cell` warning). Inside = the region's respondents dated on a
 * day of the window (local days in `timeZone`, both ends inclusive); outside = the region's
 * respondents dated on no day of any window covering the region (our choice: other events do
 * not contaminate the baseline); undated respondents are in neither. Per dimension and overall:
 * the mean gap scores (respondentScores), Welch's t-test of inside − outside (Welch 1947) and
 * Hedges' g with its normal interval (Hedges & Olkin 1985). With delivery records, Gap 3
 * compliance (all standards pooled, local days of the records' calendar) inside vs outside:
 * difference of proportions with Newcombe's interval (Newcombe 1998) and the pooled z-test.
 * p-values are adjusted (`pAdjust`, default Holm) across all gap comparisons and, separately,
 * all compliance comparisons.
 *
 * @param dataset - Validated responses with dates and a region segment column.
 * @param options - `calendar` (required), `region`, `timeZone`, `minimumN`, `level`, `pAdjust`,
 *   `delivery`, `rows`.
 * @returns One effect per window × region; windows naming a region the survey lacks are skipped
 *   (`unknown-region`); a side with fewer than `minimumN` respondents is suppressed (`small-cell`).
 * @throws {ServqualError} `invalid-argument` for bad options; `invalid-input` for an unknown
 *   region column (`unknown-segment`) or a dataset without dates (`no-dates`).
 * @example
 * const calendar = validateEventCalendar([{ type: "flood", region: "North", start: "2025-01-06", end: "2025-02-23" }]);
 * const result = eventWindowEffects(dataset, { calendar, minimumN: 10 });
 * result.effects[0].figures[2].welch.difference //=> -0.8 (responsiveness gap inside − outside)
 */
export function eventWindowEffects(
  dataset: Dataset,
  options: EventWindowOptions,
): EventWindowResult {
  const fn = "eventWindowEffects";
  expectShape(fn, "dataset", dataset, shapes.dataset);
  checkOptionKeys(fn, options, EVENT_WINDOW_OPTIONS);
  const calendar = options.calendar as unknown;
  if (
    typeof calendar !== "object" ||
    calendar === null ||
    (calendar as { kind?: unknown }).kind !== "event-calendar"
  ) {
    throw invalidArgument(
      fn,
      "options.calendar",
      "an EventCalendar (validateEventCalendar)",
      calendar,
    );
  }
  const regionColumn = options.region ?? "region";
  if (typeof regionColumn !== "string") {
    throw invalidArgument(fn, "options.region", "a segment column name", regionColumn);
  }
  const method = options.pAdjust ?? "holm";
  adjustPValues([], method);
  const plan = planCells(fn, dataset, {
    period: "month",
    by: [regionColumn],
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    ...(options.minimumN === undefined ? {} : { minimumN: options.minimumN }),
    ...(options.level === undefined ? {} : { level: options.level }),
    ...(options.rows === undefined ? {} : { rows: options.rows }),
  });
  const delivery = options.delivery === undefined ? null : deliveryDays(fn, options.delivery);
  const zone = plan.period?.timeZone ?? "UTC";
  const { minimumN, level } = plan;
  const labels = (plan.segments[0] as { values: readonly (string | null)[] }).values;
  const dates = dataset.dates as Float64Array;
  const selected = plan.rows ?? Int32Array.from({ length: dataset.n }, (_, i) => i);
  const byRegion = new Map<string, number[]>();
  const left = { undated: 0, blankRegion: 0 };
  for (const row of selected) {
    const label = labels[row];
    if (!Number.isFinite(dates[row] as number)) left.undated += 1;
    else if (label === null || label === undefined) left.blankRegion += 1;
    if (label === null || label === undefined || !Number.isFinite(dates[row] as number)) continue;
    const list = byRegion.get(label) ?? [];
    list.push(row);
    byRegion.set(label, list);
  }
  const regions = [...byRegion.keys()].sort();
  // A window of all regions is compared in each region with enough dated respondents.
  const large = regions.filter((r) => (byRegion.get(r) as number[]).length >= plan.minimumN);
  const { windows } = calendar as EventCalendar;
  const warnings: Notice[] = [...(calendar as EventCalendar).warnings];
  const skipped: { window: string; row: number; reason: Notice }[] = [];
  const used: EventWindow[] = [];
  for (const window of windows) {
    if (window.region !== null && !byRegion.has(window.region)) {
      const closest = closestName(window.region, regions);
      const reason = notice(
        "unknown-region",
        `window ${window.id} (row ${window.row}) names region "${window.region}", which no dated respondent has in column ${regionColumn} (${regions.join(", ")})${closest === null ? "" : `; did you mean "${closest}"?`}`,
      );
      skipped.push({ window: window.id, row: window.row, reason });
      warnings.push(reason);
    } else used.push(window);
  }
  const bounds = new Map(
    used.map((w) => [w, [dayStart(w.start, zone, false), dayStart(w.end, zone, true)] as const]),
  );
  const inWindow = (w: EventWindow, row: number) => {
    const [from, to] = bounds.get(w) as readonly [number, number];
    const t = dates[row] as number;
    return t >= from && t < to;
  };
  const dimensionScores = respondentScores(dataset, { facet: "gap", level: "dimension" });
  const overallScores = respondentScores(dataset, { facet: "gap", level: "overall" });
  const ids = dataset.instrument.dimensions.map((d) => d.id);
  const effects: WindowEffect[] = [];
  const small = regions.filter((r) => !large.includes(r));
  if (small.length > 0 && used.some((w) => w.region === null)) {
    warnings.push(
      notice(
        "small-cell",
        `windows of all regions are not compared in ${small.map((r) => JSON.stringify(r)).join(", ")}: fewer than ${plan.minimumN} dated respondents there`,
      ),
    );
  }
  for (const window of used) {
    for (const region of window.region === null ? large : [window.region]) {
      const covering = used.filter((w) => w.region === null || w.region === region);
      const rows = byRegion.get(region) ?? [];
      const inside = rows.filter((row) => inWindow(window, row));
      const outside = rows.filter((row) => !covering.some((w) => inWindow(w, row)));
      const where = { window: window.id, region };
      const figures = [
        ...ids.map((id, d) =>
          compareScores(
            id,
            dimensionScores[d] as Float64Array,
            inside,
            outside,
            minimumN,
            level,
            where,
            warnings,
          ),
        ),
        compareScores("overall", overallScores, inside, outside, minimumN, level, where, warnings),
      ];
      let compliance: ComplianceComparison | null = null;
      if (delivery !== null) {
        const inDays = (day: string) => day >= window.start && day <= window.end;
        const outDays = (day: string) => !covering.some((w) => day >= w.start && day <= w.end);
        compliance = compareCompliance(
          "all",
          countDays(delivery, region, ALL_STANDARDS, inDays),
          countDays(delivery, region, ALL_STANDARDS, outDays),
          level,
          `window ${window.id} in ${region}`,
          warnings,
        );
      }
      effects.push({
        window: window.id,
        type: window.type,
        label: window.label,
        start: window.start,
        end: window.end,
        region,
        inside: inside.length,
        outside: outside.length,
        figures,
        delivery: compliance,
      });
    }
  }
  return {
    kind: "event-windows",
    region: regionColumn,
    timeZone: zone,
    minimumN,
    level,
    pAdjustMethod: method,
    rows: {
      in: selected.length,
      dated: selected.length - left.undated - left.blankRegion,
      ...left,
    },
    calendarRecords: {
      in: (calendar as EventCalendar).report.recordsIn,
      used: (calendar as EventCalendar).report.recordsUsed,
      excluded: (calendar as EventCalendar).report.recordsExcluded,
    },
    windowsIn: windows.length,
    effects: adjustEffects(effects, method),
    skipped,
    warnings,
  };
}

/** Fills pAdjusted: gap figures as one family, compliance comparisons as another. */
function adjustEffects(effects: WindowEffect[], method: PAdjustMethod): WindowEffect[] {
  const gaps = adjustPValues(
    effects.flatMap((e) => e.figures.map((f) => f.welch?.pValue ?? null)),
    method,
  ).adjusted;
  const deliveries = adjustPValues(
    effects.map((e) => e.delivery?.difference?.pValue ?? null),
    method,
  ).adjusted;
  let k = 0;
  return effects.map((effect, e) => ({
    ...effect,
    figures: effect.figures.map((figure) => ({ ...figure, pAdjusted: gaps[k++] ?? null })),
    delivery:
      effect.delivery === null ? null : { ...effect.delivery, pAdjusted: deliveries[e] ?? null },
  }));
}
