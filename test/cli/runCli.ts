/**
 * Runs the built command (dist/cli.js) as a user runs it. `npm test` builds first; run
 * `npm run build` when running these files alone.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const cli = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
export const demoCsv = fileURLToPath(new URL("../../data/demo-bank.csv", import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js ...args` in `cwd` (a fresh temporary folder by default). */
export function runCli(args: readonly string[], cwd: string = tempFolder()): CliResult {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", cwd });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new empty temporary folder. */
export function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), "servqual-cli-"));
}

/**
 * The row counts and the Gap 5 tables of a written report.json, for comparing two runs over
 * the same answers (issue texts name the source columns, so they are left out).
 */
export function gapFigures(folder: string): unknown {
  const report = JSON.parse(readFileSync(join(folder, "report.json"), "utf8")).results;
  const { rowsIn, rowsUsed, rowsExcluded, issueCounts } = report.validation;
  return { rowsIn, rowsUsed, rowsExcluded, issueCounts, gap5: report.gap5 };
}
