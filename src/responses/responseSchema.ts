import * as z from "zod";
import { expectShape, shapes } from "../_lib/guards";
import { facetsOf } from "../instrument/facets";
import { itemsOf } from "../instrument/itemsOf";
import type { Instrument } from "../instrument/types";
import { resolveValidationOptions, type ValidationOptions } from "./validationOptions";

/**
 * A zod schema of one wide response row for an instrument: the id, an optional ISO date, each
 * answer column as a number on the scale (or null when unanswered), each covariate column as a
 * number or null, and the population column (when `options.columns.population` names one) as
 * one of the population labels. Use it in a client to
 * check a single customer's answers before sending them; `validateResponses` remains the full
 * check (steps, weights, duplicates).
 *
 * @example
 * responseRowSchema(instruments.servqual22).safeParse({ respondent_id: "c1", E_1: 9 }).success //=> false
 */
export function responseRowSchema(instrument: Instrument, options: ValidationOptions = {}) {
  expectShape("responseRowSchema", "instrument", instrument, shapes.instrument);
  const resolved = resolveValidationOptions(options);
  const { min, max } = instrument.scale;
  const answer = z.number().min(min).max(max).nullable().optional();
  const shape: Record<string, z.ZodType> = {
    [resolved.idColumn]: z.string().min(1).max(resolved.maxCellLength),
    [resolved.dateColumn]: z.iso.date().or(z.iso.datetime()).optional(),
  };
  for (const name of resolved.covariateColumns) shape[name] = z.number().nullable().optional();
  if (resolved.populationColumn !== null) {
    shape[resolved.populationColumn] = z.enum(resolved.populations.labels as [string, ...string[]]);
  }
  for (const facet of facetsOf(instrument.format)) {
    for (const item of itemsOf(instrument)) {
      shape[resolved.templates[facet].replace("{item}", item.id)] = answer;
    }
  }
  for (const dimension of instrument.dimensions) {
    shape[resolved.templates.weight.replace("{dimension}", dimension.id)] = z
      .number()
      .min(0)
      .max(100)
      .optional();
  }
  return z.object(shape);
}

/**
 * The JSON Schema of one wide response row for an instrument (see {@link responseRowSchema}),
 * for clients in other languages.
 *
 * @example
 * responseRowJsonSchema(instruments.servqual22).properties.E_1 //=> { anyOf: [...] }
 */
export function responseRowJsonSchema(
  instrument: Instrument,
  options: ValidationOptions = {},
): Record<string, unknown> {
  expectShape("responseRowJsonSchema", "instrument", instrument, shapes.instrument);
  return z.toJSONSchema(responseRowSchema(instrument, options), { io: "input" }) as Record<
    string,
    unknown
  >;
}
