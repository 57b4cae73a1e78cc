/**
 * A seeded three-column survey (adequate, desired, perceived) for the zones-of-tolerance SQL
 * parity tests: the half-point instrument of syntheticSurvey.ts in the `tolerance` format, with
 * missing and rejected answers, empty rows and inverted zones (adequate above desired).
 */
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { seededRandom } from "../../src/stats/seededRandom";
import type { Cell, Table } from "./engines";
import { halfPointInstrument } from "./syntheticSurvey";

export const toleranceInstrument = defineInstrument({
  id: "half-point-tolerance",
  name: "Half-point three-column survey",
  scale: { min: 1, max: 7, step: 0.5, notApplicable: ["NA"] },
  format: "tolerance",
  dimensions: halfPointInstrument.dimensions.map((dimension) => ({
    id: dimension.id,
    label: dimension.label,
    items: dimension.items.map((item) => ({
      id: item.id,
      label: item.label,
      ...(item.reverse ? { reverse: true } : {}),
    })),
  })),
});

const ITEMS = toleranceInstrument.dimensions.flatMap((d) => d.items.map((i) => i.id));

/** `n` respondents from `seed`: region, MIN_*, DES_*, P_*. */
export function toleranceSurvey(n: number, seed: number): Table {
  const random = seededRandom(seed);
  const grid = (x: number) => Math.min(7, Math.max(1, Math.round(x * 2) / 2));
  const rows: Cell[][] = [];
  for (let r = 0; r < n; r++) {
    const region = ["north", "south", "east"][Math.floor(random() * 3)] as string;
    const adequate = 3 + 1.5 * random();
    const desired = adequate + 2 * random() - 0.3; // sometimes below adequate: inverted zones
    const service = 2.5 + 3.5 * random();
    const empty = random() < 0.002;
    const cell = (base: number) => {
      const u = random();
      if (empty || u < 0.04) return null;
      if (u < 0.042) return 0; // out of range
      if (u < 0.044) return 2.75; // off the half-point grid
      return grid(base + (random() - 0.5) * 2);
    };
    const a = ITEMS.map(() => cell(adequate));
    const d = ITEMS.map(() => cell(desired));
    const p = ITEMS.map(() => cell(service));
    rows.push([region, ...a, ...d, ...p]);
  }
  return {
    header: [
      "region",
      ...ITEMS.map((id) => `MIN_${id}`),
      ...ITEMS.map((id) => `DES_${id}`),
      ...ITEMS.map((id) => `P_${id}`),
    ],
    rows,
  };
}
