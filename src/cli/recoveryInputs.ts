import type * as Library from "../node";
import type * as Reports from "../report";
import type { ReportCommand } from "./args";

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
 * Reads `--complaints FILE` (complaint records, satisfaction on 1–5) into `serviceRecovery` and
 * `--comments FILE` (respondent_id, date, region, comment) into `commentThemes` by season and
 * region, beside Gap 5 per season × region of the survey when it has dates and a `region`
 * segment. Excluded records are counted in each section, as the survey's rows are.
 *
 * @throws {ServqualError} from the readers (a missing file or column): the caller prints it.
 */
export async function readRecoveryInputs(
  lib: Servqual,
  files: RecoveryFiles,
  dataset: Library.Dataset,
): Promise<RecoveryResults> {
  const out: { recovery?: Library.ServiceRecoveryResult; comments?: Library.CommentThemesResult } =
    {};
  if (files.complaints !== undefined) {
    out.recovery = lib.serviceRecovery(await lib.readComplaintsCsv(files.complaints));
  }
  if (files.comments !== undefined) {
    const set = await lib.readCommentsCsv(files.comments);
    const region = dataset.segments.some((s) => s.name === "region");
    const gaps =
      dataset.dates !== null && region
        ? lib.gapCells(dataset, { period: "season", by: ["region"] })
        : undefined;
    out.comments = lib.commentThemes(set, {
      period: "season",
      ...(gaps === undefined ? {} : { gaps }),
    });
  }
  return out;
}
