/**
 * The progress bar: drawn on a terminal's standard error only, after the delay, redrawn in
 * place and erased at the end; never on a pipe or with --quiet. The bar module is tested with
 * a stand-in stream and clock; the command is run in a pseudo-terminal with util-linux
 * `script` (skipped where it is missing) and with piped standard error.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { progressBar, progressLine } from "../../src/cli/progress";
import type { CsvProgress } from "../../src/io/csvProgress";
import { cli, tempFolder } from "./runCli";

const CLEAR = "\r\x1b[2K";
const at = (bytes: number, totalBytes: number | null, rows: number, done = false): CsvProgress => ({
  bytes,
  totalBytes,
  rows,
  done,
});

function fakeStream(isTTY: boolean, columns = 80) {
  const written: string[] = [];
  return { written, stream: { isTTY, columns, write: (text: string) => written.push(text) } };
}

describe("progressLine", () => {
  it("shows the bar, the share of bytes, the megabytes and the rows", () => {
    // 22 of 88 MB = 25%: 5 of 20 cells.
    expect(progressLine("survey.csv", at(22e6, 88e6, 250_000), 100)).toBe(
      "reading survey.csv [#####...............]  25%  22.0 of 88.0 MB, 250,000 rows",
    );
  });
  it("without a size (a pipe): megabytes and rows only", () => {
    expect(progressLine("-", at(1.5e6, null, 12), 100)).toBe("reading -  1.5 MB, 12 rows");
  });
  it("never exceeds the width: a long name is shortened from the left", () => {
    const name = `${"very-long-folder-name/".repeat(5)}survey.csv`;
    const line = progressLine(name, at(1, 2, 3), 79);
    expect(line.length).toBeLessThanOrEqual(79);
    expect(line).toContain("…");
    expect(line).toContain("survey.csv [##########..........]  50%");
    // Narrower: the megabytes go first, then the bar; the rows stay.
    const narrow = progressLine("survey.csv", at(1, 2, 3), 56);
    expect(narrow).toBe("reading survey.csv [##########..........]  50%, 3 rows");
    for (const width of [20, 30, 40, 60]) {
      expect(progressLine(name, at(1, 2, 3), width).length).toBeLessThanOrEqual(width);
    }
  });
});

describe("progressBar", () => {
  it("draws nothing before the delay, then redraws in place and erases at the end", () => {
    let now = 0;
    const { written, stream } = fakeStream(true);
    const bar = progressBar({ stream, label: "s.csv", afterMs: 1000, now: () => now });
    now = 500;
    bar.onProgress(at(10, 100, 1));
    expect(written).toEqual([]);
    now = 1200;
    bar.onProgress(at(50, 100, 5));
    now = 1300;
    bar.onProgress(at(100, 100, 9, true)); // the last report: not drawn, done() erases
    bar.done();
    expect(written).toHaveLength(2);
    expect(written[0]?.startsWith(CLEAR)).toBe(true);
    expect(written[0]).toContain(" 50%");
    expect(written[0]?.length).toBeLessThanOrEqual(CLEAR.length + 79);
    expect(written[1]).toBe(CLEAR);
  });
  it("writes nothing at all when the stream is not a terminal", () => {
    const { written, stream } = fakeStream(false);
    const bar = progressBar({ stream, label: "s.csv", afterMs: 0, now: () => 5000 });
    bar.onProgress(at(50, 100, 5));
    bar.done();
    expect(written).toEqual([]);
  });
  it("a read shorter than the delay leaves nothing to erase", () => {
    const { written, stream } = fakeStream(true);
    const bar = progressBar({ stream, label: "s.csv", afterMs: 1000, now: () => 0 });
    bar.onProgress(at(50, 100, 5));
    bar.done();
    expect(written).toEqual([]);
  });
});

/** A SERVQUAL-22 file of 30,000 rows (about 2.6 MB: three 1 MiB reads). */
function surveyFile(folder: string): string {
  const path = join(folder, "big.csv");
  const header = [
    ...Array.from({ length: 22 }, (_, i) => `E_${i + 1}`),
    ...Array.from({ length: 22 }, (_, i) => `P_${i + 1}`),
  ].join(",");
  const lines = [header];
  for (let r = 0; r < 30_000; r++) {
    lines.push(Array.from({ length: 44 }, (_, c) => 1 + ((r * 5 + c) % 7)).join(","));
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const SCRIPT = "/usr/bin/script";
const env = { ...process.env, SERVQUAL_PROGRESS_AFTER_MS: "0", NO_COLOR: "1" };

describe("the command's progress bar", () => {
  const folder = tempFolder();
  const file = surveyFile(folder);

  it.skipIf(!existsSync(SCRIPT))("shows on a terminal and is erased at the end", () => {
    const command = `${process.execPath} ${cli} report ${file} --format md --out ${join(folder, "tty")}`;
    const run = spawnSync(SCRIPT, ["-qec", command, "/dev/null"], { encoding: "utf8", env });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${CLEAR}reading big.csv [`);
    // Erased before the summary: the last bar is followed by an erase of its line.
    const lastBar = run.stdout.lastIndexOf("reading big.csv [");
    expect(run.stdout.indexOf(CLEAR, lastBar)).toBeGreaterThan(lastBar);
    expect(run.stdout).toContain("Full reports:");
  });

  it.skipIf(!existsSync(SCRIPT))("not with --quiet", () => {
    const command = `${process.execPath} ${cli} report ${file} --format md --out ${join(folder, "quiet")} --quiet`;
    const run = spawnSync(SCRIPT, ["-qec", command, "/dev/null"], { encoding: "utf8", env });
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("reading big.csv");
  });

  it("never on a piped standard error", () => {
    const run = spawnSync(
      process.execPath,
      [cli, "report", file, "--format", "md", "--out", join(folder, "piped")],
      { encoding: "utf8", env },
    );
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain("reading");
    expect(run.stderr).not.toContain("\x1b");
    expect(run.stderr).toContain("Wrote");
  });
});
