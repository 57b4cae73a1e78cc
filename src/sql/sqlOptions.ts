import {
  checkOptionKeys,
  expectKind,
  invalidArgument,
  isRecord,
  optionNames,
} from "../_lib/guards";
import type { Facet, Instrument } from "../instrument/types";
import type { MissingPolicy } from "../responses/types";
import { quoteName, quoteTable } from "./quoteIdentifier";
import { DIALECTS, type SqlDialect } from "./sqlDialect";

/** A comparison operator of a {@link SqlCondition}. */
export type SqlOperator = "=" | "<>" | "<" | "<=" | ">" | ">=" | "in" | "is-null" | "is-not-null";

/** A value a condition compares with (always sent as a bound parameter). */
export type SqlValue = string | number | boolean;

/**
 * One condition of a `where` filter: a column, an operator and a value (a list for `in`, none for
 * `is-null` / `is-not-null`). Conditions are combined with AND. The column is quoted and the
 * value bound as a parameter: no SQL text is ever taken from the caller.
 */
export interface SqlCondition {
  readonly column: string;
  readonly op: SqlOperator;
  readonly value?: SqlValue | readonly SqlValue[];
}

/** Column name templates: `{item}` stands for an item id, `{dimension}` for a dimension id. */
export interface SqlColumnTemplates {
  /** Expectation answers (default `E_{item}`). */
  readonly expectation?: string;
  /** Perception answers (default `P_{item}`). */
  readonly perception?: string;
  /** Minimum adequate service (default `MIN_{item}`). */
  readonly adequate?: string;
  /** Desired service (default `DES_{item}`). */
  readonly desired?: string;
  /** Importance points per dimension (e.g. `W_{dimension}`); default none (no weighted overall). */
  readonly weight?: string | null;
}

/** Options shared by the SQL builders and their finishing functions. */
export interface SqlSourceOptions {
  /** The table (or view) holding one row per respondent: a name or its parts `[schema, table]`. */
  readonly table: string | readonly string[];
  /** The SQL dialect to write. */
  readonly dialect: SqlDialect;
  /** Column name templates. */
  readonly columns?: SqlColumnTemplates;
  /** Columns to group by: one result per combination of their values. */
  readonly groupBy?: readonly string[];
  /** Conditions on the rows (AND). */
  readonly where?: readonly SqlCondition[];
  /**
   * Missing-data policy, as in `validateResponses`: `"listwise"`, `"pairwise"` or
   * `{ minimumShare, atLeast? }` (default `{ minimumShare: 0.5 }`).
   */
  readonly missing?:
    | "listwise"
    | "pairwise"
    | { readonly minimumShare: number; readonly atLeast?: number };
  /**
   * How answer and points cells are stored: `"number"` (numeric columns, the default) or
   * `"text"` (e.g. a CSV read as text: cells are trimmed and read with validateResponses' number
   * grammar; blanks and the scale's not-applicable tokens are missing, other text is a rejected
   * answer `not-a-number`).
   */
  readonly cells?: "number" | "text";
  /** A rejected answer becomes missing (default) or excludes its row. */
  readonly invalidAnswers?: "missing" | "exclude-row";
  /** Importance points: sum tolerance (default 1) and what to do when they do not sum to 100. */
  readonly weights?: { readonly tolerance?: number; readonly onMismatch?: "reject" | "rescale" };
  /**
   * The respondent id column. As validateResponses does, a row with a blank id is excluded
   * (`blank-id`) and every row after the first with the same id is excluded (`duplicate-id`;
   * ids compared as trimmed text). Default none: rows are not checked for ids.
   */
  readonly id?: string;
  /**
   * With `id`: the column giving the rows' order (a line number, a submission time); the first
   * row of an id in this order is kept. Without it the engine picks which one is kept (the
   * counts are the same; a table has no order of its own).
   */
  readonly orderBy?: string;
}

export const SOURCE_OPTIONS = optionNames<SqlSourceOptions>({
  table: true,
  dialect: true,
  columns: true,
  groupBy: true,
  where: true,
  missing: true,
  invalidAnswers: true,
  weights: true,
  cells: true,
  id: true,
  orderBy: true,
});

const COLUMN_OPTIONS = optionNames<SqlColumnTemplates>({
  expectation: true,
  perception: true,
  adequate: true,
  desired: true,
  weight: true,
});

const OPERATORS: readonly SqlOperator[] = [
  "=",
  "<>",
  "<",
  "<=",
  ">",
  ">=",
  "in",
  "is-null",
  "is-not-null",
];

/** The checked options: quoted names, the policy, parameters to bind. */
export interface ResolvedSqlSource {
  readonly dialect: SqlDialect;
  readonly table: string;
  /** Quoted group-by columns and their plain names. */
  readonly groupBy: readonly { readonly quoted: string; readonly name: string }[];
  /** The WHERE clause (empty when none) and its values, bound as parameters 1…m. */
  readonly where: string;
  readonly whereValues: readonly SqlValue[];
  readonly templates: Readonly<Record<Facet, string>>;
  readonly weight: string | null;
  readonly missingPolicy: MissingPolicy;
  readonly invalidAnswers: "missing" | "exclude-row";
  readonly cells: "number" | "text";
  readonly weightTolerance: number;
  readonly weightMismatch: "reject" | "rescale";
  /**
   * Row-level exclusion reasons read from the source row (blank and duplicate ids): a code and
   * an SQL expression over the table's row giving 1 (excluded) or 0, built here from quoted
   * names only.
   */
  readonly rowReasons: readonly { readonly code: string; readonly sql: string }[];
}

const DEFAULT_TEMPLATES: Readonly<Record<Facet, string>> = {
  expectation: "E_{item}",
  perception: "P_{item}",
  adequate: "MIN_{item}",
  desired: "DES_{item}",
  importance: "I_{item}",
} as Readonly<Record<Facet, string>>;

function isValue(value: unknown): value is SqlValue {
  return (
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

/** Resolves the missing-data option into a policy. */
function missingPolicyOf(fn: string, missing: unknown): MissingPolicy {
  if (missing === undefined) return { kind: "minimum-share", share: 0.5 };
  if (missing === "listwise") return { kind: "listwise" };
  if (missing === "pairwise") return { kind: "pairwise" };
  const what = '"listwise", "pairwise" or { minimumShare: 0…1, atLeast?: integer ≥ 1 }';
  if (!isRecord(missing)) throw invalidArgument(fn, "missing", what, missing);
  checkOptionKeys(fn, missing, ["minimumShare", "atLeast"]);
  const share = missing.minimumShare;
  const atLeast = missing.atLeast;
  if (typeof share !== "number" || !(share >= 0 && share <= 1)) {
    throw invalidArgument(fn, "missing.minimumShare", "a share from 0 to 1", share);
  }
  if (atLeast === undefined) return { kind: "minimum-share", share };
  if (typeof atLeast !== "number" || !Number.isInteger(atLeast) || atLeast < 1) {
    throw invalidArgument(fn, "missing.atLeast", "an integer ≥ 1", atLeast);
  }
  return { kind: "minimum-share", share, atLeast };
}

/**
 * Checks the source options of a SQL builder (unknown keys, shapes) and resolves them.
 *
 * @throws {ServqualError} `invalid-argument` / `invalid-options` naming the bad option.
 */
export function resolveSqlSource(
  fn: string,
  options: SqlSourceOptions,
  extraKeys: readonly string[] = [],
): ResolvedSqlSource {
  expectKind(fn, "options", options, "object", "the options { table, dialect, … }");
  checkOptionKeys(fn, options, [...SOURCE_OPTIONS, ...extraKeys]);
  if (!(options.dialect in DIALECTS)) {
    throw invalidArgument(fn, "dialect", '"duckdb" or "postgres"', options.dialect);
  }
  const table = quoteTable(fn, options.table);
  const columns = options.columns ?? {};
  expectKind(fn, "columns", columns, "object", "column templates");
  checkOptionKeys(fn, columns, COLUMN_OPTIONS);
  const templates = { ...DEFAULT_TEMPLATES };
  for (const facet of ["expectation", "perception", "adequate", "desired"] as const) {
    const template = columns[facet];
    if (template === undefined) continue;
    if (typeof template !== "string" || !template.includes("{item}")) {
      throw invalidArgument(fn, `columns.${facet}`, "a template holding {item}", template);
    }
    templates[facet] = template;
  }
  const weight = columns.weight ?? null;
  if (weight !== null && (typeof weight !== "string" || !weight.includes("{dimension}"))) {
    throw invalidArgument(fn, "columns.weight", "a template holding {dimension}, or null", weight);
  }
  const groupBy = options.groupBy ?? [];
  if (!Array.isArray(groupBy)) {
    throw invalidArgument(fn, "groupBy", "an array of column names", groupBy);
  }
  const where = options.where ?? [];
  if (!Array.isArray(where)) {
    throw invalidArgument(fn, "where", "an array of { column, op, value }", where);
  }
  const rules = DIALECTS[options.dialect];
  const whereValues: SqlValue[] = [];
  const bind = (value: unknown, param: string) => {
    if (!isValue(value)) {
      throw invalidArgument(fn, param, "a string, a finite number or a boolean", value);
    }
    whereValues.push(value);
    return rules.parameter(whereValues.length);
  };
  const clauses = where.map((condition: unknown, i: number) => {
    const param = `where.${i}`;
    if (!isRecord(condition)) {
      throw invalidArgument(fn, param, "a condition { column, op, value }", condition);
    }
    checkOptionKeys(fn, condition, ["column", "op", "value"]);
    const column = quoteName(fn, `${param}.column`, condition.column);
    const op = condition.op as SqlOperator;
    if (!OPERATORS.includes(op)) {
      throw invalidArgument(fn, `${param}.op`, OPERATORS.join(", "), condition.op);
    }
    if (op === "is-null" || op === "is-not-null") {
      if (condition.value !== undefined) {
        throw invalidArgument(fn, `${param}.value`, `no value for ${op}`, condition.value);
      }
      return `${column} IS ${op === "is-null" ? "" : "NOT "}NULL`;
    }
    if (op === "in") {
      const values = condition.value;
      if (!Array.isArray(values) || values.length === 0) {
        throw invalidArgument(fn, `${param}.value`, "a non-empty array of values", values);
      }
      return `${column} IN (${values.map((v, j) => bind(v, `${param}.value.${j}`)).join(", ")})`;
    }
    return `${column} ${op} ${bind(condition.value, `${param}.value`)}`;
  });
  const weights = options.weights ?? {};
  expectKind(fn, "weights", weights, "object", "{ tolerance?, onMismatch? }");
  checkOptionKeys(fn, weights, ["tolerance", "onMismatch"]);
  const tolerance = weights.tolerance ?? 1;
  if (typeof tolerance !== "number" || !(tolerance >= 0 && tolerance <= 50)) {
    throw invalidArgument(fn, "weights.tolerance", "a number from 0 to 50", tolerance);
  }
  const mismatch = weights.onMismatch ?? "reject";
  if (mismatch !== "reject" && mismatch !== "rescale") {
    throw invalidArgument(fn, "weights.onMismatch", '"reject" or "rescale"', mismatch);
  }
  const invalidAnswers = options.invalidAnswers ?? "missing";
  if (invalidAnswers !== "missing" && invalidAnswers !== "exclude-row") {
    throw invalidArgument(fn, "invalidAnswers", '"missing" or "exclude-row"', invalidAnswers);
  }
  const cells = options.cells ?? "number";
  if (cells !== "number" && cells !== "text") {
    throw invalidArgument(fn, "cells", '"number" or "text"', cells);
  }
  const rowReasons: { code: string; sql: string }[] = [];
  if (options.id !== undefined) {
    const id = quoteName(fn, "id", options.id);
    const text = `TRIM(CAST(${id} AS VARCHAR))`;
    const order =
      options.orderBy === undefined ? "" : ` ORDER BY ${quoteName(fn, "orderBy", options.orderBy)}`;
    rowReasons.push({
      code: "blank-id",
      sql: `CASE WHEN ${id} IS NULL OR ${text} = '' THEN 1 ELSE 0 END`,
    });
    rowReasons.push({
      code: "duplicate-id",
      sql: `CASE WHEN ${id} IS NOT NULL AND ${text} <> '' AND ROW_NUMBER() OVER (PARTITION BY ${text}${order}) > 1 THEN 1 ELSE 0 END`,
    });
  } else if (options.orderBy !== undefined) {
    throw invalidArgument(fn, "orderBy", "no orderBy without id", options.orderBy);
  }
  return {
    dialect: options.dialect,
    rowReasons,
    cells,
    table,
    groupBy: groupBy.map((name: unknown, i: number) => ({
      quoted: quoteName(fn, `groupBy.${i}`, name),
      name: name as string,
    })),
    where: clauses.length === 0 ? "" : ` WHERE ${clauses.join(" AND ")}`,
    whereValues,
    templates,
    weight,
    missingPolicy: missingPolicyOf(fn, options.missing),
    invalidAnswers,
    weightTolerance: tolerance,
    weightMismatch: mismatch,
  };
}

/** The column of an item's answers on one facet, from the template. */
export function answerColumn(source: ResolvedSqlSource, facet: Facet, itemId: string): string {
  return source.templates[facet].replaceAll("{item}", itemId);
}

/** The importance-points column of a dimension, or null without a weight template. */
export function weightColumn(source: ResolvedSqlSource, dimensionId: string): string | null {
  return source.weight === null ? null : source.weight.replaceAll("{dimension}", dimensionId);
}

/** Throws unless the instrument is a checked instrument object. */
export function instrumentItems(instrument: Instrument) {
  return instrument.dimensions.flatMap((dimension, d) =>
    dimension.items.map((item) => ({ item, d })),
  );
}
