import { DIALECTS, type SqlDialect } from "./sqlDialect";

/**
 * The ISO 8601 grammar of `parseTimestamp` as one whole-text regular expression (POSIX classes
 * only, so RE2 in DuckDB and PostgreSQL's ARE read it alike): `yyyy-mm-dd`, optionally `T`, `t`
 * or a space and `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fff…` (a comma allowed for the point), then
 * optionally `Z` or an offset `±hh:mm` / `±hhmm`.
 */
export const ISO_TIMESTAMP_GRAMMAR =
  "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?)?$";

/** A `yyyy-mm-dd` date at the start of a text (what gapCellsSql reads as a respondent's date). */
export const ISO_DATE_PREFIX_GRAMMAR = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ].*)?$";

/**
 * An integer from a substring the grammar has already checked to be digits: CAST on
 * PostgreSQL (evaluated only inside the CASE that matched the grammar), TRY_CAST on DuckDB
 * (whose optimiser may lift a repeated expression out of a CASE and evaluate it on every row).
 */
function int(dialect: SqlDialect, text: string, from: number | string, length: number): string {
  const cast = dialect === "duckdb" ? "TRY_CAST" : "CAST";
  return `${cast}(SUBSTRING(${text}, ${from}, ${length}) AS INTEGER)`;
}

/** Days of month `m` of year `y` (Gregorian; `y`, `m` SQL integer expressions). */
function daysInMonthSql(y: string, m: string): string {
  const leap = `((${y}) % 4 = 0 AND (${y}) % 100 <> 0 OR (${y}) % 400 = 0)`;
  return `CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
}

/**
 * Days since 1970-01-01 of a civil date, in double precision (H. Hinnant, "chrono-compatible
 * low-level date algorithms", days_from_civil), written with FLOOR of doubles so that both
 * engines divide alike (DuckDB's `/` on integers is a double division, PostgreSQL's truncates).
 */
function daysFromCivilSql(y: string, m: string, d: string, double: string): string {
  const yy = `(CAST(${y} AS ${double}) - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const era = `FLOOR(${yy} / 400)`;
  const yoe = `(${yy} - ${era} * 400)`;
  const doy = `(FLOOR((153 * (CAST(${m} AS ${double}) + CASE WHEN ${m} > 2 THEN -3 ELSE 9 END) + 2) / 5) + ${d} - 1)`;
  const doe = `(${yoe} * 365 + FLOOR(${yoe} / 4) - FLOOR(${yoe} / 100) + ${doy})`;
  return `(${era} * 146097 + ${doe} - 719468)`;
}

/** The date part `yyyy-mm-dd` at the start of `text` is a real calendar day (year ≥ `minYear`). */
function calendarDaySql(dialect: SqlDialect, text: string, minYear: number): string {
  const y = int(dialect, text, 1, 4);
  const m = int(dialect, text, 6, 2);
  const d = int(dialect, text, 9, 2);
  return `${y} >= ${minYear} AND ${m} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${daysInMonthSql(y, m)}`;
}

/**
 * The three steps of {@link isoTimestampSteps}: the grammar check, the columns cut from the
 * text, then the instant over them.
 */
export interface IsoTimestampSteps {
  /** `[name, expression]`: whether the text follows the grammar (first step). */
  readonly check: readonly [string, string];
  /** `[name, expression]` columns of the second step (each over the text, each guarded by the check). */
  readonly parts: readonly (readonly [string, string])[];
  /** The instant (ms since 1970, or NULL), an expression over the parts' columns. */
  readonly instant: string;
}

/**
 * Reads trimmed text `text` as `parseTimestamp` does, in two steps of a statement:
 * milliseconds since 1970-01-01T00:00:00Z (double precision), or NULL when the text is not an
 * ISO 8601 timestamp or names an impossible instant (`2024-13-45`, `2023-02-29`, hour 25).
 * Without an offset the time is UTC, whatever the session's time zone. No cast can fail:
 * every CAST is on digits the grammar (matched first, inside CASE) has checked, and the
 * calendar is checked in integers before the instant is computed, so PostgreSQL (which has no
 * TRY_CAST) and DuckDB give the same NULLs. Three steps keep the expression small: the first
 * matches the grammar, the second cuts the text into integer columns (year, month, day, hour, minute, second, milliseconds,
 * offset), the second checks the calendar and computes
 * `days_from_civil(y, m, d) · 86,400,000 + ((h·60 + mi)·60 + s)·1000 + ms − offset`.
 *
 * @param text - An SQL expression of trimmed text (the caller trims).
 * @param dialect - The dialect.
 * @param pattern - The placeholder of a bound parameter holding {@link ISO_TIMESTAMP_GRAMMAR}.
 * @param prefix - The prefix of the part columns (default `ts_`).
 * @example
 * const { parts, instant } = isoTimestampSteps("ts", "duckdb", "$1");
 * // SELECT …, check FROM src → SELECT …, parts FROM step1 → SELECT …, instant AS t FROM step2
 */
export function isoTimestampSteps(
  text: string,
  dialect: SqlDialect,
  pattern: string,
  prefix = "ts_",
): IsoTimestampSteps {
  const rules = DIALECTS[dialect];
  const double = rules.double;
  const len = `LENGTH(${text})`;
  const ok = `${prefix}ok`;
  const guarded = (sql: string, when = "TRUE") =>
    `CASE WHEN ${ok} AND ${when} THEN ${sql} ELSE 0 END`;
  const hasTime = `${len} > 10`;
  const hasSeconds = `${len} >= 19 AND SUBSTRING(${text}, 17, 1) = ':'`;
  // The offset, when there is one, is the tail from the first + or − after the date.
  const plus = `STRPOS(SUBSTRING(${text}, 11), '+')`;
  const minus = `STRPOS(SUBSTRING(${text}, 11), '-')`;
  const signAt = `(CASE WHEN ${plus} > 0 THEN ${plus} ELSE ${minus} END + 10)`;
  const hasOffset = `(${plus} > 0 OR ${minus} > 0)`;
  const zulu = `UPPER(SUBSTRING(${text}, ${len}, 1)) = 'Z'`;
  // Fraction digits: from position 21 to the offset, the Z or the end; milliseconds are the
  // first three digits (padded with zeros), as parseTimestamp floors the fraction.
  const fractionEnd = `CASE WHEN ${hasOffset} THEN ${signAt} WHEN ${zulu} THEN ${len} ELSE ${len} + 1 END`;
  const hasFraction = `${hasSeconds} AND ${len} >= 21 AND SUBSTRING(${text}, 20, 1) IN ('.', ',')`;
  const cast = dialect === "duckdb" ? "TRY_CAST" : "CAST";
  const check: [string, string] = [
    ok,
    `COALESCE(${rules.matches(text, pattern)} AND ${len} <= 35, FALSE)`,
  ];
  const parts: [string, string][] = [
    [`${prefix}y`, guarded(int(dialect, text, 1, 4))],
    [`${prefix}m`, guarded(int(dialect, text, 6, 2))],
    [`${prefix}d`, guarded(int(dialect, text, 9, 2))],
    [`${prefix}h`, guarded(int(dialect, text, 12, 2), hasTime)],
    [`${prefix}mi`, guarded(int(dialect, text, 15, 2), hasTime)],
    [`${prefix}s`, guarded(int(dialect, text, 18, 2), hasSeconds)],
    [
      `${prefix}ms`,
      guarded(
        `${cast}(RPAD(SUBSTRING(${text}, 21, LEAST(3, ${fractionEnd} - 21)), 3, '0') AS INTEGER)`,
        hasFraction,
      ),
    ],
    [`${prefix}oh`, guarded(int(dialect, text, `${signAt} + 1`, 2), hasOffset)],
    [`${prefix}om`, guarded(int(dialect, text, `${len} - 1`, 2), hasOffset)],
    [
      `${prefix}os`,
      `CASE WHEN ${hasOffset} AND SUBSTRING(${text}, ${signAt}, 1) = '-' THEN -1 ELSE 1 END`,
    ],
  ];
  const [y, m, d, h, mi, sec, ms, oh, om, os] = parts.map(([name]) => name) as string[];
  const valid = [
    `${y} >= 1000`,
    `${m} BETWEEN 1 AND 12`,
    `${d} BETWEEN 1 AND ${daysInMonthSql(y as string, m as string)}`,
    `${h} <= 23`,
    `${mi} <= 59`,
    `${sec} <= 59`,
    `${oh} <= 23`,
    `${om} <= 59`,
  ].join(" AND ");
  const days = daysFromCivilSql(y as string, m as string, d as string, double);
  const instant = `CASE WHEN ${ok} AND ${valid} THEN ${days} * 86400000 + ((CAST(${h} AS ${double}) * 60 + ${mi}) * 60 + ${sec}) * 1000 + ${ms} - ${os} * (CAST(${oh} AS ${double}) * 60 + ${om}) * 60000 END`;
  return { check, parts, instant };
}

/**
 * An SQL expression that is true when trimmed text `text` starts with a real calendar day
 * `yyyy-mm-dd` (then nothing, or `T`/space and anything): the guard before `CAST(… AS DATE)`,
 * so an impossible date such as `2024-13-45` is undated instead of failing the statement.
 *
 * @param text - An SQL expression of trimmed text.
 * @param dialect - The dialect.
 * @param pattern - The placeholder of a bound parameter holding {@link ISO_DATE_PREFIX_GRAMMAR}.
 * @example
 * isoDateSql("d", "postgres", "$2") // d ~ $2 AND … (month 1–12, day within the month)
 */
export function isoDateSql(text: string, dialect: SqlDialect, pattern: string): string {
  const rules = DIALECTS[dialect];
  return `CASE WHEN ${rules.matches(text, pattern)} THEN ${calendarDaySql(dialect, text, 0)} ELSE FALSE END`;
}

/**
 * The instant of {@link isoTimestampSteps} as one expression over the text (each step's
 * columns replaced by their expressions), for a statement that has no room for steps of its
 * own (a group-by expression). Longer, same values.
 *
 * @param text - An SQL expression of trimmed text.
 * @param dialect - The dialect.
 * @param pattern - The placeholder of a bound parameter holding {@link ISO_TIMESTAMP_GRAMMAR}.
 * @example
 * isoInstantSql("TRIM(d)", "postgres", "$3") // CASE WHEN … THEN … END (ms since 1970, or NULL)
 */
export function isoInstantSql(text: string, dialect: SqlDialect, pattern: string): string {
  const prefix = "iso_part_";
  const steps = isoTimestampSteps(text, dialect, pattern, prefix);
  const [ok, check] = steps.check;
  const inline = (sql: string, names: readonly (readonly [string, string])[]) =>
    names.reduce(
      (out, [name, expr]) => out.replaceAll(new RegExp(`\\b${name}\\b`, "g"), `(${expr})`),
      sql,
    );
  const parts = steps.parts.map(([name, expr]) => [name, inline(expr, [[ok, check]])] as const);
  // Longer names first, so that iso_part_m does not match inside iso_part_mi or iso_part_ms.
  const ordered = [...parts, [ok, check] as const].sort((a, b) => b[0].length - a[0].length);
  return inline(steps.instant, ordered);
}
