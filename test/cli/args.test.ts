/**
 * Reading the command line (in process): every usage error is a UsageError with a sentence
 * naming the mistake; valid options become the settings of the run.
 */
import { describe, expect, it } from "vitest";
import { parseCommandLine, type ReportCommand } from "../../src/cli/args";
import { UsageError } from "../../src/cli/usageError";

function usageError(args: readonly string[]): string {
  try {
    parseCommandLine(args);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${JSON.stringify(args)}`);
}

function report(args: readonly string[]) {
  const command = parseCommandLine(["report", "survey.csv", ...args]);
  if (command.kind !== "report") throw new Error("not a report command");
  return command;
}

describe("parseCommandLine", () => {
  it.each([
    [["explode"], /unknown command "explode"/],
    [["reprot", "x.csv"], /did you mean report\?/],
    [[], /name a command/],
    [["report"], /name the CSV file/],
    [["report", "a.csv", "b.csv"], /unexpected: "b\.csv"/],
    [["demo", "extra"], /demo takes no argument; unexpected: "extra"/],
    [["instruments", "a", "b"], /instruments takes at most one name; unexpected: "b"/],
    [["validate"], /validate: name the CSV file/],
    [["report", "x.csv", "--format", "pdf"], /--format must be md, json, csv or html/],
    [["report", "x.csv", "--format", "md,jsn"], /not "jsn"; did you mean json\?/],
    [["report", "x.csv", "--generated-at", "yesterday"], /--generated-at must be an ISO 8601/],
    [["validate", "x.csv", "--out", "d"], /validate does not take --out/],
    [["validate", "x.csv", "--format", "md"], /validate does not take --format/],
    [["report", "x.csv", "--no-such-flag"], /unknown option --no-such-flag/],
    [["report", "x.csv", "--segmnts", "region"], /did you mean --segments\?/],
    [["report", "x.csv", "-x"], /unknown option -x/],
    [["report", "x.csv", "--missing", "abc"], /--missing must be listwise, pairwise or a share/],
    [["report", "x.csv", "--missing", "0"], /--missing must be/],
    [["report", "x.csv", "--missing", "1.5"], /--missing must be/],
    [["report", "x.csv", "--missing", "0x1"], /--missing must be/],
    [
      ["report", "x.csv", "--at-least", "0"],
      /--at-least must be a whole number of items, 1 or more/,
    ],
    [["report", "x.csv", "--at-least", "2.5"], /--at-least must be a whole number/],
    [["report", "x.csv", "--at-least", "two"], /--at-least must be a whole number/],
    [["report", "x.csv", "--at-least", "1e1"], /--at-least must be a whole number/],
    [
      ["report", "x.csv", "--missing", "listwise", "--at-least", "2"],
      /--at-least goes with a minimum share .*not with --missing listwise/,
    ],
    [["demo", "--missing", "pairwise", "--at-least", "2"], /not with --missing pairwise/],
    [
      ["report", "x.csv", "--missing", "0.5", "--at-least", "2", "--at-least", "3"],
      /--at-least is given twice/,
    ],
    [["report", "x.csv", "--out"], /--out needs a value/],
    [["report", "x.csv", "--out", "--quiet"], /--out needs a value, not the option "--quiet"/],
    [["report", "x.csv", "--id", ""], /--id needs a non-empty value/],
    [["report", "x.csv", "--id", "a", "--id", "b"], /--id is given twice/],
    [["report", "x.csv", "--quiet=yes"], /--quiet takes no value/],
    [["report", "x.csv", "--segments", "region,,channel"], /--segments has an empty name/],
    [["report", "x.csv", "--segments", "region,region"], /names "region" twice/],
    [["report", "x.csv", "--rename", "Q1"], /--rename takes OLD=NEW pairs/],
    [["report", "x.csv", "--rename", "=E_1"], /--rename takes OLD=NEW pairs/],
    [["report", "x.csv", "--rename", "a=b,a=c"], /renames "a" twice/],
    [
      ["report", "x.csv", "--encoding", "utf-16"],
      /--encoding must be utf-8, utf-16le, utf-16be or latin1/,
    ],
    [["report", "x.csv", "--delimiter", '"'], /--delimiter must be/],
    [["report", "x.csv", "--delimiter", "123456789"], /--delimiter must be/],
    [["demo", "--instrument", "servperf22"], /demo does not take --instrument/],
    [["instruments", "--out", "x"], /instruments does not take --out/],
  ])("%j is a usage error", (args, message) => {
    expect(usageError(args)).toMatch(message);
  });

  it("reads a full report command", () => {
    const command = report([
      "--instrument",
      "servperf22",
      "--columns",
      "map.json",
      "--rename",
      "Q1e=E_1, Q1p = P_1",
      "--rename",
      "Resp=respondent_id",
      "--id",
      "respondent_id",
      "--date",
      "when",
      "--segments",
      "region, channel",
      "--missing",
      "0.75",
      "--encoding",
      "UTF-16LE",
      "--delimiter",
      "tab",
      "--title",
      "Q3",
      "--out",
      "reports",
      "--force",
      "--quiet",
    ]);
    expect(command).toMatchObject({
      demo: false,
      file: "survey.csv",
      instrument: "servperf22",
      columnsFile: "map.json",
      id: "respondent_id",
      date: "when",
      segments: ["region", "channel"],
      missing: { minimumShare: 0.75 },
      encoding: "utf-16le",
      delimiter: "\t",
      title: "Q3",
      out: "reports",
      force: true,
      quiet: true,
    });
    expect([...command.rename]).toEqual([
      ["Q1e", "E_1"],
      ["Q1p", "P_1"],
      ["Resp", "respondent_id"],
    ]);
  });

  it("--at-least adds a floor in items to the minimum share", () => {
    expect(report(["--missing", "0.5", "--at-least", "2"]).missing).toEqual({
      minimumShare: 0.5,
      atLeast: 2,
    });
    expect(report(["--at-least", "3", "--missing", ".75"]).missing).toEqual({
      minimumShare: 0.75,
      atLeast: 3,
    });
    // Without --missing the share is the default one half.
    expect(report(["--at-least", "2"]).missing).toEqual({ minimumShare: 0.5, atLeast: 2 });
    expect(report(["--missing", "0.5"]).missing).toEqual({ minimumShare: 0.5 });
  });

  it("has defaults: current folder, no force, nothing mapped", () => {
    const command = report([]);
    expect(command).toMatchObject({ out: ".", force: false, quiet: false, encoding: undefined });
    expect(command.rename.size).toBe(0);
  });

  it.each([
    ["utf8", "utf-8"],
    ["latin-1", "latin1"],
    ["ISO-8859-1", "latin1"],
    ["utf-16be", "utf-16be"],
  ])("--encoding %s means %s", (given, encoding) => {
    expect(report(["--encoding", given]).encoding).toBe(encoding);
  });

  it.each([
    [";", ";"],
    ["\\t", "\t"],
    ["|", "|"],
    [" ", " "],
    ["semicolon", ";"],
  ])("--delimiter %j is %j", (given, delimiter) => {
    expect(report(["--delimiter", given]).delimiter).toBe(delimiter);
  });

  it("takes a value that starts with a dash when written with =", () => {
    expect(report(["--title=-Q3-"]).title).toBe("-Q3-");
  });

  it("treats everything after -- as arguments", () => {
    expect(usageError(["report", "a.csv", "--", "--out"])).toMatch(/unexpected: "--out"/);
    expect(parseCommandLine(["report", "--", "-odd name.csv"])).toMatchObject({
      file: "-odd name.csv",
    });
  });

  it("demo keeps its own defaults and takes the output options", () => {
    expect(
      parseCommandLine(["demo", "--out", "x", "--force", "--segments", "region"]),
    ).toMatchObject({
      kind: "report",
      demo: true,
      file: undefined,
      out: "x",
      force: true,
      segments: ["region"],
    });
  });

  it("--format takes a comma list or repeats, each format once, in md,json,csv,html order", () => {
    const formats = (args: string[]) =>
      (parseCommandLine(["report", "x.csv", ...args]) as ReportCommand).formats;
    expect(formats([])).toEqual(["md", "json"]);
    expect(formats(["--format", "csv"])).toEqual(["csv"]);
    expect(formats(["--format", "csv,md", "--format", "json", "--format", "md"])).toEqual([
      "md",
      "json",
      "csv",
    ]);
    expect(formats(["--format", " HTML , markdown "])).toEqual(["md", "html"]);
  });

  it("--generated-at is read as a UTC time", () => {
    const at = (text: string) =>
      (parseCommandLine(["demo", "--generated-at", text]) as ReportCommand).generatedAt;
    expect(at("2026-01-31T09:00:00Z")).toBe("2026-01-31T09:00:00.000Z");
    expect(at("2026-01-31T10:00:00+01:00")).toBe("2026-01-31T09:00:00.000Z");
    expect(at("2026-01-31")).toBe("2026-01-31T00:00:00.000Z");
  });

  it("help names its command; validate and instruments NAME are commands", () => {
    expect(parseCommandLine(["report", "--help"])).toEqual({ kind: "help", topic: "report" });
    expect(parseCommandLine(["--help"])).toEqual({ kind: "help", topic: undefined });
    expect(parseCommandLine(["instruments", "servqual22"])).toEqual({
      kind: "instruments",
      name: "servqual22",
      verbose: false,
    });
    expect(parseCommandLine(["validate", "x.csv", "--verbose"])).toMatchObject({
      kind: "validate",
      file: "x.csv",
      verbose: true,
    });
  });

  it("--help and --version need no command", () => {
    expect(parseCommandLine(["--help"]).kind).toBe("help");
    expect(parseCommandLine(["-h"]).kind).toBe("help");
    expect(parseCommandLine(["--version"]).kind).toBe("version");
    expect(parseCommandLine(["instruments"]).kind).toBe("instruments");
  });
});
