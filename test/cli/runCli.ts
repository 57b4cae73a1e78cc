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

/** The demo CSV split into its header and data lines. */
export function demoLines(): { header: string[]; rows: string[] } {
  const [first = "", ...rows] = readFileSync(demoCsv, "utf8").trimEnd().split("\n");
  return { header: first.split(","), rows };
}

/** The Gap 5 part and the row counts of a written report.json, for comparing two runs. */
export function gapFigures(folder: string): unknown {
  const report = JSON.parse(readFileSync(join(folder, "report.json"), "utf8"));
  return { validation: report.validation, gap5: report.gap5 };
}
