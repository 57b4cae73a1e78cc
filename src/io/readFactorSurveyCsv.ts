import { checkOptionKeys, invalidArgument } from "../_lib/guards";
import { contributingFactors1988 } from "../instrument/builtin/contributingFactors1988";
import type { ValidatedResponses } from "../responses/types";
import { factorSurveyDefaults } from "../responses/validateFactorSurvey";
import { CSV_FILE_OPTIONS, type CsvFileOptions } from "./csvOptions";
import { readResponsesCsv } from "./readResponsesCsv";

/**
 * Reads a contributing-factor survey from a CSV file (papaparse, streamed, the rules of
 * `readResponsesCsv`) with the defaults of `validateFactorSurvey`: item columns named by the
 * item ids of `contributingFactors1988` (`mro1`, …), population `employees`, the index rule
 * `{ minimumShare: 0.5, atLeast: 2 }`. Every line is used or excluded with a coded reason.
 *
 * @param path - The file's path (or `file:` URL).
 * @param options - CSV and validation options.
 * @returns The dataset and report, ready for `contributingFactors`.
 * @throws {ServqualError} as `readResponsesCsv`.
 *
 * @example
 * const { dataset } = await readFactorSurveyCsv("factors.csv");
 * contributingFactors(dataset).gaps[0]?.weakest //=> [{ factor: "upwardCommunication", … }]
 */
export async function readFactorSurveyCsv(
  path: string | URL,
  options: CsvFileOptions = {},
): Promise<ValidatedResponses> {
  const fn = "readFactorSurveyCsv";
  if (typeof path !== "string" && !(path instanceof URL)) {
    throw invalidArgument(fn, "path", "a file path (string or file: URL)", path);
  }
  checkOptionKeys(fn, options, CSV_FILE_OPTIONS);
  return readResponsesCsv(path, contributingFactors1988, factorSurveyDefaults(options));
}
