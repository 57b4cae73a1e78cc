import { checkOptionKeys } from "../_lib/checkOptionKeys";
import {
  checkPromise,
  PROMISE_COLUMNS,
  type PromiseSet,
  type ServicePromise,
} from "../operations/promises";
import {
  idOf,
  RECORD_VALIDATION_OPTIONS,
  RecordCollector,
  recordLimits,
} from "../operations/standards";
import { brokenRowProblems } from "./brokenRow";
import { streamRecordsCsv } from "./readOperationsCsv";
import type { StandardsCsvOptions } from "./readStandardsCsv";

const FIELDS = Object.keys(PROMISE_COLUMNS);

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
  checkOptionKeys("readPromisesCsv", options, [...RECORD_VALIDATION_OPTIONS, "delimiter"]);
  const collector = new RecordCollector<ServicePromise>(recordLimits("readPromisesCsv", options));
  let columns: Record<string, string> = {};
  await streamRecordsCsv(
    "readPromisesCsv",
    path,
    options?.delimiter,
    { fields: FIELDS, names: PROMISE_COLUMNS, required: ["attribute", "metric", "promisedLevel"] },
    {
      columns(names) {
        columns = Object.fromEntries(FIELDS.map((field, k) => [field, names[k] as string]));
      },
      row(cells, place) {
        const raw: Record<string, string> = {};
        FIELDS.forEach((field, k) => {
          const cell = cells[k];
          if (cell !== undefined) raw[field] = cell;
        });
        const { promise, problems } = checkPromise(raw, place, columns);
        collector.add(place, promise?.id ?? idOf(raw), promise, problems, columns.id ?? "id");
      },
      broken(place, code, message) {
        collector.add(place, null, null, brokenRowProblems(code, message));
      },
    },
  );
  return { kind: "service-promises", promises: collector.kept, report: collector.report() };
}
