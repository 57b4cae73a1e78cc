import { invalidArgument, isRecord } from "../_lib/checkArgument";
import { ServqualError } from "../_lib/ServqualError";
import { resolveEventOptions } from "./eventOptions";
import { EventSetBuilder } from "./eventSetBuilder";
import type { EventOptions, ValidatedEvents } from "./types";

/**
 * Validates CRM events given as records (one object per event, any order) into a columnar
 * {@link EventSet} sorted by (customer, time), with a report in which events in = used +
 * excluded and every problem is a coded issue naming the row (1-based) and the field.
 *
 * Excluded (with the code): not an object (`not-an-object`), no id (`missing-event-id`), no
 * customer (`missing-customer`), an id seen before (`duplicate-event`: counted once, the first
 * record kept), a type that is neither one of `EVENT_TYPES` nor mapped by `typeMap`
 * (`unknown-event-type`), a timestamp that is not ISO 8601 (`bad-timestamp`) or lies after
 * `asOf` (`future-timestamp`). Kept without their value: a value that is not a number
 * (`bad-value`), negative where it makes no sense (`negative-value`: anything but a
 * downgrade), beside a currency that is not three letters (`bad-currency`), or in a second
 * currency without a rate (`mixed-currency`: never a silent sum of two currencies; without
 * `currency` the base is the currency of the most valued events, ties to the first code
 * alphabetically, so it does not depend on the input order). A customer with no usable event, or listed in `customers` without any, is a
 * `no-events` issue. The event model is `eventRecordSchema()`.
 *
 * @param records - The events.
 * @param options - `asOf`, `typeMap`, `currency`, `rates`, `customers`, `issueLimit`,
 * `excludedLimit`.
 * @returns The event set and the report.
 * @throws {ServqualError} `invalid-argument` (not an array), `invalid-options`,
 * `empty-input` (no records), `no-usable-rows` (every record excluded).
 *
 * @example
 * const { events, report } = validateEvents([
 *   { id: "e1", customer: "c1", timestamp: "2024-01-05", type: "purchase", value: 120, currency: "EUR" },
 *   { id: "e1", customer: "c1", timestamp: "2024-01-05", type: "purchase", value: 120, currency: "EUR" },
 * ]);
 * report.eventsIn //=> 2
 * report.duplicates //=> 1
 * events.n //=> 1
 */
export function validateEvents(
  records: readonly EventRecordLike[],
  options: EventOptions = {},
): ValidatedEvents {
  if (!Array.isArray(records))
    throw invalidArgument("validateEvents", "records", "an array of event records", records);
  const resolved = resolveEventOptions("validateEvents", options ?? undefined);
  if (records.length === 0) {
    throw new ServqualError("empty-input", "validateEvents: there are no events.", [
      { code: "empty-input", message: "the array of events is empty" },
    ]);
  }
  const builder = new EventSetBuilder(resolved, records.length);
  for (let i = 0; i < records.length; i++) {
    const record: unknown = records[i];
    const where = { row: i + 1 };
    if (!isRecord(record)) {
      builder.excludeRecord(
        "not-an-object",
        "the event is not an object of fields; it is excluded",
        where,
        "",
        null,
      );
      continue;
    }
    builder.add(
      record.id,
      record.customer,
      record.timestamp,
      record.type,
      record.value,
      record.currency,
      record.product,
      record.channel,
      record.initiator,
      where,
    );
  }
  return finishEvents("validateEvents", builder);
}

/** Anything in an array of records (each is checked). */
export type EventRecordLike = unknown;

/**
 * Finishes a builder, throwing when no event is usable.
 *
 * @throws {ServqualError} `no-usable-rows`.
 */
export function finishEvents(fn: string, builder: EventSetBuilder): ValidatedEvents {
  const result = builder.finish();
  if (result.events.n === 0) {
    throw new ServqualError(
      "no-usable-rows",
      `${fn}: none of the ${result.report.eventsIn} events is usable.`,
      result.report.issues,
    );
  }
  return result;
}
