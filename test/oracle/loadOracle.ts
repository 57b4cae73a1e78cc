/**
 * Loading code for the R reference values vendored in `test/fixtures/oracle/` (see its
 * README.md for origin, licences and the R script that regenerates them).
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";

/** Base URL of the oracle folder (`test/fixtures/oracle/`). */
export const oracleRoot: URL = new URL("../fixtures/oracle/", import.meta.url);

/** A JSON value as stored in the oracle files. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Reads `<dataset>/<file>` of the oracle as text. */
export function readOracleText(dataset: string, file: string): string {
  return readFileSync(new URL(`${dataset}/${file}`, oracleRoot), "utf8");
}

/** Parsed `<dataset>/reference.json` (R results). Narrow it with a type of your own. */
export function loadReference<T = Record<string, Json>>(dataset: string): T {
  return JSON.parse(readOracleText(dataset, "reference.json")) as T;
}

/** Parsed `<dataset>/items.json` (the item map). Narrow it with a type of your own. */
export function loadItems<T = Record<string, Json>>(dataset: string): T {
  return JSON.parse(readOracleText(dataset, "items.json")) as T;
}

/** Rows of `<dataset>/data.csv`: one record per respondent, every cell a string ("" = missing). */
export function loadRows(dataset: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readOracleText(dataset, "data.csv"), {
    header: true,
    skipEmptyLines: true,
  });
  if (parsed.errors.length > 0) {
    throw new Error(`cannot parse ${dataset}/data.csv: ${parsed.errors[0]?.message ?? ""}`);
  }
  return parsed.data;
}

/** One numeric column of `rows`: empty cell → null (R's `na.strings = ""`). */
export function numericColumn(
  rows: readonly Record<string, string>[],
  column: string,
): (number | null)[] {
  return rows.map((row) => {
    const cell = row[column];
    if (cell === undefined) throw new Error(`no column ${column} in the oracle data`);
    return cell === "" ? null : Number(cell);
  });
}
