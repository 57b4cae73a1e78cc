import type * as Library from "../node";
import type * as Reports from "../report";
import type { ReportCommand } from "./args";
import { type ContextFlags, regionColumn } from "./contextInputs";
import { readSeasonsMap } from "./periodFlags";

type Servqual = typeof Library & typeof Reports;

/** Complaint and comment files of `--complaints` / `--comments` (or the demo's). */
export interface RecoveryFiles {
  readonly complaints: string | undefined;
  readonly comments: string | undefined;
}

/** What the two files add to a report: results for `GapReport.recovery` and `.comments`. */
export interface RecoveryResults {
  readonly recovery?: Library.ServiceRecoveryResult;
  readonly comments?: Library.CommentThemesResult;
}

/** The files a run reads: the flags, or the demo's files for `servqual demo`. */
export function recoveryFiles(
  command: ReportCommand,
  demo: { readonly complaints?: string; readonly comments?: string },
): RecoveryFiles {
  return command.demo
    ? { complaints: demo.complaints, comments: demo.comments }
    : { complaints: command.complaints, comments: command.comments };
}

/**
 * How comments are grouped: the period of `--by` (with its `--fiscal-start` and `--seasons`;
 * seasons without `--by`) and the region column of `--by` (`region` when kept, else the first
 * segment column), whose Gap 5 cells (smallest shown: `--min-n`) are shown beside the comments.
 */
export async function commentGrouping(
  flags: ContextFlags | undefined,
  dataset: Library.Dataset,
): Promise<{
  readonly period: NonNullable<ContextFlags["period"]>;
  readonly fiscalYearStart?: number;
  readonly seasons?: Library.Seasons;
  readonly region: string | undefined;
}> {
  const period = flags?.period ?? "season";
  const start = flags?.periods?.fiscalYearStart;
  const file = flags?.periods?.seasonsFile;
  return {
    period,
    ...(period === "fiscal-year" && start !== undefined ? { fiscalYearStart: start } : {}),
    ...(period === "season" && file !== undefined ? { seasons: await readSeasonsMap(file) } : {}),
    region: regionColumn(dataset),
  };
}

/**
 * Reads `--complaints FILE` (complaint records, satisfaction on 1–5) into `serviceRecovery` and
 * `--comments FILE` (respondent_id, date, region, comment) into `commentThemes` by the period
 * of `--by` (season without it) and region, beside Gap 5 per period × region of the survey when
 * it has dates and a region column (see commentGrouping). Excluded records are counted in each
 * section, as the survey's rows are.
 *
 * @throws {ServqualError} from the readers (a missing file or column): the caller prints it.
 */
export async function readRecoveryInputs(
  lib: Servqual,
  files: RecoveryFiles,
  dataset: Library.Dataset,
  flags?: ContextFlags,
): Promise<RecoveryResults> {
  const out: { recovery?: Library.ServiceRecoveryResult; comments?: Library.CommentThemesResult } =
    {};
  if (files.complaints !== undefined) {
    out.recovery = lib.serviceRecovery(await lib.readComplaintsCsv(files.complaints));
  }
  if (files.comments !== undefined) {
    const set = await lib.readCommentsCsv(files.comments);
    const { region, ...period } = await commentGrouping(flags, dataset);
    const minimumN = flags?.minimumN === undefined ? {} : { minimumN: flags.minimumN };
    const gaps =
      dataset.dates !== null && region !== undefined
        ? lib.gapCells(dataset, { ...period, by: [region], ...minimumN })
        : undefined;
    out.comments = lib.commentThemes(set, {
      ...period,
      ...(gaps === undefined || region === undefined ? {} : { gaps, regionColumn: region }),
    });
  }
  return out;
}
