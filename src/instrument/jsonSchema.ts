import * as z from "zod";
import { instrumentSpecSchema } from "./instrumentSchema";

/**
 * The JSON Schema (draft 2020-12) of an instrument specification, for clients in other
 * languages that validate an instrument before they send it.
 *
 * @example
 * instrumentJsonSchema().type //=> "object"
 */
export function instrumentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(instrumentSpecSchema(), { io: "input" }) as Record<string, unknown>;
}
