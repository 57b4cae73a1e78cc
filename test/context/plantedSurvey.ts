import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

/**
 * A planted survey: 40 respondents a month from January 2023 to December 2024 in two regions.
 * In the North the perception of dimension A falls by 0.1 a month; expectations of item b1 rise
 * by one point every 6 months everywhere; everything else is stationary noise.
 */
export function planted() {
  return plantedValidated().dataset;
}

/** The planted survey with its validation report. */
export function plantedValidated() {
  const rows: Record<string, unknown>[] = [];
  let seed = 7;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 16) % 3; // 0, 1, 2
  };
  for (let month = 0; month < 24; month++) {
    for (let k = 0; k < 40; k++) {
      const region = k % 2 === 0 ? "North" : "South";
      const drop = region === "North" ? Math.floor((month * 0.1 + (k % 4) * 0.25) * 1) : 0;
      const pA = Math.max(1, 6 - drop - noise());
      const eB1 = Math.min(7, 2 + Math.floor(month / 6) + (noise() === 0 ? 1 : 0));
      const e = [5, 5, eB1, 5, 5];
      const p = [pA, Math.max(1, 6 - drop - noise()), 4 + noise(), 4 + noise(), 4 + noise()];
      const day = 1 + ((k * 7) % 27);
      const date = new Date(Date.UTC(2023, month, day, 12)).toISOString();
      rows.push(tinyRecord(`m${month}k${k}`, e, p, { date, region }));
    }
  }
  return validateResponses(rows, tinyInstrument, { columns: { segments: ["region"] } });
}
