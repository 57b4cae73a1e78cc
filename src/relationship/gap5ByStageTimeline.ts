import { expectKind, expectOneOf, expectShape, invalidArgument } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { type Notice, notice } from "../_lib/notice";
import { shapes } from "../_lib/shapes";
import { type Gap5Options, type Gap5Result, gap5 } from "../gaps/gap5";
import { checkRows } from "../responses/rowSelection";
import type { Dataset } from "../responses/types";
import { STAGES, type Stage } from "./stageRules";
import type { StageTimeline } from "./stageTimeline";

/** Options of {@link gap5ByStageTimeline}. */
export interface Gap5ByStageTimelineOptions extends Omit<Gap5Options, "rows"> {
  /**
   * Which month's stage a respondent is grouped by: `"response-month"` (default when the
   * dataset has dates) the month of their response date, `"last-month"` (default without
   * dates) the timeline's last month, i.e. the stage as of now.
   */
  readonly at?: "response-month" | "last-month";
  /** Respondents to consider (row indices of the dataset); default all. */
  readonly rows?: Int32Array;
  /** How many respondents left out are listed with their row and id (default 100; all are counted). */
  readonly listLimit?: number;
}

/** A respondent left out of every stage, with why. */
export interface UngroupedRespondent {
  /** Row index in the dataset. */
  readonly row: number;
  /** The source row (file line or record) the respondent came from. */
  readonly sourceRow: number;
  readonly id: string;
  /**
   * `respondent-without-events`: no customer of the events has the respondent's id;
   * `no-stage`: the customer has no stage in that month (before their first event, or the
   * response month is outside the timeline); `undated`: the respondent has no response date.
   */
  readonly reason: "respondent-without-events" | "no-stage" | "undated";
}

/** Gap 5 of the respondents in one stage. */
export interface TimelineStageGap5 {
  readonly stage: Stage;
  /** Respondents in the stage. */
  readonly n: number;
  /** Gap 5 over them (the rows of the stage); null when the stage has no respondent. */
  readonly gap5: Gap5Result | null;
}

/** Result of {@link gap5ByStageTimeline}. */
export interface Gap5ByStageTimelineResult {
  readonly kind: "gap5-by-stage-timeline";
  readonly at: "response-month" | "last-month";
  /** The timeline's months (`yyyy-MM`) the stages were read from: first and last. */
  readonly months: { readonly first: string; readonly last: string };
  /** Respondents considered = grouped + left out. */
  readonly respondents: number;
  readonly grouped: number;
  /** Left out by reason (every one counted). */
  readonly leftOut: Readonly<Record<UngroupedRespondent["reason"], number>>;
  /** The first `listLimit` respondents left out. */
  readonly ungrouped: readonly UngroupedRespondent[];
  /** Every stage in build-up order, with its respondents and Gap 5. */
  readonly stages: readonly TimelineStageGap5[];
  readonly warnings: readonly Notice[];
}

const OPTIONS = optionNames<Gap5ByStageTimelineOptions>({
  at: true,
  rows: true,
  listLimit: true,
  level: true,
  pAdjust: true,
  reliability: true,
  dropConstantItems: true,
});

const TIMELINE = {
  what: "a stage timeline (from stageTimeline)",
  fields: { kind: "string", months: "array", customers: "array" },
} as const;

/**
 * Gap 5 split by relationship stage (Dwyer, Schurr & Oh 1987): each survey respondent is
 * joined to the CRM customer with the same id (dataset `ids` = event `customer`), given that
 * customer's stage from a {@link StageTimeline}, and Gap 5 (P − E, with its tests and
 * reliability) is computed over the respondents of each stage through the core's row
 * selection (`gap5(dataset, { rows })`: no copied dataset). So a team sees what disappoints
 * committed customers versus new ones.
 *
 * The stage is the one at the end of the month of the respondent's response date
 * (`at: "response-month"`, the default when the dataset has dates: the relationship as it
 * was when the answers were given), or at the end of the timeline's last month
 * (`at: "last-month"`). Respondents in = grouped + left out: a respondent whose id is no
 * customer of the events (`respondent-without-events`), with no stage that month
 * (`no-stage`) or without a response date (`undated`) is counted, listed (up to
 * `listLimit`) and warned about; nothing is dropped silently. A stage with no respondent has
 * `gap5: null` and a `no-data` warning.
 *
 * Which stage to group by is our documented choice; Gap 5 per group is the usual SERVQUAL
 * score (Parasuraman, Zeithaml & Berry 1988) on a subset.
 *
 * @param dataset - Survey respondents (from validateResponses or readResponsesCsv).
 * @param timeline - Stages of the CRM customers (from stageTimeline); its months must cover
 *   the response months for `at: "response-month"`.
 * @param options - `at`, `rows`, `listLimit`, and gap5's `level`, `pAdjust`, `reliability`,
 *   `dropConstantItems`.
 * @returns Per stage: respondents and Gap 5; who was left out and why.
 * @throws {ServqualError} `invalid-argument` for a dataset or timeline of the wrong shape,
 *   an unknown option or a bad option value.
 *
 * @example
 * const { events } = await readEventsCsv("events.csv", { asOf: "2025-12-31" });
 * const timeline = stageTimeline(events, { from: "2024-01-01", to: "2025-12-31" });
 * const byStage = gap5ByStageTimeline(dataset, timeline);
 * byStage.stages.find((s) => s.stage === "commitment")?.gap5?.dimensions[1]?.gap.mean //=> -0.9
 */
export function gap5ByStageTimeline(
  dataset: Dataset,
  timeline: StageTimeline,
  options: Gap5ByStageTimelineOptions = {},
): Gap5ByStageTimelineResult {
  const fn = "gap5ByStageTimeline";
  expectShape(fn, "dataset", dataset, shapes.dataset);
  expectShape(fn, "timeline", timeline, TIMELINE);
  if (timeline.kind !== "stage-timeline" || timeline.months.length === 0) {
    throw invalidArgument(fn, "timeline", TIMELINE.what, timeline);
  }
  expectKind(fn, "options", options ?? {}, "object", "an object of options");
  checkOptionKeys(fn, options, OPTIONS);
  const at = options.at ?? (dataset.dates === null ? "last-month" : "response-month");
  expectOneOf(fn, "options.at", at, ["response-month", "last-month"]);
  const listLimit = options.listLimit ?? 100;
  if (!Number.isInteger(listLimit) || listLimit < 0) {
    throw invalidArgument(fn, "options.listLimit", "a whole number ≥ 0", listLimit);
  }
  const selected = checkRows(fn, options.rows, dataset.n);
  const months = timeline.months;
  const last = months.length - 1;
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const customerIndex = new Map(timeline.customers.map((c, i) => [c.customer, i]));
  const stageIndex = new Map(STAGES.map((s, i) => [s, i]));
  const members: number[][] = STAGES.map(() => []);
  const leftOut = { "respondent-without-events": 0, "no-stage": 0, undated: 0 };
  const ungrouped: UngroupedRespondent[] = [];
  const count = selected === null ? dataset.n : selected.length;
  for (let i = 0; i < count; i++) {
    const r = selected === null ? i : (selected[i] as number);
    const reason = stageOf(r);
    if (typeof reason === "number") {
      members[reason]?.push(r);
      continue;
    }
    leftOut[reason]++;
    if (ungrouped.length < listLimit) {
      ungrouped.push({
        row: r,
        sourceRow: dataset.sourceRows[r] as number,
        id: dataset.ids[r] as string,
        reason,
      });
    }
  }
  function stageOf(r: number): number | UngroupedRespondent["reason"] {
    const c = customerIndex.get(dataset.ids[r] as string);
    if (c === undefined) return "respondent-without-events";
    let m = last;
    if (at === "response-month") {
      const time = dataset.dates?.[r];
      if (time === undefined || Number.isNaN(time)) return "undated";
      m = monthIndex.get(new Date(time).toISOString().slice(0, 7)) ?? -1;
      if (m < 0) return "no-stage";
    }
    const stage = timeline.customers[c]?.stages[m];
    return stage == null ? "no-stage" : (stageIndex.get(stage) ?? "no-stage");
  }
  const gapOptions: Gap5Options = {
    ...(options.level === undefined ? {} : { level: options.level }),
    ...(options.pAdjust === undefined ? {} : { pAdjust: options.pAdjust }),
    ...(options.reliability === undefined ? {} : { reliability: options.reliability }),
    ...(options.dropConstantItems === undefined
      ? {}
      : { dropConstantItems: options.dropConstantItems }),
  };
  const warnings: Notice[] = [];
  const stages = STAGES.map((stage, s): TimelineStageGap5 => {
    const rows = members[s] as number[];
    if (rows.length === 0) {
      warnings.push(notice("no-data", `no respondent is in the ${stage} stage: no Gap 5 for it`));
      return { stage, n: 0, gap5: null };
    }
    return {
      stage,
      n: rows.length,
      gap5: gap5(dataset, { ...gapOptions, rows: Int32Array.from(rows) }),
    };
  });
  const when = at === "last-month" ? `in ${months[last]}` : "in their response month";
  if (leftOut["respondent-without-events"] > 0) {
    warnings.push(
      notice(
        "respondent-without-events",
        `${leftOut["respondent-without-events"]} respondent(s) have no CRM events (no customer with their id): left out of every stage`,
      ),
    );
  }
  if (leftOut["no-stage"] > 0) {
    warnings.push(
      notice(
        "no-stage",
        `${leftOut["no-stage"]} respondent(s) have no relationship stage ${when} (no event yet, or a month outside ${months[0]} – ${months[last]}): left out of every stage`,
      ),
    );
  }
  if (leftOut.undated > 0) {
    warnings.push(
      notice(
        "undated",
        `${leftOut.undated} respondent(s) have no response date: left out of every stage`,
      ),
    );
  }
  const grouped = members.reduce((sum, m) => sum + m.length, 0);
  return {
    kind: "gap5-by-stage-timeline",
    at,
    months: { first: months[0] as string, last: months[last] as string },
    respondents: count,
    grouped,
    leftOut,
    ungrouped,
    stages,
    warnings,
  };
}
