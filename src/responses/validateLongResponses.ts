import { checkOptionKeys, expectKind, expectShape, optionNames, shapes } from "../_lib/guards";
import { IssueLog, mergeIssueLogs } from "../_lib/issueLog";
import { parseDecimal } from "../_lib/parseDecimal";
import type { Issue } from "../_lib/ServqualError";
import { ServqualError } from "../_lib/ServqualError";
import { FACET_NAMES, FACETS, facetsOf } from "../instrument/facets";
import { itemsOf } from "../instrument/itemsOf";
import type { Facet, Instrument } from "../instrument/types";
import { displayName } from "./columnLayout";
import { createDatasetBuilder } from "./createDatasetBuilder";
import { cellText, showCell } from "./parseAnswer";
import { populationCode } from "./populations";
import type { ValidatedResponses } from "./types";
import type { validateResponses } from "./validateResponses";
import {
  type ResolvedValidationOptions,
  resolveValidationOptions,
  VALIDATION_OPTIONS,
  type ValidationOptions,
} from "./validationOptions";

/** Column names of long input (one row per respondent, item and facet). */
export interface LongColumns {
  readonly respondent?: string;
  readonly item?: string;
  readonly facet?: string;
  readonly value?: string;
}

/** What a long row's value is: an answer of a facet, stated importance, or importance points. */
type LongKind = Facet | "importance" | "weight";

const KINDS: Readonly<Record<string, LongKind>> = {
  ...Object.fromEntries(
    FACET_NAMES.flatMap((facet) => FACETS[facet].aliases.map((alias) => [alias, facet])),
  ),
  i: "importance",
  importance: "importance",
  w: "weight",
  weight: "weight",
  points: "weight",
};

const LONG_OPTIONS = [...VALIDATION_OPTIONS, "long"];

const LONG_COLUMNS = optionNames<LongColumns>({
  respondent: true,
  item: true,
  facet: true,
  value: true,
});

/** One respondent gathered from long rows: wide cells, and the long row each came from. */
interface Gathered {
  readonly id: string;
  readonly firstRow: number;
  readonly cells: Map<string, { readonly value: unknown; readonly row: number }>;
}

/**
 * Validates long survey rows (respondent, item, facet, value) by gathering each respondent's
 * rows into one wide row and validating it as {@link validateResponses} does.
 *
 * - Facets may be written `E`/`expectation`, `P`/`perception`, `MIN`/`adequate`,
 *   `DES`/`desired`; `I`/`importance` gives an item's stated importance and `W`/`weight`/
 *   `points` a dimension's importance points (the item column then holds the dimension id).
 * - The date column, the segment columns, the covariate columns and the population column
 *   (`options.columns.date`, `.segments`, `.covariates`, `.population`) may be carried on the
 *   long rows; they belong to the respondent: the first non-blank value counts, and a
 *   different value on a later row of the same respondent is a `conflicting-value` issue
 *   (populations compare as populations, so "Managers" and "manager" agree; covariates as
 *   numbers, so "20" and "20.0" agree; segments and dates as trimmed text).
 * - All long rows with the same respondent id form one respondent, so an id is never
 *   duplicated; a repeated (respondent, item, facet) is a `duplicate-answer` issue and the later
 *   value is ignored. Unknown items or facets, blank or unreadable ids and rows that are not
 *   objects are reported and skipped.
 *
 * Numbering: every issue and excluded row names a long row, the 1-based position in `rows`:
 * an issue about one value names the long row that holds it; an issue about a respondent as a
 * whole (weights not summing to 100, the row excluded) names the respondent's first long row.
 * Messages start with the respondent id. `dataset.sourceRows` holds each respondent's first
 * long row. `report.rowsIn` counts respondents (rows in = used + excluded respondents); every
 * long row is either gathered into a respondent or named by an issue.
 *
 * @param rows - Long rows as objects.
 * @param instrument - The instrument.
 * @param options - Validation options plus `long`: the four column names (defaults
 *   `respondent_id` or `options.columns.id`, `item`, `facet`, `value`).
 * @throws {ServqualError} as {@link validateResponses}; `invalid-input` when a long column (or a
 *   requested segment column) is absent; `invalid-options` when two roles share a column name.
 *
 * @example
 * validateLongResponses(
 *   [{ respondent_id: "a", item: "1", facet: "E", value: 7 }, { respondent_id: "a", item: "1", facet: "P", value: 6 }],
 *   instruments.servqual22,
 * ).report.rowsUsed //=> 1
 */
export function validateLongResponses(
  rows: readonly Readonly<Record<string, unknown>>[],
  instrument: Instrument,
  options: ValidationOptions & { readonly long?: LongColumns } = {},
): ValidatedResponses {
  expectKind("validateLongResponses", "rows", rows, "array", "an array of long row objects");
  expectShape("validateLongResponses", "instrument", instrument, shapes.instrument);
  checkOptionKeys("validateLongResponses", options ?? undefined, LONG_OPTIONS);
  checkOptionKeys("validateLongResponses", options?.long, LONG_COLUMNS, "options.long");
  const { long, ...rest } = options ?? {};
  const resolved = resolveValidationOptions(rest);
  const names = {
    respondent: long?.respondent ?? rest.columns?.id ?? "respondent_id",
    item: long?.item ?? "item",
    facet: long?.facet ?? "facet",
    value: long?.value ?? "value",
  };
  if (!Array.isArray(rows)) {
    throw new ServqualError("invalid-input", "validateLongResponses expects an array of rows.", [
      { code: "not-an-array", message: `the input is ${typeof rows}, not an array of row objects` },
    ]);
  }
  if (rows.length === 0) {
    throw new ServqualError("empty-input", "The input has no data rows.", [
      { code: "empty-input", message: "there are no long rows to validate" },
    ]);
  }
  const carried = [
    ...resolved.segmentColumns,
    ...resolved.covariateColumns,
    ...(resolved.populationColumn === null ? [] : [resolved.populationColumn]),
  ];
  checkLongNames(names, resolved);
  const first: unknown = rows[0];
  const firstRow = first !== null && typeof first === "object" ? first : {};
  const required = [...Object.values(names), ...carried];
  const absent = required.filter((name) => !Object.hasOwn(firstRow, name));
  if (absent.length > 0) {
    throw new ServqualError("invalid-input", "A column of the long format is missing.", [
      {
        code: "missing-long-column",
        message: `the long rows lack the column(s) ${absent.map(displayName).join(", ")}`,
        row: 1,
      },
    ]);
  }

  const items = itemsOf(instrument);
  const itemIds = new Set(items.map((item) => item.id));
  const dimensionIds = new Set(instrument.dimensions.map((dimension) => dimension.id));
  const allowed = new Set<LongKind>([...facetsOf(instrument.format), "importance", "weight"]);
  const { templates } = resolved;
  const columnOf = (kind: LongKind, id: string) =>
    kind === "weight"
      ? templates.weight.replace("{dimension}", id)
      : templates[kind].replace("{item}", id);
  const attributes = [resolved.dateColumn, ...carried];
  let hasDate = false;

  const byRespondent = new Map<string, Gathered>();
  // Long rows that cannot be gathered into a respondent: counted in full, listed up to the limit.
  const log = new IssueLog(resolved);
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    const at = r + 1;
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      log.record({
        code: "not-an-object",
        message: `the long row is ${row === null ? "null" : Array.isArray(row) ? "an array" : typeof row}, not an object; it is ignored`,
        row: at,
      });
      continue;
    }
    const record = row as Readonly<Record<string, unknown>>;
    const own = (name: string) => (Object.hasOwn(record, name) ? record[name] : undefined);
    const respondent = labelOf(own(names.respondent));
    if (respondent === null || respondent.length > resolved.maxCellLength) {
      const unreadable = respondent === null && !isBlank(own(names.respondent));
      log.record({
        code: unreadable ? "bad-id" : respondent === null ? "missing-id" : "cell-too-long",
        message: unreadable
          ? "the respondent id is not text or a number; the long row is ignored"
          : respondent === null
            ? "the respondent id is blank; the long row is ignored"
            : `the respondent id is longer than ${resolved.maxCellLength} characters; the long row is ignored`,
        row: at,
        column: displayName(names.respondent),
      });
      continue;
    }
    const who = `respondent ${showCell(respondent)}`;
    const id = labelOf(own(names.item)) ?? "";
    const kind = KINDS[(labelOf(own(names.facet)) ?? "").toLowerCase()];
    if (kind === undefined || !allowed.has(kind)) {
      log.record({
        code: "unknown-facet",
        message: `${who}: facet ${showCell(cellText(own(names.facet) ?? ""))} is not one the instrument collects; the long row is ignored`,
        row: at,
        column: displayName(names.facet),
      });
      continue;
    }
    if (kind === "weight" ? !dimensionIds.has(id) : !itemIds.has(id)) {
      log.record({
        code: kind === "weight" ? "unknown-dimension" : "unknown-item",
        message: `${who}: ${kind === "weight" ? "dimension" : "item"} ${showCell(id)} is not in the instrument; the long row is ignored`,
        row: at,
        column: displayName(names.item),
      });
      continue;
    }
    let gathered = byRespondent.get(respondent);
    if (gathered === undefined) {
      gathered = { id: respondent, firstRow: at, cells: new Map() };
      byRespondent.set(respondent, gathered);
    }
    const column = columnOf(kind, id);
    if (gathered.cells.has(column)) {
      log.record({
        code: "duplicate-answer",
        message: `${who}: ${kind === "weight" ? `dimension ${id}` : `item ${id}`} (${kind}) already has a value on long row ${gathered.cells.get(column)?.row}; this one is ignored`,
        row: at,
        column: displayName(names.value),
      });
    } else gathered.cells.set(column, { value: own(names.value), row: at });
    for (const name of attributes) {
      if (!Object.hasOwn(record, name)) continue;
      if (name === resolved.dateColumn) hasDate = true;
      const value = record[name];
      if (isBlank(value)) continue;
      const held = gathered.cells.get(name);
      if (held === undefined) gathered.cells.set(name, { value, row: at });
      else if (!sameValue(name, held.value, value, resolved)) {
        log.record({
          code: "conflicting-value",
          message: `${who}: ${showCell(value)} differs from ${showCell(held.value)} on long row ${held.row}; a respondent has one ${attributeKind(name, resolved)}, the first is kept`,
          row: at,
          column: displayName(name),
        });
      }
    }
  }

  // Points are asked for every dimension at once: when any respondent gives points, every
  // dimension has its column, so a dimension left out is a blank cell (not 0 points).
  const weightColumns = new Set(
    instrument.dimensions.map((dimension) => columnOf("weight", dimension.id)),
  );
  const anyWeight = [...byRespondent.values()].some((gathered) =>
    [...weightColumns].some((name) => gathered.cells.has(name)),
  );
  const header = wideHeader(names.respondent, hasDate ? resolved.dateColumn : null, resolved, [
    ...[...facetsOf(instrument.format), "importance" as const].flatMap((kind) =>
      items.map((item) => columnOf(kind, item.id)),
    ),
    ...instrument.dimensions.map((dimension) => columnOf("weight", dimension.id)),
  ]).filter(
    (name, c) =>
      c < 1 + (hasDate ? 1 : 0) + carried.length ||
      (weightColumns.has(name) && anyWeight) ||
      [...byRespondent.values()].some((gathered) => gathered.cells.has(name)),
  );
  const builder = createDatasetBuilder(
    instrument,
    header,
    { ...rest, columns: { ...rest.columns, id: names.respondent } },
    byRespondent.size,
  );
  const cells: unknown[] = new Array(header.length);
  const firstRows: number[] = [];
  for (const gathered of byRespondent.values()) {
    cells[0] = gathered.id;
    for (let c = 1; c < header.length; c++) {
      cells[c] = gathered.cells.get(header[c] as string)?.value;
    }
    firstRows.push(gathered.firstRow);
    builder.push(cells, { row: gathered.firstRow });
  }
  const byFirstRow = new Map([...byRespondent.values()].map((g) => [g.firstRow, g]));
  const kept = new Set([names.respondent, ...attributes].map(displayName));
  const relocate = (issue: Issue): Issue => relocateIssue(issue, byFirstRow, names.value, kept);

  let result: ValidatedResponses;
  try {
    if (byRespondent.size === 0) {
      throw new ServqualError(
        "no-usable-rows",
        `None of the ${rows.length} long rows can be used.`,
        [],
      );
    }
    result = builder.finish();
  } catch (error) {
    if (!(error instanceof ServqualError) || error.code !== "no-usable-rows") throw error;
    throw new ServqualError(
      "no-usable-rows",
      `None of the ${byRespondent.size} respondents in ${rows.length} long rows can be used.`,
      mergeIssues(error.issues.map(relocate), log.issues),
    );
  }
  const { report } = result;
  const relocated = { ...report, issues: report.issues.map(relocate) };
  return {
    dataset: result.dataset,
    report: { ...report, ...mergeIssueLogs([relocated, log.summary()], resolved) },
  };
}

/**
 * The wide header: id, date (when any long row carries it), segments, covariates, population,
 * then value columns.
 */
function wideHeader(
  idColumn: string,
  dateColumn: string | null,
  resolved: ResolvedValidationOptions,
  valueColumns: readonly string[],
): string[] {
  return [
    idColumn,
    ...(dateColumn === null ? [] : [dateColumn]),
    ...resolved.segmentColumns,
    ...resolved.covariateColumns,
    ...(resolved.populationColumn === null ? [] : [resolved.populationColumn]),
    ...valueColumns,
  ];
}

/**
 * Points a builder issue at the long row that holds its value: the builder names the
 * respondent's first long row and the wide column; the long row of that column replaces it, and
 * the message starts with the respondent id and the wide column.
 */
function relocateIssue(
  issue: Issue,
  byFirstRow: ReadonlyMap<number, Gathered>,
  valueColumn: string,
  ownColumns: ReadonlySet<string>,
): Issue {
  if (issue.row === undefined || issue.row === 0 || issue.code === "rows-excluded") return issue;
  const gathered = byFirstRow.get(issue.row);
  if (gathered === undefined) return issue;
  const held = issue.column === undefined ? undefined : gathered.cells.get(issue.column);
  const message = `respondent ${showCell(gathered.id)}${issue.column === undefined ? "" : `, ${issue.column}`}: ${issue.message}`;
  if (held === undefined) return { ...issue, message };
  // Date and segment columns are columns of the long rows too; values sit in the value column.
  return {
    ...issue,
    message,
    row: held.row,
    column: ownColumns.has(issue.column as string) ? issue.column : displayName(valueColumn),
  };
}

/** Header issues first, then every issue by long row (stable, so a row's issues keep their order). */
function mergeIssues(fromBuilder: readonly Issue[], fromLongRows: readonly Issue[]): Issue[] {
  const header = fromBuilder.filter((issue) => issue.row === 0);
  const summaries = fromBuilder.filter((issue) => issue.code === "rows-excluded");
  const rest = [
    ...fromBuilder.filter((issue) => issue.row !== 0 && issue.code !== "rows-excluded"),
    ...fromLongRows,
  ];
  rest.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return [...header, ...summaries, ...rest];
}

/** Two long-row names used for two roles (the item column also a segment, …) throw. */
function checkLongNames(
  names: Readonly<Record<string, string>>,
  resolved: ResolvedValidationOptions,
): void {
  const roles = new Map<string, string>();
  const issues: Issue[] = [];
  const claim = (name: string, role: string) => {
    const other = roles.get(name);
    if (other === undefined) roles.set(name, role);
    else {
      issues.push({
        code: "column-role-conflict",
        message: `the long column "${displayName(name)}" is both ${other} and ${role}; give one of them another column`,
        row: 0,
        column: displayName(name),
      });
    }
  };
  claim(names.respondent as string, "the respondent id column");
  claim(names.item as string, "the item column");
  claim(names.facet as string, "the facet column");
  claim(names.value as string, "the value column");
  claim(resolved.dateColumn, "the date column");
  for (const segment of resolved.segmentColumns) claim(segment, "a segment column");
  for (const covariate of resolved.covariateColumns) claim(covariate, "a covariate column");
  if (resolved.populationColumn !== null) claim(resolved.populationColumn, "the population column");
  if (issues.length > 0) {
    throw new ServqualError(
      "invalid-options",
      "Two roles are given to the same column name.",
      issues,
    );
  }
}

/** What a carried column holds, for a message: "date", "segment label", … */
function attributeKind(name: string, resolved: ResolvedValidationOptions) {
  if (name === resolved.dateColumn) return "date";
  if (name === resolved.populationColumn) return "population";
  return resolved.covariateColumns.includes(name) ? "value of each covariate" : "segment label";
}

/** A cell as a trimmed label, or null when blank or not text / a number. */
function labelOf(cell: unknown): string | null {
  const kind = typeof cell;
  if (kind === "number" && !Number.isFinite(cell)) return null;
  if (kind !== "string" && kind !== "number" && kind !== "bigint" && kind !== "boolean")
    return null;
  const text = cellText(cell).trim();
  return text === "" ? null : text;
}

function isBlank(cell: unknown): boolean {
  return (
    cell === null ||
    cell === undefined ||
    (typeof cell === "number" && Number.isNaN(cell)) ||
    (typeof cell === "string" && cell.trim() === "")
  );
}

/**
 * Same respondent attribute, compared as the wide reader reads the column: populations as
 * populations (case, surrounding spaces and the built-in singulars do not matter: "Managers",
 * " managers" and "manager" agree), covariates as numbers ("20", "20.0" and 20 agree), Date
 * objects by their time, anything else as text after trimming. Cells the reader cannot read
 * as a population or a number fall back to text (the reader then reports them).
 */
function sameValue(
  name: string,
  a: unknown,
  b: unknown,
  resolved: ResolvedValidationOptions,
): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  const textA = cellText(a).trim();
  const textB = cellText(b).trim();
  if (name === resolved.populationColumn) {
    const codeA = populationCode(resolved.populations, textA);
    const codeB = populationCode(resolved.populations, textB);
    if (codeA !== -1 || codeB !== -1) return codeA === codeB;
    return textA.toLowerCase() === textB.toLowerCase();
  }
  if (resolved.covariateColumns.includes(name)) {
    const numberA = covariateNumber(a, textA);
    const numberB = covariateNumber(b, textB);
    if (!Number.isNaN(numberA) && !Number.isNaN(numberB)) return numberA === numberB;
  }
  return textA === textB;
}

/** A covariate cell as the wide reader reads it: a finite number, or NaN. */
function covariateNumber(cell: unknown, text: string): number {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : Number.NaN;
  if (typeof cell !== "string") return Number.NaN;
  const value = parseDecimal(text);
  return Number.isFinite(value) ? value : Number.NaN;
}
