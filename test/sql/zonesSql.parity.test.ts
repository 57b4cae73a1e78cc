/**
 * Parity of the zones of tolerance through SQL with zonesOfTolerance in memory, run inside
 * DuckDB and PostgreSQL: the hand-worked four-respondent survey of test/gaps (its worked values
 * checked here too), and a seeded 20k-row three-column survey (half points, reverse-keyed
 * items, missing and rejected answers, inverted zones) under each missing-data policy, whole
 * and per region: counts equal, every other number within 1e-12 relative.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zonesOfTolerance } from "../../src/gaps/zonesOfTolerance";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { instruments } from "../../src/instrument/instruments";
import { validateColumns } from "../../src/responses/validateColumns";
import { validateResponses } from "../../src/responses/validateResponses";
import { runZonesSql } from "../../src/sql/runZonesSql";
import { finishZonesSql, zonesSql } from "../../src/sql/zonesSql";
import type { Cell, Engine, Table } from "./engines";
import { json, parityEngines } from "./parityTables";
import { expectSameNumbers } from "./sameNumbers";
import { toleranceInstrument, toleranceSurvey } from "./toleranceSurvey";

const tiny = defineInstrument({
  id: "tiny-tolerance",
  name: "Tiny three-column survey",
  scale: { min: 1, max: 9, notApplicable: ["N"] },
  format: "tolerance",
  dimensions: [
    {
      id: "A",
      label: "A",
      items: [
        { id: "a1", label: "a1" },
        { id: "a2", label: "a2" },
      ],
    },
    {
      id: "B",
      label: "B",
      items: [
        { id: "b1", label: "b1" },
        { id: "b2", label: "b2" },
        { id: "b3", label: "b3" },
      ],
    },
  ],
});
const TINY_ITEMS = ["a1", "a2", "b1", "b2", "b3"];
// (adequate, desired, perceived) per item, as in test/gaps/zonesOfTolerance.test.ts.
const TINY: readonly (readonly (readonly (number | string)[])[])[] = [
  [
    [4, 7, 5],
    [5, 5, 5],
    [3, 6, 4],
    [4, 6, 6],
    [5, 7, 3],
  ],
  [
    [5, 8, 3],
    [4, 6, "N"],
    [6, 8, 7],
    ["N", 7, 6],
    [5, 9, 4],
  ],
  [
    [3, 6, 8],
    [2, 9, 2],
    [2, 4, 5],
    [3, 5, 4],
    [4, 6, 6],
  ],
  [
    [7, 5, 6],
    [6, 8, 9],
    [5, 7, 5],
    [5, 6, 2],
    [6, 8, 7],
  ],
];
const tinyHeader = [
  "respondent_id",
  ...TINY_ITEMS.map((id) => `MIN_${id}`),
  ...TINY_ITEMS.map((id) => `DES_${id}`),
  ...TINY_ITEMS.map((id) => `P_${id}`),
];
const tinyRecords = TINY.map((triples, r) => {
  const record: Record<string, string> = { respondent_id: `r${r + 1}` };
  TINY_ITEMS.forEach((item, i) => {
    const [a, d, p] = triples[i] as readonly (number | string)[];
    record[`MIN_${item}`] = String(a);
    record[`DES_${item}`] = String(d);
    record[`P_${item}`] = String(p);
  });
  return record;
});
const tinyTable: Table = {
  header: tinyHeader,
  rows: tinyRecords.map((record) => tinyHeader.map((name) => record[name] ?? null)),
};

const survey = toleranceSurvey(20_000, 20261203);
const surveyColumns = Object.fromEntries(
  survey.header.map((name, c) => [name, survey.rows.map((row) => row[c] as Cell)]),
);

for (const { name, open } of parityEngines()) {
  describe(`zonesSql on ${name}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await open();
      await engine.load("tiny zones", tinyTable, { text: true });
      await engine.load("tolerance", survey, { textColumns: 1 });
    }, 600_000);
    afterAll(async () => {
      await engine?.close();
    });

    it("hand-worked survey (text cells, N = not applicable)", async () => {
      const [group] = await runZonesSql(engine.connection, tiny, {
        table: "tiny zones",
        cells: "text",
      });
      const { dataset } = validateResponses(tinyRecords, tiny);
      expect(group?.validation.rowsUsed).toBe(4);
      expect(group?.validation.notApplicable).toBe(2);
      const a1 = group?.result.items[0];
      // Worked by hand: a1 has one respondent below, within, above and inverted each.
      expect([a1?.below, a1?.within, a1?.above, a1?.inverted]).toEqual([1, 1, 1, 1]);
      expect(a1?.relativePosition).toBeCloseTo(4 / 9, 12);
      expect(group?.result.msa.items[0]?.gap.mean).toBeCloseTo(3 / 4, 12);
      expect(group?.result.mss.items[0]?.gap.mean).toBeCloseTo(-1, 12);
      expect(group?.result.respondentsWithInversions).toBe(1);
      expectSameNumbers(json(group?.result), json(zonesOfTolerance(dataset)));
    }, 120_000);

    for (const missing of [undefined, "listwise", "pairwise"] as const) {
      it(`seeded 20k survey, missing ${missing ?? "default"}, whole and per region`, async () => {
        const choice = missing === undefined ? {} : { missing };
        const { dataset, report } = validateColumns(
          { columns: surveyColumns },
          toleranceInstrument,
          { ...choice, columns: { segments: ["region"] } },
        );
        const [whole] = await runZonesSql(engine.connection, toleranceInstrument, {
          table: "tolerance",
          level: 0.9,
          ...choice,
        });
        expect(whole?.validation.rowsIn).toBe(20_000);
        expect(whole?.validation.rowsUsed).toBe(report.rowsUsed);
        expect(whole?.validation.exclusionCounts).toEqual(report.exclusionCounts);
        expect(whole?.validation.blank).toBe(report.blank);
        for (const code of ["out-of-range", "off-scale-step"]) {
          expect(whole?.validation.issueCounts[code], code).toBe(report.issueCounts[code]);
        }
        expect(whole?.result.respondentsWithInversions).toBeGreaterThan(0);
        expectSameNumbers(json(whole?.result), json(zonesOfTolerance(dataset, { level: 0.9 })));

        const byRegion = await runZonesSql(engine.connection, toleranceInstrument, {
          table: "tolerance",
          groupBy: ["region"],
          ...choice,
        });
        const regions = dataset.segments[0]?.values ?? [];
        expect(byRegion.length).toBe(3);
        for (const { group, result } of byRegion) {
          const rows = Int32Array.from(
            regions.flatMap((region, r) => (region === group.region ? [r] : [])),
          );
          expectSameNumbers(json(result), json(zonesOfTolerance(dataset, { rows })));
        }
      }, 600_000);
    }
  });
}

describe("zonesSql arguments", () => {
  it("refuses an instrument without the three columns and rows of another statement", () => {
    expect(() => zonesSql(instruments.servqual22, { table: "t", dialect: "duckdb" })).toThrow(
      /three-column/,
    );
    expect(() =>
      finishZonesSql([{ stmt: 7, part: 0, v: [] }], toleranceInstrument, {
        table: "t",
        dialect: "duckdb",
      }),
    ).toThrow(/not the one/);
  });
});
