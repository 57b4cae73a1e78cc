import { ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";

/**
 * The most steps a scale may have in the staged form: each answer cell is stored as f + 32 in
 * ⌈log₂(33 + S)⌉ bits of a 31-bit `INTEGER` column (f the step index 0…S, or a fault code
 * −32…−1), so 33 + S ≤ 2³¹, S ≤ 2³¹ − 33.
 */
export const MAX_STAGED_STEPS = 2 ** 31 - 33;

/**
 * Refuses, when the statements are written, an instrument whose scale has more steps than the
 * staged form's packed cells hold. The staged table keeps one small integer per answer cell:
 * the step index round((x − min)/step), 0…S with S = (max − min)/step the scale's step count,
 * or a negative fault code −32…−1; shifted by 32 it is packed into ⌈log₂(33 + S)⌉ bits of a
 * 31-bit `INTEGER` column, which needs 33 + S ≤ 2³¹ (a 1–7 scale has 6 steps, a 0–100 slider in
 * steps of 0.005 has 20,000). Gaps are computed from the unpacked steps as `DOUBLE`, so they
 * add no bound of their own. A finer scale would overflow the engine's `INTEGER` cast, so it is
 * refused here with a clear error instead.
 *
 * @internal
 * @param fn - The public function, named in the error.
 * @param instrument - A checked instrument.
 * @throws {ServqualError} `unsupported` with an issue `too-many-scale-steps`.
 * @example
 * checkStagedScale("gapSql", instruments.servqual22); // 6 steps: fine
 */
export function checkStagedScale(fn: string, instrument: Instrument): void {
  const { min, max, step } = instrument.scale;
  const steps = Math.round((max - min) / step);
  if (steps <= MAX_STAGED_STEPS) return;
  throw new ServqualError(
    "unsupported",
    `${fn}: the scale of "${instrument.id}" has too many steps for the SQL statements.`,
    [
      {
        code: "too-many-scale-steps",
        message: `the scale ${min}..${max} in steps of ${step} has ${steps} steps; the staged SQL form packs each answer's step index (shifted by 32 for its fault codes) into a 31-bit INTEGER, so at most ${MAX_STAGED_STEPS} steps; use a coarser step or read the rows with validateResponses`,
      },
    ],
  );
}
