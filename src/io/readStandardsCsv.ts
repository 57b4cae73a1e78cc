import {
  checkStandard,
  type RecordValidationOptions,
  STANDARD_COLUMNS,
  type StandardSet,
} from "../operations/standards";
import { readRecordTableCsv } from "./readOperationsCsv";

/** Options of {@link readStandardsCsv}: the validation limits and the CSV `delimiter` (default `,`). */
export interface StandardsCsvOptions extends RecordValidationOptions {
  readonly delimiter?: string;
}

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
  const { kept, report } = await readRecordTableCsv("readStandardsCsv", path, options, {
    names: STANDARD_COLUMNS,
    required: ["attribute", "dimension", "formal"],
    check(raw, place, columns) {
      const { standard, problems } = checkStandard(raw, place, columns);
      return { record: standard, problems };
    },
  });
  return { kind: "service-standards", standards: kept, report };
}
