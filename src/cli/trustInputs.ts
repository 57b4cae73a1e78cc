import type * as Library from "../node";
import type * as Reports from "../report";
import { reportedIssue } from "./reportedIssue";
import type { Servqual } from "./runReport";
import type { SummarySection } from "./summarySections";
import { forTerminal, printError } from "./terminal";
import { ExitCode } from "./usage";
import { UsageError } from "./usageError";

/** The relationship run a trust survey is joined to: its timeline and features. */
export interface TrustJoin {
  readonly timeline: Library.StageTimeline;
  /** Features of the CRM customers at the as-of date (commitment evidence is derived from them). */
  readonly features?: Library.RelationshipFeaturesResult;
}

/**
 * The "Trust and commitment" section of `servqual demo` and of `servqual report --trust FILE`:
 * reads the relationship survey with the built-in bank `relationshipBank` (one column per item
 * id: tbe1, …, cop3; a facet is scored under max(2, ⌈k/2⌉) of its k items) and, with CRM events,
 * joins each respondent to their customer's stage in the month they answered (the survey's
 * `date` column, as the Gap 5 survey's), or in the timeline's last month when the survey has no
 * date column; respondents dated outside the timeline are left out with the reason
 * `outside-timeline` and counted (`relationshipQuality` with the timeline in `stages`; Morgan &
 * Hunt 1994). With the
 * features of the events, each surveyed customer's observed commitment evidence
 * (`commitmentEvidenceFromFeatures`) is folded into the commitment index.
 *
 * @param lib - The library.
 * @param path - The relationship survey CSV.
 * @param join - The stage timeline (and features) of the CRM events, or null without events.
 * @param instrument - The survey's items: the built-in bank (default) or `--trust-items`' own.
 * @returns The report's `trust` results (Gap 5 by stage is shown in the relationship section).
 * @throws {ServqualError} when the file cannot be read or lacks trust or commitment items.
 * @example
 * const trust = await trustResults(lib, "data/demo-trust.csv", { timeline });
 * trust.quality.byStage?.map((s) => s.stage); //=> ["awareness", …]
 */
export async function trustResults(
  lib: Servqual,
  path: string,
  join: TrustJoin | null,
  instrument: Library.Instrument = lib.relationshipBank,
): Promise<NonNullable<Reports.GapReport["trust"]>> {
  const { dataset, report } = await lib.readResponsesCsv(path, instrument, {
    columns: { perception: "{item}" },
    missing: { minimumShare: 0.5, atLeast: 2 },
  });
  const survey = surveyInput(report);
  if (join === null)
    return { quality: lib.relationshipQuality(dataset), gap5ByStage: null, survey };
  const surveyed = new Set(dataset.ids);
  const evidence =
    join.features === undefined
      ? undefined
      : lib
          .commitmentEvidenceFromFeatures(join.features)
          .filter((record) => surveyed.has(String(record.customer)));
  const quality = lib.relationshipQuality(dataset, {
    stages: join.timeline,
    ...(evidence === undefined ? {} : { evidence }),
  });
  return { quality, gap5ByStage: null, survey };
}

/** Excluded rows and issues of the relationship survey kept for the report (all are counted). */
const SURVEY_ISSUES_KEPT = 50;

/**
 * The relationship survey's validation as the report shows it: rows in = used + excluded, the
 * counts by code, and the first excluded rows and issues with row, line, column and reason.
 *
 * @example
 * surveyInput(report).exclusionCounts //=> { "duplicate-id": 1 }
 */
export function surveyInput(report: Library.ValidationReport): Reports.TrustSurveyInput {
  return {
    rowsIn: report.rowsIn,
    rowsUsed: report.rowsUsed,
    rowsExcluded: report.rowsExcluded,
    unreadableLines: report.unreadableLines,
    exclusionCounts: { ...report.exclusionCounts },
    issueCounts: { ...report.issueCounts },
    excludedRows: report.excludedRows.slice(0, SURVEY_ISSUES_KEPT).map((r) => ({
      row: r.row,
      ...(r.line === undefined ? {} : { line: r.line }),
      id: r.id,
      reasons: r.reasons.map((reason) => ({ code: reason.code, message: reason.message })),
    })),
    issues: report.issues.slice(0, SURVEY_ISSUES_KEPT).map(reportedIssue),
  };
}

/**
 * `servqual report --trust FILE [--trust-items MAP.json]`: the section, or an exit code after
 * printing why the file could not be used (it cannot be read, or it has no trust or commitment
 * items). `instrument` is the survey's own (`readTrustItems`, read and checked before the run).
 *
 * @example
 * const trust = await trustOfFile(lib, "trust.csv", null); // a TrustReport, or 1
 */
export async function trustOfFile(
  lib: Servqual,
  path: string,
  join: TrustJoin | null,
  instrument: Library.Instrument = lib.relationshipBank,
): Promise<NonNullable<Reports.GapReport["trust"]> | number> {
  try {
    return await trustResults(lib, path, join, instrument);
  } catch (error) {
    if (!(error instanceof lib.ServqualError)) throw error;
    const reasons = error.issues.slice(0, 5).map((issue) => `  - ${lib.describeIssue(issue)}`);
    printError(
      `${forTerminal(`servqual: --trust ${path}: ${error.message.split("\n")[0] ?? ""}`, true)}\n${reasons.map((r) => forTerminal(r, true)).join("\n")}${reasons.length > 0 ? "\n" : ""}`,
    );
    return ExitCode.BadInput;
  }
}

/**
 * `--trust` checked: it reads the survey's respondents in Node, so not with a database;
 * `--trust-items` goes with `--trust`.
 *
 * @example
 * checkTrustOption("trust.csv", false, "items.json") //=> { trust: "trust.csv", trustItems: "items.json" }
 */
export function checkTrustOption(
  trust: string | undefined,
  database: boolean,
  trustItems?: string,
): { trust?: string; trustItems?: string } {
  if (trust !== undefined && database) {
    throw new UsageError("--trust works with a survey CSV file, not with --duckdb or --postgres");
  }
  if (trustItems !== undefined && trust === undefined) {
    throw new UsageError("--trust-items goes with --trust FILE (the survey whose columns it maps)");
  }
  return {
    ...(trust === undefined ? {} : { trust }),
    ...(trustItems === undefined ? {} : { trustItems }),
  };
}

/**
 * Terminal lines of the trust section: the mean trust and commitment indices and, with stages,
 * those of each stage.
 *
 * @example
 * trustSummary(results.trust) //=> ["Trust 61.2, commitment 55.0 (0–100; 340 respondents)", "By stage: …"]
 */
export function trustSummary(trust: Reports.GapReport["trust"]): string[] {
  if (trust == null) return [];
  const { summary, customers, byStage } = trust.quality;
  const f = (v: number | null) => (v === null ? "–" : v.toFixed(1));
  const lines = [
    `Trust ${f(summary.trust.mean)}, commitment ${f(summary.commitment.mean)} (0–100; ${customers.length} respondents)`,
  ];
  if (byStage !== null && byStage.length > 0) {
    const parts = byStage.map(
      (s) => `${s.stage} ${f(s.trust.mean)}/${f(s.commitment.mean)} (n ${s.respondents})`,
    );
    lines.push(`Trust/commitment by stage: ${parts.join(", ")}`);
  }
  return lines;
}

/** The terminal summary's "Trust and commitment" lines (none without a trust survey). */
export const trustSummarySection: SummarySection = (results, { bold, clean, line }) => {
  const lines = trustSummary(results.trust);
  return lines.length === 0
    ? []
    : [bold("Trust and commitment"), ...lines.map((text) => line(`  ${clean(text)}`)), ""];
};
