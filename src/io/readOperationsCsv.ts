import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { invalidArgument } from "../_lib/checkArgument";
import { checkOptionKeys } from "../_lib/checkOptionKeys";
import { ServqualError } from "../_lib/ServqualError";
import { createCsvRecordSplitter } from "../operations/csvRecords";
import type { RecordPlace, RecordProblems, RecordReport } from "../operations/fields";
import {
  idOf,
  RECORD_VALIDATION_OPTIONS,
  RecordCollector,
  type RecordValidationOptions,
  recordLimits,
} from "../operations/standards";
import { brokenRowProblems } from "./brokenRow";
import { readLineBlocks } from "./readLineBlocks";
import { displayPath, fileError } from "./readResponsesCsv";

/** How the columns of a records file map onto the fields of a record. */
export interface RecordColumns {
  /** Fields in cell order. */
  readonly fields: readonly string[];
  /** The snake-case column of each field (the field's own name is accepted too). */
  readonly names: Readonly<Record<string, string>>;
  /** Fields whose column must be present. */
  readonly required: readonly string[];
}

/** What {@link streamRecordsCsv} calls for each data row, with cells in field order. */
export interface RecordSink {
  /**
   * The column name of each field found (messages name it), the header cell of each field
   * (−1: absent) and the header's cell count.
   */
  columns(names: readonly string[], positions: Int32Array, width: number): void;
  /** Optional fast path for a line without quotes (see `CsvRecordHandlers.line`). */
  line?(text: string, start: number, end: number, row: number, line: number): boolean;
  /** Optional fast path for a line of bytes (see `CsvRecordHandlers.bytesLine`): the file is then read as bytes. */
  bytesLine?(bytes: Uint8Array, start: number, end: number, row: number, line: number): boolean;
  row(cells: readonly (string | undefined)[], place: RecordPlace): void;
  broken(
    place: RecordPlace,
    code: "malformed-quote" | "unterminated-quote" | "wrong-cell-count",
    message: string,
  ): void;
}

/**
 * Streams a CSV file of operational records (standards, delivery records, promises) row by
 * row, in constant memory: UTF-8 (a byte-order mark is removed), read 256 KiB at a time,
 * split by papaparse (with a `bytesLine` sink: read in 1 MiB blocks, quote-free blocks line by
 * line from their bytes); columns are matched to fields by their snake-case name (or the field's
 * own name); absent optional columns give undefined cells.
 *
 * @throws {ServqualError} `invalid-input` (`file-not-found`, `not-a-file`, `file-not-readable`,
 * `absent-columns`), `empty-input` for a file without a header.
 */
export async function streamRecordsCsv(
  fn: string,
  path: string | URL,
  delimiter: unknown,
  layout: RecordColumns,
  sink: RecordSink,
): Promise<{ rows: number }> {
  if (typeof path !== "string" && !(path instanceof URL))
    throw invalidArgument(fn, "path", "a file path or URL", path);
  if (
    delimiter !== undefined &&
    (typeof delimiter !== "string" || delimiter.length !== 1 || /[\r\n"]/.test(delimiter))
  ) {
    throw new ServqualError("invalid-options", `${fn}: the options are not valid.`, [
      {
        code: "invalid-delimiter",
        message: "option delimiter: must be one character, not a quote or a line break",
        path: ["delimiter"],
      },
    ]);
  }
  const name = displayPath(path);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
  } catch (error) {
    throw fileError(error, name);
  }
  let map: Int32Array | null = null;
  const cells: (string | undefined)[] = new Array(layout.fields.length);
  const splitter = createCsvRecordSplitter((delimiter as string | undefined) ?? ",", {
    header(header, line) {
      const names = header.map((cell) => cell.trim());
      map = new Int32Array(layout.fields.length).fill(-1);
      const found: string[] = [];
      layout.fields.forEach((field, k) => {
        const snake = layout.names[field] ?? field;
        let at = names.indexOf(snake);
        if (at < 0) at = names.indexOf(field);
        (map as Int32Array)[k] = at;
        found.push(at >= 0 ? (names[at] as string) : snake);
      });
      const absent = layout.required.filter(
        (field) => (map as Int32Array)[layout.fields.indexOf(field)] === -1,
      );
      if (absent.length > 0) {
        throw new ServqualError("invalid-input", `The file ${name} lacks required columns.`, [
          {
            code: "absent-columns",
            message: `no column ${absent.map((field) => layout.names[field] ?? field).join(", ")} (the header has ${names.join(", ")})`,
            line,
          },
        ]);
      }
      sink.columns(found, map as Int32Array, names.length);
    },
    row(row, place) {
      const m = map as Int32Array;
      for (let k = 0; k < m.length; k++) {
        const at = m[k] as number;
        cells[k] = at < 0 ? undefined : row[at];
      }
      sink.row(cells, place);
    },
    broken: sink.broken,
    ...(sink.line === undefined ? {} : { line: sink.line }),
    ...(sink.bytesLine === undefined ? {} : { bytesLine: sink.bytesLine }),
  });
  try {
    if (sink.bytesLine !== undefined) {
      // Quote-free blocks from their bytes, the rest decoded and parsed as text.
      const decoder = new StringDecoder("utf8");
      await readLineBlocks(path, (bytes, start, end) => {
        if (splitter.takesBytes(bytes, start, end)) splitter.writeLines(bytes, start, end);
        else splitter.write(decoder.write(bytes.subarray(start, end)));
      });
      splitter.write(decoder.end());
    } else {
      const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 256 * 1024 });
      for await (const chunk of stream) splitter.write(chunk as string);
    }
  } catch (error) {
    throw fileError(error, name);
  }
  const { header, rows } = splitter.end();
  if (!header) {
    throw new ServqualError("empty-input", `The file ${name} is empty.`, [
      { code: "empty-input", message: "there is no header row", line: 1 },
    ]);
  }
  return { rows };
}

/** How {@link readRecordTableCsv} checks one kind of operational record. */
export interface RecordTable<T extends { readonly id: string }> {
  /** Snake-case column of each field, in field order. */
  readonly names: Readonly<Record<string, string>>;
  /** Fields whose column must be present. */
  readonly required: readonly string[];
  /** Checks one row of raw cells (the kind's own validator). */
  readonly check: (
    raw: Record<string, string>,
    place: RecordPlace,
    columns: Readonly<Record<string, string>>,
  ) => { readonly record: T | null; readonly problems: RecordProblems };
}

/**
 * Reads a whole CSV file of small operational records (standards, promises) through
 * {@link streamRecordsCsv}: each row's cells by field, checked by `table.check`, gathered by a
 * `RecordCollector` (duplicate ids excluded; rows in = used + excluded); broken rows are
 * excluded with their coded problem.
 *
 * @param fn - The calling function's name (messages name it).
 * @returns The records kept and the report.
 */
export async function readRecordTableCsv<T extends { readonly id: string }>(
  fn: string,
  path: string | URL,
  options: (RecordValidationOptions & { readonly delimiter?: string }) | undefined,
  table: RecordTable<T>,
): Promise<{ readonly kept: T[]; readonly report: RecordReport }> {
  checkOptionKeys(fn, options, [...RECORD_VALIDATION_OPTIONS, "delimiter"]);
  const collector = new RecordCollector<T>(recordLimits(fn, options));
  const fields = Object.keys(table.names);
  let columns: Record<string, string> = {};
  await streamRecordsCsv(
    fn,
    path,
    options?.delimiter,
    { fields, names: table.names, required: table.required },
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
        const { record, problems } = table.check(raw, place, columns);
        collector.add(place, record?.id ?? idOf(raw), record, problems, columns.id ?? "id");
      },
      broken(place, code, message) {
        collector.add(place, null, null, brokenRowProblems(code, message));
      },
    },
  );
  return { kept: collector.kept, report: collector.report() };
}
