import { tz } from "@date-fns/tz/tz";
import { eachMonthOfInterval } from "date-fns/eachMonthOfInterval";
import { endOfMonth } from "date-fns/endOfMonth";
import { format } from "date-fns/format";
import { expectKind } from "../_lib/checkArgument";
import { optionNames } from "../_lib/checkOptionKeys";
import { ServqualError } from "../_lib/ServqualError";
import { assessStage, emptyOutcome } from "./assessStage";
import { expectEventSet } from "./eventSetShape";
import { cutoffsOf, dateOption, resolveFeatureSettings } from "./featureOptions";
import { emptyStageInputs, FeatureScanner, iso } from "./featureScanner";
import type { FeatureOptions } from "./featureTypes";
import { resolveStageRules } from "./resolveStageRules";
import { stageOutcome } from "./stageOutcome";
import { STAGES, type Stage, type StageRules, type StageRulesInput } from "./stageRules";
import { type SurveyByCustomer, surveyByCustomer } from "./surveyByCustomer";
import type { EventSet, TimestampInput } from "./types";

/** Options of {@link stageTimeline}: the months, and the feature options and rules. */
export interface StageTimelineOptions extends Omit<FeatureOptions, "asOf"> {
  /** A date in the first month. */
  readonly from: TimestampInput;
  /** A date in the last month. */
  readonly to: TimestampInput;
  readonly rules?: StageRulesInput;
  /**
   * Survey indices by customer for `rules.trust` (see `classifyStage`); with `rules.trust` the
   * months are classified by the rules with evidence switched off (`assessStage`).
   */
  readonly survey?: SurveyByCustomer;
}

/** One customer's stage at each month's as-of instant (null before their first event). */
export interface CustomerTimeline {
  readonly customer: string;
  readonly stages: readonly (Stage | null)[];
  readonly confidence: readonly (number | null)[];
}

/** Stages of every customer at monthly as-of dates. */
export interface StageTimeline {
  readonly kind: "stage-timeline";
  /** The months, `yyyy-MM`. */
  readonly months: readonly string[];
  /**
   * The as-of instant of each month: the earlier of its last millisecond in `timeZone` and
   * `to` (so the last month is judged at `to` when `to` falls inside it).
   */
  readonly asOf: readonly string[];
  readonly timeZone: string;
  readonly customers: readonly CustomerTimeline[];
  /** Customers per stage in each month (index = month). */
  readonly distribution: Readonly<Record<Stage, readonly number[]>>;
  /** The stage rules in force (defaults filled in), so a report can state them. */
  readonly rules?: StageRules;
}

const TIMELINE_OPTIONS = optionNames<StageTimelineOptions>({
  from: true,
  to: true,
  rules: true,
  survey: true,
  windows: true,
  trendDays: true,
  complaintDays: true,
  wallet: true,
  timeZone: true,
});

/** Longest timeline, in months (a century). */
const MAX_MONTHS = 1200;

/**
 * Each customer's stage in every month from `from` to `to`, judged at the month's as-of
 * instant: the earlier of the month's end (on the calendar of `timeZone`, date-fns
 * `endOfMonth`) and `to`. Every month but the last is judged at its end; the last at `to`, so
 * the last column is what `relationshipFeatures(events, { asOf: to })` and `classifyStage`
 * give (the same as-of date as a report's at-risk list), never a time past `to` or the data.
 * Each month: the features of `relationshipFeatures` at that instant, classified by the rules
 * of `classifyStage` (the raw monthly classification, no smoothing). A customer has no stage
 * (null) in months before their first event. `asOf` lists the instant of each month.
 *
 * Cost: per customer and month one scan of that customer's events up to the month's as-of, on the
 * event set sorted once by (customer, time): O(events × months) with no allocation per scan;
 * the rules are evaluated as straight-line code without evidence (`stageOutcome`), the same
 * stage and confidence as `classifyStage`.
 *
 * @param events - An event set.
 * @param options - `from`, `to` (required), the feature options and `rules`.
 * @returns The months and their as-of instants, each customer's stages and confidences, and
 *   the stage counts per month.
 * @throws {ServqualError} `invalid-argument`, `invalid-options` (`to` before `from`, more than 1,200 months).
 *
 * @example
 * const { events } = validateEvents([
 *   { id: 1, customer: "c1", timestamp: "2024-01-10", type: "inquiry" },
 *   { id: 2, customer: "c1", timestamp: "2024-02-10", type: "first-purchase", value: 80 },
 * ]);
 * const t = stageTimeline(events, { from: "2024-01-01", to: "2024-02-20" });
 * t.customers[0].stages //=> ["awareness", "exploration"]
 * t.asOf //=> ["2024-01-31T23:59:59.999Z", "2024-02-20T00:00:00.000Z"]
 */
export function stageTimeline(events: EventSet, options: StageTimelineOptions): StageTimeline {
  expectEventSet("stageTimeline", "events", events);
  expectKind(
    "stageTimeline",
    "options",
    options,
    "object",
    "an object of options with from and to",
  );
  const settings = resolveFeatureSettings("stageTimeline", options, TIMELINE_OPTIONS);
  const rules = resolveStageRules("stageTimeline", options.rules, "options.rules");
  const survey = surveyByCustomer("stageTimeline", "options.survey", options.survey, rules);
  const from = dateOption("stageTimeline", options.from, "from");
  const to = dateOption("stageTimeline", options.to, "to");
  const context = { in: tz(settings.timeZone) };
  if (to < from) {
    throw new ServqualError("invalid-options", "stageTimeline: the options are not valid.", [
      { code: "invalid-option", message: "to is before from", path: ["to"] },
    ]);
  }
  const starts = eachMonthOfInterval({ start: from, end: to }, context);
  if (starts.length > MAX_MONTHS) {
    throw new ServqualError("invalid-options", "stageTimeline: the options are not valid.", [
      {
        code: "invalid-option",
        message: `from … to spans ${starts.length} months; at most ${MAX_MONTHS}`,
        path: ["to"],
      },
    ]);
  }
  const months = starts.map((start) => format(start, "yyyy-MM", context));
  // each month's as-of: its end, or `to` when earlier (only the last month; still ascending)
  const ends = starts.map((start) => Math.min(endOfMonth(start, context).getTime(), to));
  const cuts = ends.map((end) => cutoffsOf(end, settings));
  const scanner = new FeatureScanner(events, settings);
  const inputs = emptyStageInputs();
  const outcome = emptyOutcome();
  const monthCount = months.length;
  // counts[stage * months + month]
  const counts = new Float64Array(STAGES.length * monthCount);
  const customers: CustomerTimeline[] = new Array(events.customers.length);
  for (let c = 0; c < events.customers.length; c++) {
    const stages: (Stage | null)[] = new Array(monthCount);
    const confidence: (number | null)[] = new Array(monthCount);
    for (let m = 0; m < monthCount; m++) {
      if (!scanner.scan(c, cuts[m] as (typeof cuts)[number])) {
        stages[m] = null;
        confidence[m] = null;
        continue;
      }
      if (rules.trust === undefined) stageOutcome(scanner.stageInputs(inputs), rules, outcome);
      else {
        const indices = survey?.get(events.customers[c] as string) ?? null;
        assessStage(scanner.stageInputs(inputs), rules, null, outcome, indices);
      }
      stages[m] = STAGES[outcome.stage] as Stage;
      confidence[m] = outcome.confidence;
      const at = outcome.stage * monthCount + m;
      counts[at] = (counts[at] as number) + 1;
    }
    customers[c] = { customer: events.customers[c] as string, stages, confidence };
  }
  const distribution = Object.fromEntries(
    STAGES.map((s, k) => [s, Array.from(counts.subarray(k * monthCount, (k + 1) * monthCount))]),
  ) as Record<Stage, number[]>;
  return {
    kind: "stage-timeline",
    months,
    asOf: ends.map(iso),
    timeZone: settings.timeZone,
    customers,
    distribution,
    rules,
  };
}
