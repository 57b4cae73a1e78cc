import { expectOneOf, expectShape, invalidArgument, isRecord } from "../_lib/checkArgument";
import type { Dataset } from "../responses/types";
import { type StageInput, stageLookup } from "./stageLookup";
import { STAGES, type Stage } from "./stageRules";
import type { StageTimeline } from "./stageTimeline";

/** Where the stages come from: one stage per customer, or a stage timeline (a stage per month). */
export type StageSource = StageInput | StageTimeline;

/** Which month of a timeline a respondent is joined at. */
export type StageJoinAt = "response-month" | "last-month";

/**
 * Why a respondent is in no stage: `no-customer` (a blank customer id), `respondent-without-events`
 * (no customer of the timeline has the id), `no-stage` (the customer has no stage: not in the
 * given stages, or no stage in that month of the timeline), `undated` (no response date, with
 * `at: "response-month"`), `outside-timeline` (dated in a month the timeline does not cover).
 */
export type StageJoinReason =
  | "no-customer"
  | "respondent-without-events"
  | "no-stage"
  | "undated"
  | "outside-timeline";

/** The join of respondents to stages, ready to ask row by row. */
export interface StageJoiner {
  readonly source: "stages" | "timeline";
  /** With a timeline, which month's stage; null with one stage per customer. */
  readonly at: StageJoinAt | null;
  /** The timeline's months (`yyyy-MM`); empty with one stage per customer. */
  readonly months: readonly string[];
  /** Index in `STAGES` of respondent row `r` (customer id `customer`), or why it has none. */
  readonly stageOf: (r: number, customer: string | null) => number | StageJoinReason;
}

const TIMELINE = {
  what: "a stage timeline (from stageTimeline)",
  fields: { kind: "string", months: "array", customers: "array" },
} as const;

/** Whether the stages are a stage timeline (rather than one stage per customer). */
export function isStageTimeline(value: unknown): value is StageTimeline {
  return isRecord(value) && value.kind === "stage-timeline";
}

/**
 * Checks the stages and `at` and returns the row-by-row join of respondents to stages: with one
 * stage per customer, the customer's stage; with a timeline, the customer's stage at the as-of
 * instant (the month's end, or `to` inside the last month) of the respondent's response month (`at: "response-month"`, the default when the dataset has
 * dates) or of the timeline's last month (`at: "last-month"`, the default without dates). Shared
 * by `gap5ByStage` and `relationshipQuality`, so both join alike.
 *
 * @param fn - The calling function (named in errors).
 * @param param - The name of the stages argument (named in errors).
 * @throws {ServqualError} `invalid-argument` for bad stages, a timeline with no month, an `at`
 *   with one stage per customer, or an unknown `at`.
 *
 * @example
 * const join = stageJoiner("gap5ByStage", "stages", dataset, timeline, undefined);
 * join.stageOf(0, "C1") //=> 3 (expansion) or "outside-timeline"
 */
export function stageJoiner(
  fn: string,
  param: string,
  dataset: Dataset,
  stages: unknown,
  atOption: unknown,
): StageJoiner {
  const timeline = isStageTimeline(stages) ? stages : null;
  if (timeline !== null) {
    expectShape(fn, param, timeline, TIMELINE);
    if (timeline.months.length === 0) throw invalidArgument(fn, param, TIMELINE.what, stages);
  }
  const lookup = timeline === null ? stageLookup(fn, param, stages) : null;
  if (timeline === null && atOption !== undefined) {
    throw invalidArgument(
      fn,
      "options.at",
      "no `at` with one stage per customer (a timeline takes it)",
      atOption,
    );
  }
  const at: StageJoinAt | null =
    timeline === null
      ? null
      : ((atOption as StageJoinAt | undefined) ??
        (dataset.dates === null ? "last-month" : "response-month"));
  if (at !== null) expectOneOf(fn, "options.at", at, ["response-month", "last-month"]);
  const stageIndex = new Map<Stage, number>(STAGES.map((s, i) => [s, i]));
  if (timeline === null) {
    const byCustomer = lookup as Map<string, Stage>;
    return {
      source: "stages",
      at: null,
      months: [],
      stageOf: (_r, customer) => {
        if (customer === null) return "no-customer";
        return stageIndex.get(byCustomer.get(customer) as Stage) ?? "no-stage";
      },
    };
  }
  const months = timeline.months;
  const last = months.length - 1;
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const customerIndex = new Map(timeline.customers.map((c, i) => [c.customer, i]));
  return {
    source: "timeline",
    at,
    months,
    stageOf: (r, customer) => {
      if (customer === null) return "no-customer";
      const c = customerIndex.get(customer);
      if (c === undefined) return "respondent-without-events";
      let m = last;
      if (at === "response-month") {
        const time = dataset.dates?.[r];
        if (time === undefined || Number.isNaN(time)) return "undated";
        m = monthIndex.get(new Date(time).toISOString().slice(0, 7)) ?? -1;
        if (m < 0) return "outside-timeline";
      }
      const stage = timeline.customers[c]?.stages[m];
      return stage == null ? "no-stage" : (stageIndex.get(stage) ?? "no-stage");
    },
  };
}
