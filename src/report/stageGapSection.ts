import type { Gap5ByStageTimelineResult } from "../relationship/gap5ByStageTimeline";
import { type Cell, count, intervalCell, label, num } from "./cells";
import type { ChartSpec } from "./chart";
import type { Block, Section, TableBlock } from "./document";

const left = (header: string) => ({ header, align: "left" as const });
const right = (header: string) => ({ header, align: "right" as const });

/** Respondents left out listed in full (all are counted). */
const LEFT_OUT_LISTED = 20;

/**
 * The "Gap 5 by relationship stage" section: per stage with respondents, the Gap 5 (P − E) of
 * every dimension and overall with its interval and n, a grouped bar chart of the dimension
 * gaps by stage, and who was left out (no CRM events, no stage) with the reason.
 *
 * @param result - The result of gap5ByStageTimeline.
 * @returns A section for the report document.
 *
 * @example
 * stageGapSection(gap5ByStageTimeline(dataset, timeline)).blocks[0].kind //=> "paragraph"
 */
export function stageGapSection(result: Gap5ByStageTimelineResult): Section {
  const present = result.stages.filter((s) => s.gap5 !== null);
  const when =
    result.at === "response-month"
      ? "their stage in the month in which they answered (judged at its end, or at the as-of date in the last month)"
      : result.months === null
        ? "their customer's stage"
        : `their stage in ${result.months.last} (judged at its end, or at the as-of date when that falls inside it)`;
  const leftOut = result.respondents - result.grouped;
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: `Survey respondents joined to CRM customers by id and grouped by ${when}: respondents ${result.respondents} = grouped ${result.grouped} + left out ${leftOut}. Gap = P − E; negative = shortfall.`,
    },
  ];
  const first = present[0]?.gap5;
  if (first !== null && first !== undefined) {
    const level = Math.round(first.level * 100);
    const rows: Cell[][] = present.flatMap((s) => {
      const g = s.gap5;
      if (g === null) return [];
      const o = g.overall.unweighted;
      return [
        ...g.dimensions.map((d) => [
          label(s.stage),
          label(d.label),
          num(d.gap.mean),
          intervalCell(d.gap.ci),
          count(d.n),
        ]),
        [label(s.stage), label("Overall"), num(o.gap.mean), intervalCell(o.gap.ci), count(o.n)],
      ];
    });
    const table: TableBlock = {
      kind: "table",
      id: "gap5-by-stage-timeline",
      columns: [left("Stage"), left("Dimension"), right("Gap"), right(`${level}% CI`), right("n")],
      rows,
    };
    const chart: ChartSpec = {
      kind: "chart",
      id: "gap5-by-stage-chart",
      title: "Gap 5 by dimension and relationship stage (P − E)",
      mark: "bar",
      x: { field: "dimension", type: "nominal", title: "Dimension" },
      y: { field: "gap", type: "quantitative", title: "Gap (scale points)" },
      color: { field: "stage", type: "nominal", title: "Stage" },
      rules: { x: null, y: 0 },
      data: present.flatMap((s) =>
        (s.gap5?.dimensions ?? []).map((d) => ({
          dimension: d.label,
          stage: s.stage,
          gap: d.gap.mean,
        })),
      ),
    };
    blocks.push(table, chart);
  }
  const empty = result.stages.filter((s) => s.gap5 === null).map((s) => s.stage);
  if (empty.length > 0) {
    blocks.push({ kind: "note", text: `No respondent in: ${empty.join(", ")}.` });
  }
  if (result.ungrouped.length > 0) {
    blocks.push({
      kind: "table",
      id: "stage-left-out",
      columns: [right("Row"), left("Id"), left("Why left out")],
      rows: result.ungrouped
        .slice(0, LEFT_OUT_LISTED)
        .map((u) => [count(u.sourceRow), label(u.id), label(u.reason)]),
    });
    if (leftOut > LEFT_OUT_LISTED) {
      blocks.push({
        kind: "note",
        text: `The first ${LEFT_OUT_LISTED} of ${leftOut} respondents left out are listed (report.json lists more).`,
      });
    }
  }
  return { id: "gap5-by-stage-timeline", title: "Gap 5 by relationship stage", blocks };
}
