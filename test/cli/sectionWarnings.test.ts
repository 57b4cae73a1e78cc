/**
 * Every section's warnings are counted in report.json's warningCounts, listed in the Markdown
 * Warnings section and shown in the terminal summary (built command; run `npm run build` first).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, demoCsv, runCli, tempFolder } from "./runCli";

type Notice = { code: string; message: string };

function tally(notices: readonly Notice[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const n of notices) counts[n.code] = (counts[n.code] ?? 0) + 1;
  return counts;
}

function reportJson(folder: string) {
  return JSON.parse(readFileSync(join(folder, "report.json"), "utf8")).results;
}

describe("warnings of the further sections", () => {
  it("counts recovery and comment warnings in warningCounts and the terminal summary", () => {
    const inputs = tempFolder();
    // Two complaints: too few for a rank correlation or the logistic model (warnings).
    const complaints = join(inputs, "complaints.csv");
    writeFileSync(
      complaints,
      [
        "id,customer_id,channel,opened,escalations,resolved,outcome,satisfaction_before,satisfaction,stayed",
        "C1,R0001,sms,2024-06-09T15:32:00Z,,2024-06-10T05:28:00Z,upheld,1,5,yes",
        "C2,R0002,phone,2024-04-15T10:36:00Z,,2024-04-16T03:07:00Z,upheld,1,4,yes",
        "",
      ].join("\n"),
    );
    // An empty comment file: the comment section warns that there is nothing to analyse.
    const comments = join(inputs, "comments.csv");
    writeFileSync(comments, "respondent_id,date,region,comment\n");

    const plain = tempFolder();
    expect(runCli(["report", demoCsv, "--out", plain, "--format", "json", "--quiet"]).code).toBe(0);
    const withSections = tempFolder();
    const run = runCli(
      [
        "report",
        demoCsv,
        "--complaints",
        complaints,
        "--comments",
        comments,
        "--out",
        withSections,
        "--format",
        "md,json",
      ],
      inputs,
    );
    // stdout is not a terminal here; the terminal summary is checked below
    expect(run.code).toBe(0);
    const before = reportJson(plain);
    const after = reportJson(withSections);
    const added: Notice[] = [...after.recovery.warnings, ...after.comments.warnings];
    // the runs differ only by the two sections: the counts differ by exactly their warnings
    expect(added.map((w) => w.code)).toEqual(
      expect.arrayContaining(["too-few-values", "separation", "no-comments"]),
    );
    const expected: Record<string, number> = { ...before.warningCounts };
    for (const [code, n] of Object.entries(tally(added)))
      expected[code] = (expected[code] ?? 0) + n;
    expect(after.warningCounts).toEqual(expected);
    // and the Markdown lists them under Warnings
    const md = readFileSync(join(withSections, "report.md"), "utf8");
    const warnings = md.slice(md.indexOf("## Warnings"));
    for (const w of added) expect(warnings).toContain(w.message);

    // The terminal summary (SERVQUAL_TTY=1 through the environment of a second run).
    const tty = runCliTty([
      "report",
      demoCsv,
      "--complaints",
      complaints,
      "--comments",
      comments,
      "--out",
      tempFolder(),
      "--format",
      "json",
    ]);
    expect(tty.code).toBe(0);
    const total = Object.values(after.warningCounts as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    const kinds = Object.keys(after.warningCounts).length;
    expect(tty.stdout).toContain(`Warnings (${total}, ${kinds} kinds)`);
    expect(tty.stdout).toContain("separation ×1");
    expect(tty.stdout).toContain("no-comments ×1");
  });

  it("counts the context warnings of servqual demo (small cells) as the summary shows them", () => {
    const out = tempFolder();
    const run = runCliTty(["demo", "--out", out, "--format", "json"]);
    expect(run.code).toBe(0);
    const results = reportJson(out);
    const context = results.context;
    const segmentNotices: Notice[] = [context.segments, ...(context.segmentComparisons ?? [])]
      .filter((c) => c != null)
      .flatMap((c: { warnings: Notice[]; comparisons: { warnings: Notice[] }[] }) => [
        ...c.warnings,
        ...c.comparisons.flatMap((d) => d.warnings),
      ]);
    const contextNotices: Notice[] = [
      ...(context.byPeriod?.warnings ?? []),
      ...(context.seasons?.warnings ?? []),
      ...segmentNotices,
      ...(context.events?.warnings ?? []),
      ...(context.allocation?.warnings ?? []),
    ];
    const smallCells = contextNotices.filter((w) => w.code === "small-cell").length;
    // the demo plants segment labels with one respondent: small cells must be counted
    expect(smallCells).toBeGreaterThan(0);
    expect(results.warningCounts["small-cell"]).toBe(smallCells);
    expect(run.stdout).toContain(`small-cell ×${smallCells}`);
  });
});

/** The built command with its standard output taken as a terminal (SERVQUAL_TTY=1). */
function runCliTty(args: readonly string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: "utf8",
    cwd: tempFolder(),
    env: { ...process.env, SERVQUAL_TTY: "1", NO_COLOR: "1", COLUMNS: "100" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
