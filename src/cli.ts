// The `servqual` command. This file stays small and loads only node built-ins and ./cli/*, so
// `--help`, `--version` and usage errors answer at once; the library (./node.js and
// ./report.js, the package's own entries) is imported only when a command runs.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Command, parseCommandLine } from "./cli/args";
import { closest } from "./cli/closest";
import { type DemoSource, prepareReport, runReport, runValidate } from "./cli/runReport";
import { runSqlReport } from "./cli/sqlReport";
import { printError, printOut } from "./cli/terminal";
import { COMMAND_HELP, ExitCode, USAGE } from "./cli/usage";
import { UsageError } from "./cli/usageError";

const DEMO: DemoSource = {
  path: fileURLToPath(new URL("../data/demo-bank.csv", import.meta.url)),
  title: "Harbourline Bank (demo): service-quality gap report",
  source: "demo-bank.csv (embedded demo data)",
  segments: ["region", "channel"],
  events: {
    path: fileURLToPath(new URL("../data/demo-events.csv", import.meta.url)),
    asOf: "2025-12-31T23:59:59.999Z",
  },
  trust: fileURLToPath(new URL("../data/demo-trust.csv", import.meta.url)),
  fiveGap: {
    management: fileURLToPath(new URL("../data/demo-management.csv", import.meta.url)),
    standards: fileURLToPath(new URL("../data/demo-standards.csv", import.meta.url)),
    records: fileURLToPath(new URL("../data/demo-tickets.csv", import.meta.url)),
    promises: fileURLToPath(new URL("../data/demo-promises.csv", import.meta.url)),
    factors: fileURLToPath(new URL("../data/demo-factors.csv", import.meta.url)),
    // the tickets are of 2024: checked as of the end of January 2025, so the demo never changes
    asOf: "2025-01-31T00:00:00Z",
  },
  calendar: fileURLToPath(new URL("../data/demo-events-calendar.csv", import.meta.url)),
  complaints: fileURLToPath(new URL("../data/demo-complaints.csv", import.meta.url)),
  comments: fileURLToPath(new URL("../data/demo-comments.csv", import.meta.url)),
};

async function main(argv: readonly string[]): Promise<number> {
  // --verbose is looked for before parsing, so a usage error can honour it too.
  const verbose = argv.includes("--verbose");
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    return failure(error, verbose);
  }
  if (command.kind === "help") {
    printOut(command.topic === undefined ? USAGE : COMMAND_HELP[command.topic]);
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
    const prepared =
      command.kind === "report" || command.kind === "validate"
        ? await prepareReport(command, DEMO)
        : undefined;
    const [node, reports] = await Promise.all([import("./node.js"), import("./report.js")]);
    const lib = { ...node, ...reports };
    if (command.kind === "instruments") {
      const instruments: Record<string, unknown> = lib.instruments;
      if (command.name !== undefined) {
        if (!Object.hasOwn(instruments, command.name)) {
          const hint = closest(command.name, Object.keys(instruments));
          throw new UsageError(
            `unknown instrument "${command.name}"${hint === undefined ? "" : `; did you mean ${hint}?`}`,
          );
        }
        printOut(`${JSON.stringify(instruments[command.name], null, 2)}\n`);
        return ExitCode.Ok;
      }
      for (const [name, instrument] of Object.entries(lib.instruments)) {
        printOut(
          `${name.padEnd(22)}${instrument.name} (${instrument.format}, ${instrument.scale.min}–${instrument.scale.max})\n`,
        );
      }
      return ExitCode.Ok;
    }
    if (prepared === undefined) return ExitCode.Ok;
    if (command.kind === "validate") return await runValidate(lib, command, prepared);
    if (command.database !== undefined) return await runSqlReport(lib, command, prepared);
    return await runReport(lib, command, prepared, undefined, DEMO);
  } catch (error) {
    return failure(error, verbose);
  }
}

/** One line for the error (its stack only with --verbose) and the exit code. */
function failure(error: unknown, verbose: boolean): number {
  if (error instanceof UsageError) {
    printError(`servqual: ${error.message}\nRun 'servqual --help' for the options.\n`);
    return ExitCode.Usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  printError(
    verbose && error instanceof Error && error.stack !== undefined
      ? `servqual: unexpected error: ${error.stack}\n`
      : `servqual: unexpected error: ${message.split("\n")[0]} (run with --verbose for details)\n`,
  );
  return ExitCode.BadInput;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
