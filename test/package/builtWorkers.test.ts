/**
 * The built package reads large files on two threads from both of its module formats: the
 * worker entries are found beside the reading modules from `import.meta.url` (ES modules) and
 * from `__dirname` (CommonJS, where `import.meta.url` is empty). Runs the built dist/ in a
 * child process, as a user's program would.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoFile } from "../io/csvFixtures";

const scratch = mkdtempSync(join(tmpdir(), "servqual-built-workers-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// more than the 8 MiB from which the readers split the file between threads
const RESPONSE_ROWS = 110_000;
const EVENT_ROWS = 160_000;

function responsesFile(): string {
  const names = [
    ...Array.from({ length: 22 }, (_, i) => `E_${i + 1}`),
    ...Array.from({ length: 22 }, (_, i) => `P_${i + 1}`),
  ];
  const lines = [names.join(",")];
  for (let r = 0; r < RESPONSE_ROWS; r++) {
    lines.push(names.map((_, c) => String(1 + ((r + c) % 7))).join(","));
  }
  const file = join(scratch, "responses.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

function eventsFile(): string {
  const lines = ["id,customer,timestamp,type,value,currency,product,channel,initiator"];
  for (let r = 0; r < EVENT_ROWS; r++) {
    const day = String(1 + (r % 28)).padStart(2, "0");
    lines.push(
      `E${r},C${r % 997},2024-03-${day}T10:00:00Z,purchase,${(r % 50) + 1},EUR,current-account,branch,customer`,
    );
  }
  const file = join(scratch, "events.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

const program = (load: string, responses: string, events: string) => `
${load}
(async () => {
  const read = await s.readResponsesCsv(${JSON.stringify(responses)}, s.instruments.servqual22, { threads: 2 });
  const ev = await s.readEventsCsv(${JSON.stringify(events)}, { threads: 2, asOf: "2025-01-01T00:00:00Z" });
  console.log(JSON.stringify({ rows: read.dataset.rowCount ?? read.report.rowsUsed, rowsIn: read.report.rowsIn, eventsIn: ev.report.eventsIn, eventsUsed: ev.report.eventsUsed }));
})().catch((error) => { console.error(error && error.message); process.exit(1); });
`;

describe("the built package reads large files on two threads", () => {
  const responses = responsesFile();
  const events = eventsFile();
  it.each([
    ["CommonJS", "cjs", `const s = require(${JSON.stringify(repoFile("dist/node.cjs"))});`],
    ["ES modules", "mjs", `const s = await import(${JSON.stringify(repoFile("dist/node.js"))});`],
  ])("from %s", (_format, extension, load) => {
    const script = join(scratch, `read.${extension}`);
    // top-level await is only for the ES module program
    writeFileSync(
      script,
      extension === "cjs"
        ? program(load, responses, events)
        : program("", responses, events).replace("(async () => {", `(async () => {\n${load}`),
    );
    const run = spawnSync(process.execPath, [script], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const counts = JSON.parse(run.stdout) as Record<string, number>;
    expect(counts.rowsIn).toBe(RESPONSE_ROWS);
    expect(counts.eventsIn).toBe(EVENT_ROWS);
    expect(counts.eventsUsed).toBe(EVENT_ROWS);
  });
});
