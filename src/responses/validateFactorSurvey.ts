import { checkOptionKeys, invalidArgument } from "../_lib/guards";
import { contributingFactors1988 } from "../instrument/builtin/contributingFactors1988";
import type { ValidatedResponses } from "./types";
import { type ResponseRecords, type ResponseTable, validateResponses } from "./validateResponses";
import { VALIDATION_OPTIONS, type ValidationOptions } from "./validationOptions";

/**
 * Validates a contributing-factor survey (Zeithaml, Berry & Parasuraman 1988): one row per
 * manager or employee, one column per item of `contributingFactors1988`, named by the item id
 * (`mro1`, `rcf2`, …), answers on its 7-point agreement scale. Reverse-keyed items (the factors
 * that widen a gap) are recoded as 8 − x. The rules of `validateResponses` apply (ids,
 * duplicates, cells; rowsIn = rowsUsed + rowsExcluded). Defaults differ in three places:
 * item columns are the bare item ids (`columns.perception: "{item}"`), respondents belong to the
 * `employees` population unless the file says otherwise, and the missing-data policy is the
 * index rule `{ minimumShare: 0.5, atLeast: 2 }` (a factor needs max(2, ⌈k/2⌉) of its k items).
 * The same file may carry a management survey's `E_<item>` columns: each reader ignores the
 * other's columns.
 *
 * @param input - Row objects, or a `{ header, rows }` table.
 * @param options - Validation options (see `ValidationOptions`).
 * @returns The dataset (instrument `contributingFactors1988`) and the report.
 * @throws {ServqualError} as `validateResponses`.
 *
 * @example
 * const { dataset } = validateFactorSurvey([{ respondent_id: "e1", tmw1: 6, tmw2: 5, tmw3: 6 }]);
 * dataset.instrument.id //=> "contributing-factors-1988"
 */
export function validateFactorSurvey(
  input: ResponseRecords | ResponseTable,
  options: ValidationOptions = {},
): ValidatedResponses {
  const fn = "validateFactorSurvey";
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
  checkOptionKeys(fn, options, VALIDATION_OPTIONS);
  return validateResponses(input, contributingFactors1988, factorSurveyDefaults(options));
}

/** The factor survey's defaults under the given validation options. */
export function factorSurveyDefaults(options: ValidationOptions = {}): ValidationOptions {
  return {
    ...options,
    columns: { perception: "{item}", ...options.columns },
    population: { ...options.population, default: options.population?.default ?? "employees" },
    missing: options.missing ?? { minimumShare: 0.5, atLeast: 2 },
  };
}
