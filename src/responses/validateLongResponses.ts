import { checkOptionKeys, expectKind, expectShape, optionNames, shapes } from "../_lib/guards";
import type { Issue } from "../_lib/ServqualError";
import { ServqualError } from "../_lib/ServqualError";
import { defaultColumnPrefix, facetsOf } from "../instrument/facets";
import type { Facet, Instrument } from "../instrument/types";
import { cellText } from "./parseAnswer";
import type { ValidatedResponses } from "./types";
import { validateResponses } from "./validateResponses";
import { VALIDATION_OPTIONS, type ValidationOptions } from "./validationOptions";

/** Column names of long input (one row per respondent, item and facet). */
export interface LongColumns {
  readonly respondent?: string;
  readonly item?: string;
  readonly facet?: string;
  readonly value?: string;
}

const FACET_NAMES: Readonly<Record<string, Facet>> = {
  e: "expectation",
  expectation: "expectation",
  p: "perception",
  perception: "perception",
  min: "adequate",
  minimum: "adequate",
  adequate: "adequate",
  a: "adequate",
  des: "desired",
  desired: "desired",
  d: "desired",
};

const LONG_OPTIONS = [...VALIDATION_OPTIONS, "long"];

const LONG_COLUMNS = optionNames<LongColumns>({
  respondent: true,
  item: true,
  facet: true,
  value: true,
});

/**
 * Validates long survey rows (respondent, item, facet, value) by pivoting them to wide rows and
 * running {@link validateResponses}. Facets may be written `E`/`expectation`, `P`/`perception`,
 * `MIN`/`adequate`, `DES`/`desired`. A repeated (respondent, item, facet) is reported and the
 * later value ignored; unknown items or facets, blank ids and rows that are not objects are
 * reported and skipped. Row numbers in the result refer to respondents in order of first
 * appearance; long-row issues name the long row.
 *
 * @param rows - Long rows as objects.
 * @param instrument - The instrument.
 * @param options - Validation options plus `long`: the four column names (defaults
 *   `respondent_id`, `item`, `facet`, `value`).
 * @throws {ServqualError} as {@link validateResponses}; `invalid-input` when a long column is absent.
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
  checkOptionKeys("validateLongResponses", options, LONG_OPTIONS);
  checkOptionKeys("validateLongResponses", options?.long, LONG_COLUMNS, "options.long");
  const { long, ...rest } = options;
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
  const first = rows[0] ?? {};
  const absent = Object.values(names).filter((name) => !Object.hasOwn(first, name));
  if (absent.length > 0) {
    throw new ServqualError("invalid-input", "A column of the long format is missing.", [
      {
        code: "missing-long-column",
        message: `the long rows lack the column(s) ${absent.join(", ")}`,
        row: 1,
      },
    ]);
  }
  const itemIds = new Set(instrument.dimensions.flatMap((d) => d.items.map((item) => item.id)));
  const allowedFacets = new Set(facetsOf(instrument.format));
  const byRespondent = new Map<string, Record<string, unknown>>();
  const issues: Issue[] = [];
  rows.forEach((row, r) => {
    const where = { row: r + 1 };
    if (row === null || typeof row !== "object") {
      issues.push({
        code: "not-an-object",
        message: `the long row is ${row === null ? "null" : typeof row}, not an object; it is ignored`,
        ...where,
        column: names.respondent,
      });
      return;
    }
    const respondent = cellText(row[names.respondent] ?? "").trim();
    const item = cellText(row[names.item] ?? "").trim();
    const facet =
      FACET_NAMES[
        cellText(row[names.facet] ?? "")
          .trim()
          .toLowerCase()
      ];
    if (respondent === "") {
      issues.push({
        code: "missing-id",
        message: "the respondent id is blank",
        ...where,
        column: names.respondent,
      });
      return;
    }
    if (!itemIds.has(item)) {
      issues.push({
        code: "unknown-item",
        message: `item ${JSON.stringify(item.slice(0, 40))} is not in the instrument`,
        ...where,
        column: names.item,
      });
      return;
    }
    if (facet === undefined || !allowedFacets.has(facet)) {
      issues.push({
        code: "unknown-facet",
        message: `facet ${JSON.stringify(cellText(row[names.facet] ?? "").slice(0, 40))} is not one the instrument collects`,
        ...where,
        column: names.facet,
      });
      return;
    }
    let wide = byRespondent.get(respondent);
    if (wide === undefined) {
      wide = Object.create(null) as Record<string, unknown>;
      wide[names.respondent] = respondent;
      byRespondent.set(respondent, wide);
    }
    const template = rest.columns?.[facet] ?? `${defaultColumnPrefix(facet)}{item}`;
    const column = template.replace("{item}", item);
    if (Object.hasOwn(wide, column)) {
      issues.push({
        code: "duplicate-answer",
        message: `respondent ${JSON.stringify(respondent.slice(0, 40))} already answered item ${item} (${facet}); this row is ignored`,
        ...where,
        column: names.value,
      });
      return;
    }
    wide[column] = row[names.value];
  });
  const result = validateResponses([...byRespondent.values()], instrument, {
    ...rest,
    columns: { ...rest.columns, id: names.respondent },
  });
  if (issues.length === 0) return result;
  const counts: Record<string, number> = { ...result.report.issueCounts };
  for (const issue of issues) counts[issue.code] = (counts[issue.code] ?? 0) + 1;
  return {
    dataset: result.dataset,
    report: {
      ...result.report,
      issues: [...issues, ...result.report.issues],
      issueCounts: counts,
    },
  };
}
