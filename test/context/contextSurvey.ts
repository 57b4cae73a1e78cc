/**
 * Random surveys on the tiny instrument with dates and segments, for the period and segment
 * tests: answers 1..7 with some blanks, dates over two years (some blank or unparseable),
 * regions and channels (some blank).
 */
import fc from "fast-check";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

const answer = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 1, max: 7 }) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const answers = fc.array(answer, { minLength: 5, maxLength: 5 });

export const surveyRecord = fc.record({
  e: answers,
  p: answers,
  day: fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max: 729 }) },
    { weight: 1, arbitrary: fc.constant(-1) }, // blank
    { weight: 1, arbitrary: fc.constant(-2) }, // not a date
  ),
  hour: fc.integer({ min: 0, max: 23 }),
  region: fc.constantFrom("North", "South", "East", ""),
  channel: fc.constantFrom("phone", "web"),
});

export type SurveyRecord = typeof surveyRecord extends fc.Arbitrary<infer T> ? T : never;

/** A dataset of the records (rows without any answer pair are excluded by validation). */
export function surveyDataset(records: readonly SurveyRecord[]) {
  const rows = records.map((r, i) => {
    const date =
      r.day === -1
        ? ""
        : r.day === -2
          ? "soon"
          : new Date(Date.UTC(2023, 0, 1 + r.day, r.hour, 30)).toISOString();
    return tinyRecord(`r${i}`, r.e, r.p, { date, region: r.region, channel: r.channel });
  });
  return validateResponses(rows, tinyInstrument, {
    columns: { segments: ["region", "channel"] },
  });
}
