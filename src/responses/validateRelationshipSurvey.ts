import { checkOptionKeys, invalidArgument } from "../_lib/guards";
import { bankSubset } from "../instrument/relationshipInstrument";
import type { ValidatedResponses } from "./types";
import { type ResponseRecords, type ResponseTable, validateResponses } from "./validateResponses";
import { VALIDATION_OPTIONS, type ValidationOptions } from "./validationOptions";

/** Options of {@link validateRelationshipSurvey}: validation options and the facets asked. */
export interface RelationshipSurveyOptions extends ValidationOptions {
  /** Facet ids of the relationship bank the survey asked (default all ten). */
  readonly facets?: readonly string[];
}

const OPTIONS = [...VALIDATION_OPTIONS, "facets"];

/**
 * Validates a relationship survey (trust, commitment, satisfaction, mutual goals, cooperative
 * norms): one row per customer, one column per item of the relationship bank, named by the
 * item id (`tbe1`, `caf2`, …), answers on its 7-point agreement scale. Reverse-keyed items
 * (`tho4`, `caf4`) are recoded as 8 − x. The rules of `validateResponses` apply (ids,
 * duplicates, cells out of the scale; rowsIn = rowsUsed + rowsExcluded). Defaults: item
 * columns are the bare item ids (`columns.perception: "{item}"`), respondents are `customers`,
 * and the missing-data policy is the index rule `{ minimumShare: 0.5, atLeast: 2 }` (a facet
 * index needs max(2, ⌈k/2⌉) of its k items).
 *
 * @param input - Row objects, or a `{ header, rows }` table.
 * @param options - Validation options, and `facets` (the bank facets asked; default all).
 * @returns The dataset (instrument `relationship-quality-bank`, the facets asked) and the report.
 * @throws {ServqualError} as `validateResponses`; `invalid-argument` for an unknown facet.
 *
 * @example
 * const { dataset } = validateRelationshipSurvey(
 *   [{ respondent_id: "c1", tbe1: 6, tbe2: 5, tbe3: 7 }], { facets: ["benevolence"] });
 * dataset.instrument.dimensions.length //=> 1
 */
export function validateRelationshipSurvey(
  input: ResponseRecords | ResponseTable,
  options: RelationshipSurveyOptions = {},
): ValidatedResponses {
  const fn = "validateRelationshipSurvey";
  if (
    !Array.isArray(input) &&
    (input === null || typeof input !== "object" || !Array.isArray((input as ResponseTable).rows))
  ) {
    throw invalidArgument(
      fn,
      "input",
      "an array of row objects or a table { header, rows }",
      input,
    );
  }
  checkOptionKeys(fn, options, OPTIONS);
  const { facets, ...rest } = options;
  const instrument = bankSubset(fn, "options.facets", facets);
  return validateResponses(input, instrument, {
    ...rest,
    columns: { perception: "{item}", ...rest.columns },
    population: { ...rest.population, default: rest.population?.default ?? "customers" },
    missing: rest.missing ?? { minimumShare: 0.5, atLeast: 2 },
  });
}
