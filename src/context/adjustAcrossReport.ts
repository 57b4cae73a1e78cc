import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { invalidArgument, isRecord } from "../_lib/guards";
import { adjustPValues } from "../stats/adjustPValues";
import type { CompareSegmentsResult } from "./compareSegments";
import type { EventWindowResult } from "./eventWindows";
import type { SeasonalProfileResult } from "./seasonalProfile";

/** The tests of one report that can be adjusted together (a report's `context`). */
export interface AcrossReportInput {
  readonly seasons?: SeasonalProfileResult | null;
  readonly segments?: CompareSegmentsResult | null;
  readonly segmentComparisons?: readonly CompareSegmentsResult[] | null;
  readonly events?: EventWindowResult | null;
}

/** Options of {@link adjustAcrossReport}. */
export interface AcrossReportOptions {
  /** `"holm"` (default; family-wise error) or `"BH"` (Benjamini–Hochberg false discovery rate). */
  readonly method?: "holm" | "BH";
}

const OPTIONS = optionNames<AcrossReportOptions>({ method: true });

/** How the report's tests were adjusted together. */
export interface AcrossReportAdjustment {
  readonly method: "holm" | "BH";
  /** Tests with a p-value counted in the adjustment. */
  readonly m: number;
  /** The families counted, e.g. `segments: region (omnibus)`, with their number of tests. */
  readonly families: readonly { readonly family: string; readonly tests: number }[];
}

/** An adjusted p beside a test's own. */
type Across = { readonly adjustedAcrossReport: number | null };

/** The input with `adjustedAcrossReport` on every test, and `acrossReport` saying how. */
export type AcrossReportResult<T extends AcrossReportInput> = Omit<
  T,
  "seasons" | "segments" | "segmentComparisons" | "events"
> & {
  readonly seasons?: WithAcross<SeasonalProfileResult> | null;
  readonly segments?: WithAcrossSegments | null;
  readonly segmentComparisons?: readonly WithAcrossSegments[] | null;
  readonly events?: WithAcrossEvents | null;
  readonly acrossReport: AcrossReportAdjustment;
};

type WithAcross<S extends SeasonalProfileResult> = Omit<S, "figures"> & {
  readonly figures: readonly (S["figures"][number] & Across)[];
};
type Comparison = CompareSegmentsResult["comparisons"][number];
type WithAcrossSegments = Omit<CompareSegmentsResult, "comparisons"> & {
  readonly comparisons: readonly (Omit<Comparison, "pairs"> &
    Across & { readonly pairs: readonly (Comparison["pairs"][number] & Across)[] })[];
};
type Effect = EventWindowResult["effects"][number];
type WithAcrossEvents = Omit<EventWindowResult, "effects"> & {
  readonly effects: readonly (Omit<Effect, "figures"> & {
    readonly figures: readonly (Effect["figures"][number] & Across)[];
  })[];
};

/**
 * Multiple-testing control across everything one report compares: every segment comparison's
 * omnibus test (Welch's ANOVA or Kruskal–Wallis, each dimension and overall) and pairwise
 * follow-up (Games–Howell or Dunn), every season-against-the-rest test of the seasonal
 * profile, and every inside-vs-outside test of the event windows, adjusted together by Holm
 * (1979) or Benjamini & Hochberg (1995) over their raw p-values (R:
 * `p.adjust(c(…all raw p…), method)`). Each test keeps its own `pAdjusted` (adjusted within
 * its call) and gains `adjustedAcrossReport`; `acrossReport` gives the method, m and the
 * families. Which tests form the report's family is our documented choice (docs/context.md);
 * Games–Howell p-values, already corrected for the pairs of one dimension by the studentized
 * range, enter as they are. Tests without a p-value are left out of m and get null.
 *
 * @param context - A report's `context` (seasonal profile, segment comparisons, event windows).
 * @param options - `method`: `"holm"` (default) or `"BH"`.
 * @returns The same results with `adjustedAcrossReport` on each test and `acrossReport`.
 * @throws {ServqualError} `invalid-argument` for an unknown option or method.
 *
 * @example
 * const context = adjustAcrossReport({ segments: compareSegments(dataset, { by: "region" }) });
 * context.segments?.comparisons[0]?.adjustedAcrossReport //=> 0.012
 */
export function adjustAcrossReport<T extends AcrossReportInput>(
  context: T,
  options: AcrossReportOptions = {},
): AcrossReportResult<T> {
  const fn = "adjustAcrossReport";
  if (!isRecord(context))
    throw invalidArgument(fn, "context", "a report's context results", context);
  checkOptionKeys(fn, options, OPTIONS);
  const method = options.method ?? "holm";
  if (method !== "holm" && method !== "BH") {
    throw invalidArgument(fn, "options.method", '"holm" or "BH"', method);
  }
  const raw: (number | null)[] = [];
  const families: { family: string; tests: number }[] = [];
  const collect = (family: string, ps: readonly (number | null)[]) => {
    raw.push(...ps);
    const tests = ps.filter((p) => p !== null).length;
    if (tests > 0) families.push({ family, tests });
  };
  const comparisons = [context.segments ?? null, ...(context.segmentComparisons ?? [])];
  for (const c of comparisons) {
    if (c === null) continue;
    collect(
      `segments: ${c.by} (${c.test})`,
      c.comparisons.map((d) => d.pValue),
    );
    collect(
      `segments: ${c.by} (${c.followUp})`,
      c.comparisons.flatMap((d) => d.pairs.map((p) => p.pValue)),
    );
  }
  const seasons = context.seasons ?? null;
  if (seasons !== null)
    collect(
      "seasonal profile",
      seasons.figures.map((f) => f.pValue),
    );
  const events = context.events ?? null;
  if (events !== null) {
    collect(
      "event windows",
      events.effects.flatMap((e) => e.figures.map((f) => f.welch?.pValue ?? null)),
    );
  }
  const adjusted = adjustPValues(raw, method);
  let at = 0;
  const next = () => adjusted.adjusted[at++] ?? null;
  // Walk in the order collected: each comparison's omnibus tests, then its pairs.
  const segmentsOut = comparisons.map((c) => {
    if (c === null) return null;
    const omnibus = c.comparisons.map(() => next());
    // then the pairs, dimension by dimension, as collected
    const out: WithAcrossSegments = {
      ...c,
      comparisons: c.comparisons.map((d, i) => ({
        ...d,
        adjustedAcrossReport: omnibus[i] ?? null,
        pairs: d.pairs.map((p) => ({ ...p, adjustedAcrossReport: next() })),
      })),
    };
    return out;
  });
  const seasonsOut =
    seasons === null
      ? null
      : {
          ...seasons,
          figures: seasons.figures.map((f) => ({ ...f, adjustedAcrossReport: next() })),
        };
  const eventsOut =
    events === null
      ? null
      : {
          ...events,
          effects: events.effects.map((e) => ({
            ...e,
            figures: e.figures.map((f) => ({ ...f, adjustedAcrossReport: next() })),
          })),
        };
  const [segmentsFirst, ...others] = segmentsOut;
  return {
    ...context,
    ...(context.segments === undefined ? {} : { segments: segmentsFirst ?? null }),
    ...(context.segmentComparisons == null
      ? {}
      : { segmentComparisons: others.filter((c): c is WithAcrossSegments => c !== null) }),
    ...(context.seasons === undefined ? {} : { seasons: seasonsOut }),
    ...(context.events === undefined ? {} : { events: eventsOut }),
    acrossReport: { method, m: adjusted.m, families },
  } as AcrossReportResult<T>;
}
