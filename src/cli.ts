import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  describeIssue,
  instruments,
  readResponsesCsv,
  ServqualError,
  type ValidationOptions,
} from "./node";
import { buildGapReport, renderJson, renderMarkdown } from "./report";

const USAGE = `servqual: service-quality gap reports from survey CSV files

Usage:
  servqual demo [--out DIR]                  report on the embedded demo survey (Harbourline Bank)
  servqual report FILE.csv [options]         report on your own survey
  servqual instruments                       list the built-in instruments

Options of report:
  --instrument NAME    servqual22 (default), servqual1988, servperf22, servqual22Tolerance, libqualCore22
  --id COLUMN          respondent id column (default respondent_id)
  --date COLUMN        date column (default date)
  --segments A,B       segment columns to keep (e.g. region,channel)
  --missing POLICY     listwise | pairwise | a minimum share such as 0.5 (default 0.5)
  --title TEXT         report title
  --out DIR            where report.json and report.md are written (default: current folder)
  --quiet              do not print the report
  --help, --version
`;

function main(argv: readonly string[]): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      instrument: { type: "string" },
      id: { type: "string" },
      date: { type: "string" },
      segments: { type: "string" },
      missing: { type: "string" },
      title: { type: "string" },
      out: { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean" },
      version: { type: "boolean" },
    },
  });
  if (values.version) {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const [command, file] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command === "instruments") {
    for (const [name, instrument] of Object.entries(instruments)) {
      process.stdout.write(
        `${name.padEnd(22)}${instrument.name} (${instrument.format}, ${instrument.scale.min}–${instrument.scale.max})\n`,
      );
    }
    return 0;
  }
  if (command !== "demo" && command !== "report") {
    process.stderr.write(`servqual: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  const demo = command === "demo";
  const path = demo ? fileURLToPath(new URL("../data/demo-bank.csv", import.meta.url)) : file;
  if (path === undefined) {
    process.stderr.write("servqual report: name the CSV file to read\n");
    return 2;
  }
  const instrumentName = values.instrument ?? "servqual22";
  const instrument = (
    instruments as Record<string, (typeof instruments)[keyof typeof instruments]>
  )[instrumentName];
  if (instrument === undefined || !Object.hasOwn(instruments, instrumentName)) {
    process.stderr.write(
      `servqual: unknown instrument "${instrumentName}"; see 'servqual instruments'\n`,
    );
    return 2;
  }
  const segments =
    values.segments
      ?.split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0) ?? (demo ? ["region", "channel"] : []);
  const options: ValidationOptions = {
    columns: {
      ...(values.id === undefined ? {} : { id: values.id }),
      ...(values.date === undefined ? {} : { date: values.date }),
      segments,
    },
    ...(values.missing === undefined ? {} : { missing: parseMissing(values.missing) }),
  };
  run(path, instrument, options, {
    title:
      values.title ?? (demo ? "Harbourline Bank (demo): service-quality gap report" : undefined),
    source: demo ? "demo-bank.csv (embedded demo data)" : path,
    out: resolve(values.out ?? "."),
    quiet: values.quiet === true,
  }).catch(fail);
  return -1;
}

async function run(
  path: string,
  instrument: (typeof instruments)[keyof typeof instruments],
  options: ValidationOptions,
  settings: { title: string | undefined; source: string; out: string; quiet: boolean },
) {
  const { dataset, report } = await readResponsesCsv(path, instrument, options);
  const gapReport = buildGapReport(dataset, report, {
    ...(settings.title === undefined ? {} : { title: settings.title }),
    source: settings.source,
  });
  const markdown = renderMarkdown(gapReport);
  mkdirSync(settings.out, { recursive: true });
  writeFileSync(join(settings.out, "report.json"), renderJson(gapReport));
  writeFileSync(join(settings.out, "report.md"), markdown);
  if (!settings.quiet) process.stdout.write(markdown);
  process.stderr.write(
    `\nWrote ${join(settings.out, "report.json")} and ${join(settings.out, "report.md")}\n`,
  );
  // Lines that could not be read as rows are listed in the report; the run still fails.
  if (report.unreadableLines > 0) process.exitCode = 1;
}

function parseMissing(text: string): ValidationOptions["missing"] {
  if (text === "listwise" || text === "pairwise") return text;
  const share = Number(text);
  if (!(share > 0 && share <= 1)) {
    throw new ServqualError(
      "invalid-options",
      `--missing must be listwise, pairwise or a share in (0, 1], not "${text}"`,
    );
  }
  return { minimumShare: share };
}

function fail(error: unknown) {
  if (error instanceof ServqualError) {
    process.stderr.write(`servqual: ${error.message.split("\n")[0]}\n`);
    for (const issue of error.issues.slice(0, 20))
      process.stderr.write(`  - ${describeIssue(issue)}\n`);
    if (error.issues.length > 20)
      process.stderr.write(`  … and ${error.issues.length - 20} more\n`);
    process.exitCode = 1;
    return;
  }
  process.stderr.write(`servqual: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

try {
  const code = main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
} catch (error) {
  if (
    error instanceof TypeError &&
    "code" in error &&
    String(error.code).startsWith("ERR_PARSE_ARGS")
  ) {
    process.stderr.write(`servqual: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else fail(error);
}
