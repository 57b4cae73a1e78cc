/**
 * Gaps 1–4 on the command line, run as a user runs it (the built dist/cli.js): the demo
 * reports all five gaps and the diagnosis; `servqual report` with the five-gap options gives
 * the same figures from the same files; each option with a bad file stops with exit code 1 and
 * one line naming the option and the file; a missing partner option is a usage error (exit 2).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, runCli, tempFolder } from "./runCli";

const data = (name: string) => fileURLToPath(new URL(`../../data/${name}`, import.meta.url));
const TIME = ["--generated-at", "2025-01-31T00:00:00Z"];
const FILES = {
  management: data("demo-management.csv"),
  standards: data("demo-standards.csv"),
  records: data("demo-tickets.csv"),
  promises: data("demo-promises.csv"),
  factors: data("demo-factors.csv"),
};
const ALL = Object.entries(FILES).flatMap(([option, file]) => [`--${option}`, file]);

interface Written {
  readonly code: number | null;
  readonly stderr: string;
  readonly json: {
    results: {
      fiveGap: {
        model: { links: { dimension: string; cause: string }[]; gaps: { present: boolean }[] };
        inputs: {
          input: string;
          recordsIn: number;
          recordsUsed: number;
          recordsExcluded: number;
        }[];
      };
    };
    sections: { id: string }[];
  };
  readonly md: string;
  readonly csv: string;
  readonly html: string;
}

function written(args: readonly string[]): Written {
  const out = tempFolder();
  const { code, stderr } = runCli([
    ...args,
    "--out",
    out,
    "--quiet",
    "--format",
    "md,json,csv,html",
  ]);
  const read = (name: string) => readFileSync(join(out, name), "utf8");
  return {
    code,
    stderr,
    json: JSON.parse(read("report.json")),
    md: read("report.md"),
    csv: read("report.csv"),
    html: read("report.html"),
  };
}

let demo: Written;
beforeAll(() => {
  demo = written(["demo", ...TIME]);
}, 120_000);

describe("servqual demo: all five gaps", () => {
  it("links each planted shortfall to its cause", () => {
    expect(demo.code).toBe(0);
    const links = demo.json.results.fiveGap.model.links.map((l) => `${l.dimension}: ${l.cause}`);
    expect(links).toEqual([
      "reliability: knowledge",
      "responsiveness: delivery",
      "responsiveness: communication",
      "empathy: standards",
    ]);
    expect(demo.json.results.fiveGap.model.gaps.map((g) => g.present)).toEqual(Array(5).fill(true));
  });

  it("shows the sections in every format", () => {
    const ids = demo.json.sections.map((s) => s.id);
    for (const id of [
      "five-gaps",
      "gap1",
      "gap2",
      "gap3",
      "gap4",
      "five-gap-diagnosis",
      "crm-gaps",
      "contributing-factors",
      "five-gap-inputs",
    ]) {
      expect(ids, id).toContain(id);
      expect(demo.csv, id).toContain(`\n${id},`);
    }
    for (const title of [
      "## The five gaps",
      "## Gap 1: knowledge",
      "## Five-gap diagnosis",
      "## Inputs of gaps 1–4",
    ]) {
      expect(demo.md).toContain(title);
    }
    expect(demo.html).toContain('data-chart-id="five-gap-overview"');
    expect(demo.html).toContain('data-chart-id="gap3-periods"');
    expect(demo.html).toContain("Five-gap diagnosis");
  });

  it("accounts for every record of every input: in = used + excluded", () => {
    const inputs = demo.json.results.fiveGap.inputs;
    expect(inputs.map((i) => [i.input, i.recordsIn, i.recordsUsed, i.recordsExcluded])).toEqual([
      ["management", 14, 12, 2],
      ["standards", 24, 22, 2],
      ["records", 2801, 2795, 6],
      ["promises", 4, 3, 1],
      ["factors", 41, 40, 1],
    ]);
  });

  it("prints the five gaps and the diagnosis in the terminal summary", () => {
    const out = tempFolder();
    const { code, stdout } = runCliTty(["demo", "--out", out, ...TIME]);
    expect(code).toBe(0);
    expect(stdout).toContain("Five gaps (negative = shortfall)");
    expect(stdout).toMatch(/Empathy \(Gap 5 −0\.94\) → standards/);
    expect(stdout).toMatch(/Reliability \(Gap 5 −1\.31\) → knowledge/);
    for (const line of stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe("servqual report with the five-gap options", () => {
  it("gives the demo's five-gap results from the same files", () => {
    const report = written(["report", data("demo-bank.csv"), ...ALL, ...TIME]);
    expect(report.code).toBe(0);
    expect(report.json.results.fiveGap).toEqual(demo.json.results.fiveGap);
  });

  it("takes any one input alone", () => {
    const alone = written([
      "report",
      data("demo-bank.csv"),
      "--standards",
      FILES.standards,
      ...TIME,
    ]);
    expect(alone.code).toBe(0);
    expect(alone.json.results.fiveGap.model.links.map((l) => l.cause)).toEqual(["standards"]);
    expect(alone.json.results.fiveGap.model.gaps.map((g) => g.present)).toEqual([
      false,
      true,
      false,
      false,
      true,
    ]);
  });

  it.each(Object.keys(FILES))("--%s with a missing file: exit 1, one line naming it", (option) => {
    const args = ALL.slice();
    const at = args.indexOf(`--${option}`);
    args[at + 1] = "/no/such/input.csv";
    const out = tempFolder();
    const { code, stderr } = runCli([
      "report",
      data("demo-bank.csv"),
      ...args,
      "--out",
      out,
      "--quiet",
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^servqual: --${option} /no/such/input\\.csv: .+\\n$`));
    expect(stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it.each([
    ["management", "respondent_id,E_1\nM1,nine\n", /: None of the 1 rows can be used/],
    ["standards", "attribute,dimension,formal\n,reliability,yes\n", /no usable standard/],
    ["records", "id,attribute,created\nT1,atm,2024-01-01T10:00\n", /no usable record/],
    [
      "promises",
      "attribute,metric,promised_level\nfirst-response,first-response,1\n",
      /no usable promise/,
    ],
    ["factors", "respondent_id,mro1\nS1,\n", /: None of the 1 rows can be used/],
  ])("--%s with no usable record: exit 1 and the reasons", (option, text, message) => {
    const folder = tempFolder();
    const bad = join(folder, "bad.csv");
    writeFileSync(bad, text);
    const args = ALL.slice();
    args[args.indexOf(`--${option}`) + 1] = bad;
    const { code, stderr } = runCli(
      ["report", data("demo-bank.csv"), ...args, "--out", folder, "--quiet"],
      folder,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).toContain(`--${option}`);
  });

  it("refuses a file without the required columns with exit 1", () => {
    const folder = tempFolder();
    const bad = join(folder, "standards.csv");
    writeFileSync(bad, "name,value\na,1\n");
    const { code, stderr } = runCli(
      ["report", data("demo-bank.csv"), "--standards", bad, "--out", folder, "--quiet"],
      folder,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^servqual: --standards .*standards\.csv: /);
  });

  it.each([
    [["--records", "r.csv"], /--records needs --standards/],
    [["--standards", "s.csv", "--promises", "p.csv"], /--promises needs --records/],
    [["--standards"], /--standards needs a value/],
  ])("usage errors exit 2: %s", (extra, message) => {
    const { code, stderr } = runCli(["report", "survey.csv", ...extra]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("the demo and validate do not take the options; --help lists them", () => {
    expect(runCli(["demo", "--standards", "s.csv"]).code).toBe(2);
    expect(runCli(["validate", "x.csv", "--records", "r.csv"]).code).toBe(2);
    const help = runCli(["report", "--help"]).stdout;
    for (const option of Object.keys(FILES)) expect(help).toContain(`--${option} FILE`);
  });
});

/** Runs the command as if standard output were a terminal (SERVQUAL_TTY=1, no colour). */
function runCliTty(args: readonly string[]) {
  const env = { ...process.env, SERVQUAL_TTY: "1", NO_COLOR: "1", COLUMNS: "100" };
  return runCliEnv(args, env);
}

function runCliEnv(args: readonly string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: "utf8",
    env,
    cwd: tempFolder(),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
