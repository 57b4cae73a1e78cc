import {
  checkEventWindow,
  EVENT_WINDOW_COLUMNS,
  type EventCalendar,
  eventCalendarOf,
} from "../context/eventCalendar";
import { readRecordTableCsv } from "./readOperationsCsv";
import type { StandardsCsvOptions } from "./readStandardsCsv";

/**
 * Reads an event calendar from a CSV file (UTF-8, header row) with the columns `type`, `start`,
 * `end` (required) and `id`, `region` (blank or `all` = every region), `label`, validated as by
 * `validateEventCalendar`: an unknown type, a missing or impossible day and an end before the
 * start exclude the row (coded, naming its line); overlapping windows are kept and warned.
 *
 * @param path - The file.
 * @param options - `delimiter`, `issueLimit`, `excludedLimit`.
 * @returns The windows kept, the report (`recordsIn = recordsUsed + recordsExcluded`) and the
 *   overlap warnings.
 * @throws {ServqualError} `invalid-input` for a missing file or required column.
 * @example
 * const calendar = await readEventCalendarCsv("data/demo-events-calendar.csv");
 * calendar.windows.length //=> 4
 */
export async function readEventCalendarCsv(
  path: string | URL,
  options?: StandardsCsvOptions,
): Promise<EventCalendar> {
  const { kept, report } = await readRecordTableCsv("readEventCalendarCsv", path, options, {
    names: EVENT_WINDOW_COLUMNS,
    required: ["type", "start", "end"],
    check(raw, place, columns) {
      const { window, problems } = checkEventWindow(raw, place, columns);
      return { record: window, problems };
    },
  });
  return eventCalendarOf(kept, report);
}
