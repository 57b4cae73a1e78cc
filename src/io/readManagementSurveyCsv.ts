import { invalidArgument } from "../_lib/guards";
import type { Instrument } from "../instrument/types";
import {
  finishManagementSurvey,
  type ManagementSurvey,
  type ManagementSurveyOptions,
  prepareManagementRead,
} from "../responses/validateManagementSurvey";
import { CSV_FILE_OPTIONS, type CsvFileOptions } from "./csvOptions";
import { readResponsesCsv } from "./readResponsesCsv";

/** Options of {@link readManagementSurveyCsv}: the CSV file options plus the declared `scale`. */
export type ManagementSurveyCsvOptions = CsvFileOptions & Pick<ManagementSurveyOptions, "scale">;

/**
 * Reads a management survey from a CSV file (papaparse, streamed, the rules of
 * `readResponsesCsv`) and checks it as `validateManagementSurvey` does: one row per manager,
 * estimates of customers' expectations in the expectation columns (`E_<item>`), on the customer
 * instrument's scale; every line used or excluded with a coded reason.
 *
 * @param path - The file's path (or `file:` URL).
 * @param instrument - The customer instrument (e.g. `instruments.servqual22`).
 * @param options - CSV and validation options plus `scale` (the scale the file declares).
 * @returns The managers' dataset and report (rowsIn = rowsUsed + rowsExcluded).
 * @throws {ServqualError} as `readResponsesCsv`, and `invalid-input` (`scale-mismatch`) when
 *   the declared scale is not the instrument's.
 *
 * @example
 * const managers = await readManagementSurveyCsv("managers.csv", instruments.servqual22);
 * managers.report.rowsIn === managers.report.rowsUsed + managers.report.rowsExcluded //=> true
 */
export async function readManagementSurveyCsv(
  path: string | URL,
  instrument: Instrument,
  options: ManagementSurveyCsvOptions = {},
): Promise<ManagementSurvey> {
  const fn = "readManagementSurveyCsv";
  if (typeof path !== "string" && !(path instanceof URL)) {
    throw invalidArgument(fn, "path", "a file path (string or file: URL)", path);
  }
  const extra = CSV_FILE_OPTIONS.filter((key) => key !== "scale");
  const twin = prepareManagementRead(fn, instrument, options, extra);
  const validated = await readResponsesCsv(path, twin.instrument, twin.options);
  return finishManagementSurvey(validated, instrument, twin.options);
}
