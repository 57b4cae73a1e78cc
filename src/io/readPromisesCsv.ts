import { checkPromise, PROMISE_COLUMNS, type PromiseSet } from "../operations/promises";
import { readRecordTableCsv } from "./readOperationsCsv";
import type { StandardsCsvOptions } from "./readStandardsCsv";

/**
 * Reads promises of external communications from a CSV file (UTF-8, header row) with the
 * columns `attribute`, `metric`, `promised_level` (required) and `unit`, `direction`, `from`, `to`
 * (a blank or absent one excludes the row, coded), `id`, `label`, `dimension`, `channel`, `exposures`, validated as
 * by `validatePromises`; every issue names its line.
 *
 * @param path - The file.
 * @param options - `delimiter`, `issueLimit`, `excludedLimit`.
 * @returns The promises kept and the report.
 * @throws {ServqualError} `invalid-input` for a missing file or required column.
 * @example
 * const promises = await readPromisesCsv("promises.csv");
 */
export async function readPromisesCsv(
  path: string | URL,
  options?: StandardsCsvOptions,
): Promise<PromiseSet> {
  const { kept, report } = await readRecordTableCsv("readPromisesCsv", path, options, {
    names: PROMISE_COLUMNS,
    required: ["attribute", "metric", "promisedLevel"],
    check(raw, place, columns) {
      const { promise, problems } = checkPromise(raw, place, columns);
      return { record: promise, problems };
    },
  });
  return { kind: "service-promises", promises: kept, report };
}
