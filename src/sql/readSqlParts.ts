import { ServqualError } from "../_lib/ServqualError";
import type { FacetRowsValidation } from "./facetRowsSql";
import type { SqlResultRow, SqlValidationCounts } from "./readGapSqlRows";

/** The rows of one group of a statement's result set, by part (and statement, when several). */
export interface SqlGroupParts {
  /** The group-by values (column name → value; empty without groupBy). */
  readonly group: Readonly<Record<string, string | number | boolean | null>>;
  /** The group's identity (its values as JSON), to match the groups of several statements. */
  readonly id: string;
  /** Part → its array of numbers (parts −1 and 0; histogram parts are not read here). */
  readonly parts: Map<number, number[]>;
  /** The group's rows as given (for a reader of histogram parts). */
  readonly rows: SqlResultRow[];
}

function badResult(message: string, what = "the statement"): ServqualError {
  return new ServqualError("invalid-input", `The SQL result set is not the one ${what} wrote.`, [
    { code: "bad-sql-result", message },
  ]);
}

/** A result cell as a number: numbers, bigints and numeric text (PostgreSQL's NUMERIC) read. */
export function sqlNumber(value: unknown, what: string): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  throw badResult(`${what} is ${String(value)}, not a number`);
}

/** An array cell (a JS array, or an object with `items` as DuckDB's list values). */
export function sqlArray(value: unknown, what: string): number[] {
  const items = Array.isArray(value)
    ? value
    : typeof value === "object" &&
        value !== null &&
        Array.isArray((value as { items?: unknown }).items)
      ? ((value as { items: unknown[] }).items as unknown[])
      : null;
  if (items === null) throw badResult(`${what} is not an array`);
  return items.map((item, i) => sqlNumber(item, `${what}[${i}]`));
}

/** A group-by value as plain JSON data (bigints as numbers when safe, dates as ISO text). */
export function sqlGroupValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") {
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Splits a result set into groups (by the columns `g0, g1, …`), keeping the arrays of parts −1
 * and 0 and every row of the group, in the order the groups first appear.
 *
 * @param rows - The result set.
 * @param groupNames - The group-by column names (named `g0…` in the result).
 * @param fn - The function reading (named in errors).
 * @throws {ServqualError} `invalid-input` (`bad-sql-result`) for rows of another shape.
 * @example
 * readSqlGroups([{ part: 0, key: null, v: [1, 2] }], [], "finishServperfSql")[0].parts.get(0) //=> [1, 2]
 */
export function readSqlGroups(
  rows: readonly SqlResultRow[],
  groupNames: readonly string[],
  fn: string,
): SqlGroupParts[] {
  const byGroup = new Map<string, SqlGroupParts>();
  rows.forEach((row, r) => {
    if (typeof row !== "object" || row === null) throw badResult(`row ${r + 1} is not an object`);
    const values = groupNames.map((_, g) => sqlGroupValue(row[`g${g}`]));
    const id = JSON.stringify(values);
    let entry = byGroup.get(id);
    if (entry === undefined) {
      const group: Record<string, string | number | boolean | null> = {};
      groupNames.forEach((name, g) => {
        group[name] = values[g] as string | number | boolean | null;
      });
      entry = { group, id, parts: new Map(), rows: [] };
      byGroup.set(id, entry);
    }
    entry.rows.push(row);
    if (row.part === null || row.part === undefined) return;
    const part = sqlNumber(row.part, `${fn}: row ${r + 1} part`);
    if (part === 0 || part === -1) entry.parts.set(part, sqlArray(row.v, `row ${r + 1} v`));
  });
  return [...byGroup.values()];
}

/**
 * The array of one part, zero-filled when the group has none (no row of the group reached that
 * part), or an error when its length is not the statement's.
 *
 * @example
 * partValues(group, 0, 12, "finishServperfSql")
 */
export function partValues(
  entry: SqlGroupParts | undefined,
  part: number,
  length: number,
  fn: string,
): number[] {
  const values = entry?.parts.get(part);
  if (values === undefined) return new Array<number>(length).fill(0);
  if (values.length !== length) {
    throw badResult(
      `part ${part} should hold ${length} numbers, not ${values.length} (was the statement built with the same instrument and options?)`,
      fn,
    );
  }
  return values;
}

/**
 * The validation counts of the row steps ({@link facetRows}) from the array of part −1.
 *
 * @example
 * facetRowsValidation(values, plan.validation).rowsIn
 */
export function facetRowsValidation(
  w: readonly number[],
  layout: FacetRowsValidation,
): SqlValidationCounts {
  const exclusionCounts: Record<string, number> = {};
  for (const [code, slot] of Object.entries(layout.reasons)) {
    const count = w[slot] as number;
    if (count > 0) exclusionCounts[code] = count;
  }
  const issueCounts: Record<string, number> = {};
  const rejectedAnswers: { column: string; code: string; count: number }[] = [];
  for (const { column, code, slot } of layout.rejected) {
    const count = w[slot] as number;
    if (count === 0) continue;
    issueCounts[code] = (issueCounts[code] ?? 0) + count;
    rejectedAnswers.push({ column, code, count });
  }
  return {
    rowsIn: w[layout.rowsIn] as number,
    rowsUsed: w[layout.rowsUsed] as number,
    rowsExcluded: w[layout.rowsExcluded] as number,
    blank: w[layout.blank] as number,
    notApplicable: w[layout.notApplicable] as number,
    exclusionCounts,
    issueCounts,
    rejectedAnswers,
  };
}
