import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import {
  classifyStage,
  customerProfile,
  relationshipFeatures,
  validateEvents,
  validateRelationshipSurvey,
  validateResponses,
} from "../../src/index";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";
import { ev } from "./events";

const wave1 = validateResponses(
  [
    tinyRecord("c1", [5, 5, 6, 6, 6], [4, 4, 5, 5, 5], { date: "2024-01-10" }),
    tinyRecord("c2", [4, 4, 4, 4, 4], [4, 4, 4, 4, 4], { date: "2024-01-11" }),
  ],
  tinyInstrument,
).dataset;
const wave2 = validateResponses(
  [tinyRecord("c1", [6, 7, 6, 5, 4], [5, 5, 5, 5, 5], { date: "2024-06-10" })],
  tinyInstrument,
).dataset;
const trustSurvey = validateRelationshipSurvey(
  [{ respondent_id: "c1", tbe1: 7, tbe2: 7, tbe3: 7, caf1: 4, caf2: 4, caf3: 4, caf4: 4 }],
  { facets: ["benevolence", "affective"] },
).dataset;
const { events } = validateEvents([
  ev("c1", "2023-01-05", "first-purchase", { value: 100 }),
  ev("c1", "2024-03-05", "purchase", { value: 100 }),
  ev("c3", "2024-03-05", "inquiry"),
]);

/** The ServqualError code a call throws ("other" for another error, "none" when it returns). */
function code(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return error instanceof ServqualError ? error.code : "other";
  }
  return "none";
}

describe("customerProfile", () => {
  const card = customerProfile("c1", {
    events,
    asOf: "2024-12-31",
    surveys: [wave2, trustSurvey, wave1],
  });

  it("has the stage from the customer's features, and trust and commitment from the survey", () => {
    expect(card.features?.purchases).toBe(2);
    expect(card.stage?.customer).toBe("c1");
    expect(card.trust?.index).toBe(100);
    expect(card.commitment?.attitudinal).toBe(50);
    expect(card.relationshipAnswer).toEqual({ survey: 1, respondent: "c1", row: 1, date: null });
  });

  it("orders SERVQUAL answers by date: the latest Gap 5 answers and the change in E", () => {
    expect(card.gap5Answers.map((a) => [a.survey, a.date])).toEqual([
      [2, "2024-01-10T00:00:00.000Z"],
      [0, "2024-06-10T00:00:00.000Z"],
    ]);
    expect(card.lastGap5?.items.map((i) => i.gap)).toEqual([-1, -2, -1, 0, 1]);
    expect(card.lastGap5?.dimensions).toEqual([
      { dimension: "A", expectation: 6.5, perception: 5, gap: -1.5 },
      { dimension: "B", expectation: 5, perception: 5, gap: 0 },
    ]);
    expect(card.expectationChange?.dimensions).toEqual([
      { dimension: "A", before: 5, after: 6.5, change: 1.5 },
      { dimension: "B", before: 6, after: 5, change: -1 },
    ]);
  });

  it("works without events, and says what it cannot show", () => {
    const only = customerProfile("c2", { surveys: [wave1] });
    expect(only.stage).toBeNull();
    expect(only.expectationChange).toBeNull();
    expect(only.warnings.map((w) => w.code)).toEqual(["no-data", "too-few-values"]);
    const noSurvey = customerProfile("c3", { events, asOf: "2024-12-31" });
    expect(noSurvey.stage?.stage).toBe("awareness");
    expect(noSurvey.lastGap5).toBeNull();
  });

  it("a known customer with nothing up to the as-of date gets a card of warnings", () => {
    const early = customerProfile("c1", { events, asOf: "2022-01-01" });
    expect(early.features).toBeNull();
    expect(early.warnings.map((w) => w.code)).toEqual(["no-events", "no-data", "no-data"]);
  });

  it("an unknown customer is an invalid-input naming the closest id", () => {
    try {
      customerProfile("c9", { events, asOf: "2024-12-31", surveys: [wave1] });
      throw new Error("did not throw");
    } catch (error) {
      if (!(error instanceof ServqualError)) throw error;
      expect(error.code).toBe("invalid-input");
      expect(error.issues[0]?.code).toBe("unknown-customer");
      expect(error.issues[0]?.message).toContain("did you mean");
    }
  });

  it("rejects wrong calls", () => {
    expect(code(() => customerProfile("c1", {}))).toBe("invalid-argument");
    expect(code(() => customerProfile("", { surveys: [wave1] }))).toBe("invalid-argument");
    expect(code(() => customerProfile("c1", { events }))).toBe("invalid-options");
    expect(code(() => customerProfile("c1", { surveys: [{}] as never }))).toBe("invalid-argument");
  });
});

describe("customerProfile with feature options (as relationshipFeatures takes them)", () => {
  // Quarterly purchases of 100 from 2023-01-05 to 2024-10-05, then 10 on 2024-12-20, and two
  // complaints in November 2024. As of 2024-12-31, the default 180-day trend compares 210
  // (Jul 5, Oct 5, Dec 20) with 100 (Apr 5): growing, no decline. With trendDays 60 it compares
  // 10 (Dec 20) with 100 (Oct 5): −0.9, and with 2 complaints in the last 90 days that is the
  // decline evidence of dissolution. With complaintDays 30 as well, no complaint is recent.
  const quarters = ["2023-01-05", "2023-04-05", "2023-07-05", "2023-10-05", "2024-01-05"];
  const { events: declining } = validateEvents([
    ev("d1", quarters[0] as string, "first-purchase", { value: 100 }),
    ...quarters.slice(1).map((t) => ev("d1", t, "purchase", { value: 100 })),
    ...["2024-04-05", "2024-07-05", "2024-10-05"].map((t) =>
      ev("d1", t, "purchase", { value: 100 }),
    ),
    ev("d1", "2024-12-20", "purchase", { value: 10 }),
    ev("d1", "2024-11-01", "complaint"),
    ev("d1", "2024-11-10", "complaint"),
  ]);
  const asOf = "2024-12-31";
  const viaFeatures = (options: Record<string, unknown>) => {
    const [f] = relationshipFeatures(declining, { asOf, ...options }).customers;
    return f === undefined ? null : classifyStage(f);
  };

  it("a custom trend window changes the card's stage as it changes relationshipFeatures + classifyStage", () => {
    const plain = customerProfile("d1", { events: declining, asOf });
    expect(plain.stage?.stage).toBe("expansion");
    expect(plain.features?.valueTrend.change).toBeCloseTo(1.1, 12);
    const short = customerProfile("d1", { events: declining, asOf, trendDays: 60 });
    expect(short.features?.valueTrend).toEqual({
      days: 60,
      recent: 10,
      earlier: 100,
      change: -0.9,
    });
    expect(short.stage?.stage).toBe("dissolution");
    expect(short.features).toEqual(
      relationshipFeatures(declining, { asOf, trendDays: 60 }).customers[0],
    );
    expect(short.stage).toEqual(viaFeatures({ trendDays: 60 }));
    const both = customerProfile("d1", {
      events: declining,
      asOf,
      trendDays: 60,
      complaintDays: 30,
    });
    expect(both.features?.complaints.recent).toBe(0);
    expect(short.features?.complaints.recent).toBe(2);
    expect(both.stage?.stage).not.toBe("dissolution");
    expect(both.stage).toEqual(viaFeatures({ trendDays: 60, complaintDays: 30 }));
  });

  it("checks feature options as relationshipFeatures does, and only with events", () => {
    expect(code(() => customerProfile("d1", { events: declining, asOf, trendDays: 0 }))).toBe(
      "invalid-options",
    );
    expect(code(() => relationshipFeatures(declining, { asOf, trendDays: 0 }))).toBe(
      "invalid-options",
    );
    expect(
      code(() => customerProfile("d1", { events: declining, asOf, timeZone: "Mars/Olympus" })),
    ).toBe("invalid-options");
    expect(code(() => customerProfile("c2", { surveys: [wave1], windows: [30] }))).toBe(
      "invalid-argument",
    );
    expect(
      code(() => customerProfile("d1", { events: declining, asOf, window: [30] } as never)),
    ).toBe("invalid-options");
  });
});
