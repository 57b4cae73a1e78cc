import { invalidArgument, isRecord } from "../_lib/guards";

/** Which half of the globe the meteorological seasons are taken for. */
export type Hemisphere = "northern" | "southern";

/**
 * Seasons of the year: meteorological seasons of a hemisphere, or a custom map from a season's
 * name to its months (1 = January … 12 = December). A custom map must give every month to
 * exactly one season, and each season must be one run of consecutive months (a run may pass
 * the year end, as December–February does).
 *
 * @example
 * const seasons: Seasons = { warm: [5, 6, 7, 8, 9], cold: [10, 11, 12, 1, 2, 3, 4] };
 */
export type Seasons = Hemisphere | Readonly<Record<string, readonly number[]>>;

/** Meteorological seasons (whole calendar months; WMO usage): north first. */
const METEOROLOGICAL: Readonly<Record<Hemisphere, Readonly<Record<string, readonly number[]>>>> = {
  northern: { winter: [12, 1, 2], spring: [3, 4, 5], summer: [6, 7, 8], autumn: [9, 10, 11] },
  southern: { summer: [12, 1, 2], autumn: [3, 4, 5], winter: [6, 7, 8], spring: [9, 10, 11] },
};

/**
 * Seasons resolved per calendar month (index 0 = January): the season's name, whether the
 * month lies after the year end in a run that began in December or earlier (its season year is
 * the previous calendar year), the month (0–11) the season starts, and the season's rank by
 * start month within a season year.
 */
export interface SeasonTable {
  readonly names: readonly string[];
  readonly nameOfMonth: readonly string[];
  readonly previousYear: readonly boolean[];
  readonly startMonth: readonly number[];
  readonly rankOfMonth: readonly number[];
  /** True when a season passes the year end (its key names two years, e.g. 2023/24-winter). */
  readonly wrapsOfMonth: readonly boolean[];
}

/**
 * Resolves a {@link Seasons} value into a per-month table.
 *
 * @throws {ServqualError} `invalid-argument` when a month is missing, given twice, not 1–12,
 *   or a season is not one run of consecutive months.
 */
export function seasonTable(fn: string, seasons: Seasons): SeasonTable {
  const map = seasons === "northern" || seasons === "southern" ? METEOROLOGICAL[seasons] : seasons;
  const param = "options.seasons";
  const expected =
    '"northern", "southern" or a map of season name → months 1–12 giving every month once';
  if (!isRecord(map)) throw invalidArgument(fn, param, expected, seasons);
  const nameOfMonth = new Array<string | undefined>(12).fill(undefined);
  const names = Object.keys(map);
  for (const name of names) {
    const months = map[name];
    if (!Array.isArray(months) || months.length === 0) {
      throw invalidArgument(fn, `${param}.${name}`, "a non-empty array of months 1–12", months);
    }
    for (const month of months as unknown[]) {
      if (typeof month !== "number" || !Number.isInteger(month) || month < 1 || month > 12) {
        throw invalidArgument(fn, `${param}.${name}`, "months 1–12", month);
      }
      if (nameOfMonth[month - 1] !== undefined) {
        throw invalidArgument(
          fn,
          param,
          expected,
          seasons,
          ` (month ${month} is in "${nameOfMonth[month - 1]}" and "${name}")`,
        );
      }
      nameOfMonth[month - 1] = name;
    }
  }
  const missing = nameOfMonth.indexOf(undefined);
  if (missing >= 0) {
    throw invalidArgument(fn, param, expected, seasons, ` (month ${missing + 1} has no season)`);
  }
  const of = nameOfMonth as string[];
  // A season's start: its month whose predecessor (cyclically) is in another season.
  const startOf = new Map<string, number>();
  for (let m = 0; m < 12; m++) {
    const name = of[m] as string;
    if (of[(m + 11) % 12] !== name) {
      if (startOf.has(name)) {
        throw invalidArgument(
          fn,
          param,
          expected,
          seasons,
          ` (season "${name}" is not one run of consecutive months)`,
        );
      }
      startOf.set(name, m);
    }
  }
  // One season covering the whole year: it starts in January.
  if (startOf.size === 0) startOf.set(of[0] as string, 0);
  const starts = [...startOf.values()].sort((a, b) => a - b);
  const startMonth = of.map((name) => startOf.get(name) as number);
  return {
    names,
    nameOfMonth: of,
    startMonth,
    previousYear: startMonth.map((start, m) => m < start),
    rankOfMonth: startMonth.map((start) => starts.indexOf(start)),
    wrapsOfMonth: startMonth.map((start) => {
      const length = of.filter((name) => startOf.get(name) === start).length;
      return start + length > 12;
    }),
  };
}
