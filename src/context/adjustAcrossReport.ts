import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { invalidArgument, isRecord } from "../_lib/guards";
import { adjustPValues } from "../stats/adjustPValues";
import {
  type AllocationPriority,
  type AllocationResult,
  evidenceOf,
  prioritySentence,
} from "./allocationPriorities";
import type { ByPeriodResult } from "./byPeriod";
import type { CompareSegmentsResult } from "./compareSegments";
import type { ComplianceComparison } from "./complianceComparison";
import type { EventWindowResult } from "./eventWindows";
import type { SeasonalProfileResult } from "./seasonalProfile";

/** The tests of one report that can be adjusted together (a report's `context`). */
export interface AcrossReportInput {
  readonly byPeriod?: ByPeriodResult | null;
  readonly seasons?: SeasonalProfileResult | null;
  readonly segments?: CompareSegmentsResult | null;
  readonly segmentComparisons?: readonly CompareSegmentsResult[] | null;
  readonly events?: EventWindowResult | null;
  readonly allocation?: AllocationResult | null;
}

/** Options of {@link adjustAcrossReport}. */
export interface AcrossReportOptions {
  /** `"holm"` (default; family-wise error) or `"BH"` (Benjamini–Hochberg false discovery rate). */
  readonly method?: "holm" | "BH";
  /** A test is counted as significant when its adjusted p is below 1 − level (default 0.95). */
  readonly level?: number;
}

const OPTIONS = optionNames<AcrossReportOptions>({ method: true, level: true });

/** How the report's tests were adjusted together. */
export interface AcrossReportAdjustment {
  readonly method: "holm" | "BH";
  readonly level: number;
  /** Tests with a p-value counted in the adjustment. */
  readonly m: number;
  /** Tests whose adjusted p is below 1 − level. */
  readonly significant: number;
  /** The families counted, e.g. `segments: region (omnibus)`, with their number of tests. */
  readonly families: readonly {
    readonly family: string;
    readonly tests: number;
    readonly significant: number;
  }[];
}

/** An adjusted p beside a test's own. */
interface Across {
  readonly adjustedAcrossReport: number | null;
}

type WithAcross<T> = T & Across;
type ListOf<T, K extends keyof T, E> = Omit<T, K> & { readonly [P in K]: readonly E[] };

type Comparison = CompareSegmentsResult["comparisons"][number];
type WithAcrossSegments = ListOf<
  CompareSegmentsResult,
  "comparisons",
  ListOf<WithAcross<Comparison>, "pairs", WithAcross<Comparison["pairs"][number]>>
>;
type Effect = EventWindowResult["effects"][number];
type WithAcrossEvents = ListOf<
  EventWindowResult,
  "effects",
  Omit<ListOf<Effect, "figures", WithAcross<Effect["figures"][number]>>, "delivery"> & {
    readonly delivery: WithAcross<ComplianceComparison> | null;
  }
>;
type WithAcrossPeriods = Omit<ByPeriodResult, "trends" | "changes" | "expectationDrift"> & {
  readonly trends: readonly WithAcross<ByPeriodResult["trends"][number]>[];
  readonly changes: readonly WithAcross<ByPeriodResult["changes"][number]>[];
  readonly expectationDrift: readonly WithAcross<ByPeriodResult["expectationDrift"][number]>[];
};
/** A ranked cell with its two tests adjusted across the report, and what follows from them. */
export interface PriorityAcrossReport {
  readonly ownAdjustedAcrossReport: number | null;
  readonly elsewhereAdjustedAcrossReport: number | null;
  /** The evidence (strong, some, weak) with the across-report p-values. */
  readonly evidenceAcrossReport: AllocationPriority["evidence"];
  /** The plain sentence quoting the across-report p. */
  readonly sentenceAcrossReport: string;
}
type WithAcrossAllocation = ListOf<
  AllocationResult,
  "priorities",
  Omit<AllocationPriority, "delivery"> &
    PriorityAcrossReport & { readonly delivery: WithAcross<ComplianceComparison> | null }
>;

/** The input with `adjustedAcrossReport` on every test, and `acrossReport` saying how. */
export type AcrossReportResult<T extends AcrossReportInput> = Omit<
  T,
  "byPeriod" | "seasons" | "segments" | "segmentComparisons" | "events" | "allocation"
> & {
  readonly byPeriod?: WithAcrossPeriods | null;
  readonly seasons?: ListOf<
    SeasonalProfileResult,
    "figures",
    WithAcross<SeasonalProfileResult["figures"][number]>
  > | null;
  readonly segments?: WithAcrossSegments | null;
  readonly segmentComparisons?: readonly WithAcrossSegments[] | null;
  readonly events?: WithAcrossEvents | null;
  readonly allocation?: WithAcrossAllocation | null;
  readonly acrossReport: AcrossReportAdjustment;
};

/** Records a p-value of a family (first walk) or returns its adjusted value (second walk). */
type Visit = (family: string, p: number | null) => number | null;

/** Every test of the context, in one fixed order, rebuilt with the value `visit` returns. */
function walk(context: AcrossReportInput, visit: Visit) {
  const across = <T>(family: string, test: T, p: number | null): WithAcross<T> => ({
    ...test,
    adjustedAcrossReport: visit(family, p),
  });
  const segment = (c: CompareSegmentsResult | null): WithAcrossSegments | null => {
    if (c === null) return null;
    const omnibus = `segments: ${c.by} (${c.test})`;
    const pairs = `segments: ${c.by} (${c.followUp})`;
    const tests = c.comparisons.map((d) => across(omnibus, d, d.pValue));
    return {
      ...c,
      comparisons: tests.map((d) => ({
        ...d,
        pairs: d.pairs.map((p) => across(pairs, p, p.pValue)),
      })),
    };
  };
  const delivery = (family: string, d: ComplianceComparison | null | undefined) =>
    d == null ? null : across(family, d, d.difference?.pValue ?? null);
  const segments = [context.segments ?? null, ...(context.segmentComparisons ?? [])].map(segment);
  const s = context.seasons ?? null;
  const seasons =
    s === null
      ? null
      : { ...s, figures: s.figures.map((f) => across("seasonal profile", f, f.pValue)) };
  const e = context.events ?? null;
  const events =
    e === null
      ? null
      : {
          ...e,
          effects: e.effects.map((effect) => ({
            ...effect,
            figures: effect.figures.map((f) => across("event windows", f, f.welch?.pValue ?? null)),
          })),
        };
  const eventsOut =
    events === null
      ? null
      : {
          ...events,
          effects: events.effects.map((effect) => ({
            ...effect,
            delivery: delivery("event windows: delivery compliance", effect.delivery),
          })),
        };
  const b = context.byPeriod ?? null;
  const byPeriod =
    b === null
      ? null
      : {
          ...b,
          trends: b.trends.map((t) => across("period trends", t, t.pValue)),
          changes: b.changes.map((c) => across("period-over-period changes", c, c.pValue)),
          expectationDrift: b.expectationDrift.map((d) => across("expectation drift", d, d.pValue)),
        };
  const a = context.allocation ?? null;
  const allocation =
    a === null
      ? null
      : (() => {
          const tested = a.priorities.map((p) => {
            const own = visit("allocation priorities", p.ownBaseline?.test.pValue ?? null);
            const elsewhere = visit("allocation priorities", p.elsewhere?.test.pValue ?? null);
            return { p, own, elsewhere };
          });
          return {
            ...a,
            priorities: tested.map(({ p, own, elsewhere }) => ({
              ...p,
              ownAdjustedAcrossReport: own,
              elsewhereAdjustedAcrossReport: elsewhere,
              evidenceAcrossReport: evidenceOf(own, elsewhere, a.level),
              sentenceAcrossReport: prioritySentence(p, own, elsewhere),
              delivery: delivery("allocation priorities: delivery compliance", p.delivery),
            })),
          };
        })();
  return { segments, seasons, events: eventsOut, byPeriod, allocation };
}

/**
 * Multiple-testing control across everything one report compares, adjusted together by Holm
 * (1979) or Benjamini & Hochberg (1995) over their raw p-values (R:
 * `p.adjust(c(…all raw p…), method)`). The family (our documented choice, docs/context.md), in
 * this order: every segment comparison's omnibus test (Welch's ANOVA or Kruskal–Wallis, each
 * dimension and overall) and pairwise follow-up (Games–Howell or Dunn); every
 * season-against-the-rest test of the seasonal profile; every inside-vs-outside gap test of the
 * event windows, then their delivery-compliance tests; every period trend (slope), every
 * period-over-period change and every expectation-drift slope of `byPeriod`; the two evidence
 * tests (own baseline, other regions) of every ranked allocation cell, then their delivery-
 * compliance tests. Each test keeps its own `pValue` and `pAdjusted` (adjusted within its call)
 * and gains `adjustedAcrossReport`; a ranked allocation cell gains both adjusted p-values, its
 * evidence and its sentence with them. Games–Howell p-values, already corrected for the pairs
 * of one dimension by the studentized range, enter as they are. Tests without a p-value are
 * left out of m and get null.
 *
 * @param context - A report's `context` (periods, seasonal profile, segment comparisons, event
 *   windows, allocation priorities); other keys are carried along.
 * @param options - `method`: `"holm"` (default) or `"BH"`; `level` (default 0.95) for the count
 *   of significant tests.
 * @returns The same results with `adjustedAcrossReport` on each test and `acrossReport` (method,
 *   level, m, significant, families).
 * @throws {ServqualError} `invalid-argument` for an unknown option, method or level.
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
  const level = options.level ?? 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw invalidArgument(fn, "options.level", "a number between 0 and 1", level);
  }
  const raw: (number | null)[] = [];
  const familyOf: string[] = [];
  walk(context, (family, p) => {
    raw.push(p);
    familyOf.push(family);
    return null;
  });
  const adjusted = adjustPValues(raw, method).adjusted;
  const families: { family: string; tests: number; significant: number }[] = [];
  adjusted.forEach((q, i) => {
    if (q === null) return;
    const name = familyOf[i] as string;
    let family = families.find((f) => f.family === name);
    if (family === undefined) {
      family = { family: name, tests: 0, significant: 0 };
      families.push(family);
    }
    family.tests += 1;
    if (q < 1 - level) family.significant += 1;
  });
  let at = 0;
  const out = walk(context, () => adjusted[at++] ?? null);
  const [segmentsFirst, ...others] = out.segments;
  const m = families.reduce((s, f) => s + f.tests, 0);
  return {
    ...context,
    ...(context.segments === undefined ? {} : { segments: segmentsFirst ?? null }),
    ...(context.segmentComparisons == null
      ? {}
      : { segmentComparisons: others.filter((c): c is WithAcrossSegments => c !== null) }),
    ...(context.seasons === undefined ? {} : { seasons: out.seasons }),
    ...(context.events === undefined ? {} : { events: out.events }),
    ...(context.byPeriod === undefined ? {} : { byPeriod: out.byPeriod }),
    ...(context.allocation === undefined ? {} : { allocation: out.allocation }),
    acrossReport: {
      method,
      level,
      m,
      significant: families.reduce((s, f) => s + f.significant, 0),
      families,
    },
  } as AcrossReportResult<T>;
}
