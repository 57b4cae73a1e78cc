import type { Gap5ByStageResult } from "../relationship/gap5ByStage";
import type {
  RelationshipQualityResult,
  StageJoinReport,
} from "../relationship/relationshipQuality";
import { count, label, num } from "./cells";
import type { Section, TableBlock } from "./document";
import { surveyBlocks, type TrustSurveyInput } from "./trustSurvey";

/**
 * The trust and commitment results a report shows: relationship quality (with `stages`, so it
 * has `byStage`) and, when a SERVQUAL survey was joined to the stages, Gap 5 by stage.
 */
export interface TrustReport {
  readonly quality: RelationshipQualityResult;
  readonly gap5ByStage: Gap5ByStageResult | null;
  /** How the relationship survey was read: rows in = used + excluded, and every coded issue. */
  readonly survey?: TrustSurveyInput;
}

const left = (header: string) => ({ header, align: "left" as const });
const right = (header: string) => ({ header, align: "right" as const });

/**
 * The "Trust and commitment" section of a report: each facet's mean index (0–100) with alpha
 * and omega, trust, commitment and relationship quality by stage, and the overall Gap 5 and
 * its dimensions by stage.
 */
export function trustSection(results: TrustReport): Section {
  const { quality, gap5ByStage } = results;
  const facets: TableBlock = {
    kind: "table",
    id: "trust-facets",
    columns: [left("Facet"), right("n"), right("Index"), right("SD"), right("α"), right("ω")],
    rows: quality.facets.map((f) => [
      label(f.label),
      count(f.n),
      num(f.mean, 1),
      num(f.sd, 1),
      num(f.alpha, 2, true),
      num(f.omega, 2, true),
    ]),
  };
  const blocks: Section["blocks"][number][] = [
    {
      kind: "paragraph",
      text: `Trust, commitment and relationship quality of ${quality.customers.length} respondents, 0–100 (a facet needs at least max(2, ⌈k/2⌉) of its k items). Facets after Morgan & Hunt (1994), Doney & Cannon (1997) and Allen & Meyer (1990); the weights and bands are our documented choices (docs/relationship.md).`,
    },
    facets,
  ];
  if (results.survey !== undefined) blocks.push(...surveyBlocks(results.survey));
  if (quality.evidence !== null) {
    const e = quality.evidence;
    blocks.push({
      kind: "note",
      text: `Commitment includes observed evidence from the CRM events (contract, product breadth, tenure, share of wallet; weight ${quality.evidenceWeight}): records in ${e.recordsIn} = used ${e.recordsUsed} + excluded ${e.recordsExcluded}.`,
    });
  }
  if (quality.byStage !== null) {
    // calculative commitment is shown when the survey measured it (beside C, never part of it)
    const withCalculative = quality.byStage.some((s) => s.calculative.n > 0);
    blocks.push({
      kind: "table",
      id: "trust-by-stage",
      columns: [
        left("Stage"),
        right("n"),
        right("Trust"),
        right("Commitment"),
        ...(withCalculative ? [right("Calculative")] : []),
        right("Quality (core)"),
      ],
      rows: quality.byStage.map((s) => [
        label(s.stage),
        count(s.respondents),
        num(s.trust.mean, 1),
        num(s.commitment.mean, 1),
        ...(withCalculative ? [num(s.calculative.mean, 1)] : []),
        num(s.core.mean, 1),
      ]),
    });
    const join = quality.stageJoin;
    if (join != null) {
      blocks.push({ kind: "note", text: joinNote(join) });
    } else if ((quality.withoutStage ?? 0) > 0) {
      blocks.push({
        kind: "note",
        text: `${quality.withoutStage} respondents could not be joined to a customer with a stage.`,
      });
    }
  }
  if (gap5ByStage !== null) {
    const withData = gap5ByStage.stages.filter((s) => s.gap5 !== null);
    const dimensions = withData[0]?.gap5?.dimensions.map((d) => d.dimension) ?? [];
    blocks.push({
      kind: "table",
      id: "gap5-by-stage",
      columns: [left("Stage"), right("n"), right("Overall gap"), ...dimensions.map(right)],
      rows: withData.map((s) => [
        label(s.stage),
        count(s.n),
        num(s.gap5?.overall.unweighted.gap.mean, 2),
        ...dimensions.map((d) =>
          num(s.gap5?.dimensions.find((x) => x.dimension === d)?.gap.mean, 2),
        ),
      ]),
    });
    blocks.push({
      kind: "note",
      text: `Gap 5 = perception − expectation (negative = shortfall) of the respondents in each stage; ${gap5ByStage.respondents - gap5ByStage.grouped} of ${gap5ByStage.respondents} respondents had no stage.`,
    });
  }
  return { id: "trust-commitment", title: "Trust and commitment", blocks };
}

/** Words of each reason a respondent is in no stage. */
const LEFT_OUT: Readonly<Record<keyof StageJoinReport["leftOut"], string>> = {
  "no-customer": "blank customer id",
  "respondent-without-events": "no CRM events",
  "no-stage": "no stage yet",
  undated: "no response date",
  "outside-timeline": "answered outside the timeline",
};

/**
 * The sentence saying which month's stage each respondent was joined at, and the accounting:
 * respondents = joined + left out by reason.
 *
 * @example
 * joinNote(quality.stageJoin) //=> "Each respondent is in their customer's stage in the month they answered (…)."
 */
export function joinNote(join: StageJoinReport): string {
  const range =
    join.months === null ? "" : ` (timeline ${join.months.first} – ${join.months.last})`;
  const when =
    join.source === "stages"
      ? "Each respondent is in their customer's stage"
      : join.at === "response-month"
        ? `Each respondent is in their customer's stage in the month they answered${range}`
        : `Each respondent is in their customer's stage in the timeline's last month, ${join.months?.last ?? ""} (the survey has no response dates or the last month was asked for)`;
  const reasons = Object.entries(join.leftOut)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${LEFT_OUT[reason as keyof typeof LEFT_OUT]}`);
  const left = join.respondents - join.joined;
  return `${when}. Respondents ${join.respondents} = joined ${join.joined} + left out ${left}${reasons.length > 0 ? ` (${reasons.join(", ")})` : ""}.`;
}
