/**
 * renderJson: the document as JSON that parses back to an equal document (typed cells,
 * charts, results), byte-identical for the same document, with no NaN or Infinity (nulls
 * instead), for a hand-made document and for one laid out from a real small survey.
 */
import { describe, expect, it } from "vitest";
import { buildGapReport } from "../../src/report/buildGapReport";
import { renderJson } from "../../src/report/renderJson";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";
import { handMadeDocument } from "./handMadeDocument";

const { dataset, report } = validateResponses(
  [
    tinyRecord("r1", [5, 5, 5, 5, 5], [4, 6, 5, 5, 5]),
    tinyRecord("r2", [6, 6, 6, 6, 6], [4, 4, 6, 6, 3]),
    tinyRecord("r3", [4, 4, 4, 4, 4], [4, 5, 4, 4, 7]),
  ],
  tinyInstrument,
);

describe("renderJson", () => {
  it("round-trips the hand-made document", () => {
    const text = renderJson(handMadeDocument);
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual(handMadeDocument);
    expect(JSON.parse(text).sections[1].blocks[0].rows[1][1]).toEqual({
      kind: "number",
      value: null,
      decimals: 2,
    });
  });

  it("round-trips a laid-out gap report, results included, and is byte-identical on a second build", () => {
    const document = buildGapReport(dataset, report);
    const text = renderJson(document);
    expect(JSON.parse(text)).toEqual(document);
    expect(JSON.parse(text).results.gap5.items).toHaveLength(5);
    expect(renderJson(buildGapReport(dataset, report))).toBe(text);
    expect(text).not.toMatch(/NaN|Infinity/);
  });
});
