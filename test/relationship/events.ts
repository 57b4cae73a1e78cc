import type { EventRecord } from "../../src/index";

let next = 0;
/** One event record (ids numbered in order of creation unless given). */
export function ev(
  customer: string,
  timestamp: string,
  type: string,
  extra: Partial<EventRecord> = {},
): EventRecord {
  next += 1;
  return { id: `e${next}`, customer, timestamp, type, ...extra };
}
