import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import type { Interval } from "../_lib/interval";
import type { IssueLogSummary } from "../_lib/issueLog";
import { type Notice, notice } from "../_lib/notice";
import type { GapAccumulator } from "../gaps/gapAccumulator";
import type { Dataset } from "../responses/types";
import { adjustPValues, type PAdjustMethod } from "../stats/adjustPValues";
import { type CellFigure, cellFigures, type QuantileCache } from "./cellFigures";
import { planCells, type StudyWindow } from "./cellPlan";
import { collectCells } from "./collectCells";
import { mergeAll } from "./mergeCells";
import type { Seasons } from "./seasons";
import { welchFromSummaries } from "./summaryTests";

/** Options of {@link seasonalProfile}. */
export interface SeasonalProfileOptions {
  /** `"northern"` (default), `"southern"` or a custom month map. */
  readonly seasons?: Seasons;
  readonly timeZone?: string;
  /** One segment column: a profile per segment value as well. */
  readonly by?: string;
  readonly window?: StudyWindow;
  readonly minimumN?: number;
  readonly level?: number;
  /** Adjustment across every season × dimension (and, separately, season × item); default "holm". */
  readonly pAdjust?: PAdjustMethod;
  readonly rows?: Int32Array;
  readonly issueLimit?: number;
}

/** The option names of {@link seasonalProfile}. */
export const SEASONAL_PROFILE_OPTIONS = optionNames<SeasonalProfileOptions>({
  seasons: true,
  timeZone: true,
  by: true,
  window: true,
  minimumN: true,
  level: true,
  pAdjust: true,
  rows: true,
  issueLimit: true,
});

/** One season's mean gap (all its years pooled) against the rest of the year. */
export interface SeasonFigure {
  /** Segment column → label, or {} for all respondents. */
  readonly segments: Readonly<Record<string, string | null>>;
  readonly season: string;
  /** "dimension", "item" or "overall". */
  readonly kind: "dimension" | "item" | "overall";
  readonly id: string;
  readonly figure: CellFigure;
  /** The other seasons pooled. */
  readonly rest: CellFigure;
  /** Season mean gap − rest mean gap, Welch's test. */
  readonly difference: number | null;
  readonly t: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  readonly pAdjusted: number | null;
  readonly ci: Interval;
  /** True when the adjusted p is below 1 − level. */
  readonly differs: boolean;
}

/** Result of {@link seasonalProfile}. */
export interface SeasonalProfileResult {
  readonly kind: "seasonal-profile";
  readonly seasons: readonly string[];
  /** Season-years seen (e.g. 2023/24-winter), in order. */
  readonly periods: readonly string[];
  readonly timeZone: string;
  readonly by: string | null;
  readonly minimumN: number;
  readonly level: number;
  readonly pAdjustMethod: PAdjustMethod;
  readonly rowsIn: number;
  readonly rowsUndated: number;
  readonly rowsExcluded: number;
  readonly figures: readonly SeasonFigure[];
  readonly issues: IssueLogSummary;
  readonly warnings: readonly Notice[];
}

/**
 * The seasonal profile of Gap 5: per season (meteorological by hemisphere, or a custom month
 * map), the mean gap of each dimension, item and overall with every year's respondents of that
 * season pooled, beside the rest of the year, and a flag when a season differs from the rest
 * beyond chance: Welch's t-test of the season's respondents against the other seasons'
 * (independent groups), p-values adjusted across every season × dimension and overall (one
 * family) and every season × item (another), in all segment values of the call.
 *
 * One pass over the answers (cells per season-year × segment, merged by season). Undated
 * respondents are counted and left out; suppressed figures (n < minimumN) are not tested.
 *
 * Reference: Welch (1947); meteorological seasons (WMO). The season-against-rest design and
 * the families are our documented choice (docs/context.md).
 *
 * @param dataset - A dataset with dates.
 * @param options - `seasons`, `timeZone`, `by`, `window`, `minimumN`, `level`, `pAdjust`,
 *   `rows`, `issueLimit`.
 * @returns Per season and figure: the season, the rest, the difference and its test.
 * @throws {ServqualError} As {@link gapCells}.
 * @example
 * const p = seasonalProfile(dataset, { seasons: "northern", by: "region" });
 * p.figures.filter((f) => f.differs).map((f) => [f.segments, f.season, f.id, f.difference]);
 */
export function seasonalProfile(
  dataset: Dataset,
  options: SeasonalProfileOptions = {},
): SeasonalProfileResult {
  const fn = "seasonalProfile";
  expectShape(fn, "dataset", dataset, shapes.dataset);
  checkOptionKeys(fn, options, SEASONAL_PROFILE_OPTIONS);
  if (options.by !== undefined && typeof options.by !== "string") {
    throw invalidArgument(fn, "options.by", "one segment column name", options.by);
  }
  const method = options.pAdjust ?? "holm";
  adjustPValues([], method);
  const { by, pAdjust: _p, ...rest } = options;
  const plan = planCells(fn, dataset, {
    ...rest,
    period: "season",
    ...(by === undefined ? {} : { by: [by] }),
  });
  const collected = collectCells(dataset, plan);
  const seasonNames = plan.period?.seasons?.names ?? [];
  const labels = collected.labels[0] ?? [];
  const seriesList: { segments: Record<string, string | null>; code: number }[] = [
    { segments: {}, code: -1 },
    ...labels.map((label, code) => ({ segments: { [by as string]: label }, code })),
  ];
  const quantiles: QuantileCache = new Map();
  const { minimumN, level } = plan;
  const raw: Omit<SeasonFigure, "pAdjusted" | "differs">[] = [];
  for (const series of seriesList) {
    const bySeason = new Map<string, GapAccumulator[]>();
    for (const cell of collected.cells) {
      if (cell.slot <= 0) continue;
      if (series.code >= 0 && cell.segments[0] !== series.code) continue;
      const season = collected.periods[cell.slot - 1]?.season as string;
      bySeason.set(season, [...(bySeason.get(season) ?? []), cell.accumulator]);
    }
    for (const season of seasonNames) {
      const inside = bySeason.get(season) ?? [];
      const outside = seasonNames.filter((s) => s !== season).flatMap((s) => bySeason.get(s) ?? []);
      if (inside.length === 0 || outside.length === 0) continue;
      const own = cellFigures(mergeAll(inside), dataset.instrument, minimumN, level, quantiles);
      const others = cellFigures(mergeAll(outside), dataset.instrument, minimumN, level, quantiles);
      const pairs: [SeasonFigure["kind"], CellFigure, CellFigure][] = [
        ...own.dimensions.map(
          (f, d) =>
            ["dimension", f, others.dimensions[d] as CellFigure] as [
              SeasonFigure["kind"],
              CellFigure,
              CellFigure,
            ],
        ),
        ["overall", own.overall, others.overall],
        ...own.items.map(
          (f, i) =>
            ["item", f, others.items[i] as CellFigure] as [
              SeasonFigure["kind"],
              CellFigure,
              CellFigure,
            ],
        ),
      ];
      for (const [kind, figure, restFigure] of pairs) {
        const tested = !figure.suppressed && !restFigure.suppressed;
        const test = tested
          ? welchFromSummaries(
              { n: figure.n, mean: figure.gap as number, sd: figure.sd ?? 0 },
              { n: restFigure.n, mean: restFigure.gap as number, sd: restFigure.sd ?? 0 },
              level,
            )
          : null;
        raw.push({
          segments: series.segments,
          season,
          kind,
          id: figure.id,
          figure,
          rest: restFigure,
          difference: test?.difference ?? null,
          t: test?.t ?? null,
          df: test?.df ?? null,
          pValue: test?.pValue ?? null,
          ci: test?.ci ?? { level, lower: null, upper: null, method: "t" },
        });
      }
    }
  }
  const adjusted = new Array<number | null>(raw.length).fill(null);
  for (const family of [["dimension", "overall"], ["item"]]) {
    const members = raw.map((f, i) => [f, i] as const).filter(([f]) => family.includes(f.kind));
    const p = adjustPValues(
      members.map(([f]) => f.pValue),
      method,
    ).adjusted;
    members.forEach(([, i], k) => {
      adjusted[i] = p[k] ?? null;
    });
  }
  const warnings: Notice[] = [...collected.warnings];
  const seasonsSeen = new Set(collected.periods.map((p) => p.season));
  if (seasonsSeen.size < 2) {
    warnings.push(
      notice("too-few-periods", "respondents are dated in fewer than two seasons: no comparison"),
    );
  }
  if (collected.rowsUndated > 0) {
    warnings.push(
      notice("undated", `${collected.rowsUndated} respondents without a usable date are left out`),
    );
  }
  return {
    kind: "seasonal-profile",
    seasons: seasonNames,
    periods: collected.periods
      .filter((_, i) => collected.cells.some((c) => c.slot === i + 1))
      .map((p) => p.key),
    timeZone: plan.period?.timeZone ?? "UTC",
    by: by ?? null,
    minimumN,
    level,
    pAdjustMethod: method,
    rowsIn: collected.rowsIn,
    rowsUndated: collected.rowsUndated,
    rowsExcluded: collected.rowsOutside,
    figures: raw.map((f, i) => {
      const p = adjusted[i] ?? null;
      return { ...f, pAdjusted: p, differs: p !== null && p < 1 - level };
    }),
    issues: collected.log.summary(),
    warnings,
  };
}
