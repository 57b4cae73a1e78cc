import { expectShape } from "../_lib/checkArgument";
import type { EventSet } from "./types";

const EVENT_SET = {
  what: "an event set (from validateEvents or readEventsCsv: pass its `events`)",
  fields: {
    kind: "string",
    n: "number",
    customers: "array",
    order: "array",
    customerStart: "array",
    time: "array",
    type: "array",
  },
} as const;

/**
 * Checks that an argument is an {@link EventSet}.
 *
 * @throws {ServqualError} `invalid-argument`.
 */
export function expectEventSet(
  fn: string,
  param: string,
  value: unknown,
): asserts value is EventSet {
  expectShape(fn, param, value, EVENT_SET);
}
