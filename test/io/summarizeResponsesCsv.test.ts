/**
 * summarizeResponsesCsv: the streaming Gap 5 must equal readResponsesCsv + gap5 in every
 * numeric field (to 1e-12) and in the report, on the demo survey and on generated files with
 * missing, invalid and duplicate answers spread over many pieces.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { gap5 } from "../../src/gaps/gap5";
import { instruments } from "../../src/instrument/instruments";
import { readResponsesCsv } from "../../src/io/readResponsesCsv";
import {
  SUMMARY_PIECE_ROWS,
  type SummarizeCsvOptions,
  summarizeResponsesCsv,
} from "../../src/io/summarizeResponsesCsv";
import { seededRandom } from "../../src/stats/seededRandom";
import { fixture, repoFile, twoByTwo } from "./csvFixtures";

const scratch = mkdtempSync(join(tmpdir(), "servqual-summary-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Walks two JSON values side by side: numbers must agree to `tolerance` (relative above 1),
 * everything else exactly; returns the paths that differ and how many numbers were compared.
 */
function compare(a: unknown, b: unknown, tolerance = 1e-12) {
  const differences: string[] = [];
  let numbers = 0;
  const walk = (x: unknown, y: unknown, path: string) => {
    if (typeof x === "number" && typeof y === "number") {
      numbers += 1;
      const scale = Math.max(1, Math.abs(x));
      if (!(Math.abs(x - y) <= tolerance * scale)) differences.push(`${path}: ${x} vs ${y}`);
      return;
    }
    if (x === null || y === null || typeof x !== "object" || typeof y !== "object") {
      if (x !== y) differences.push(`${path}: ${String(x)} vs ${String(y)}`);
      return;
    }
    if (Array.isArray(x) !== Array.isArray(y)) differences.push(`${path}: array vs object`);
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const key of keys) {
      walk(
        (x as Record<string, unknown>)[key],
        (y as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
  };
  walk(a, b, "$");
  return { differences, numbers };
}

/**
 * A SERVQUAL-22 file in the demo's layout (id, E_1…E_22, P_1…P_22, W_<dimension>) with blank
 * answers, "N/A", out-of-range and non-numeric answers, rows without answers, repeated ids,
 * weights that do not sum to 100 and blank lines, seeded.
 */
function generatedFile(rows: number, seed: number): string {
  const random = seededRandom(seed);
  const dims = instruments.servqual22.dimensions.map((d) => d.id);
  const header = ["respondent_id"];
  for (let i = 1; i <= 22; i++) header.push(`E_${i}`);
  for (let i = 1; i <= 22; i++) header.push(`P_${i}`);
  for (const d of dims) header.push(`W_${d}`);
  const lines = [header.join(",")];
  for (let r = 1; r <= rows; r++) {
    const cells: string[] = [];
    // Every 997th row repeats an earlier id (the later row is excluded).
    cells.push(r % 997 === 0 ? `R${r - 500}` : `R${r}`);
    const empty = random() < 0.01;
    for (let c = 0; c < 44; c++) {
      const u = random();
      if (empty) cells.push("");
      else if (u < 0.04) cells.push("");
      else if (u < 0.05) cells.push("N/A");
      else if (u < 0.052) cells.push("9");
      else if (u < 0.053) cells.push("x");
      else cells.push(String(1 + Math.floor(random() * 7)));
    }
    const u = random();
    if (u < 0.6) {
      // 100 points moved around: 10 from one dimension to another.
      const from = Math.floor(random() * 5);
      const to = Math.floor(random() * 5);
      const w = [0, 1, 2, 3, 4].map((d) => 20 - (d === from ? 10 : 0) + (d === to ? 10 : 0));
      cells.push(...w.map(String));
    } else if (u < 0.65) {
      cells.push("50", "50", "50", "0", "0");
    } else {
      cells.push("", "", "", "", "");
    }
    lines.push(cells.join(","));
    if (r % 5000 === 0) lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

async function bothWays(
  path: string,
  instrument = instruments.servqual22,
  options: SummarizeCsvOptions = {},
) {
  const { level, pAdjust, reliability, dropConstantItems, ...csv } = options;
  const { dataset, report } = await readResponsesCsv(path, instrument, csv);
  const expected = gap5(dataset, { level, pAdjust, reliability, dropConstantItems });
  const summary = await summarizeResponsesCsv(path, instrument, options);
  return { expected, report, summary };
}

describe("summarizeResponsesCsv", () => {
  it("equals readResponsesCsv + gap5 on the demo survey, every number and the report", async () => {
    const { expected, report, summary } = await bothWays(repoFile("data/demo-bank.csv"));
    const result = compare(expected, summary.gap5);
    expect(result.differences).toEqual([]);
    expect(result.numbers).toBeGreaterThan(2000);
    expect(summary.report).toEqual(report);
    expect(summary.report.rowsIn).toBe(601);
    expect(summary.gap5.reliability).toHaveLength(5);
  });

  it("equals the in-memory path on a generated file of several pieces with missing and bad answers", async () => {
    const rows = 2 * SUMMARY_PIECE_ROWS + 3001;
    const path = join(scratch, "generated.csv");
    writeFileSync(path, generatedFile(rows, 7));
    const { expected, report, summary } = await bothWays(path);
    expect(report.rowsIn).toBe(rows);
    expect(report.rowsIn).toBe(report.rowsUsed + report.rowsExcluded);
    // Repeated ids (every 997th row) and rows without answers are excluded.
    expect(report.rowsExcluded).toBeGreaterThanOrEqual(Math.floor(rows / 997));
    expect(report.blank).toBeGreaterThan(0);
    // "N/A", "9" and "x" are rejected answers (servqual22 has no not-applicable token).
    expect(report.issueCounts["out-of-range"] ?? 0).toBeGreaterThan(0);
    const result = compare(expected, summary.gap5);
    expect(result.differences).toEqual([]);
    expect(result.numbers).toBeGreaterThan(2000);
    expect(summary.report).toEqual(report);
    // The weighted overall score is there (importance points given by most rows).
    expect(summary.gap5.overall.weighted).not.toBeNull();
  });

  it("follows the missing-data policy and the gap5 options (listwise, level, no reliability)", async () => {
    const path = join(scratch, "generated-small.csv");
    writeFileSync(path, generatedFile(SUMMARY_PIECE_ROWS + 10, 11));
    const options = { missing: "pairwise" as const, level: 0.9, pAdjust: "BH" as const };
    const { expected, summary } = await bothWays(path, instruments.servqual22, options);
    expect(compare(expected, summary.gap5).differences).toEqual([]);
    expect(summary.gap5.level).toBe(0.9);
    expect(summary.gap5.pAdjustMethod).toBe("BH");
    const plain = await summarizeResponsesCsv(path, instruments.servqual22, { reliability: false });
    expect(plain.gap5.reliability).toBeNull();
    const { dataset } = await readResponsesCsv(path, instruments.servqual22);
    expect(compare(gap5(dataset, { reliability: false }), plain.gap5).differences).toEqual([]);
  });

  it("reads the small fixtures like readResponsesCsv (quoted cells, CRLF with a BOM)", async () => {
    for (const name of ["good.csv", "quoted.csv", "bom-crlf.csv", "out-of-range.csv"]) {
      const { expected, report, summary } = await bothWays(fixture(name), twoByTwo);
      expect(compare(expected, summary.gap5).differences).toEqual([]);
      expect(summary.report).toEqual(report);
    }
  });

  it("rejects what readResponsesCsv rejects, with a ServqualError", async () => {
    await expect(
      summarizeResponsesCsv(join(scratch, "absent.csv"), instruments.servqual22),
    ).rejects.toBeInstanceOf(ServqualError);
    await expect(summarizeResponsesCsv(fixture("empty.csv"), twoByTwo)).rejects.toBeInstanceOf(
      ServqualError,
    );
    await expect(
      summarizeResponsesCsv(fixture("header-only.csv"), twoByTwo),
    ).rejects.toBeInstanceOf(ServqualError);
    // A perceptions-only instrument has no gap.
    await expect(
      summarizeResponsesCsv(repoFile("data/demo-bank.csv"), instruments.servperf22),
    ).rejects.toBeInstanceOf(ServqualError);
  });
});
