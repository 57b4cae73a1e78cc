import { checkOptionKeys } from "../_lib/checkOptionKeys";
import {
  COMPLAINT_COLUMNS,
  COMPLAINT_VALIDATION_OPTIONS,
  type Complaint,
  type ComplaintSet,
  type ComplaintValidationOptions,
  checkComplaint,
  complaintContext,
} from "../context/recovery/complaints";
import { idOf, RecordCollector, recordLimits } from "../operations/standards";
import { brokenRowProblems } from "./brokenRow";
import { streamRecordsCsv } from "./readOperationsCsv";

/** Options of {@link readComplaintsCsv}: those of `validateComplaints` and the CSV `delimiter`. */
export interface ComplaintsCsvOptions extends ComplaintValidationOptions {
  readonly delimiter?: string;
}

/**
 * Reads complaint records from a CSV file (UTF-8, header row), streaming through papaparse,
 * with the columns `id`, `channel`, `opened` (required) and `customer_id`, `escalations` (the
 * time each level was passed, level 1 first, separated by `;` or `|`), `resolved`, `outcome`,
 * `satisfaction_before`, `satisfaction`, `stayed`, `region` (optional); validated as by
 * `validateComplaints`, every issue naming its line and column.
 *
 * @param path - The file.
 * @param options - `scale` (default 1–5), `calendar`, `delimiter`, `issueLimit`, `excludedLimit`.
 * @returns The complaints kept and the report (`recordsIn = recordsUsed + recordsExcluded`).
 * @throws {ServqualError} `invalid-input` for a missing file or required column.
 * @example
 * const set = await readComplaintsCsv("complaints.csv", { scale: { min: 1, max: 5 } });
 * const recovery = serviceRecovery(set);
 */
export async function readComplaintsCsv(
  path: string | URL,
  options?: ComplaintsCsvOptions,
): Promise<ComplaintSet> {
  const fn = "readComplaintsCsv";
  checkOptionKeys(fn, options, [...COMPLAINT_VALIDATION_OPTIONS, "delimiter"]);
  const context = complaintContext(fn, options);
  const collector = new RecordCollector<Complaint>(recordLimits(fn, options));
  const fields = Object.keys(COMPLAINT_COLUMNS);
  let columns: Record<string, string> = {};
  await streamRecordsCsv(
    fn,
    path,
    options?.delimiter,
    { fields, names: COMPLAINT_COLUMNS, required: ["id", "channel", "opened"] },
    {
      columns(names) {
        columns = Object.fromEntries(fields.map((field, k) => [field, names[k] as string]));
      },
      row(cells, place) {
        const raw: Record<string, string> = {};
        fields.forEach((field, k) => {
          const cell = cells[k];
          if (cell !== undefined) raw[field] = cell;
        });
        const { record, problems } = checkComplaint(raw, place, columns, context);
        collector.add(place, record?.id ?? idOf(raw), record, problems, columns.id ?? "id");
      },
      broken(place, code, message) {
        collector.add(place, null, null, brokenRowProblems(code, message));
      },
    },
  );
  return {
    kind: "complaints",
    complaints: collector.kept,
    report: collector.report(),
    scale: context.scale,
    calendar: context.calendar,
  };
}
