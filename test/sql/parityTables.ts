/**
 * The tables of the SQL parity tests beyond Gap 5: the demo bank survey (as text, without the
 * second R0205 row unless asked), the kiosk oracle data and the engines to run them on.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, it } from "vitest";
import { kioskRecords } from "../gaps/kioskInstrument";
import {
  duckdbEngine,
  type Engine,
  POSTGRES_SKIPPED,
  POSTGRES_URL,
  postgresEngine,
  type Table,
} from "./engines";

export const json = (value: unknown) => JSON.parse(JSON.stringify(value));

const demoCsv = readFileSync(new URL("../../data/demo-bank.csv", import.meta.url), "utf8");
const demoParsed = Papa.parse<string[]>(demoCsv, { skipEmptyLines: true }).data;
const demoHeader = demoParsed[0] as string[];

/** The demo bank survey with every row (duplicate ids included), cells as text. */
export const demoTableAll: Table = {
  header: demoHeader,
  rows: demoParsed.slice(1).map((row) => row.map((cell) => (cell === "" ? null : cell))),
};
/** The demo bank survey's records (every row), as validateResponses reads them. */
export const demoRecordsAll = demoParsed
  .slice(1)
  .map((row) => Object.fromEntries(demoHeader.map((name, c) => [name, row[c] ?? ""])));

const seen = new Set<string>();
const firstRows = demoParsed.slice(1).filter((row) => {
  const id = row[0] as string;
  if (seen.has(id)) return false;
  seen.add(id);
  return true;
});
/** The demo bank survey without later rows repeating an id. */
export const demoTable: Table = {
  header: demoHeader,
  rows: firstRows.map((row) => row.map((cell) => (cell === "" ? null : cell))),
};
export const demoRecords = firstRows.map((row) =>
  Object.fromEntries(demoHeader.map((name, c) => [name, row[c] ?? ""])),
);

const kioskHeader = Object.keys(kioskRecords[0] as object);
/** The kiosk oracle survey, numeric cells. */
export const kioskTable: Table = {
  header: kioskHeader,
  rows: kioskRecords.map((record) =>
    kioskHeader.map((name) => {
      const cell = record[name] ?? "";
      return cell === "" ? null : Number.isFinite(Number(cell)) ? Number(cell) : null;
    }),
  ),
};

/** DuckDB always; PostgreSQL when SERVQUAL_POSTGRES_URL is set (else a skipped test says how). */
export function parityEngines(): { name: "duckdb" | "postgres"; open: () => Promise<Engine> }[] {
  const engines: { name: "duckdb" | "postgres"; open: () => Promise<Engine> }[] = [
    { name: "duckdb", open: duckdbEngine },
  ];
  if (POSTGRES_URL !== "") engines.push({ name: "postgres", open: postgresEngine });
  else {
    describe.skip("PostgreSQL", () => {
      it(POSTGRES_SKIPPED, () => {});
    });
  }
  return engines;
}
