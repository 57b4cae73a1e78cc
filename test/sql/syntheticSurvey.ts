/**
 * A seeded survey for the SQL parity tests: half-point answers on 1–7 (step 0.5), reverse-keyed
 * items, missing answers, rejected answers (out of range, off the half-point grid), empty rows
 * and importance points that are complete, blank, partly blank or do not sum to 100.
 */
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { seededRandom } from "../../src/stats/seededRandom";
import type { Cell, Table } from "./engines";

export const halfPointInstrument = defineInstrument({
  id: "half-point-test",
  name: "Half-point test survey",
  scale: { min: 1, max: 7, step: 0.5, notApplicable: ["NA"] },
  format: "expectation-perception",
  dimensions: [
    {
      id: "access",
      label: "Access",
      items: [
        { id: "a1", label: "easy to reach" },
        { id: "a2", label: "hard to reach", reverse: true },
      ],
    },
    {
      id: "staff",
      label: "Staff",
      items: [
        { id: "s1", label: "friendly" },
        { id: "s2", label: "competent" },
        { id: "s3", label: "quick" },
      ],
    },
    {
      id: "result",
      label: "Result",
      items: [
        { id: "r1", label: "solved" },
        { id: "r2", label: "on time" },
        { id: "r3", label: "had to call again", reverse: true },
        { id: "r4", label: "explained" },
      ],
    },
  ],
});

const ITEMS = halfPointInstrument.dimensions.flatMap((d) => d.items.map((i) => i.id));
const DIMENSIONS = halfPointInstrument.dimensions.map((d) => d.id);

/** The header: region, E_*, P_*, W_*. */
export const SYNTHETIC_HEADER = [
  "region",
  ...ITEMS.map((id) => `E_${id}`),
  ...ITEMS.map((id) => `P_${id}`),
  ...DIMENSIONS.map((id) => `W_${id}`),
];

/** `n` respondents from `seed` (same seed, same table). */
export function syntheticSurvey(n: number, seed: number): Table {
  const random = seededRandom(seed);
  const grid = (x: number) => Math.min(7, Math.max(1, Math.round(x * 2) / 2));
  const rows: Cell[][] = [];
  for (let r = 0; r < n; r++) {
    const region = ["north", "south", "east"][Math.floor(random() * 3)] as string;
    const level = 4 + 2 * random();
    const service = level - 1.5 * random();
    const empty = random() < 0.002;
    const cell = (base: number) => {
      const u = random();
      if (empty || u < 0.04) return null;
      if (u < 0.042) return 9; // out of range
      if (u < 0.044) return 3.25; // off the half-point grid
      return grid(base + (random() - 0.5) * 3);
    };
    const e = ITEMS.map(() => cell(level));
    const p = ITEMS.map(() => cell(service));
    const w = random();
    let weights: Cell[];
    if (w < 0.1) weights = DIMENSIONS.map(() => null);
    else if (w < 0.14) weights = [50, null, 50];
    else if (w < 0.19) weights = [30, 30, 30];
    else
      weights = [20, 30, 50]
        .map((x) => x + Math.round((random() - 0.5) * 10))
        .map((x, i, a) => (i === 2 ? 100 - (a[0] as number) - (a[1] as number) : x));
    rows.push([region, ...e, ...p, ...weights]);
  }
  return { header: SYNTHETIC_HEADER, rows };
}
