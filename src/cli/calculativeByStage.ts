import type * as Library from "../node";
import type * as Reports from "../report";

/**
 * The calculative (continuance) commitment index by stage, for the stages of `quality.byStage`:
 * each respondent in their customer's stage at the end of the month they answered (the
 * timeline's last month when the survey has no dates), the join `relationshipQuality` makes for
 * `byStage` (respondent i of `quality.customers` is dataset row i; the customer id is the
 * respondent id). Respondents without a stage are in no row. n, mean and SD (n − 1) of the
 * scored indices.
 *
 * @example
 * calculativeByStage(dataset, timeline, quality).find((s) => s.stage === "commitment")
 * //=> { stage: "commitment", calculative: { n: 124, mean: 59.7…, sd: … } } (the demo)
 */
export function calculativeByStage(
  dataset: Library.Dataset,
  timeline: Library.StageTimeline,
  quality: Library.RelationshipQualityResult,
): Reports.StageCalculative[] {
  const month = new Map(timeline.months.map((m, i) => [m, i]));
  const customer = new Map(timeline.customers.map((c) => [c.customer, c]));
  const last = timeline.months.length - 1;
  const byStage = new Map<Library.Stage, number[]>();
  quality.customers.forEach((respondent, i) => {
    const stages = customer.get(respondent.customer ?? "")?.stages;
    const time = dataset.dates?.[i] ?? Number.NaN;
    const m =
      dataset.dates === null
        ? last
        : Number.isNaN(time)
          ? -1
          : (month.get(new Date(time).toISOString().slice(0, 7)) ?? -1);
    const stage = m < 0 ? null : stages?.[m];
    if (stage == null || respondent.calculative === null) return;
    const list = byStage.get(stage) ?? [];
    list.push(respondent.calculative);
    byStage.set(stage, list);
  });
  return (quality.byStage ?? []).map((s) => {
    const values = byStage.get(s.stage) ?? [];
    const n = values.length;
    const mean = n === 0 ? null : values.reduce((a, v) => a + v, 0) / n;
    const sd =
      n < 2 || mean === null
        ? null
        : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
    return { stage: s.stage, calculative: { n, mean, sd } };
  });
}
