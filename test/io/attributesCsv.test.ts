/**
 * Covariates and the population read from CSV files: on one thread and in parallel (the
 * workers write both into shared columns), with identical datasets and reports. Expected
 * values come from the generated file itself (the numbers and labels written into it).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readResponsesCsvText } from "../../src/io/parseResponsesCsv";
import { readCsvFile } from "../../src/io/readResponsesCsv";
import { rowsOfPopulation } from "../../src/responses/rowsOfPopulation";
import type { Dataset } from "../../src/responses/types";
import { seededRandom } from "../../src/stats/seededRandom";
import { twoByTwo } from "./csvFixtures";
import { workerScratch } from "./workerScratch";

const { scratch, workerUrl } = workerScratch("servqual-attributes-");

const HEADER = "respondent_id,role,E_s1,E_s2,E_c1,E_c2,P_s1,P_s2,P_c1,P_c2,temperature,tenure";
const ROLES = ["customers", "Managers", "employee", "manger", "", "suppliers"];

interface Written {
  readonly id: string;
  readonly role: string;
  readonly temperature: string;
  readonly tenure: string;
}

/** A file of `n` respondents with a role, a temperature and a tenure; some cells are bad. */
function survey(n: number, seed: number): { text: string; rows: Written[] } {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T;
  const rows: Written[] = [];
  const lines = [HEADER];
  for (let r = 0; r < n; r++) {
    const u = random();
    const role = u < 0.6 ? "customers" : u < 0.8 ? "Managers" : u < 0.9 ? "employee" : pick(ROLES);
    const v = random();
    const temperature =
      v < 0.05 ? "" : v < 0.08 ? "warm" : v < 0.1 ? "1e1" : (random() * 50 - 10).toFixed(1);
    const tenure = random() < 0.1 ? "" : String(Math.floor(random() * 30));
    const answers = Array.from({ length: 8 }, () => String(1 + Math.floor(random() * 7)));
    const id = `R${r + 1}`;
    rows.push({ id, role, temperature, tenure });
    lines.push([id, role, ...answers, temperature, tenure].join(","));
  }
  return { text: `${lines.join("\n")}\n`, rows };
}

const options = {
  columns: { covariates: ["temperature", "tenure"], population: "role" },
};

function plain(dataset: Dataset | null) {
  if (dataset === null) throw new Error("no dataset");
  return {
    ids: dataset.ids,
    sourceRows: Array.from(dataset.sourceRows),
    perception: dataset.facets.perception?.map((column) => Array.from(column)),
    covariates: dataset.covariates.map((c) => ({ name: c.name, values: Array.from(c.values) })),
    population:
      dataset.population === null
        ? null
        : { ...dataset.population, codes: Array.from(dataset.population.codes) },
  };
}

const KNOWN: Readonly<Record<string, number>> = { customers: 0, managers: 1, employee: 2 };

describe("covariates and population from CSV", () => {
  it("reads them on one thread and in parallel into identical datasets and reports", async () => {
    const { text, rows } = survey(3000, 11);
    const path = join(scratch, "attributes.csv");
    writeFileSync(path, text);
    const single = await readCsvFile(path, twoByTwo, { ...options, threads: 1 }, null);
    // Independent of the reader: what the file says.
    const kept = rows.filter((row) => KNOWN[row.role.toLowerCase()] !== undefined);
    expect(single.report.rowsIn).toBe(3000);
    expect(single.report.rowsUsed).toBe(kept.length);
    expect(single.report.rowsExcluded).toBe(3000 - kept.length);
    expect(single.dataset?.ids).toEqual(kept.map((row) => row.id));
    expect(Array.from(single.dataset?.population?.codes ?? [])).toEqual(
      kept.map((row) => KNOWN[row.role.toLowerCase()]),
    );
    const number = (cell: string) => (/^-?\d+(\.\d)?$/.test(cell) ? Number(cell) + 0 : Number.NaN);
    expect(Array.from(single.dataset?.covariates[0]?.values ?? [])).toEqual(
      kept.map((row) => number(row.temperature)),
    );
    expect(Array.from(single.dataset?.covariates[1]?.values ?? [])).toEqual(
      kept.map((row) => number(row.tenure)),
    );
    // A bad cell is reported in every row, kept or excluded.
    const badTemperatures = rows.filter(
      (row) => row.temperature === "warm" || row.temperature === "1e1",
    );
    expect(single.report.issueCounts["bad-covariate"]).toBe(badTemperatures.length);
    expect(single.report.issueCounts["unknown-population"]).toBe(
      rows.filter((row) => row.role === "manger" || row.role === "suppliers").length,
    );
    expect(single.report.issueCounts["blank-population"]).toBe(
      rows.filter((row) => row.role === "").length,
    );
    const firstBad = single.report.issues.find((issue) => issue.code === "bad-covariate");
    const firstBadRow = rows.indexOf(badTemperatures[0] as Written) + 1;
    expect(firstBad).toMatchObject({
      row: firstBadRow,
      line: firstBadRow + 1,
      column: "temperature",
    });
    expect(Array.from(rowsOfPopulation(single.dataset as Dataset, "managers")).length).toBe(
      kept.filter((row) => row.role === "Managers").length,
    );

    for (const threads of [2, 3]) {
      const trace: { parallel?: boolean } = {};
      const parallel = await readCsvFile(path, twoByTwo, { ...options, threads }, null, {
        workerUrl,
        minBytes: 0,
        trace,
      });
      expect(trace.parallel).toBe(true);
      expect(plain(parallel.dataset)).toEqual(plain(single.dataset));
      expect(parallel.report).toEqual(single.report);
    }
  });

  it("reads a default population in parallel too", async () => {
    const { text } = survey(1200, 5);
    const noRole = text.replace(/^([^,\n]*),[^,\n]*,/gm, "$1,");
    const path = join(scratch, "managers.csv");
    writeFileSync(path, noRole);
    const both = { columns: { covariates: ["tenure"] }, population: { default: "managers" } };
    const single = await readCsvFile(path, twoByTwo, { ...both, threads: 1 }, null);
    const trace: { parallel?: boolean } = {};
    const parallel = await readCsvFile(path, twoByTwo, { ...both, threads: 2 }, null, {
      workerUrl,
      minBytes: 0,
      trace,
    });
    expect(trace.parallel).toBe(true);
    expect(single.report.rowsUsed).toBe(1200);
    expect(single.dataset?.population?.column).toBeNull();
    expect(new Set(single.dataset?.population?.codes)).toEqual(new Set([1]));
    expect(plain(parallel.dataset)).toEqual(plain(single.dataset));
    expect(parallel.report).toEqual(single.report);
  });

  it("a line break inside a quoted population or covariate cell is a malformed quote; nothing is lost", () => {
    const text = [
      HEADER,
      "R1,customers,5,5,5,5,4,4,4,4,20.5,3",
      'R2,"mana\ngers",5,5,5,5,4,4,4,4,21,3',
      'R3,managers,5,5,5,5,4,4,4,4,"2\n2",3',
      "R4,employees,5,5,5,5,4,4,4,4,,",
    ].join("\n");
    const { dataset, report } = readResponsesCsvText(text, twoByTwo, options);
    expect(report.rowsIn).toBe(report.rowsUsed + report.rowsExcluded);
    expect(report.issueCounts["malformed-quote"]).toBe(2);
    expect(dataset.ids).toEqual(["R1", "R4"]);
    expect(Array.from(dataset.population?.codes ?? [])).toEqual([0, 2]);
    expect(Array.from(dataset.covariates[0]?.values ?? [])).toEqual([20.5, Number.NaN]);
  });
});
