/**
 * Trust by stage joined at the month each respondent answered: `relationshipQuality` with a stage
 * timeline in `stages`. The timeline is written by hand (plain data), so each respondent's stage
 * and the means per stage follow from the table below; the indices are 100 · (answer − 1) / 6.
 */
import { describe, expect, it } from "vitest";
import {
  relationshipQuality,
  type StageTimeline,
  validateRelationshipSurvey,
} from "../../src/index";

/** Three months; C1 moves awareness → exploration → expansion, C2 has no stage in January. */
const timeline = {
  kind: "stage-timeline",
  months: ["2025-01", "2025-02", "2025-03"],
  asOf: ["2025-01-31T23:59:59.999Z", "2025-02-28T23:59:59.999Z", "2025-03-31T23:59:59.999Z"],
  timeZone: "UTC",
  customers: [
    { customer: "C1", stages: ["awareness", "exploration", "expansion"], confidence: [1, 1, 1] },
    { customer: "C2", stages: [null, "commitment", "dissolution"], confidence: [null, 1, 1] },
    { customer: "C3", stages: ["commitment", "commitment", "commitment"], confidence: [1, 1, 1] },
  ],
  distribution: {
    awareness: [1, 0, 0],
    exploration: [0, 1, 0],
    expansion: [0, 0, 1],
    commitment: [1, 2, 1],
    dissolution: [0, 0, 1],
  },
} as unknown as StageTimeline;

/** A respondent answering every trust and commitment item of two short facets with `x`. */
function row(id: string, date: string | undefined, x: number): Record<string, string | number> {
  const answers = { tbe1: x, tbe2: x, tbe3: x, caf1: x, caf2: x, caf3: x };
  return date === undefined
    ? { respondent_id: id, ...answers }
    : { respondent_id: id, date, ...answers };
}

const options = { facets: ["benevolence", "affective"] };

describe("relationshipQuality with a stage timeline", () => {
  const { dataset } = validateRelationshipSurvey(
    [
      row("C1", "2025-02-10", 4), // exploration in February (expansion in the last month)
      row("C2", "2025-03-05", 7), // dissolution in March
      row("C3", "2025-01-20", 1), // commitment
      row("C4", "2025-02-01", 5), // no customer C4 in the timeline
      row("C2x", "2025-01-15", 6), // unknown id, left out before its date is read
    ],
    options,
  );

  it("joins each respondent at their response month and counts the rest by reason", () => {
    const q = relationshipQuality(dataset, { stages: timeline });
    const trustOf = (stage: string) => q.byStage?.find((s) => s.stage === stage)?.trust.mean;
    expect(q.byStage?.map((s) => [s.stage, s.respondents])).toEqual([
      ["exploration", 1],
      ["commitment", 1],
      ["dissolution", 1],
    ]);
    expect(trustOf("exploration")).toBeCloseTo(50, 10); // answer 4
    expect(trustOf("dissolution")).toBeCloseTo(100, 10); // answer 7
    expect(trustOf("commitment")).toBeCloseTo(0, 10); // answer 1
    expect(q.stageJoin).toMatchObject({
      source: "timeline",
      at: "response-month",
      months: { first: "2025-01", last: "2025-03" },
      respondents: 5,
      joined: 3,
    });
    expect(q.stageJoin?.leftOut["respondent-without-events"]).toBe(2);
    expect(q.withoutStage).toBe(2);
    expect(q.stageJoin?.unjoined.map((u) => [u.respondent, u.reason])).toEqual([
      ["C4", "respondent-without-events"],
      ["C2x", "respondent-without-events"],
    ]);
  });

  it("`at: last-month` joins everyone at the timeline's last month", () => {
    const q = relationshipQuality(dataset, { stages: timeline, at: "last-month" });
    expect(q.byStage?.map((s) => [s.stage, s.respondents])).toEqual([
      ["expansion", 1],
      ["commitment", 1],
      ["dissolution", 1],
    ]);
    expect(q.stageJoin?.at).toBe("last-month");
  });

  it("leaves out respondents dated outside the timeline, undated, or with no stage that month", () => {
    const { dataset: d } = validateRelationshipSurvey(
      [
        row("C1", "2024-12-31", 4), // before the first month
        row("C3", "2025-04-01", 4), // after the last month
        row("C2", "2025-01-09", 4), // C2 has no stage in January
        { respondent_id: "X", date: "", tbe1: 4, tbe2: 4, caf1: 4, caf2: 4 },
      ],
      options,
    );
    const stages = {
      ...timeline,
      customers: [
        ...timeline.customers,
        { customer: "X", stages: ["awareness", "awareness", "awareness"], confidence: [1, 1, 1] },
      ],
    } as unknown as StageTimeline;
    const q = relationshipQuality(d, { stages });
    expect(q.byStage).toEqual([]);
    expect(q.stageJoin?.leftOut).toEqual({
      "no-customer": 0,
      "respondent-without-events": 0,
      "no-stage": 1,
      undated: 1,
      "outside-timeline": 2,
    });
    expect(q.stageJoin?.joined).toBe(0);
    expect(q.stageJoin?.respondents).toBe(4);
    const codes = q.warnings.map((w) => w.code);
    expect(codes).toContain("outside-timeline");
    expect(codes).toContain("undated");
    expect(codes).toContain("no-stage");
    expect(q.warnings.find((w) => w.code === "outside-timeline")?.message).toContain(
      "2025-01 – 2025-03",
    );
  });

  it("without a date column joins at the last month", () => {
    const { dataset: d } = validateRelationshipSurvey([row("C1", undefined, 4)], options);
    expect(d.dates).toBeNull();
    const q = relationshipQuality(d, { stages: timeline });
    expect(q.stageJoin?.at).toBe("last-month");
    expect(q.byStage?.map((s) => s.stage)).toEqual(["expansion"]);
  });

  it("respondents = joined + left out, and one stage per customer still works", () => {
    const q = relationshipQuality(dataset, { stages: { C1: "commitment", C3: "awareness" } });
    expect(q.stageJoin?.source).toBe("stages");
    expect(q.stageJoin?.at).toBeNull();
    const j = q.stageJoin;
    const left = Object.values(j?.leftOut ?? {}).reduce((s, n) => s + n, 0);
    expect((j?.joined ?? 0) + left).toBe(j?.respondents);
    expect(j?.leftOut["no-stage"]).toBe(3);
  });

  it("rejects `at` without a timeline and an unknown `at`", () => {
    expect(() => relationshipQuality(dataset, { at: "last-month" })).toThrow(/at/);
    expect(() =>
      relationshipQuality(dataset, { stages: { C1: "commitment" }, at: "last-month" }),
    ).toThrow(/invalid|at/);
    expect(() =>
      relationshipQuality(dataset, { stages: timeline, at: "first-month" as never }),
    ).toThrow(/at/);
  });
});
