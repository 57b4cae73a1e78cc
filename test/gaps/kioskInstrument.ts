/** The K-SERVQUAL kiosk instrument of the oracle dataset, defined the way a researcher would. */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import type { Instrument } from "../../src/instrument/types";

interface ItemsFile {
  readonly dimension_order: readonly string[];
  readonly dimensions: Readonly<Record<string, readonly string[]>>;
  readonly items: readonly { readonly item: string; readonly text_en: string }[];
}

const folder = new URL("../../examples/data/kiosk_servqual/", import.meta.url);
const itemsFile = JSON.parse(readFileSync(new URL("items.json", folder), "utf8")) as ItemsFile;

/** Item ids are the numbers 1..24 so the columns E1..E24 / P1..P24 match `E{item}` / `P{item}`. */
export const kioskInstrument: Instrument = defineInstrument({
  id: "k-servqual-kiosk",
  name: "K-SERVQUAL kiosk survey",
  scale: { min: 1, max: 7 },
  format: "expectation-perception",
  dimensions: itemsFile.dimension_order.map((dimension) => ({
    id: dimension,
    label: dimension,
    items: (itemsFile.dimensions[dimension] ?? []).map((item) => ({
      id: item.slice(1),
      label: itemsFile.items.find((entry) => entry.item === item)?.text_en.slice(0, 200) ?? item,
    })),
  })),
});

export const kioskColumns = { id: "respondent", expectation: "E{item}", perception: "P{item}" };

export const kioskRecords: Record<string, string>[] = Papa.parse<Record<string, string>>(
  readFileSync(new URL("data.csv", folder), "utf8"),
  { header: true, skipEmptyLines: true },
).data;
