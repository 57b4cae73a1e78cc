import { expectShape } from "../_lib/checkArgument";
import { type Notice, notice } from "../_lib/notice";
import { STAGES, type Stage } from "./stageRules";
import type { StageTimeline } from "./stageTimeline";

/** The transition matrix of a customer base between consecutive months. */
export interface StageTransitions {
  readonly stages: readonly Stage[];
  /** counts[i][j]: customer-months in stage i followed by stage j the next month. */
  readonly counts: readonly (readonly number[])[];
  /** counts[i][j] / rowTotals[i]; null for a row without any transition. */
  readonly shares: readonly (readonly (number | null)[])[];
  readonly rowTotals: readonly number[];
  /** Customers appearing (no stage → a stage), by the stage they enter in. */
  readonly entered: Readonly<Record<Stage, number>>;
  /** All transitions counted (Σ counts). */
  readonly transitions: number;
  readonly warnings: readonly Notice[];
}

const TIMELINE = {
  what: "a stage timeline (from stageTimeline)",
  fields: { kind: "string", months: "array", customers: "array" },
} as const;

/**
 * Counts, across the customer base, how often a relationship in stage i one month is in
 * stage j the next (a first-order transition matrix, as in Jap & Anderson 2007's view of stage
 * movement), with row shares p_ij = n_ij / Σ_j n_ij. Months in which a customer has no stage
 * yet are not transitions; the first stage a customer takes is counted in `entered`.
 *
 * @param timeline - The result of `stageTimeline`.
 * @returns Counts, row shares (null for empty rows, warned `empty-transition-row`), row totals.
 * @throws {ServqualError} `invalid-argument`.
 *
 * @example
 * const t = stageTransitions({ kind: "stage-timeline", months: ["2024-01", "2024-02"], asOf: [], timeZone: "UTC", distribution: {}, customers: [
 *   { customer: "a", stages: ["exploration", "expansion"], confidence: [1, 1] },
 * ] });
 * t.counts[1][2] //=> 1
 */
export function stageTransitions(timeline: StageTimeline): StageTransitions {
  expectShape("stageTransitions", "timeline", timeline, TIMELINE);
  const k = STAGES.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const entered = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const index = new Map<string, number>(STAGES.map((s, i) => [s, i]));
  let transitions = 0;
  for (const customer of timeline.customers) {
    let previous = -1;
    for (const stage of customer.stages) {
      const at = stage === null ? -1 : (index.get(stage) ?? -1);
      if (at >= 0) {
        if (previous >= 0) {
          const row = counts[previous] as number[];
          row[at] = (row[at] as number) + 1;
          transitions += 1;
        } else entered[stage as Stage] += 1;
      }
      previous = at;
    }
  }
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const shares = counts.map((row, i) =>
    row.map((n) => ((rowTotals[i] as number) > 0 ? n / (rowTotals[i] as number) : null)),
  );
  const empty = STAGES.filter((_, i) => rowTotals[i] === 0);
  const warnings =
    empty.length > 0
      ? [
          notice(
            "empty-transition-row",
            `no customer-month starts in ${empty.join(", ")}: those rows' shares are null`,
          ),
        ]
      : [];
  return { stages: [...STAGES], counts, shares, rowTotals, entered, transitions, warnings };
}
