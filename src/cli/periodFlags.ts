import { readFile } from "node:fs/promises";
import { ServqualError } from "../_lib/ServqualError";
import { type Seasons, seasonTable } from "../context/seasons";
import { UsageError } from "./usageError";

/** `--fiscal-start` and `--seasons` of `servqual report`, checked. */
export interface PeriodFlags {
  /** First month (1–12) of the fiscal year, with `--by fiscal-year`. */
  readonly fiscalYearStart: number | undefined;
  /** The `--seasons` JSON file (month map), read when the report runs. */
  readonly seasonsFile: string | undefined;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/**
 * The month of `--fiscal-start`: 1–12, or an English month name or its first three letters
 * (any case).
 *
 * @example
 * fiscalMonth("apr") //=> 4
 */
export function fiscalMonth(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) {
    const month = Number(text);
    return month >= 1 && month <= 12 ? month : undefined;
  }
  const lower = text.toLowerCase();
  const index = MONTHS.findIndex((m) => m === lower || (lower.length === 3 && m.startsWith(lower)));
  return index < 0 ? undefined : index + 1;
}

/**
 * Checks `--fiscal-start MONTH` and `--seasons MAP.json` against `--by`: a fiscal start goes
 * with `--by fiscal-year` (which needs one), a season map with `--by` (it names the seasons of
 * `--by season` and of the seasonal profile).
 *
 * @throws {UsageError} for a month that is not 1–12 or a month name, or a flag without its `--by`.
 * @example
 * parsePeriodFlags("fiscal-year", "4", undefined) //=> { fiscalYearStart: 4, seasonsFile: undefined }
 */
export function parsePeriodFlags(
  by: string | undefined,
  fiscalStart: string | undefined,
  seasons: string | undefined,
): PeriodFlags {
  let fiscalYearStart: number | undefined;
  if (fiscalStart !== undefined) {
    fiscalYearStart = fiscalMonth(fiscalStart);
    if (fiscalYearStart === undefined) {
      throw new UsageError(
        `--fiscal-start must be a month, 1–12 or a name such as april, not "${fiscalStart}"`,
      );
    }
    if (by !== "fiscal-year") throw new UsageError("--fiscal-start goes with --by fiscal-year");
  } else if (by === "fiscal-year") {
    throw new UsageError(
      "--by fiscal-year needs --fiscal-start MONTH, the first month of the fiscal year (e.g. 4 or april)",
    );
  }
  if (seasons !== undefined && by === undefined) {
    throw new UsageError(
      "--seasons goes with --by PERIOD (it names the seasons of --by season and of the seasonal profile)",
    );
  }
  return { fiscalYearStart, seasonsFile: seasons };
}

/**
 * Reads the `--seasons` file: a JSON object from season name to its months 1–12, every month
 * in exactly one season, each season one run of consecutive months (a run may pass the year
 * end), e.g. `{"warm": [5, 6, 7, 8, 9], "cold": [10, 11, 12, 1, 2, 3, 4]}`.
 *
 * @throws {UsageError} naming the file and the problem: unreadable, not JSON, or not such a map.
 * @example
 * await readSeasonsMap("seasons.json") //=> { warm: [5, 6, 7, 8, 9], cold: [10, 11, 12, 1, 2, 3, 4] }
 */
export async function readSeasonsMap(path: string): Promise<Seasons> {
  let map: unknown;
  try {
    map = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new UsageError(
      `--seasons ${path} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    seasonTable("--seasons", map as Seasons);
  } catch (error) {
    if (!(error instanceof ServqualError)) throw error;
    const reason = (error.issues[0]?.message ?? error.message).replace(
      /^options\.seasons(\.\S+)?/,
      (_, season: string | undefined) =>
        season === undefined ? "the map" : `season "${season.slice(1)}"`,
    );
    throw new UsageError(`--seasons ${path} is not a season map: ${reason}`);
  }
  return map as Seasons;
}
