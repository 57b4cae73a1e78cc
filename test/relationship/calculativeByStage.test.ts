/**
 * The calculative commitment index by stage (`relationshipQuality(…).byStage[].calculative`,
 * shown by `servqual report --trust … --events …`): each respondent in their customer's stage in
 * the month they answered. The timeline is written by hand; the calculative index is
 * 100 · (answer − 1) / 6 of a respondent answering every calculative item with the same value.
 */
import { describe, expect, it } from "vitest";
import {
  relationshipQuality,
  type StageTimeline,
  validateRelationshipSurvey,
} from "../../src/index";

/** C1 moves exploration → expansion; C2 commitment → dissolution; C3 has no stage in January. */
const timeline = {
  kind: "stage-timeline",
  months: ["2025-01", "2025-02"],
  asOf: ["2025-01-31T23:59:59.999Z", "2025-02-28T23:59:59.999Z"],
  timeZone: "UTC",
  customers: [
    { customer: "C1", stages: ["exploration", "expansion"], confidence: [1, 1] },
    { customer: "C2", stages: ["commitment", "dissolution"], confidence: [1, 1] },
    { customer: "C3", stages: [null, "commitment"], confidence: [null, 1] },
    { customer: "C4", stages: ["commitment", "commitment"], confidence: [1, 1] },
  ],
  distribution: {
    awareness: [0, 0],
    exploration: [1, 0],
    expansion: [0, 1],
    commitment: [2, 2],
    dissolution: [0, 1],
  },
} as unknown as StageTimeline;

/** A respondent answering the trust, affective and calculative items: trust 4, calculative `x`. */
function row(id: string, date: string | undefined, x: number | string) {
  return {
    respondent_id: id,
    ...(date === undefined ? {} : { date }),
    tbe1: 4,
    tbe2: 4,
    tbe3: 4,
    caf1: 4,
    caf2: 4,
    caf3: 4,
    cca1: x,
    cca2: x,
    cca3: x,
  };
}

const options = { facets: ["benevolence", "affective", "calculative"] };

describe("relationshipQuality: calculative commitment by stage", () => {
  it("groups each respondent at the stage of their response month, as byStage does", () => {
    const { dataset } = validateRelationshipSurvey(
      [
        row("C1", "2025-02-10", 7), // expansion in February: 100
        row("C2", "2025-01-05", 1), // commitment in January: 0
        row("C4", "2025-02-20", 4), // commitment: 50
        row("C3", "2025-01-15", 7), // no stage in January: in no row
        row("C5", "2025-01-15", 7), // no events: in no row
        row("C1b", "2025-03-01", 7), // no events either
      ],
      options,
    );
    const quality = relationshipQuality(dataset, { stages: timeline });
    expect(quality.byStage?.map((s) => [s.stage, s.respondents, s.calculative])).toEqual([
      ["expansion", 1, { n: 1, mean: 100, sd: null }],
      ["commitment", 2, { n: 2, mean: 25, sd: Math.sqrt(1250) }],
    ]);
    // calculative is beside commitment, not in it: both commitment respondents have C = 50
    expect(quality.byStage?.[1]?.commitment.mean).toBe(50);
  });

  it("joins at the timeline's last month when the survey has no dates; unscored answers count in no mean", () => {
    const { dataset } = validateRelationshipSurvey(
      [row("C1", undefined, 7), row("C2", undefined, 1), row("C4", undefined, "")],
      options,
    );
    const quality = relationshipQuality(dataset, { stages: timeline });
    expect(quality.byStage?.map((s) => [s.stage, s.respondents, s.calculative])).toEqual([
      ["expansion", 1, { n: 1, mean: 100, sd: null }],
      ["commitment", 1, { n: 0, mean: null, sd: null }],
      ["dissolution", 1, { n: 1, mean: 0, sd: null }],
    ]);
  });
});
