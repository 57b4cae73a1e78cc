import { expectShape, invalidArgument, shapes } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";
import { displayName } from "./columnLayout";
import { createDatasetBuilder } from "./createDatasetBuilder";
import type { ValidatedResponses } from "./types";
import type { ValidationOptions } from "./validationOptions";

/** Wide rows as a table: a header and rows of cells in header order. */
export interface ResponseTable {
  readonly header: readonly string[];
  readonly rows: readonly ArrayLike<unknown>[];
}

/** Wide rows as objects keyed by column name (e.g. parsed JSON or CSV records). */
export type ResponseRecords = readonly Readonly<Record<string, unknown>>[];

const ROWS = "an array of row objects or a table { header, rows }";

/**
 * Validates wide survey rows (one row per respondent) against an instrument and returns a
 * columnar {@link Dataset} and a {@link ValidationReport}.
 *
 * Each answer must be a number on the instrument's scale (range and step); reverse-keyed items
 * are recoded as min + max − x. Rejected cells, excluded rows and every reason are listed, and
 * `rowsIn = rowsUsed + rowsExcluded`. Column names default to `respondent_id`, `date`,
 * `E_<item>`, `P_<item>`, `MIN_<item>`, `DES_<item>`, `I_<item>` and `W_<dimension>`
 * (importance points summing to 100); `options.columns` and `options.rename` change them.
 * Only own properties of record objects are read, so a `__proto__` key is inert.
 *
 * Text cells holding numbers (answers, importance, points) follow one grammar, plain decimals
 * such as `7`, `-1`, `3.5`, `.5` (no `+`, exponent, leading zero or trailing point; see
 * `parseDecimal`). The first row that carries an id claims it, used or excluded; later rows
 * with that id are excluded as duplicates. A blank points cell among given ones rejects the
 * row's points (sample-mean weights stand in). `report.blank` and `report.notApplicable` count
 * used rows. A hole in a row array, an invalid Date and an object as id or label are coded
 * issues. The full rules: docs/input-rules.md.
 *
 * Missing-data policy (`options.missing`): `{ minimumShare: 0.5 }` by default, after
 * Parasuraman, Berry & Zeithaml (1991): a respondent's dimension score needs half of its items.
 *
 * @param input - Row objects, or a `{ header, rows }` table.
 * @param instrument - The instrument, e.g. `instruments.servqual22`.
 * @param options - See {@link ValidationOptions}.
 * @returns The dataset and the validation report.
 * @throws {ServqualError} `empty-input` (no rows), `invalid-input` (no known column),
 * `no-usable-rows` (every row excluded) or `invalid-options`.
 *
 * @example
 * const { dataset, report } = validateResponses(
 *   [{ respondent_id: "a", E_1: 7, P_1: 5 }],
 *   defineInstrument({ id: "one", name: "One item", scale: { min: 1, max: 7 },
 *     format: "expectation-perception",
 *     dimensions: [{ id: "d", label: "D", items: [{ id: "1", label: "item" }] }] }),
 * );
 * dataset.facets.perception?.[0]?.[0] //=> 5
 * report.rowsUsed //=> 1
 */
export function validateResponses(
  input: ResponseRecords | ResponseTable,
  instrument: Instrument,
  options: ValidationOptions = {},
): ValidatedResponses {
  if (!Array.isArray(input) && !isTable(input))
    throw invalidArgument("validateResponses", "input", ROWS, input);
  expectShape("validateResponses", "instrument", instrument, shapes.instrument);
  if (isTable(input)) {
    if (input.rows.length === 0) throw emptyInput();
    return validateTable(input, instrument, options);
  }
  if (!Array.isArray(input)) {
    throw new ServqualError("invalid-input", "validateResponses expects an array of rows.", [
      {
        code: "not-an-array",
        message: `the input is ${typeof input}, not an array of row objects`,
      },
    ]);
  }
  // Before the header check: an empty array has no keys, but its fault is having no rows.
  if (input.length === 0) throw emptyInput();
  const header = unionOfKeys(input);
  const builder = createDatasetBuilder(instrument, header, options, input.length);
  const cells: unknown[] = new Array(header.length);
  // A plain loop: forEach would skip holes in a sparse input array.
  for (let r = 0; r < input.length; r++) {
    const record: unknown = input[r];
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      builder.note({
        code: "not-an-object",
        message: `the row is ${record === null ? "null" : Array.isArray(record) ? "an array" : typeof record}, not an object of column name → value; it is excluded`,
        row: r + 1,
      });
      cells.length = 0;
    } else {
      cells.length = header.length;
      for (let c = 0; c < header.length; c++) {
        const key = header[c] as string;
        cells[c] = Object.hasOwn(record, key)
          ? (record as Record<string, unknown>)[key]
          : undefined;
      }
    }
    builder.push(cells, { row: r + 1 });
  }
  return builder.finish();
}

function validateTable(
  table: ResponseTable,
  instrument: Instrument,
  options: ValidationOptions,
): ValidatedResponses {
  const builder = createDatasetBuilder(instrument, table.header, options, table.rows.length);
  const header = builder.header;
  // A plain loop: forEach would skip holes in a sparse `rows` array.
  for (let r = 0; r < table.rows.length; r++) {
    const row: unknown = table.rows[r];
    const origin = { row: r + 1 };
    if (Array.isArray(row)) {
      // A row of the wrong length is excluded as a whole; holes are looked for in the others.
      // A hole reads as undefined, so `includes(undefined)` (one fast builtin pass) finds the
      // rows that may have one.
      const mayHaveHoles = row.length === header.length && row.includes(undefined);
      for (let c = 0; mayHaveHoles && c < row.length; c++) {
        if (c in row) continue;
        builder.note({
          code: "hole-in-row",
          message:
            "the row array has a hole here (a sparse array with no element at this position); the cell is read as blank",
          row: origin.row,
          column: displayName(header[c] as string),
        });
      }
      builder.push(row, origin);
    } else if (ArrayBuffer.isView(row) && !(row instanceof DataView)) {
      builder.push(row as unknown as ArrayLike<unknown>, origin);
    } else {
      builder.note({
        code: "not-an-array",
        message: `the row is ${row === null ? "null" : Array.isArray(row) ? "an array" : typeof row}, not an array of cells in header order; it is excluded`,
        row: origin.row,
      });
      builder.push([], origin);
    }
  }
  return builder.finish();
}

function emptyInput(): ServqualError {
  return new ServqualError("empty-input", "The input has no data rows.", [
    { code: "empty-input", message: "there are no respondent rows to validate" },
  ]);
}

function isTable(input: unknown): input is ResponseTable {
  return (
    input !== null &&
    typeof input === "object" &&
    !Array.isArray(input) &&
    Array.isArray((input as ResponseTable).header) &&
    Array.isArray((input as ResponseTable).rows)
  );
}

function unionOfKeys(records: ResponseRecords): string[] {
  const seen = new Set<string>();
  for (const record of records) {
    if (record === null || typeof record !== "object" || Array.isArray(record)) continue;
    for (const key of Object.keys(record)) seen.add(key);
  }
  return [...seen];
}
