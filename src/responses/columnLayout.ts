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
} as const;

/** One of the {@link ColumnRole} codes. */
export type ColumnRole = (typeof ColumnRole)[keyof typeof ColumnRole];

/** The role of every input column, as parallel arrays indexed by column position. */
export interface ColumnLayout {
  readonly header: readonly string[];
  readonly role: Uint8Array;
  /** Answer columns: index into `facets`. Weight: dimension index. Importance: item index. Segment: segment index. */
  readonly target: Int32Array;
  /** Answer columns: item index. */
  readonly item: Int32Array;
  readonly facets: readonly Facet[];
  readonly hasWeights: boolean;
  readonly hasImportance: boolean;
  readonly hasId: boolean;
  readonly hasDate: boolean;
  readonly segmentNames: readonly string[];
  readonly summary: ColumnSummary;
  readonly warnings: readonly Issue[];
}

const UNSAFE_NAMES = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Reads a header: which column is which item and facet, which are weights, id, date and
 * segments, and which are ignored. Unsafe names (`__proto__`, `constructor`, `prototype`) and
 * repeated names are ignored with a warning.
 *
 * @throws {ServqualError} `invalid-input` when no column holds an answer of the instrument, or
 * a requested segment column is missing.
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
  const known = new Map<string, { role: ColumnRole; target: number; item: number }>();
  facets.forEach((facet, f) => {
    for (const item of items) {
      known.set(options.templates[facet].replace("{item}", item.id), {
        role: ColumnRole.Answer,
        target: f,
        item: item.index,
      });
    }
  });
  instrument.dimensions.forEach((dimension, d) => {
    known.set(options.templates.weight.replace("{dimension}", dimension.id), {
      role: ColumnRole.Weight,
      target: d,
      item: -1,
    });
  });
  for (const item of items) {
    known.set(options.templates.importance.replace("{item}", item.id), {
      role: ColumnRole.Importance,
      target: item.index,
      item: -1,
    });
  }
  known.set(options.idColumn, { role: ColumnRole.Id, target: 0, item: -1 });
  known.set(options.dateColumn, { role: ColumnRole.Date, target: 0, item: -1 });
  options.segmentColumns.forEach((name, s) => {
    known.set(name, { role: ColumnRole.Segment, target: s, item: -1 });
  });

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
        code: "missing-segment-column",
        message: `the segment column "${displayName(name)}" was requested but is not in the header`,
        row: 0,
        column: displayName(name),
      })),
    ]);
  }
  const hasRole = (wanted: ColumnRole) => role.some((value) => value === wanted);
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
    summary,
    warnings,
  };
}

/** A column name shortened for messages (a million-character header stays readable). */
export function displayName(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}…` : name;
}
