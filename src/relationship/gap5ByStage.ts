import { expectKind, expectShape, invalidArgument } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { type Notice, notice } from "../_lib/notice";
import { shapes } from "../_lib/shapes";
import { type Gap5Options, type Gap5Result, gap5 } from "../gaps/gap5";
import { checkRows } from "../responses/rowSelection";
import type { Dataset } from "../responses/types";
import { customerIds } from "./customerIds";
import { isStageTimeline, type StageSource, stageJoiner } from "./stageJoin";
import { STAGES, type Stage } from "./stageRules";

export type { StageSource } from "./stageJoin";

/** Options of {@link gap5ByStage}: those of `gap5`, how respondents join customers, and when. */
export interface Gap5ByStageOptions extends Omit<Gap5Options, "rows"> {
  /**
   * With a timeline, which month's stage a respondent is grouped by: `"response-month"`
   * (default when the dataset has dates) the month of their response date, `"last-month"`
   * (default without dates) the timeline's last month. Not taken with one stage per customer.
   */
  readonly at?: "response-month" | "last-month";
  /** Respondents to consider (row indices of the dataset); default all. */
  readonly rows?: Int32Array;
  /** A segment column holding each respondent's CRM customer id (default: the respondent id). */
  readonly customerColumn?: string;
  /** How many respondents left out are listed with their row and id (default 100; all are counted). */
  readonly listLimit?: number;
}

/**
 * Why a respondent is in no stage: `no-customer` (a blank customer id), `respondent-without-events`
 * (no customer of the timeline has the id), `no-stage` (the customer has no stage: not in the
 * given stages, or no stage in that month of the timeline), `undated` (no response date, with
 * `at: "response-month"`).
 */
export type LeftOutReason = "no-customer" | "respondent-without-events" | "no-stage" | "undated";

/** A respondent left out of every stage, with why. */
export interface UngroupedRespondent {
  /** Row index in the dataset. */
  readonly row: number;
  /** The source row (file line or record) the respondent came from. */
  readonly sourceRow: number;
  readonly id: string;
  /** The customer id the respondent was joined by (null when blank). */
  readonly customer: string | null;
  readonly reason: LeftOutReason;
}

/** @deprecated The former name of {@link UngroupedRespondent}. */
export type UnmatchedRespondent = UngroupedRespondent;

/** Gap 5 of the respondents in one stage. */
export interface StageGap5 {
  readonly stage: Stage;
  /** Respondents in the stage. */
  readonly n: number;
  /** Gap 5 over them (the core's row selection); null when the stage has no respondent. */
  readonly gap5: Gap5Result | null;
}

/** Result of {@link gap5ByStage} and {@link gap5ByStageTimeline} (one shape for both). */
export interface Gap5ByStageResult {
  readonly kind: "gap5-by-stage";
  /** `stages`: one stage per customer; `timeline`: the stage of a month of a stage timeline. */
  readonly source: "stages" | "timeline";
  /** With a timeline, which month's stage; null with one stage per customer. */
  readonly at: "response-month" | "last-month" | null;
  /** The timeline's first and last month (`yyyy-MM`); null with one stage per customer. */
  readonly months: { readonly first: string; readonly last: string } | null;
  /** Respondents considered = grouped + the sum of leftOut. */
  readonly respondents: number;
  readonly grouped: number;
  /** Left out by reason (every one counted). */
  readonly leftOut: Readonly<Record<LeftOutReason, number>>;
  /** The first `listLimit` respondents left out. */
  readonly ungrouped: readonly UngroupedRespondent[];
  /** Every stage in build-up order (awareness … dissolution), with its respondents and Gap 5. */
  readonly stages: readonly StageGap5[];
  readonly warnings: readonly Notice[];
}

const OPTIONS = optionNames<Gap5ByStageOptions>({
  at: true,
  rows: true,
  customerColumn: true,
  listLimit: true,
  level: true,
  pAdjust: true,
  reliability: true,
  dropConstantItems: true,
});

/**
 * Gap 5 split by relationship stage (Dwyer, Schurr & Oh 1987): each survey respondent is joined
 * to its CRM customer (the respondent id, or the segment column `customerColumn`), given that
 * customer's stage, and `gap5` runs on each stage's respondents through the core's row selection
 * (`gap5(dataset, { rows })`: no copied dataset), so each table equals Gap 5 of a dataset holding
 * just those respondents. A team sees what disappoints committed customers against new ones.
 *
 * The stages are one per customer (`classifyStage` results or a `{ customer: stage }` record), or
 * a {@link StageTimeline}: then the stage at the as-of instant of the month of the respondent's
 * response date (the month's end, or the timeline's `to` when that falls inside the month) (`at: "response-month"`, the default when the dataset has dates: the relationship as it
 * was when the answers were given) or of the timeline's last month (`at: "last-month"`).
 * Respondents in = grouped + left out: a respondent with a blank customer id (`no-customer`),
 * whose id is no customer of the timeline (`respondent-without-events`), with no stage
 * (`no-stage`) or without a response date (`undated`) is counted, listed (up to `listLimit`) and
 * warned about; nothing is dropped silently. A stage with no respondent has `gap5: null` and a
 * `no-data` warning. Which stage to group by is our documented choice; Gap 5 per group is the
 * usual SERVQUAL score (Parasuraman, Zeithaml & Berry 1988) on a subset.
 *
 * @param dataset - A SERVQUAL dataset (expectation and perception).
 * @param stages - Stages by customer, or a stage timeline (from `stageTimeline`).
 * @param options - `at` (timeline only), `rows`, `customerColumn`, `listLimit`, and gap5's
 *   `level`, `pAdjust`, `reliability`, `dropConstantItems`.
 * @returns Per stage: respondents and Gap 5; who was left out and why.
 * @throws {ServqualError} `invalid-argument` for a bad dataset, stages or option;
 *   `invalid-input` for an unknown `customerColumn`.
 *
 * @example
 * const byStage = gap5ByStage(dataset, { R0001: "commitment", R0002: "exploration" });
 * byStage.stages.find((s) => s.stage === "commitment")?.gap5?.overall.unweighted.gap.mean
 * const monthly = gap5ByStage(dataset, stageTimeline(events, { from, to }), { at: "response-month" });
 */
export function gap5ByStage(
  dataset: Dataset,
  stages: StageSource,
  options: Gap5ByStageOptions = {},
): Gap5ByStageResult {
  return stageGap5("gap5ByStage", dataset, stages, options);
}

/**
 * Gap 5 by stage for one of the two entries: checks the arguments (naming `fn`) and groups.
 *
 * @example
 * stageGap5("gap5ByStageTimeline", dataset, timeline, {}).source //=> "timeline"
 */
export function stageGap5(
  fn: string,
  dataset: Dataset,
  stages: StageSource,
  options: Gap5ByStageOptions,
): Gap5ByStageResult {
  expectShape(fn, "dataset", dataset, shapes.dataset);
  expectKind(fn, "options", options ?? {}, "object", "an object of options");
  checkOptionKeys(fn, options, OPTIONS);
  const join = stageJoiner(
    fn,
    isStageTimeline(stages) ? "timeline" : "stages",
    dataset,
    stages,
    options.at,
  );
  const at = join.at;
  if (options.customerColumn !== undefined && typeof options.customerColumn !== "string") {
    throw invalidArgument(
      fn,
      "options.customerColumn",
      "a segment column name",
      options.customerColumn,
    );
  }
  const listLimit = options.listLimit ?? 100;
  if (!Number.isInteger(listLimit) || listLimit < 0) {
    throw invalidArgument(fn, "options.listLimit", "a whole number ≥ 0", listLimit);
  }
  const selected = checkRows(fn, options.rows, dataset.n);
  const customers = customerIds(fn, dataset, options.customerColumn);
  const months = join.months;
  const last = months.length - 1;
  const members: number[][] = STAGES.map(() => []);
  const leftOut: Record<LeftOutReason, number> = {
    "no-customer": 0,
    "respondent-without-events": 0,
    "no-stage": 0,
    undated: 0,
  };
  const ungrouped: UngroupedRespondent[] = [];
  // a month outside the timeline is counted as no-stage here (the result's reasons are fixed)
  function groupOf(r: number, customer: string | null): number | LeftOutReason {
    const group = join.stageOf(r, customer);
    return group === "outside-timeline" ? "no-stage" : group;
  }
  const count = selected === null ? dataset.n : selected.length;
  for (let i = 0; i < count; i++) {
    const r = selected === null ? i : (selected[i] as number);
    const customer = customers[r] ?? null;
    const group = groupOf(r, customer);
    if (typeof group === "number") {
      members[group]?.push(r);
      continue;
    }
    leftOut[group]++;
    if (ungrouped.length < listLimit) {
      ungrouped.push({
        row: r,
        sourceRow: dataset.sourceRows[r] as number,
        id: dataset.ids[r] as string,
        customer,
        reason: group,
      });
    }
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
  const perStage = STAGES.map((stage, s): StageGap5 => {
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
  warnings.push(...leftOutWarnings(leftOut, at, months));
  return {
    kind: "gap5-by-stage",
    source: join.source,
    at,
    months:
      join.source === "stages"
        ? null
        : { first: months[0] as string, last: months[last] as string },
    respondents: count,
    grouped: members.reduce((sum, m) => sum + m.length, 0),
    leftOut,
    ungrouped,
    stages: perStage,
    warnings,
  };
}

/** One warning per reason with respondents left out. */
function leftOutWarnings(
  leftOut: Readonly<Record<LeftOutReason, number>>,
  at: Gap5ByStageResult["at"],
  months: readonly string[],
): Notice[] {
  const out: Notice[] = [];
  if (leftOut["no-customer"] > 0) {
    out.push(
      notice(
        "no-stage",
        `${leftOut["no-customer"]} respondent(s) have a blank customer id: left out of every stage`,
      ),
    );
  }
  if (leftOut["respondent-without-events"] > 0) {
    out.push(
      notice(
        "respondent-without-events",
        `${leftOut["respondent-without-events"]} respondent(s) have no CRM events (no customer with their id): left out of every stage`,
      ),
    );
  }
  if (leftOut["no-stage"] > 0) {
    const when =
      at === null
        ? "(their customer is not in the stages given)"
        : at === "last-month"
          ? `in ${months.at(-1)} (no event yet)`
          : `in their response month (no event yet, or a month outside ${months[0]} – ${months.at(-1)})`;
    out.push(
      notice(
        "no-stage",
        `${leftOut["no-stage"]} respondent(s) have no relationship stage ${when}: left out of every stage`,
      ),
    );
  }
  if (leftOut.undated > 0) {
    out.push(
      notice(
        "undated",
        `${leftOut.undated} respondent(s) have no response date: left out of every stage`,
      ),
    );
  }
  return out;
}
