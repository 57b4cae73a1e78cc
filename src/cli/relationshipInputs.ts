import type * as Library from "../node";
import type * as Reports from "../report";
import type { ReportCommand } from "./args";
import { reportedIssue } from "./reportedIssue";
import type { Servqual } from "./runReport";
import type { SummarySection } from "./summarySections";
import { forTerminal, printError } from "./terminal";
import { ExitCode } from "./usage";
import { UsageError } from "./usageError";

/** Issues of the events shown in the report (all are counted). */
const EVENT_ISSUES_LISTED = 20;
/** Longest stage timeline the command computes, in months. */
const MAX_MONTHS = 120;
/** Issue codes of event lines that could not be read as events (the run then fails, exit 1). */
const UNREADABLE = ["ragged-row", "malformed-quote"];

/**
 * `--as-of`: an ISO 8601 date (read as the end of that day, UTC) or a UTC time.
 *
 * @throws {UsageError} for anything else.
 *
 * @example
 * parseAsOf("2025-12-31") //=> "2025-12-31T23:59:59.999Z"
 */
export function parseAsOf(text: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
  const iso = date.test(text) ? `${text}T23:59:59.999Z` : text;
  const ms = Date.parse(iso);
  if (!(date.test(text) || time.test(text)) || Number.isNaN(ms) || !sameDay(text, ms)) {
    throw new UsageError(
      `--as-of must be an ISO 8601 date or time such as 2025-12-31 or 2025-12-31T18:00:00Z, not "${text}"`,
    );
  }
  return new Date(ms).toISOString();
}

/** Whether a date-only text names a real day (Date.parse accepts 2025-02-30 in some engines). */
function sameDay(text: string, ms: number): boolean {
  return !/^\d{4}-\d{2}-\d{2}$/.test(text) || new Date(ms).toISOString().startsWith(text);
}

/** The relationship part of a report run and whether event lines could not be read. */
export interface RelationshipRun {
  readonly report: Reports.RelationshipReport;
  /** Event lines that could not be read (broken quote, too few cells): the run fails after writing. */
  readonly unreadable: number;
  readonly asOf: string;
  /** Features of the customers at the as-of date (for commitment evidence). */
  readonly features: Library.RelationshipFeaturesResult;
}

/** The end of the UTC day of the latest event: the default as-of date. */
function lastEventDay(events: Library.EventSet): string {
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < events.n; i++) last = Math.max(last, events.time[i] as number);
  return `${new Date(last).toISOString().slice(0, 10)}T23:59:59.999Z`;
}

/** The first month of the timeline: the earliest response date, else 11 months before as-of. */
function timelineStart(dataset: Library.Dataset, asOf: string): string {
  const end = new Date(asOf);
  const floor = Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (MAX_MONTHS - 1), 1);
  let first = Number.POSITIVE_INFINITY;
  for (const time of dataset.dates ?? []) if (time < first) first = time;
  if (!Number.isFinite(first) || first > end.getTime()) {
    return new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1)).toISOString();
  }
  return new Date(Math.max(first, floor)).toISOString();
}

/**
 * The relationship sections of `servqual report --events FILE [--as-of DATE]` and of
 * `servqual demo`: reads the CRM events (events after `--as-of`, or after the time of the run
 * without it, are excluded as future), and computes as of `--as-of` (default: the end of the
 * day of the last usable event) the monthly stage timeline from the month of the first
 * survey answer (at most 120 months; without dates the last 12), its transition matrix, the
 * customers at risk of dissolution, and Gap 5 by each respondent's stage in the month they
 * answered.
 *
 * @param lib - The library.
 * @param command - The parsed command (`events`, `asOf`).
 * @param events - The events file and as-of date to use (the demo's, or the command's).
 * @param dataset - The survey respondents.
 * @returns The relationship results, or an exit code after printing why the events could not be read.
 *
 * @example
 * const run = await relationshipInputs(lib, command, { path: "events.csv", asOf: undefined }, dataset);
 */
export async function relationshipInputs(
  lib: Servqual,
  command: ReportCommand,
  events: { readonly path: string; readonly asOf: string | undefined },
  dataset: Library.Dataset,
): Promise<RelationshipRun | number> {
  let read: Library.ValidatedEvents;
  try {
    read = await lib.readEventsCsv(events.path, {
      asOf: events.asOf ?? new Date().toISOString(),
    });
  } catch (error) {
    if (!(error instanceof lib.ServqualError)) throw error;
    const reasons = error.issues.slice(0, 5).map((issue) => `  - ${lib.describeIssue(issue)}`);
    printError(
      `${forTerminal(`servqual: --events ${events.path}: ${error.message.split("\n")[0] ?? ""}`, true)}\n${reasons.map((r) => forTerminal(r, true)).join("\n")}${reasons.length > 0 ? "\n" : ""}`,
    );
    return ExitCode.BadInput;
  }
  const asOf = events.asOf ?? lastEventDay(read.events);
  // the timeline's last month is judged at asOf (not its month end): the same instant as the
  // features and the early warning below, so the stage counts and the at-risk list agree
  const timeline = lib.stageTimeline(read.events, {
    from: timelineStart(dataset, asOf),
    to: asOf,
  });
  const features = lib.relationshipFeatures(read.events, { asOf });
  const r = read.report;
  const unreadable = UNREADABLE.reduce((sum, code) => sum + (r.issueCounts[code] ?? 0), 0);
  return {
    asOf,
    unreadable,
    features,
    report: {
      timeline,
      transitions: lib.stageTransitions(timeline),
      atRisk: lib.dissolutionWarnings(features),
      gap5ByStage: lib.gap5ByStageTimeline(dataset, timeline, { reliability: false }),
      events: {
        source: command.demo ? "demo-events.csv (embedded demo data)" : events.path,
        eventsIn: r.eventsIn,
        eventsUsed: r.eventsUsed,
        eventsExcluded: r.eventsExcluded,
        valuesDropped: r.valuesDropped,
        issueCounts: r.issueCounts,
        issues: r.issues.slice(0, EVENT_ISSUES_LISTED).map(reportedIssue),
      },
    },
  };
}

/**
 * Terminal summary lines of the relationship sections: customers per stage at the last month,
 * customers at risk of dissolution, and the overall Gap 5 of each stage's respondents.
 *
 * @example
 * relationshipSummary(results.relationship) //=> ["Stages (2025-12): awareness 30, …", "At risk …"]
 */
export function relationshipSummary(
  relationship: Reports.RelationshipReport | null | undefined,
): string[] {
  if (relationship == null) return [];
  const { timeline, atRisk } = relationship;
  const last = timeline.months.length - 1;
  const stages = Object.entries(timeline.distribution).map(([stage, n]) => `${stage} ${n[last]}`);
  const lines = [`Stages (${timeline.months[last]}): ${stages.join(", ")}`];
  if (atRisk !== null) {
    lines.push(
      `At risk of dissolution: ${atRisk.customers.length} of ${atRisk.checked} active customers (${Object.entries(
        atRisk.counts,
      )
        .map(([signal, n]) => `${signal} ${n}`)
        .join(", ")})`,
    );
  }
  const byStage = relationship.gap5ByStage;
  if (byStage != null) {
    const gaps = byStage.stages
      .filter((s) => s.gap5 !== null)
      .map(
        (s) => `${s.stage} ${s.gap5?.overall.unweighted.gap.mean?.toFixed(2) ?? "–"} (n ${s.n})`,
      );
    lines.push(`Gap 5 by stage: ${gaps.join(", ")}`);
  }
  return lines;
}

/** The terminal summary's "Relationships" lines (none without relationship results). */
export const relationshipSummarySection: SummarySection = (results, { bold, clean, line }) => {
  const lines = relationshipSummary(results.relationship);
  return lines.length === 0
    ? []
    : [bold("Relationships"), ...lines.map((text) => line(`  ${clean(text)}`)), ""];
};

/** `--events` and `--as-of` checked together: `--as-of` needs events; no events with a database. */
export function checkRelationshipOptions(
  events: string | undefined,
  asOf: string | undefined,
  demo: boolean,
  database: boolean,
): { readonly events: string | undefined; readonly asOf: string | undefined } {
  if (asOf !== undefined && events === undefined && !demo) {
    throw new UsageError("--as-of goes with --events FILE (the CRM events it dates)");
  }
  if (events !== undefined && database) {
    throw new UsageError("--events works with a survey CSV file, not with --duckdb or --postgres");
  }
  return { events, asOf: asOf === undefined ? undefined : parseAsOf(asOf) };
}
