/**
 * `--out` and `--force`: an --out that is a file or cannot be made is a usage error (exit 2)
 * found before the input is read; an existing report is never replaced silently.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempFolder } from "./runCli";

describe("servqual --out and --force", () => {
  it("makes a missing --out folder, nested, and writes both files", () => {
    const out = join(tempFolder(), "a", "b", "c");
    const { code, stderr } = runCli(["demo", "--out", out, "--quiet"]);
    expect(code).toBe(0);
    expect(stderr).toContain(join(out, "report.json"));
    expect(existsSync(join(out, "report.json"))).toBe(true);
    expect(existsSync(join(out, "report.md"))).toBe(true);
  });

  it("refuses an --out that is a file (exit 2) and leaves the file alone", () => {
    const dir = tempFolder();
    const file = join(dir, "notes.txt");
    writeFileSync(file, "keep me");
    const { code, stderr } = runCli(["demo", "--out", file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--out .*notes\.txt is a file, not a folder/);
    expect(readFileSync(file, "utf8")).toBe("keep me");
  });

  it("refuses an --out that cannot be made because a part of it is a file", () => {
    const dir = tempFolder();
    writeFileSync(join(dir, "notes.txt"), "keep me");
    const { code, stderr } = runCli(["demo", "--out", join(dir, "notes.txt", "reports")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot be made: .*notes\.txt is a file, not a folder/);
  });

  it("checks --out before reading the input: a bad --out wins over a missing file", () => {
    const dir = tempFolder();
    writeFileSync(join(dir, "f"), "");
    const { code, stderr } = runCli(["report", "/no/such/survey.csv", "--out", join(dir, "f")]);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(/does not exist/);
  });

  it("does not make --out when the input fails", () => {
    const out = join(tempFolder(), "reports");
    const { code } = runCli(["report", "/no/such/survey.csv", "--out", out]);
    expect(code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it.each(["report.json", "report.md"])(
    "refuses to replace an existing %s without --force (exit 2), keeping both files as they were",
    (name) => {
      const out = tempFolder();
      writeFileSync(join(out, name), "an earlier report");
      const { code, stderr, stdout } = runCli(["demo", "--out", out]);
      expect(code).toBe(2);
      expect(stderr).toContain(`${join(out, name)} already exists; add --force`);
      expect(stdout).toBe("");
      expect(readFileSync(join(out, name), "utf8")).toBe("an earlier report");
      const other = name === "report.json" ? "report.md" : "report.json";
      expect(existsSync(join(out, other))).toBe(false);
    },
  );

  it("replaces an existing report with --force", () => {
    const out = tempFolder();
    writeFileSync(join(out, "report.json"), "an earlier report");
    writeFileSync(join(out, "report.md"), "an earlier report");
    const { code } = runCli(["demo", "--out", out, "--force", "--quiet"]);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "report.json"), "utf8")).kind).toBe(
      "servqual-report-document",
    );
    expect(readFileSync(join(out, "report.md"), "utf8")).toMatch(/^# /);
  });

  it("a second run into the same folder is refused, a forced one succeeds", () => {
    const out = tempFolder();
    expect(runCli(["demo", "--quiet"], out).code).toBe(0);
    expect(runCli(["demo", "--quiet"], out).code).toBe(2);
    expect(runCli(["demo", "--quiet", "--force"], out).code).toBe(0);
  });

  it("refuses, even with --force, a report.json that is a folder", () => {
    const out = tempFolder();
    mkdirSync(join(out, "report.json"));
    const { code, stderr } = runCli(["demo", "--out", out, "--force"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/report\.json there is not a file/);
  });
});
