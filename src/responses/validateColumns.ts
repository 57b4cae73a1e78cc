import { expectShape, shapes } from "../_lib/guards";
import { IssueLog } from "../_lib/issueLog";
import { ServqualError } from "../_lib/ServqualError";
import { itemsOf } from "../instrument/itemsOf";
import type { Facet, Instrument } from "../instrument/types";
import { ColumnRole, columnLayout, displayName } from "./columnLayout";
import { createDatasetBuilder, type DatasetBuilder } from "./createDatasetBuilder";
import type { AnswerColumn, Dataset, ValidatedResponses } from "./types";
import { resolveValidationOptions, type ValidationOptions } from "./validationOptions";

/** Survey answers held column by column: column name → one value per respondent. */
export interface ResponseColumns {
  readonly columns: Readonly<Record<string, ArrayLike<unknown>>>;
}

const COLUMNS = {
  what: "{ columns } (an object of column name → values)",
  fields: { columns: "object" },
} as const;

/**
 * Validates survey answers held column by column (as a columnar engine, Arrow or a data frame
 * hands them over) against an instrument: the same rules, result and report as
 * {@link validateResponses}, without going through rows.
 *
 * Fast path: when every column is an answer column held in a Float32Array or Float64Array, the
 * instrument has no reverse-keyed item and every value is a valid answer (no missing value),
 * the arrays are checked in one pass each and used as they are, without a copy: do not change
 * them afterwards (a default population, `options.population.default`, is applied). Anything
 * else (ids, dates, segments, covariates, a population column, weights, missing or invalid
 * answers, reverse keys, plain arrays) goes through the row-by-row validation, so every issue
 * is reported exactly as there. Only own properties of `columns` are read.
 *
 * @param input - `{ columns }`: column name → values, all of the same length.
 * @param instrument - The instrument.
 * @param options - See {@link ValidationOptions}.
 * @throws {ServqualError} as {@link validateResponses}; `invalid-input` when columns differ in length.
 *
 * @example
 * const { dataset } = validateColumns(
 *   { columns: { E_1: Float32Array.of(7, 6), P_1: Float32Array.of(5, 6) } },
 *   oneItemInstrument,
 * );
 * dataset.n //=> 2
 */
export function validateColumns(
  input: ResponseColumns,
  instrument: Instrument,
  options: ValidationOptions = {},
): ValidatedResponses {
  expectShape("validateColumns", "input", input, COLUMNS);
  expectShape("validateColumns", "instrument", instrument, shapes.instrument);
  const columns = input?.columns;
  if (columns === null || typeof columns !== "object") {
    throw new ServqualError("invalid-input", "validateColumns expects { columns }.", [
      {
        code: "not-an-object",
        message: "the input has no `columns` object of column name → values",
      },
    ]);
  }
  const header = Object.keys(columns);
  const values = header.map((name) => columns[name] as ArrayLike<unknown>);
  const lengths = new Set(values.map((column) => column?.length));
  if (lengths.size > 1 || values.some((column) => typeof column?.length !== "number")) {
    throw new ServqualError("invalid-input", "The columns differ in length.", [
      {
        code: "length-mismatch",
        message: `every column needs one value per respondent; found lengths ${header
          .slice(0, 10)
          .map((name, c) => `${name}: ${String(values[c]?.length)}`)
          .join(", ")}`,
      },
    ]);
  }
  const n = (values[0]?.length as number | undefined) ?? 0;
  const adopted = n > 0 ? adoptCleanColumns(header, values, n, instrument, options) : null;
  if (adopted !== null) return adopted;
  const builder = createDatasetBuilder(instrument, header, options, n);
  noteHoles(builder, header, values);
  const cells: unknown[] = new Array(header.length);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < header.length; c++) cells[c] = (values[c] as ArrayLike<unknown>)[r];
    builder.push(cells, { row: r + 1 });
  }
  return builder.finish();
}

/** A hole in a plain-array column (a sparse array) is an issue; the cell reads as blank. */
function noteHoles(
  builder: DatasetBuilder,
  header: readonly string[],
  values: readonly ArrayLike<unknown>[],
) {
  values.forEach((column, c) => {
    // A hole reads as undefined, so only columns that hold an undefined are searched.
    if (!Array.isArray(column) || !column.includes(undefined)) return;
    for (let r = 0; r < column.length; r++) {
      if (r in column) continue;
      builder.note({
        code: "hole-in-column",
        message:
          "the column array has a hole here (a sparse array with no element for this row); the cell is read as blank",
        row: r + 1,
        column: displayName(header[c] as string),
      });
    }
  });
}

/** The fast path: clean typed answer columns become the dataset as they are; else null. */
function adoptCleanColumns(
  header: readonly string[],
  values: readonly ArrayLike<unknown>[],
  n: number,
  instrument: Instrument,
  options: ValidationOptions,
): ValidatedResponses | null {
  const resolved = resolveValidationOptions(options);
  const layout = columnLayout(header, instrument, resolved);
  const items = itemsOf(instrument);
  if (items.some((item) => item.reverse)) return null;
  const slots: (AnswerColumn | null)[][] = layout.facets.map(() => items.map(() => null));
  for (let c = 0; c < header.length; c++) {
    const role = layout.role[c];
    if (role === ColumnRole.Ignored) continue;
    if (role !== ColumnRole.Answer) return null;
    const column = values[c];
    if (!(column instanceof Float32Array || column instanceof Float64Array)) return null;
    if (!onScale(column, instrument)) return null;
    (slots[layout.target[c] as number] as (AnswerColumn | null)[])[layout.item[c] as number] =
      column;
  }
  // Every item answered on every facet: otherwise rows may need the missing-data policy.
  if (slots.some((facet) => facet.some((column) => column === null))) return null;
  const facets: Partial<Record<Facet, AnswerColumn[]>> = {};
  layout.facets.forEach((facet, f) => {
    facets[facet] = slots[f] as AnswerColumn[];
  });
  const sourceRows = new Int32Array(n);
  const ids = new Array<string>(n);
  for (let r = 0; r < n; r++) {
    sourceRows[r] = r + 1;
    ids[r] = `row-${r + 1}`;
  }
  const dataset: Dataset = {
    instrument,
    n,
    ids,
    sourceRows,
    facets,
    weights: null,
    importance: null,
    dates: null,
    segments: [],
    covariates: [],
    population:
      resolved.populationDefault < 0
        ? null
        : {
            column: null,
            labels: resolved.populations.labels,
            codes: new Uint8Array(n).fill(resolved.populationDefault),
          },
    missingPolicy: resolved.missing,
  };
  const log = new IssueLog(resolved);
  for (const warning of layout.warnings) log.record(warning);
  return {
    dataset,
    report: {
      rowsIn: n,
      rowsUsed: n,
      ...log.summary(),
      unreadableLines: 0,
      notApplicable: 0,
      blank: 0,
      columns: layout.summary,
      missingPolicy: resolved.missing,
      weightsRescaled: 0,
    },
  };
}

/** True when every value is a valid answer: in range and on the scale's grid (NaN is not). */
function onScale(column: AnswerColumn, instrument: Instrument): boolean {
  const { min, max, step } = instrument.scale;
  const integerGrid = step === 1 && Number.isInteger(min);
  for (let r = 0; r < column.length; r++) {
    const value = column[r] as number;
    // NaN fails both comparisons below, so a missing value leaves the fast path too.
    if (!(value >= min && value <= max)) return false;
    if (integerGrid) {
      if (value !== Math.floor(value)) return false;
    } else {
      const steps = (value - min) / step;
      if (Math.abs(steps - Math.round(steps)) > 1e-9) return false;
    }
  }
  return true;
}
