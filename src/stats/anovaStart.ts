import { type Notice, notice } from "../_lib/notice";
import { groupSummaries } from "./groupSummaries";
import { type CleanGroup, cleanGroups, type GroupSummary, type GroupsInput } from "./groups";

/** Result of {@link oneWayAnova} and {@link welchAnova}. */
export interface AnovaResult {
  /** R's method string. */
  readonly method: string;
  /** The F statistic. */
  readonly F: number | null;
  /** Numerator df, k − 1. */
  readonly df1: number | null;
  /** Denominator df: N − k (ANOVA) or Welch's fractional df. */
  readonly df2: number | null;
  readonly pValue: number | null;
  /** n, mean, SD per group, in input order. */
  readonly groups: readonly GroupSummary[];
  readonly warnings: readonly Notice[];
}

/**
 * Checks R's precondition of `oneway.test`: every group needs n ≥ 2 (R stops with "not
 * enough observations"). Returns the warning, or null when all groups are large enough.
 */
function smallGroupWarning(groups: readonly GroupSummary[]): Notice | null {
  const small = groups.filter((group) => group.n < 2);
  if (small.length === 0) return null;
  const list = small.map((group) => `"${group.name}" (n = ${group.n})`).join(", ");
  return notice(
    "too-few-values",
    `every group needs at least 2 values; too small: ${list}. Merge or drop these groups`,
  );
}

/** The groups of a one-way ANOVA, cleaned and summarised, with the all-null result to return. */
export interface AnovaStart {
  readonly clean: readonly CleanGroup[];
  readonly summaries: readonly GroupSummary[];
  /** Collects the warnings; `none` and the final result share it. */
  readonly warnings: Notice[];
  /** The result with F, df and p null. */
  readonly none: AnovaResult;
  /** True when a group has n < 2 (the warning is already in `warnings`): return `none`. */
  readonly tooSmall: boolean;
}

/**
 * The common start of {@link oneWayAnova} and {@link welchAnova}: cleans the groups
 * ({@link cleanGroups}, which throws for bad input), summarises them, and checks R's n ≥ 2 rule.
 */
export function startAnova(groups: GroupsInput, fn: string, method: string): AnovaStart {
  const clean = cleanGroups(groups, fn);
  const summaries = groupSummaries(clean);
  const warnings: Notice[] = [];
  const none = { method, F: null, df1: null, df2: null, pValue: null, groups: summaries, warnings };
  const small = smallGroupWarning(summaries);
  if (small !== null) warnings.push(small);
  return { clean, summaries, warnings, none, tooSmall: small !== null };
}
