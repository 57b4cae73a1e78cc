/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function daysIn(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1] as number;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * Reads an ISO 8601 timestamp into milliseconds since 1970-01-01T00:00:00Z, or NaN when the
 * text is not one: `yyyy-mm-dd`, optionally followed by `T` (or a space) and `hh:mm`,
 * `hh:mm:ss` or `hh:mm:ss.fff…`, optionally followed by `Z` or an offset `±hh:mm` / `±hhmm`.
 * A timestamp without an offset (a date alone, too) is read as UTC, so results do not depend
 * on the machine's time zone (our documented choice). Impossible dates (`2023-02-29`, month
 * 13, hour 25) are NaN. Hand-written for speed: a CRM export has millions of timestamps; the
 * grammar is ISO 8601-1:2019's extended format (what date-fns `parseISO` reads, without week
 * and ordinal dates).
 *
 * @example
 * parseTimestamp("2024-02-29T12:00:00+01:00") //=> Date.UTC(2024, 1, 29, 11)
 * parseTimestamp("2023-02-29") //=> NaN
 */
export function parseTimestamp(text: string): number {
  const length = text.length;
  if (length < 10 || length > 35) return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 1000 || month < 1 || month > 12 || day < 1) return Number.NaN;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  if (day > daysIn(year, month)) return Number.NaN;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  let offset = 0;
  let at = 10;
  if (at < length) {
    const sep = text.charCodeAt(at);
    if (sep !== 84 && sep !== 32 && sep !== 116) return Number.NaN; // T, space, t
    hour = digits(text, at + 1, 2);
    minute = digits(text, at + 4, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || text.charCodeAt(at + 3) !== 58) {
      return Number.NaN;
    }
    at += 6;
    if (at < length && text.charCodeAt(at) === 58) {
      second = digits(text, at + 1, 2);
      if (second < 0 || second > 59) return Number.NaN;
      at += 3;
      if (at < length && (text.charCodeAt(at) === 46 || text.charCodeAt(at) === 44)) {
        let scale = 100;
        let fraction = 0;
        let count = 0;
        at += 1;
        while (at < length) {
          const d = text.charCodeAt(at) - 48;
          if (d < 0 || d > 9) break;
          fraction += d * scale;
          scale /= 10;
          count += 1;
          at += 1;
        }
        if (count === 0) return Number.NaN;
        millis = Math.floor(fraction);
      }
    }
    if (at < length) {
      const sign = text.charCodeAt(at);
      if (sign === 90 || sign === 122) {
        at += 1;
      } else if (sign === 43 || sign === 45) {
        const oh = digits(text, at + 1, 2);
        const colon = text.charCodeAt(at + 3) === 58 ? 1 : 0;
        const om = digits(text, at + 3 + colon, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
        offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
        at += 5 + colon;
      } else {
        return Number.NaN;
      }
    }
    if (at !== length) return Number.NaN;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
}

/**
 * A timestamp given as a string (ISO 8601, see {@link parseTimestamp}), a `Date` or a number
 * of milliseconds since 1970 (UTC), as milliseconds; NaN when it is none of these.
 *
 * @example
 * timestampOf(new Date(0)) //=> 0
 */
export function timestampOf(value: unknown): number {
  if (typeof value === "string") return parseTimestamp(value.trim());
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return Number.NaN;
}
