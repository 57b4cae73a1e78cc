/**
 * `servqual report --trust FILE --events FILE`: each respondent is joined to their customer's
 * stage in the month they answered (the survey's `date` column), as a user runs the built
 * command. Hand-made events whose stages follow from the documented rules (docs/relationship.md,
 * "Stages"): no purchase → awareness; a purchase → exploration (new customer, few purchases);
 * a cancellation with no purchase after it → dissolution.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoCsv, runCli, tempFolder } from "./runCli";

const ITEMS = ["tbe1", "tbe2", "tbe3", "caf1", "caf2", "caf3"];

const EVENTS = [
  "id,customer,timestamp,type",
  // C1: awareness in January and February, exploration from its first purchase in March
  "e1,C1,2025-01-05T10:00:00Z,campaign-exposure",
  "e2,C1,2025-03-10T10:00:00Z,first-purchase",
  // C2: exploration in January, dissolution from its cancellation in February
  "e3,C2,2025-01-05T10:00:00Z,first-purchase",
  "e4,C2,2025-02-10T10:00:00Z,cancellation",
  // C3, C4, C6, C7: awareness from January
  "e5,C3,2025-01-05T10:00:00Z,campaign-exposure",
  "e6,C4,2025-01-05T10:00:00Z,campaign-exposure",
  "e7,C6,2025-01-05T10:00:00Z,campaign-exposure",
  "e8,C7,2025-01-05T10:00:00Z,campaign-exposure",
].join("\n");

/** Survey lines: id, date, the answer given to every item. */
const SURVEY: [string, string, number][] = [
  ["C1", "2025-02-15", 4], // awareness in February (exploration in April, the last month)
  ["C2", "2025-03-20", 7], // dissolution
  ["C3", "2025-04-02", 1], // awareness
  ["C4", "2025-06-01", 5], // after the last month (2025-04): outside the timeline
  ["C5", "2025-03-01", 5], // no events
  ["C6", "", 5], // no response date
  ["C7", "2023-05-01", 5], // before the first month (2024-01, the first Gap 5 answer)
];

function files(withDate: boolean): { dir: string; events: string; trust: string } {
  const dir = tempFolder();
  const events = join(dir, "events.csv");
  const trust = join(dir, "trust.csv");
  writeFileSync(events, `${EVENTS}\n`);
  const header = withDate ? ["respondent_id", "date", ...ITEMS] : ["respondent_id", ...ITEMS];
  const lines = SURVEY.map(([id, date, x]) =>
    (withDate ? [id, date, ...ITEMS.map(() => x)] : [id, ...ITEMS.map(() => x)]).join(","),
  );
  writeFileSync(trust, `${[header.join(","), ...lines].join("\n")}\n`);
  return { dir, events, trust };
}

function run(withDate: boolean) {
  const { dir, events, trust } = files(withDate);
  const result = runCli(
    ["report", demoCsv, "--events", events, "--as-of", "2025-04-30", "--trust", trust],
    dir,
  );
  expect(result.code, result.stderr).toBe(0);
  const json = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
  const markdown = readFileSync(join(dir, "report.md"), "utf8");
  return { quality: json.results.trust.quality, markdown };
}

describe("servqual report --trust with --events: the stage of the month answered", () => {
  it("joins at the response month and counts who is left out", () => {
    const { quality, markdown } = run(true);
    const byStage = Object.fromEntries(
      quality.byStage.map((s: { stage: string; respondents: number; trust: { mean: number } }) => [
        s.stage,
        [s.respondents, s.trust.mean],
      ]),
    );
    // awareness: C1 (answers 4 → 50) and C3 (1 → 0); dissolution: C2 (7 → 100)
    expect(byStage).toEqual({ awareness: [2, 25], dissolution: [1, 100] });
    const j = quality.stageJoin;
    expect(j.at).toBe("response-month");
    expect(j.months).toEqual({ first: "2024-01", last: "2025-04" });
    expect(j.respondents).toBe(7);
    expect(j.joined).toBe(3);
    expect(j.leftOut).toEqual({
      "no-customer": 0,
      "respondent-without-events": 1,
      "no-stage": 0,
      undated: 1,
      "outside-timeline": 2,
    });
    expect(
      j.unjoined.map((u: { respondent: string; reason: string; sourceRow: number }) => [
        u.respondent,
        u.reason,
      ]),
    ).toEqual([
      ["C4", "outside-timeline"],
      ["C5", "respondent-without-events"],
      ["C6", "undated"],
      ["C7", "outside-timeline"],
    ]);
    expect(quality.warnings.map((w: { code: string }) => w.code)).toContain("outside-timeline");
    expect(markdown).toContain("in the month they answered (timeline 2024-01 – 2025-04)");
    expect(markdown).toContain("Respondents 7 = joined 3 + left out 4");
    expect(markdown).toContain("2 answered outside the timeline");
  });

  it("without a date column joins at the timeline's last month and says so", () => {
    const { quality, markdown } = run(false);
    const byStage = Object.fromEntries(
      quality.byStage.map((s: { stage: string; respondents: number }) => [s.stage, s.respondents]),
    );
    // April: C1 exploration; C2 dissolution; C3, C4, C6, C7 awareness; C5 has no events
    expect(byStage).toEqual({ awareness: 4, exploration: 1, dissolution: 1 });
    expect(quality.stageJoin.at).toBe("last-month");
    expect(quality.stageJoin.leftOut["respondent-without-events"]).toBe(1);
    expect(markdown).toContain("in the timeline's last month, 2025-04");
  });
});
