import { ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";

/** The largest value of a SMALLINT cell (16-bit signed), in DuckDB and PostgreSQL alike. */
export const SMALLINT_MAX = 32_767;

/**
 * Refuses, when the statements are written, an instrument whose scale is too fine for the
 * staged form's SMALLINT cells. The staged table keeps one small integer per answer cell: the
 * step index round((x − min)/step), 0…S with S = (max − min)/step the scale's step count, or a
 * negative fault code; a gap in steps P − E lies in −S…S, a span of 2·S steps. Both fit a
 * SMALLINT when 2·S ≤ 32,767, i.e. S ≤ 16,383 steps (a 1–7 scale has 6, a 0–100 slider in steps
 * of 0.01 has 10,000). A finer scale would fail inside the engine with a cast error (or, in an
 * engine that wraps, give wrong numbers), so it is refused here with a clear error instead.
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
  if (2 * steps <= SMALLINT_MAX) return;
  throw new ServqualError(
    "unsupported",
    `${fn}: the scale of "${instrument.id}" has too many steps for the SQL statements.`,
    [
      {
        code: "too-many-scale-steps",
        message: `the scale ${min}..${max} in steps of ${step} has ${steps} steps; the staged SQL form keeps each answer's step index and the gap in steps (−${steps}…${steps}, twice the step count) in SMALLINT cells, which hold at most ${SMALLINT_MAX}, so at most ${Math.floor(SMALLINT_MAX / 2)} steps; use a coarser step or read the rows with validateResponses`,
      },
    ],
  );
}
