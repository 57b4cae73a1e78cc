/** Milliseconds in a day. */
const DAY_MS = 86_400_000;

/** Two-digit and three-digit zero-padded numbers. */
const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

/** `yyyy-MM-ddT` of each day number met (days since 1970-01-01), made once. */
const dayTexts = new Map<number, string>();
/** `HH:mm:ss.000Z` of each whole second of a day (86,400 entries, filled as met). */
const secondTexts: (string | undefined)[] = new Array(86_400);

/** Days 0000-03-01 … 9999-12-31 are formatted here; other instants by `Date#toISOString`. */
const FIRST_DAY = -719_468;
const LAST_DAY = 2_932_896;

/**
 * The date part `yyyy-MM-ddT` of a day number, by the civil-from-days algorithm of Howard
 * Hinnant ("chrono-compatible low-level date algorithms", proleptic Gregorian calendar).
 */
function dayText(day: number): string {
  let text = dayTexts.get(day);
  if (text !== undefined) return text;
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  text = `${String(y).padStart(4, "0")}-${PAD2[m]}-${PAD2[d]}T`;
  if (dayTexts.size < 1_000_000) dayTexts.set(day, text);
  return text;
}

/**
 * An instant (milliseconds since 1970, UTC) as ISO 8601 with milliseconds and `Z`, exactly
 * as `new Date(time).toISOString()` writes it: `yyyy-MM-ddTHH:mm:ss.sssZ`. The date part of
 * each day and the time part of each whole second are made once and reused, so formatting
 * the dates of millions of features costs a lookup and a concatenation each. Years outside
 * 0000–9999 (and non-finite times) go to `toISOString` itself.
 *
 * @example
 * isoInstant(Date.UTC(2024, 1, 29, 9, 5, 7, 12)) //=> "2024-02-29T09:05:07.012Z"
 */
export function isoInstant(time: number): string {
  const day = Math.floor(time / DAY_MS);
  if (!(day >= FIRST_DAY && day <= LAST_DAY) || !Number.isInteger(time)) {
    return new Date(time).toISOString();
  }
  const ms = time - day * DAY_MS;
  const second = Math.floor(ms / 1000);
  const milli = ms - second * 1000;
  if (milli === 0) {
    let clock = secondTexts[second];
    if (clock === undefined) {
      clock = `${PAD2[Math.floor(second / 3600)]}:${PAD2[Math.floor(second / 60) % 60]}:${PAD2[second % 60]}.000Z`;
      secondTexts[second] = clock;
    }
    return dayText(day) + clock;
  }
  return `${dayText(day)}${PAD2[Math.floor(second / 3600)]}:${PAD2[Math.floor(second / 60) % 60]}:${PAD2[second % 60]}.${PAD3[milli]}Z`;
}
