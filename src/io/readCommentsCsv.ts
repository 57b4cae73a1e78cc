import { checkOptionKeys } from "../_lib/checkOptionKeys";
import {
  COMMENT_COLUMNS,
  COMMENT_VALIDATION_OPTIONS,
  CommentCollector,
  type CommentSet,
  type CommentValidationOptions,
  checkComment,
  commentIdOf,
  commentTable,
} from "../context/comments/comments";
import { recordLimits } from "../operations/standards";
import { brokenRowProblems } from "./brokenRow";
import { streamRecordsCsv } from "./readOperationsCsv";

/** Options of {@link readCommentsCsv}: those of `validateComments` and the CSV `delimiter`. */
export interface CommentsCsvOptions extends CommentValidationOptions {
  readonly delimiter?: string;
}

/**
 * Reads free-text comments from a CSV file (UTF-8, header row), streaming through papaparse,
 * with the column `comment` (required) and `id`, `respondent_id`, `date`, `region` (optional);
 * validated as by `validateComments`, every issue naming its line and column. Bytes that are
 * not valid UTF-8 become U+FFFD when read, so such a comment is excluded
 * (`replacement-character`), never read with wrong words.
 *
 * @param path - The file.
 * @param options - `timeZone`, `delimiter`, `issueLimit`, `excludedLimit`.
 * @returns The comments kept and the report (`recordsIn = recordsUsed + recordsExcluded`).
 * @throws {ServqualError} `invalid-input` for a missing file or a file without a comment column.
 * @example
 * const themes = commentThemes(await readCommentsCsv("comments.csv"), { period: "season" });
 */
export async function readCommentsCsv(
  path: string | URL,
  options?: CommentsCsvOptions,
): Promise<CommentSet> {
  const fn = "readCommentsCsv";
  checkOptionKeys(fn, options, [...COMMENT_VALIDATION_OPTIONS, "delimiter"]);
  const table = commentTable(fn, options);
  const collector = new CommentCollector(recordLimits(fn, options));
  const fields = Object.keys(COMMENT_COLUMNS);
  let columns: Record<string, string> = {};
  await streamRecordsCsv(
    fn,
    path,
    options?.delimiter,
    { fields, names: COMMENT_COLUMNS, required: ["comment"] },
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
        const { record, problems } = checkComment(raw, place, columns, table);
        collector.add(
          place,
          record?.id ?? record?.respondentId ?? commentIdOf(raw),
          record,
          problems,
        );
      },
      broken(place, code, message) {
        collector.add(place, null, null, brokenRowProblems(code, message));
      },
    },
  );
  return collector.set();
}
