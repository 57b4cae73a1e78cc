import { checkOptionKeys } from "../_lib/checkOptionKeys";
import {
  checkStandard,
  idOf,
  RECORD_VALIDATION_OPTIONS,
  RecordCollector,
  type RecordValidationOptions,
  recordLimits,
  type ServiceStandard,
  STANDARD_COLUMNS,
  type StandardSet,
} from "../operations/standards";
import { brokenRowProblems } from "./brokenRow";
import { streamRecordsCsv } from "./readOperationsCsv";

/** Options of {@link readStandardsCsv}: the validation limits and the CSV `delimiter` (default `,`). */
export interface StandardsCsvOptions extends RecordValidationOptions {
  readonly delimiter?: string;
}

const FIELDS = Object.keys(STANDARD_COLUMNS);

/**
 * Reads service standards from a CSV file (UTF-8, header row) with the columns `attribute`,
 * `dimension`, `formal` (required) and `id`, `label`, `item`, `scale_target`, `metric`,
 * `target`, `unit`, `direction`, `target_share`, `believed_expectation`, `owner`, `date_set`
 * (optional), validated as by `validateStandards`; every issue names its line.
 *
 * @param path - The file.
 * @param options - `delimiter`, `issueLimit`, `excludedLimit`.
 * @returns The standards kept and the report (`recordsIn = recordsUsed + recordsExcluded`).
 * @throws {ServqualError} `invalid-input` for a missing file or required column.
 * @example
 * const { standards } = await readStandardsCsv("standards.csv");
 */
export async function readStandardsCsv(
  path: string | URL,
  options?: StandardsCsvOptions,
): Promise<StandardSet> {
  checkOptionKeys("readStandardsCsv", options, [...RECORD_VALIDATION_OPTIONS, "delimiter"]);
  const collector = new RecordCollector<ServiceStandard>(recordLimits("readStandardsCsv", options));
  let columns: Record<string, string> = {};
  await streamRecordsCsv(
    "readStandardsCsv",
    path,
    options?.delimiter,
    { fields: FIELDS, names: STANDARD_COLUMNS, required: ["attribute", "dimension", "formal"] },
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
        const { standard, problems } = checkStandard(raw, place, columns);
        collector.add(place, standard?.id ?? idOf(raw), standard, problems, columns.id ?? "id");
      },
      broken(place, code, message) {
        collector.add(place, null, null, brokenRowProblems(code, message));
      },
    },
  );
  return { kind: "service-standards", standards: collector.kept, report: collector.report() };
}
