// The `servqual` command. This file stays small and loads only node built-ins and ./cli/*, so
// `--help`, `--version` and usage errors answer at once; the library (./node.js and
// ./report.js, the package's own entries) is imported only when a command runs.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Command, parseCommandLine } from "./cli/args";
import { type DemoSource, prepareReport, runReport } from "./cli/runReport";
import { runSqlReport } from "./cli/sqlReport";
import { printError, printOut } from "./cli/terminal";
import { ExitCode, USAGE } from "./cli/usage";
import { UsageError } from "./cli/usageError";

const DEMO: DemoSource = {
  path: fileURLToPath(new URL("../data/demo-bank.csv", import.meta.url)),
  title: "Harbourline Bank (demo): service-quality gap report",
  source: "demo-bank.csv (embedded demo data)",
  segments: ["region", "channel"],
};

async function main(argv: readonly string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    return failure(error);
  }
  if (command.kind === "help") {
    printOut(USAGE);
    return ExitCode.Ok;
  }
  if (command.kind === "version") {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    printOut(`${pkg.version}\n`);
    return ExitCode.Ok;
  }
  try {
    // Mistakes in the --columns file or --out are found before the library is loaded.
    const prepared = command.kind === "report" ? await prepareReport(command, DEMO) : undefined;
    const [node, reports] = await Promise.all([import("./node.js"), import("./report.js")]);
    const lib = { ...node, ...reports };
    if (command.kind === "instruments") {
      for (const [name, instrument] of Object.entries(lib.instruments)) {
        printOut(
          `${name.padEnd(22)}${instrument.name} (${instrument.format}, ${instrument.scale.min}–${instrument.scale.max})\n`,
        );
      }
      return ExitCode.Ok;
    }
    if (command.kind !== "report" || prepared === undefined) return ExitCode.Ok;
    if (command.database !== undefined) return await runSqlReport(lib, command, prepared);
    return await runReport(lib, command, prepared);
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): number {
  if (error instanceof UsageError) {
    printError(`servqual: ${error.message}\nRun 'servqual --help' for the options.\n`);
    return ExitCode.Usage;
  }
  printError(
    `servqual: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return ExitCode.BadInput;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
