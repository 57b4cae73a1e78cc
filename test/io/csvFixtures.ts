/** The instrument and the paths shared by the CSV reader tests (fixtures: test/fixtures/csv/). */
import { fileURLToPath } from "node:url";
import { defineInstrument } from "../../src/instrument/defineInstrument";

/** Two dimensions of two items on 1..7, expectation and perception (columns E_s1 … P_c2). */
export const twoByTwo = defineInstrument({
  id: "two-by-two",
  name: "Two by two",
  scale: { min: 1, max: 7 },
  format: "expectation-perception",
  dimensions: [
    {
      id: "speed",
      label: "Speed",
      items: [
        { id: "s1", label: "served quickly" },
        { id: "s2", label: "no waiting" },
      ],
    },
    {
      id: "care",
      label: "Care",
      items: [
        { id: "c1", label: "listens" },
        { id: "c2", label: "follows up" },
      ],
    },
  ],
});

/** Absolute path of a fixture file. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));
}

/** Absolute path of a file of the repository. */
export function repoFile(name: string): string {
  return fileURLToPath(new URL(`../../${name}`, import.meta.url));
}
