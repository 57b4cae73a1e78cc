/**
 * Gap 5 accumulators: chunks merged in any split equal one pass (gap5 of the whole dataset), in
 * every numeric field.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gap5 } from "../../src/gaps/gap5";
import {
  accumulateGap5,
  createGap5Accumulator,
  finishGap5,
  mergeGap5Accumulators,
} from "../../src/gaps/gap5Accumulator";
import { instruments } from "../../src/instrument/instruments";
import { readResponsesCsvText } from "../../src/io/parseResponsesCsv";
import { repoFile } from "../io/csvFixtures";

function numbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === "number") out.push(value);
  else if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value).sort())
      numbers((value as Record<string, unknown>)[key], out);
  }
  return out;
}

describe("Gap 5 accumulators", () => {
  const text = readFileSync(repoFile("data/demo-bank.csv"), "utf8");
  const [header, ...lines] = text.trimEnd().split("\n");
  const whole = readResponsesCsvText(text, instruments.servqual22).dataset;
  const expected = gap5(whole);

  // Splits that keep the demo's two R0205 rows (lines 206 and 491) in one chunk, so that both
  // chunks together hold the same respondents as the whole file.
  it.each([1, 150, 500, 599])(
    "two chunks split after row %i merge into the one-pass result",
    (at) => {
      const part = (rows: string[]) =>
        readResponsesCsvText(`${header}\n${rows.join("\n")}\n`, instruments.servqual22).dataset;
      const first = part(lines.slice(0, at));
      const second = part(lines.slice(at));
      expect(first.n + second.n).toBe(whole.n);
      const accumulate = (dataset: typeof whole) =>
        accumulateGap5(createGap5Accumulator(dataset.instrument, dataset.missingPolicy), dataset);
      const merged = finishGap5(mergeGap5Accumulators(accumulate(first), accumulate(second)));
      const a = numbers(expected);
      const b = numbers(merged);
      expect(b).toHaveLength(a.length);
      const worst = Math.max(
        ...a.map((x, i) => Math.abs(x - (b[i] as number)) / Math.max(1, Math.abs(x))),
      );
      expect(worst).toBeLessThanOrEqual(1e-12);
      expect(merged.respondents).toBe(expected.respondents);
    },
  );

  it("finishes without reliability when the item sums were not kept", () => {
    const acc = accumulateGap5(
      createGap5Accumulator(whole.instrument, whole.missingPolicy, false),
      whole,
    );
    expect(finishGap5(acc).reliability).toBeNull();
    expect(finishGap5(acc).dimensions).toEqual(expected.dimensions);
  });
});
