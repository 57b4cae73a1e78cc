import { type Notice, notice } from "../_lib/notice";
import type { ComplianceCount } from "./deliveryDays";
import { type ProportionDifference, proportionDifference } from "./twoGroupEffects";

/** Gap 3 compliance of one side: records with a verdict, those that met the target, the share. */
export interface ComplianceSide {
  readonly evaluated: number;
  readonly met: number;
  /** met / evaluated; null when nothing was evaluated. */
  readonly compliance: number | null;
}

/** Gap 3 compliance inside vs outside (or a cell vs its baseline). */
export interface ComplianceComparison {
  /** The dimension whose standards were pooled, or "all". */
  readonly dimension: string;
  readonly inside: ComplianceSide;
  readonly outside: ComplianceSide;
  /** Difference of compliance shares inside − outside, Newcombe interval, z-test. */
  readonly difference: ProportionDifference | null;
  /** Adjusted across every compliance comparison of the call. */
  readonly pAdjusted: number | null;
}

function sideOf(count: ComplianceCount): ComplianceSide {
  return {
    evaluated: count.evaluated,
    met: count.met,
    compliance: count.evaluated === 0 ? null : count.met / count.evaluated,
  };
}

/**
 * Compares two sides' compliance: p_in − p_out with Newcombe's interval and the pooled z-test;
 * null difference with a `no-delivery-records` notice when a side has no evaluated record.
 */
export function compareCompliance(
  dimension: string,
  inside: ComplianceCount,
  outside: ComplianceCount,
  level: number,
  where: string,
  warnings: Notice[],
): ComplianceComparison {
  const usable = inside.evaluated > 0 && outside.evaluated > 0;
  if (!usable) {
    warnings.push(
      notice(
        "no-delivery-records",
        `${where}: ${inside.evaluated} evaluated delivery record(s) inside and ${outside.evaluated} outside; compliance is not compared`,
      ),
    );
  }
  return {
    dimension,
    inside: sideOf(inside),
    outside: sideOf(outside),
    difference: usable
      ? proportionDifference(inside.met, inside.evaluated, outside.met, outside.evaluated, level)
      : null,
    pAdjusted: null,
  };
}
