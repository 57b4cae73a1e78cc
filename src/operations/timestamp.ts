import type { CalendarTable } from "./calendar";

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function daysIn(y: number, m: number): number {
  return m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : m === 4 || m === 6 || m === 9 || m === 11
      ? 30
      : 31;
}

/**
 * Reads an ISO 8601 timestamp into epoch milliseconds: `YYYY-MM-DD`, then optionally `T` (or a
 * space) `HH:MM`, `:SS`, a fraction `.fff` (1–9 digits, kept to the millisecond), and a zone:
 * `Z`, `±HH:MM`, `±HHMM` or `±HH`. A timestamp without a zone (and a bare date, at local
 * midnight) is a wall time in the calendar's time zone. Every field is range-checked (month
 * 1–12, the day within its month, hour 0–23, minute and second 0–59). NaN when the text is not
 * such a timestamp. A hand-written reader, not `Date.parse` (which accepts many other forms) or
 * `parseISO` (several times slower over a million records); the zone arithmetic of a wall time
 * is the calendar's (`@date-fns/tz`).
 *
 * @example
 * parseTimestamp("2024-03-01T09:30:00Z", table) //=> Date.UTC(2024, 2, 1, 9, 30)
 * parseTimestamp("2024-02-30", table) //=> NaN
 */
export function parseTimestamp(text: string, table: Pick<CalendarTable, "localInstant">): number {
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return Number.NaN;
  let h = 0;
  let mi = 0;
  let s = 0;
  let ms = 0;
  let at = 10;
  if (at < n) {
    const sep = text.charCodeAt(at);
    if (sep !== 84 && sep !== 32 && sep !== 116) return Number.NaN;
    if (n < at + 6 || text.charCodeAt(at + 3) !== 58) return Number.NaN;
    h = digits(text, at + 1, 2);
    mi = digits(text, at + 4, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59) return Number.NaN;
    at += 6;
    if (at < n && text.charCodeAt(at) === 58) {
      s = digits(text, at + 1, 2);
      if (n < at + 3 || s < 0 || s > 59) return Number.NaN;
      at += 3;
      const dot = text.charCodeAt(at);
      if (at < n && (dot === 46 || dot === 44)) {
        let end = at + 1;
        while (end < n && end - at <= 9) {
          const c = text.charCodeAt(end);
          if (c < 48 || c > 57) break;
          end++;
        }
        if (end === at + 1) return Number.NaN;
        ms = digits(`${text.slice(at + 1, Math.min(end, at + 4))}00`, 0, 3);
        at = end;
      }
    }
  }
  if (at === n) return table.localInstant(y, m, d, h, mi, s, ms);
  const zone = text.charCodeAt(at);
  let offset = 0;
  if (zone === 90 || zone === 122) {
    if (at + 1 !== n) return Number.NaN;
  } else if (zone === 43 || zone === 45) {
    const rest = n - at - 1;
    const oh = digits(text, at + 1, 2);
    let om = 0;
    if (rest === 5 && text.charCodeAt(at + 3) === 58) om = digits(text, at + 4, 2);
    else if (rest === 4) om = digits(text, at + 3, 2);
    else if (rest !== 2) return Number.NaN;
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
    offset = (zone === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
  } else return Number.NaN;
  return utcMs(y, m, d) + h * 3_600_000 + mi * 60_000 + s * 1000 + ms - offset;
}

/**
 * Epoch milliseconds of a UTC midnight, by the days-from-civil algorithm (Hinnant 2013,
 * "chrono-compatible low-level date algorithms"): the same value as `Date.UTC(y, m − 1, d)`
 * for every year ≥ 0, without its argument conversions (a million records read two or more
 * timestamps each).
 */
export function utcMs(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * 86_400_000;
}
