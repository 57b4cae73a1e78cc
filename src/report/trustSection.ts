import type { IndexSummary } from "../relationship/facetScores";
import type { Gap5ByStageResult } from "../relationship/gap5ByStage";
import type {
  RelationshipQualityResult,
  StageJoinReport,
} from "../relationship/relationshipQuality";
import type { Stage } from "../relationship/stageRules";
import { count, label, num } from "./cells";
import type { Section, TableBlock } from "./document";

/** One coded problem of the relationship survey as a report lists it. */
export interface TrustSurveyIssue {
  readonly code: string;
  readonly message: string;
  /** The 1-based data row (header not counted). */
  readonly row?: number;
  /** The 1-based line of the file. */
  readonly line?: number;
  /** The column the problem is in (absent for a whole row). */
  readonly column?: string;
}

/** One excluded row of the relationship survey: its row, line, id and every coded reason. */
export interface TrustSurveyExcludedRow {
  readonly row: number;
  readonly line?: number;
  readonly id: string | null;
  readonly reasons: readonly { readonly code: string; readonly message: string }[];
}

/**
 * How the relationship survey was read: rows in = used + excluded (and lines that could not be
 * read), the excluded rows with their coded reasons and the answers set missing with theirs
 * (counted by code for every row; the first ones listed).
 */
export interface TrustSurveyInput {
  readonly rowsIn: number;
  readonly rowsUsed: number;
  readonly rowsExcluded: number;
  readonly unreadableLines: number;
  /** Reason code → rows excluded for it (every row counted). */
  readonly exclusionCounts?: Readonly<Record<string, number>>;
  /** Issue code → count of answers set missing and other issues (every one counted). */
  readonly issueCounts?: Readonly<Record<string, number>>;
  /** The first excluded rows. */
  readonly excludedRows?: readonly TrustSurveyExcludedRow[];
  /** The first issues. */
  readonly issues?: readonly TrustSurveyIssue[];
}

/** One stage's calculative (continuance) commitment index, 0–100. */
export interface StageCalculative {
  readonly stage: Stage;
  readonly calculative: IndexSummary;
}

/**
 * The trust and commitment results a report shows: relationship quality (with `stages`, so it
 * has `byStage`) and, when a SERVQUAL survey was joined to the stages, Gap 5 by stage.
 */
export interface TrustReport {
  readonly quality: RelationshipQualityResult;
  readonly gap5ByStage: Gap5ByStageResult | null;
  /** How the relationship survey was read: rows in = used + excluded, and every coded issue. */
  readonly survey?: TrustSurveyInput;
  /**
   * The calculative commitment index of the respondents of each stage (the same join as
   * `quality.byStage`, in its stage order); absent or null: not shown.
   */
  readonly calculativeByStage?: readonly StageCalculative[] | null;
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
    const calculative = new Map(
      (results.calculativeByStage ?? []).map((s) => [s.stage, s.calculative]),
    );
    const withCalculative = calculative.size > 0;
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
        ...(withCalculative ? [num(calculative.get(s.stage)?.mean, 1)] : []),
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

/** Excluded rows and issues listed in the section (all are counted by code). */
const SURVEY_ISSUES_LISTED = 50;

/**
 * The relationship survey's accounting and problems: rows in = used + excluded, the count of
 * each code (rows excluded, answers set missing), and the excluded rows and issues with their
 * line, column, code and reason.
 */
function surveyBlocks(survey: TrustSurveyInput): Section["blocks"][number][] {
  const { rowsIn, rowsUsed, rowsExcluded, unreadableLines } = survey;
  const blocks: Section["blocks"][number][] = [
    {
      kind: "note",
      text: `Relationship survey: rows in ${rowsIn} = used ${rowsUsed} + excluded ${rowsExcluded}${unreadableLines > 0 ? `; ${unreadableLines} line(s) could not be read` : ""}.`,
    },
  ];
  const counts = [
    ...Object.entries(survey.exclusionCounts ?? {}).map(
      ([code, n]) => [code, "row excluded", n] as const,
    ),
    ...Object.entries(survey.issueCounts ?? {}).map(
      ([code, n]) => [code, "in rows kept", n] as const,
    ),
  ];
  if (counts.length === 0) return blocks;
  blocks.push({
    kind: "table",
    id: "trust-survey-issue-counts",
    columns: [left("Issue"), left("Effect"), right("Count")],
    rows: counts.map(([code, effect, n]) => [label(code), label(effect), count(n)]),
  });
  const listed = [
    ...(survey.excludedRows ?? []).flatMap((r) =>
      r.reasons.map((reason) => ({
        row: r.row,
        line: r.line,
        column: undefined,
        id: r.id,
        code: reason.code,
        message: reason.message,
        effect: "row excluded",
      })),
    ),
    ...(survey.issues ?? []).map((issue) => ({
      row: issue.row,
      line: issue.line,
      column: issue.column,
      id: null,
      code: issue.code,
      message: issue.message,
      effect: "row kept",
    })),
  ]
    .sort((a, b) => (a.line ?? a.row ?? 0) - (b.line ?? b.row ?? 0))
    .slice(0, SURVEY_ISSUES_LISTED);
  if (listed.length > 0) {
    blocks.push({
      kind: "table",
      id: "trust-survey-issues",
      columns: [
        right("Line"),
        left("Column"),
        left("Id"),
        left("Issue"),
        left("Reason"),
        left("Effect"),
      ],
      rows: listed.map((i) => [
        count(i.line ?? i.row ?? null),
        label(i.column ?? null),
        label(i.id),
        label(i.code),
        label(i.message),
        label(i.effect),
      ]),
    });
  }
  const total = counts.reduce((sum, [, , n]) => sum + n, 0);
  if (total > listed.length) {
    blocks.push({
      kind: "note",
      text: `The first ${listed.length} of ${total} coded issues of the relationship survey are listed; all are counted above.`,
    });
  }
  return blocks;
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
