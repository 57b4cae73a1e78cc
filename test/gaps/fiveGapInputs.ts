/**
 * The tiny hand-worked inputs of the five-gap tests (fiveGapModel.test.ts, crmGapViews.test.ts):
 * four customers on the tiny instrument (Gap 5), the R-checked Gap 1 fixture
 * (test/fixtures/gap1), two standards sets with one resolution standard "fixA" (≤ 24 h, target
 * share 0.9), ten records that each take 48 h (Gap 3) and a 24 h promise on fixA (Gap 4). The
 * worked values are in the header of fiveGapModel.test.ts.
 */
import { readFileSync } from "node:fs";
import { gap1 } from "../../src/gaps/gap1";
import { gap3 } from "../../src/gaps/gap3";
import { gap4 } from "../../src/gaps/gap4";
import { gap5 } from "../../src/gaps/gap5";
import { validateDeliveryRecords } from "../../src/operations/deliveryRecords";
import { validatePromises } from "../../src/operations/promises";
import { validateStandards } from "../../src/operations/standards";
import { validateManagementSurvey } from "../../src/responses/validateManagementSurvey";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "./tinySurvey";

export const survey = validateResponses(
  [
    tinyRecord("r1", [7, 7, 5, 5, 5], [5, 4, 6, 5, 5]),
    tinyRecord("r2", [7, 7, 5, 5, 5], [5, 5, 5, 5, 5]),
    tinyRecord("r3", [7, 7, 5, 5, 5], [4, 4, 4, 5, 5]),
    tinyRecord("r4", [7, 7, 5, 5, 5], [5, 4, 5, 5, 5]),
  ],
  tinyInstrument,
).dataset;
export const g5 = gap5(survey, { reliability: false });

const folder = new URL("../fixtures/gap1/", import.meta.url);
function readCsv(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(new URL(name, folder), "utf8").trim().split("\n");
  const header = (head as string).split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(header.map((h, c) => [h, cells[c] ?? ""]));
  });
}
export const g1 = gap1(
  validateResponses(readCsv("customers.csv"), tinyInstrument).dataset,
  validateManagementSurvey(readCsv("managers.csv"), tinyInstrument),
);

export const fixA = {
  id: "fixA",
  attribute: "fixA",
  item: "a1",
  dimension: "A",
  formal: true,
  metric: "resolution",
  target: 24,
  unit: "hours",
  direction: "lower",
  targetShare: 0.9,
};
export const b1 = {
  id: "b1",
  attribute: "b1",
  item: "b1",
  dimension: "B",
  formal: true,
  scaleTarget: 6,
};
export const withMissingA = validateStandards([
  fixA,
  { id: "a2", attribute: "a2", item: "a2", dimension: "A", formal: false },
  b1,
]);
export const asOf = "2024-04-30T00:00:00Z";
const day = (d: number, hour: number) =>
  `2024-03-${String(d + Math.floor(hour / 24)).padStart(2, "0")}T${String(hour % 24).padStart(2, "0")}:00:00Z`;
export const recordsTaking = (hours: readonly number[]) =>
  validateDeliveryRecords(
    hours.map((h, i) => ({
      id: `f${i + 1}`,
      attribute: "fixA",
      created: day(i + 1, 0),
      resolved: day(i + 1, h),
    })),
    { standards: withMissingA, asOf },
  );
export const slow = recordsTaking(new Array(10).fill(48));
export const promise = (level: number) =>
  validatePromises([
    {
      id: "p-fixA",
      attribute: "fixA",
      metric: "resolution",
      unit: "hours",
      direction: "lower",
      promisedLevel: level,
      from: "2024-03-01",
      to: "2024-03-31",
    },
  ]);
export const g3 = gap3(slow, withMissingA);
export const g4 = gap4(promise(24), slow, { standards: withMissingA });
