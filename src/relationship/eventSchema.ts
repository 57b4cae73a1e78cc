import * as z from "zod";
import { lazy } from "../_lib/lazy";
import { EVENT_TYPES } from "./eventTypes";
import { parseTimestamp } from "./parseTimestamp";

const id = /* @__PURE__ */ lazy(() =>
  z.union([
    z.string().trim().min(1).max(200),
    z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  ]),
);

/**
 * The event model as a zod schema (built on first use): what `validateEvents` uses from a
 * record, with the types in servqual's own names (custom names are mapped with `typeMap`
 * before this model applies). A timestamp is an ISO 8601 string (read as UTC without an
 * offset), a `Date` or milliseconds; a value is a finite number, negative only for a
 * downgrade; the currency an ISO 4217 code (three letters, any case, spaces around ignored);
 * the initiator `customer` or `firm`.
 * `validateEvents` applies the same rules field by field (fast, with coded issues); this
 * schema is for clients that validate before sending (see `eventJsonSchema`).
 *
 * @example
 * eventRecordSchema().safeParse({ id: "e1", customer: "c1", timestamp: "2024-01-05", type: "purchase" }).success //=> true
 */
export const eventRecordSchema = /* @__PURE__ */ lazy(() =>
  z
    .object({
      id: id(),
      customer: id(),
      timestamp: z.union([
        z
          .string()
          .refine((text) => !Number.isNaN(parseTimestamp(text.trim())), "an ISO 8601 timestamp"),
        z.date(),
        z.number().finite(),
      ]),
      type: z.enum(EVENT_TYPES),
      value: z.number().finite().nullable().optional(),
      currency: z
        .string()
        .trim()
        .regex(/^[A-Za-z]{3}$/)
        .nullable()
        .optional(),
      product: z.string().nullable().optional(),
      channel: z.string().nullable().optional(),
      initiator: z.enum(["customer", "firm"]).nullable().optional(),
    })
    .refine(
      (e) => e.value === undefined || e.value === null || e.value >= 0 || e.type === "downgrade",
      {
        message: "a negative value makes sense only for a downgrade",
        path: ["value"],
      },
    ),
);

/**
 * The JSON Schema (draft 2020-12) of one event record, for clients in other languages.
 *
 * @example
 * eventJsonSchema().type //=> "object"
 */
export function eventJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(eventRecordSchema(), { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
}
