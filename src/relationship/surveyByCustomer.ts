import { invalidArgument, isRecord } from "../_lib/checkArgument";
import type { StageRules, SurveyIndices } from "./stageRules";

/** Survey indices by customer: rows with `customer`, `trust`, `commitment` (such as
 * `relationshipQuality(...).customers`), or a `{ customer: { trust, commitment } }` record. */
export type SurveyByCustomer =
  | readonly (SurveyIndices & { readonly customer: string | null })[]
  | Readonly<Record<string, SurveyIndices>>;

/** An index 0–100, or null (undefined is read as null). */
function index(fn: string, where: string, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "number" || !(value >= 0 && value <= 100)) {
    throw invalidArgument(fn, where, "an index from 0 to 100 or null", value);
  }
  return value;
}

/**
 * The survey indices of each customer for the stage rules' `trust` criteria (the last row of a
 * customer wins; rows with a null customer are skipped: they name no one).
 *
 * @throws {ServqualError} `invalid-argument` for another shape, an index outside 0–100, or
 *   indices given without `rules.trust` (they would not be read).
 *
 * @example
 * surveyByCustomer("stageTimeline", "options.survey", { C1: { trust: 70, commitment: 65 } }, rules).get("C1")
 * //=> { trust: 70, commitment: 65 }
 */
export function surveyByCustomer(
  fn: string,
  param: string,
  survey: unknown,
  rules: StageRules,
): Map<string, SurveyIndices> | null {
  if (survey === undefined) return null;
  const out = new Map<string, SurveyIndices>();
  const put = (customer: string, row: unknown, where: string) => {
    if (!isRecord(row)) throw invalidArgument(fn, where, "{ trust, commitment }", row);
    out.set(customer, {
      trust: index(fn, `${where}.trust`, row.trust),
      commitment: index(fn, `${where}.commitment`, row.commitment),
    });
  };
  if (Array.isArray(survey)) {
    survey.forEach((row: unknown, i) => {
      if (!isRecord(row) || (row.customer !== null && typeof row.customer !== "string")) {
        throw invalidArgument(fn, `${param}[${i}]`, "{ customer, trust, commitment }", row);
      }
      if (row.customer !== null) put(row.customer as string, row, `${param}[${i}]`);
    });
  } else if (isRecord(survey)) {
    for (const [customer, row] of Object.entries(survey))
      put(customer, row, `${param}.${customer}`);
  } else {
    throw invalidArgument(
      fn,
      param,
      "survey indices by customer (relationshipQuality(...).customers or { customer: { trust, commitment } })",
      survey,
    );
  }
  if (rules.trust === undefined) {
    throw invalidArgument(
      fn,
      param,
      "survey indices only with rules.trust (they are not read otherwise)",
      survey,
    );
  }
  return out;
}
