import { count, label } from "./cells";
import type { Section } from "./document";

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

/** Excluded rows and issues listed in the section (all are counted by code). */
const SURVEY_ISSUES_LISTED = 50;

/**
 * The relationship survey's accounting and problems: rows in = used + excluded, the count of
 * each code (rows excluded, answers set missing), and the excluded rows and issues with their
 * line, column, code and reason.
 *
 * @example
 * surveyBlocks({ rowsIn: 2, rowsUsed: 2, rowsExcluded: 0, unreadableLines: 0 })[0]
 * //=> { kind: "note", text: "Relationship survey: rows in 2 = used 2 + excluded 0." }
 */
export function surveyBlocks(survey: TrustSurveyInput): Section["blocks"][number][] {
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

const left = (header: string) => ({ header, align: "left" as const });
const right = (header: string) => ({ header, align: "right" as const });
