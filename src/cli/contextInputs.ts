import type * as Library from "../node";
import type { ContextResults } from "../report/contextSections";
import { didYouMean } from "./closest";
import { winterDipChange } from "./demoWinterChange";
import { type PeriodFlags, readSeasonsMap } from "./periodFlags";
import { UsageError } from "./usageError";

/** The periods `--by` takes. */
const PERIODS = ["week", "month", "quarter", "season", "year", "fiscal-year"] as const;

/** `--by`, `--calendar`, `--min-n`, `--fiscal-start` and `--seasons` of `servqual report`. */
export interface ContextFlags {
  readonly period: (typeof PERIODS)[number] | undefined;
  readonly calendar: string | undefined;
  readonly minimumN: number | undefined;
  /** `--fiscal-start` (with `--by fiscal-year`) and the `--seasons` file; absent: none. */
  readonly periods?: PeriodFlags;
}

/**
 * Checks `--by PERIOD`, `--calendar FILE` and `--min-n N` (with `--fiscal-start` and
 * `--seasons` already checked by parsePeriodFlags); undefined when none is given.
 *
 * @throws {UsageError} for an unknown period or a min-n that is not a whole number ≥ 2.
 * @example
 * parseContextFlags("month", undefined, "20") //=> { period: "month", calendar: undefined, minimumN: 20 }
 */
export function parseContextFlags(
  by: string | undefined,
  calendar: string | undefined,
  minN: string | undefined,
  periods?: PeriodFlags,
): ContextFlags | undefined {
  if (by === undefined && calendar === undefined && minN === undefined) return undefined;
  if (by !== undefined && !(PERIODS as readonly string[]).includes(by)) {
    throw new UsageError(
      `--by must be one of ${PERIODS.join(", ")}, not "${by}"${didYouMean(by, [...PERIODS])}`,
    );
  }
  let minimumN: number | undefined;
  if (minN !== undefined) {
    minimumN = Number(minN);
    if (!/^\d+$/.test(minN) || minimumN < 2) {
      throw new UsageError(`--min-n must be a whole number of respondents ≥ 2, not "${minN}"`);
    }
  }
  if (by === undefined && calendar === undefined) {
    throw new UsageError("--min-n goes with --by PERIOD or --calendar FILE");
  }
  return {
    period: by as ContextFlags["period"],
    calendar,
    minimumN,
    ...(periods === undefined ? {} : { periods }),
  };
}

/** What the context adds to a run: the report sections and terminal lines. */
export interface ContextRun {
  readonly context: ContextResults;
  readonly lines: readonly string[];
}

type Lib = typeof Library;

/** The region column: `region` when kept, else the first segment column. */
export function regionColumn(dataset: Library.Dataset): string | undefined {
  const names = dataset.segments.map((s) => s.name);
  return names.includes("region") ? "region" : names[0];
}

/**
 * `servqual report --by/--calendar`: Gap 5 by period (trends, drift), the seasonal profile,
 * the first segment column compared, allocation priorities (each period pooled with its
 * namesakes of other years) and, with a calendar, event windows, with one summary line each.
 *
 * @throws {UsageError} when a calendar or allocation needs a region column and none is kept.
 */
export async function reportContext(
  lib: Lib,
  dataset: Library.Dataset,
  flags: ContextFlags,
): Promise<ContextRun> {
  const minimumN = flags.minimumN === undefined ? {} : { minimumN: flags.minimumN };
  const region = regionColumn(dataset);
  const fiscalYearStart = flags.periods?.fiscalYearStart;
  const seasonsFile = flags.periods?.seasonsFile;
  const seasons = seasonsFile === undefined ? undefined : await readSeasonsMap(seasonsFile);
  // The period options of --by: a fiscal start for fiscal years, the season map for seasons.
  const periodOptions = {
    ...(flags.period === "fiscal-year" && fiscalYearStart !== undefined ? { fiscalYearStart } : {}),
    ...(flags.period === "season" && seasons !== undefined ? { seasons } : {}),
  };
  const lines: string[] = [];
  const context: {
    -readonly [K in keyof ContextResults]: ContextResults[K];
  } = {};
  if (flags.period !== undefined) {
    context.byPeriod = lib.byPeriod(dataset, {
      period: flags.period,
      ...periodOptions,
      ...minimumN,
    });
    context.seasons = lib.seasonalProfile(dataset, {
      ...(seasons === undefined ? {} : { seasons }),
      ...minimumN,
    });
    const drift = context.byPeriod.expectationDrift.filter(
      (d) => d.direction === "rising" || d.direction === "falling",
    );
    lines.push(
      `Expectation drift by ${flags.period}: ${drift.length === 0 ? "none beyond chance" : drift.map((d) => `item ${d.item} ${d.direction}`).join(", ")}`,
    );
    if (region !== undefined) {
      context.segments = lib.compareSegments(dataset, { by: region, ...minimumN });
      const allocation = lib.allocationPriorities(dataset, {
        period: flags.period,
        ...periodOptions,
        acrossYears: flags.period !== "year" && flags.period !== "fiscal-year",
        region,
        dimensions: dataset.instrument.dimensions
          .map((d) => d.id)
          .filter((id) => id === "responsiveness" || id === "reliability"),
        ...minimumN,
      });
      context.allocation = allocation;
      const top = allocation.priorities.filter((p) => p.evidence !== "weak").slice(0, 3);
      for (const p of top) lines.push(p.sentence);
      if (top.length === 0)
        lines.push("Allocation: no region × period cell deteriorates beyond chance");
    }
  }
  if (flags.calendar !== undefined) {
    if (region === undefined) {
      throw new UsageError("--calendar needs a region column: keep it with --segments region");
    }
    const calendar = await lib.readEventCalendarCsv(flags.calendar);
    context.events = lib.eventWindowEffects(dataset, { calendar, region, ...minimumN });
    const r = calendar.report;
    lines.push(
      `Event calendar: ${r.recordsIn} windows = ${r.recordsUsed} used + ${r.recordsExcluded} excluded; ${context.events.skipped.length} skipped (unknown region)`,
    );
    lines.push(...windowLines(context.events));
  }
  const others = segmentComparisons(
    lib,
    dataset,
    context.segments === undefined ? undefined : region,
    minimumN,
  );
  if (others.results.length > 0) context.segmentComparisons = others.results;
  lines.push(...others.lines);
  return { context, lines };
}

/**
 * `--segments A,B`: every kept segment column not compared yet gets its own comparison (and so
 * its own report section), with one terminal line each; a column that cannot be compared (one
 * group, or too few respondents) gets a line saying why instead.
 *
 * @param done - The column already compared (the region of `--by`), or undefined.
 */
export function segmentComparisons(
  lib: Lib,
  dataset: Library.Dataset,
  done: string | undefined,
  options: { readonly minimumN?: number; readonly method?: "welch" | "kruskal" } = {},
): { results: Library.CompareSegmentsResult[]; lines: string[] } {
  const results: Library.CompareSegmentsResult[] = [];
  const lines: string[] = [];
  for (const { name } of dataset.segments) {
    if (name === done) continue;
    try {
      const result = lib.compareSegments(dataset, { by: name, ...options });
      results.push(result);
      const differing = result.comparisons.filter(
        (c) => c.pAdjusted !== null && c.pAdjusted < 0.05,
      );
      lines.push(
        `Segments compared: ${name}: ${differing.length === 0 ? "no dimension differs beyond chance" : `${differing.map((c) => c.id).join(", ")} ${differing.length === 1 ? "differs" : "differ"} (p adj. < .05)`}`,
      );
    } catch (error) {
      if (!(error instanceof lib.ServqualError)) throw error;
      lines.push(`Segments compared: ${name}: not compared (${error.message})`);
    }
  }
  return { results, lines };
}

/** One line per window × region whose gap inside differs beyond chance on some figure. */
function windowLines(result: Library.EventWindowResult): string[] {
  const alpha = 1 - result.level;
  return result.effects.flatMap((effect) =>
    effect.figures
      .filter((f) => f.pAdjusted !== null && f.pAdjusted < alpha)
      .map(
        (f) =>
          `${effect.label} in ${effect.region}: ${f.id} gap ${(f.inside.mean ?? 0).toFixed(2)} inside vs ${(f.outside.mean ?? 0).toFixed(2)} outside (Hedges g ${(f.hedgesG?.g ?? 0).toFixed(2)}, n = ${f.inside.n}, p adj. ${(f.pAdjusted as number).toFixed(3)})`,
      ),
  );
}

/**
 * `servqual demo`: the context of the demo survey with the settings that show each planted
 * effect (data/DEMO.md), and one line per planted effect saying whether it was found and by
 * which test.
 */
export async function demoContext(
  lib: Lib,
  dataset: Library.Dataset,
  calendarPath: string,
): Promise<ContextRun> {
  // Seasons × region: the winter dip shows as a change between seasons in North (about 20
  // respondents a season there; a region × month holds about 8).
  const byPeriod = lib.byPeriod(dataset, { period: "season", segments: ["region"], minimumN: 20 });
  const dip = winterDipChange(byPeriod);
  const seasons = lib.seasonalProfile(dataset, {
    seasons: { warm: [5, 6, 7, 8, 9], cold: [10, 11, 12, 1, 2, 3, 4] },
  });
  // Welch's ANOVA + Games–Howell (the default): the demo plants Coast's empathy shortfall.
  const segments = lib.compareSegments(dataset, { by: "region" });
  const allocation = lib.allocationPriorities(dataset, { period: "season", acrossYears: true });
  const calendar = await lib.readEventCalendarCsv(calendarPath);
  const events = lib.eventWindowEffects(dataset, { calendar, minimumN: 10 });
  const found = (yes: boolean, text: string, test: string) =>
    `${yes ? "Found" : "Not found"}: ${text} (${test})`;
  const top = allocation.priorities[0];
  const winter =
    top?.region === "North" && top.period === "winter" && top.dimension === "responsiveness";
  const flood = events.effects
    .find((e) => e.window === "flood-north-2025")
    ?.figures.find((f) => f.id === "responsiveness");
  const floodFound =
    flood?.welch !== null &&
    flood?.welch !== undefined &&
    flood.welch.difference < 0 &&
    (flood.pAdjusted ?? 1) < 0.05;
  const warm = seasons.figures.find(
    (f) => f.season === "warm" && f.kind === "item" && f.id === "2",
  );
  const drift = byPeriod.expectationDrift.find((d) => d.item === "3");
  const lines = [
    found(
      winter,
      `winter responsiveness dip in North${top === undefined ? "" : `: ${top.sentence}`}`,
      "allocationPriorities, Welch's t-tests against North's other seasons and the other regions in winter, Holm-adjusted",
    ),
    found(
      floodFound,
      `responsiveness worse inside the North flood window${flood?.welch ? `: ${flood.welch.difference.toFixed(2)} (Hedges g ${(flood.hedgesG?.g ?? 0).toFixed(2)}, n = ${flood.inside.n}, p adj. ${(flood.pAdjusted ?? 1).toFixed(3)})` : ""}`,
      "eventWindowEffects, Welch's t-test inside vs outside with Hedges' g",
    ),
    found(
      warm?.differs === true && (warm.difference ?? 0) < 0,
      `item 2 lower in the warm season (May–September)${warm?.difference == null ? "" : `: ${warm.difference.toFixed(2)} vs the rest of the year, p adj. ${(warm.pAdjusted ?? 1).toExponential(1)}`}`,
      "seasonalProfile, Welch's t-test of the season against the rest, Holm-adjusted across items",
    ),
    found(
      drift?.direction === "rising",
      `expectations of item 3 rising${drift?.slope == null ? "" : `: ${drift.slope.toFixed(3)} per season, p adj. ${(drift.pAdjusted ?? 1).toExponential(1)}`}`,
      "byPeriod expectation drift, weighted least-squares slope of seasonal means, Holm-adjusted",
    ),
    found(
      dip.found,
      dip.text,
      "byPeriod period-over-period change, Welch's t-test of the two seasons' respondents, Holm-adjusted",
    ),
  ];
  const others = segmentComparisons(lib, dataset, "region");
  const context = {
    byPeriod,
    seasons,
    segments,
    segmentComparisons: others.results,
    events,
    allocation,
  };
  // Each planted effect is tested in its own family above; say too where it stands among
  // every test of the report (the p the report's words use).
  const across = lib.adjustAcrossReport(context);
  const acrossFlood = across.events?.effects
    .find((e) => e.window === "flood-north-2025")
    ?.figures.find((f) => f.id === "responsiveness")?.adjustedAcrossReport;
  const acrossP = [
    bothTests(across.allocation?.priorities[0]),
    acrossFlood,
    across.seasons?.figures.find((f) => f.season === "warm" && f.kind === "item" && f.id === "2")
      ?.adjustedAcrossReport,
    across.byPeriod?.expectationDrift.find((d) => d.item === "3")?.adjustedAcrossReport,
    across.byPeriod?.changes[dip.change === undefined ? -1 : byPeriod.changes.indexOf(dip.change)]
      ?.adjustedAcrossReport,
  ];
  const m = across.acrossReport.m;
  lines.forEach((line, i) => {
    const p = acrossP[i];
    if (p === null || p === undefined) return;
    const verdict = p < 0.05 ? "also significant" : "not significant";
    lines[i] =
      `${line}; ${verdict} among all ${m} tests of the report (Holm, p adj. ${formatP(p)})`;
  });
  lines.push(...others.lines);
  return { context, lines };
}

/** The larger of an allocation cell's two adjusted p (its evidence needs both tests). */
function bothTests(
  cell:
    | { ownAdjustedAcrossReport?: number | null; elsewhereAdjustedAcrossReport?: number | null }
    | undefined,
): number | null {
  const own = cell?.ownAdjustedAcrossReport;
  const elsewhere = cell?.elsewhereAdjustedAcrossReport;
  return typeof own === "number" && typeof elsewhere === "number" ? Math.max(own, elsewhere) : null;
}

/** A p-value for a terminal line: three decimals, or "< .001". */
function formatP(p: number): string {
  return p < 0.001 ? "< .001" : p.toFixed(3);
}

/**
 * Wraps each line at spaces to `width` columns, continuation lines indented by two spaces
 * (a word longer than the width stays whole on its own line).
 *
 * @example
 * wrapLines(["a b c"], 3) //=> ["a b", "  c"]
 */
export function wrapLines(lines: readonly string[], width: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    let current = "";
    for (const word of line.split(" ")) {
      const next = current === "" ? word : `${current} ${word}`;
      if (current !== "" && next.length > width) {
        out.push(current);
        current = `  ${word}`;
      } else current = next;
    }
    out.push(current);
  }
  return out;
}
