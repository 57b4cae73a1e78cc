import type { Issue } from "../_lib/ServqualError";
import { ServqualError } from "../_lib/ServqualError";
import { facetsOf } from "../instrument/facets";
import { itemsOf } from "../instrument/itemsOf";
import type { Facet, Instrument } from "../instrument/types";
import type { ColumnSummary } from "./types";
import type { ResolvedValidationOptions } from "./validationOptions";

/** What a column holds. */
export const ColumnRole = {
  Ignored: 0,
  Answer: 1,
  Weight: 2,
  Importance: 3,
  Id: 4,
  Date: 5,
  Segment: 6,
  Covariate: 7,
  Population: 8,
} as const;

/** One of the {@link ColumnRole} codes. */
export type ColumnRole = (typeof ColumnRole)[keyof typeof ColumnRole];

/** The role of every input column, as parallel arrays indexed by column position. */
export interface ColumnLayout {
  readonly header: readonly string[];
  readonly role: Uint8Array;
  /**
   * Answer columns: index into `facets`. Weight: dimension index. Importance: item index.
   * Segment: segment index. Covariate: covariate index.
   */
  readonly target: Int32Array;
  /** Answer columns: item index. */
  readonly item: Int32Array;
  readonly facets: readonly Facet[];
  readonly hasWeights: boolean;
  readonly hasImportance: boolean;
  readonly hasId: boolean;
  readonly hasDate: boolean;
  readonly segmentNames: readonly string[];
  /** The covariate columns, in the order of the options. */
  readonly covariateNames: readonly string[];
  /** Whether the header has the population column. */
  readonly hasPopulation: boolean;
  readonly summary: ColumnSummary;
  readonly warnings: readonly Issue[];
}

const UNSAFE_NAMES = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Reads a header: which column is which item and facet, which are weights, id, date,
 * segments, covariates and the population, and which are ignored. Unsafe names (`__proto__`, `constructor`, `prototype`) and
 * repeated names are ignored with a warning.
 *
 * Every column name has at most one role. Before any header or row is read, the names the
 * options give (id, date, segments, covariates, population, and the answer, importance and weight templates filled in
 * with the instrument's item and dimension ids) are checked against each other: a name with
 * two roles (the id column named `E_1`, the id column also the date or a segment column, a
 * segment listed twice, a covariate that is also an answer) throws.
 *
 * @throws {ServqualError} `invalid-options` when a column name has two roles; `invalid-input`
 * when no column holds an answer of the instrument, or a requested segment, covariate or
 * population column is missing.
 *
 * @example
 * columnLayout(["respondent_id", "E_1", "P_1"], instruments.servqual22, resolveValidationOptions()).hasId //=> true
 * columnLayout(["E_1", "P_1"], instruments.servqual22, resolveValidationOptions({ columns: { id: "E_1" } }))
 * // throws ServqualError: the column "E_1" is both the respondent id column and the expectation answer of item 1
 */
export function columnLayout(
  rawHeader: readonly string[],
  instrument: Instrument,
  options: ResolvedValidationOptions,
): ColumnLayout {
  const header = rawHeader.map((name) => {
    const trimmed = String(name ?? "").trim();
    return options.rename.get(trimmed) ?? trimmed;
  });
  const facets = facetsOf(instrument.format);
  const items = itemsOf(instrument);
  const known = new Map<string, { role: ColumnRole; target: number; item: number; what: string }>();
  const conflicts: Issue[] = [];
  const claim = (name: string, role: ColumnRole, target: number, item: number, what: string) => {
    const other = known.get(name);
    if (other === undefined) {
      known.set(name, { role, target, item, what });
      return;
    }
    conflicts.push({
      code: "column-role-conflict",
      message:
        other.what === what
          ? `the column "${displayName(name)}" is named twice as ${what}; name it once`
          : `the column "${displayName(name)}" is both ${other.what} and ${what}; a column has one role, so name another column for one of them`,
      row: 0,
      column: displayName(name),
    });
  };
  facets.forEach((facet, f) => {
    for (const item of items) {
      claim(
        options.templates[facet].replace("{item}", item.id),
        ColumnRole.Answer,
        f,
        item.index,
        `the ${facet} answer of item ${item.id}`,
      );
    }
  });
  instrument.dimensions.forEach((dimension, d) => {
    claim(
      options.templates.weight.replace("{dimension}", dimension.id),
      ColumnRole.Weight,
      d,
      -1,
      `the importance points of dimension ${dimension.id}`,
    );
  });
  for (const item of items) {
    claim(
      options.templates.importance.replace("{item}", item.id),
      ColumnRole.Importance,
      item.index,
      -1,
      `the importance rating of item ${item.id}`,
    );
  }
  claim(options.idColumn, ColumnRole.Id, 0, -1, "the respondent id column");
  claim(options.dateColumn, ColumnRole.Date, 0, -1, "the date column");
  options.segmentColumns.forEach((name, s) => {
    claim(name, ColumnRole.Segment, s, -1, "a segment column");
  });
  options.covariateColumns.forEach((name, k) => {
    claim(name, ColumnRole.Covariate, k, -1, "a covariate column");
  });
  if (options.populationColumn !== null) {
    claim(options.populationColumn, ColumnRole.Population, 0, -1, "the population column");
  }
  if (conflicts.length > 0) {
    throw new ServqualError(
      "invalid-options",
      "Two roles are given to the same column name.",
      conflicts,
    );
  }

  const role = new Uint8Array(header.length);
  const target = new Int32Array(header.length).fill(-1);
  const item = new Int32Array(header.length).fill(-1);
  const warnings: Issue[] = [];
  const seen = new Set<string>();
  const used: string[] = [];
  const ignored: string[] = [];
  header.forEach((name, c) => {
    const column = displayName(name);
    if (UNSAFE_NAMES.has(name)) {
      warnings.push({
        code: "unsafe-column",
        message: `the column name "${name}" is a reserved JavaScript property name; the column is ignored`,
        row: 0,
        column,
      });
      ignored.push(column);
      return;
    }
    if (seen.has(name)) {
      warnings.push({
        code: "duplicate-column",
        message: `the column "${column}" appears more than once; only the first is read`,
        row: 0,
        column,
      });
      ignored.push(column);
      return;
    }
    seen.add(name);
    const match = known.get(name);
    if (match === undefined) {
      ignored.push(column);
      return;
    }
    role[c] = match.role;
    target[c] = match.target;
    item[c] = match.item;
    used.push(column);
  });

  const present = new Set(header.filter((_, c) => role[c] === ColumnRole.Answer));
  const absent: string[] = [];
  for (const facet of facets) {
    for (const placed of items) {
      const name = options.templates[facet].replace("{item}", placed.id);
      if (!present.has(name)) absent.push(name);
    }
  }
  if (present.size === 0) {
    const expected = facets.map((facet) =>
      options.templates[facet].replace("{item}", items[0]?.id ?? ""),
    );
    throw new ServqualError(
      "invalid-input",
      `The header has no answer column of the instrument "${instrument.name}".`,
      [
        {
          code: "no-known-columns",
          message: `no column matches an item of the instrument; expected names such as ${expected.join(", ")} (use options.columns or options.rename to map yours). Found: ${header.slice(0, 12).map(displayName).join(", ")}${header.length > 12 ? ", …" : ""}`,
          row: 0,
        },
      ],
    );
  }
  for (const facet of facets) {
    const template = options.templates[facet];
    if (items.some((placed) => present.has(template.replace("{item}", placed.id)))) continue;
    const first = template.replace("{item}", items[0]?.id ?? "");
    const last = template.replace("{item}", items[items.length - 1]?.id ?? "");
    warnings.push({
      code: "absent-facet",
      message: `no column holds the ${facet} answers (expected ${first}${items.length > 1 ? ` … ${last}` : ""}); no item can have all of its answers, so no row is usable`,
      row: 0,
      column: displayName(first),
    });
  }
  if (absent.length > 0) {
    warnings.push({
      code: "absent-columns",
      message: `${absent.length} answer column(s) of the instrument are not in the input and count as missing: ${absent.slice(0, 10).join(", ")}${absent.length > 10 ? ", …" : ""}`,
      row: 0,
    });
  }
  const missingSegments = options.segmentColumns.filter((name) => !seen.has(name));
  if (missingSegments.length > 0) {
    throw new ServqualError("invalid-input", "A segment column is not in the input.", [
      ...missingSegments.map((name) => ({
        code: "missing-segment-column" as const,
        message: `the segment column "${displayName(name)}" was requested but is not in the header`,
        row: 0,
        column: displayName(name),
      })),
    ]);
  }
  const requested = [
    ...options.covariateColumns.map((name) => ({ name, what: "covariate" as const })),
    ...(options.populationColumn === null
      ? []
      : [{ name: options.populationColumn, what: "population" as const }]),
  ].filter(({ name }) => !seen.has(name));
  if (requested.length > 0) {
    throw new ServqualError(
      "invalid-input",
      "A covariate or population column is not in the input.",
      [
        ...requested.map(({ name, what }) => ({
          code: `missing-${what}-column` as const,
          message: UNSAFE_NAMES.has(name)
            ? `the ${what} column "${name}" has a reserved JavaScript property name and is never read; rename it (options.rename) and name the new name`
            : `the ${what} column "${displayName(name)}" was requested but is not in the header`,
          row: 0,
          column: displayName(name),
        })),
      ],
    );
  }
  const hasRole = (wanted: ColumnRole) => role.some((value) => value === wanted);
  const weighted = new Set(header.filter((_, c) => role[c] === ColumnRole.Weight));
  if (weighted.size > 0 && weighted.size < instrument.dimensions.length) {
    const lacking = instrument.dimensions
      .map((dimension) => options.templates.weight.replace("{dimension}", dimension.id))
      .filter((name) => !weighted.has(name));
    warnings.push({
      code: "absent-weight-columns",
      message: `importance points are given for ${weighted.size} of ${instrument.dimensions.length} dimensions; the dimensions without a column (${lacking.slice(0, 5).map(displayName).join(", ")}${lacking.length > 5 ? ", …" : ""}) get 0 points`,
      row: 0,
    });
  }
  const summary: ColumnSummary = { used, ignored, absent };
  return {
    header,
    role,
    target,
    item,
    facets,
    hasWeights: hasRole(ColumnRole.Weight),
    hasImportance: hasRole(ColumnRole.Importance),
    hasId: hasRole(ColumnRole.Id),
    hasDate: hasRole(ColumnRole.Date),
    segmentNames: options.segmentColumns,
    covariateNames: options.covariateColumns,
    hasPopulation: hasRole(ColumnRole.Population),
    summary,
    warnings,
  };
}

/** A column name shortened for messages (a million-character header stays readable). */
export function displayName(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}…` : name;
}
