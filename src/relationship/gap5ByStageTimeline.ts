import { expectShape, invalidArgument, isRecord } from "../_lib/checkArgument";
import { shapes } from "../_lib/shapes";
import type { Dataset } from "../responses/types";
import {
  type Gap5ByStageOptions,
  type Gap5ByStageResult,
  type StageGap5,
  stageGap5,
} from "./gap5ByStage";
import type { StageTimeline } from "./stageTimeline";

/** Options of {@link gap5ByStageTimeline}: those of `gap5ByStage`. */
export type Gap5ByStageTimelineOptions = Gap5ByStageOptions;
/** Result of {@link gap5ByStageTimeline}: the one shape of `gap5ByStage`. */
export type Gap5ByStageTimelineResult = Gap5ByStageResult;
/** Gap 5 of the respondents in one stage (`StageGap5`). */
export type TimelineStageGap5 = StageGap5;

/**
 * Gap 5 split by the stage of a stage timeline: a thin wrapper of `gap5ByStage(dataset,
 * timeline, options)` (same result shape, same accounting: respondents = grouped + left out),
 * kept for the name. Each respondent gets the stage of their response month
 * (`at: "response-month"`, default with dates) or of the timeline's last month
 * (`at: "last-month"`), each month judged at its as-of (its end, or `to` in the last month);
 * see `gap5ByStage` for the join, the reasons a respondent is left out and the references.
 *
 * @param dataset - Survey respondents (from validateResponses or readResponsesCsv).
 * @param timeline - Stages of the CRM customers (from stageTimeline).
 * @param options - `at`, `rows`, `customerColumn`, `listLimit`, and gap5's options.
 * @returns Per stage: respondents and Gap 5; who was left out and why.
 * @throws {ServqualError} `invalid-argument` for a dataset or timeline of the wrong shape, an
 *   unknown option or a bad option value.
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
  if (!isRecord(timeline) || timeline.kind !== "stage-timeline") {
    throw invalidArgument(fn, "timeline", "a stage timeline (from stageTimeline)", timeline);
  }
  return stageGap5(fn, dataset, timeline, options);
}
