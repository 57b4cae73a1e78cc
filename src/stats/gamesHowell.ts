import { checkOptionKeys, optionNames } from "../_lib/guards";
import { type Interval, interval } from "../_lib/interval";
import { type Notice, notice } from "../_lib/notice";
import { checkLevel } from "./checkOptions";
import {
  studentizedRangeQuantile,
  studentizedRangeUpperTail,
} from "./distributions/studentizedRange";
import { groupSummaries } from "./groupSummaries";
import { cleanGroups, type GroupSummary, type GroupsInput } from "./groups";

/** Options of {@link gamesHowell}. */
export interface GamesHowellOptions {
  /** Confidence level of the simultaneous intervals; default 0.95. */
  readonly level?: number;
}

/** One pair of groups in {@link gamesHowell}. */
export interface GamesHowellComparison {
  readonly group1: string;
  readonly group2: string;
  readonly n1: number;
  readonly n2: number;
  /** mean(group2) − mean(group1). */
  readonly estimate: number | null;
  /** √((s₁²/n₁ + s₂²/n₂)/2). */
  readonly se: number | null;
  /** |estimate| / √(s₁²/n₁ + s₂²/n₂). */
  readonly t: number | null;
  /** Welch–Satterthwaite df of the pair. */
  readonly df: number | null;
  /** P(Q_{k,df} > t·√2): already adjusted for the k(k − 1)/2 pairs (Tukey-type). */
  readonly pValue: number | null;
  /** estimate ± q_{level,k,df}·se. */
  readonly ci: Interval;
}

/** Result of {@link gamesHowell}. */
export interface GamesHowellResult {
  readonly method: "Games-Howell";
  readonly level: number;
  /** Pairs in R's order: (1,2), (1,3), (2,3), (1,4), … as rstatix lists them. */
  readonly comparisons: readonly GamesHowellComparison[];
  readonly groups: readonly GroupSummary[];
  readonly warnings: readonly Notice[];
}

const OPTIONS = optionNames<GamesHowellOptions>({ level: true });

/** The pairs (i < j) in the order of R's `pairwise.table` read column by column. */
export function pairOrder(k: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < k - 1; i++) for (let j = i + 1; j < k; j++) pairs.push([i, j]);
  return pairs;
}

/**
 * Games–Howell pairwise comparisons of k independent groups with unequal variances, the
 * follow-up to Welch's ANOVA (Games & Howell 1976, J. Educational Statistics 1(2):113–125).
 * For groups i < j: d = x̄_j − x̄_i, w = s_i²/n_i + s_j²/n_j,
 * df = w² / ((s_i²/n_i)²/(n_i − 1) + (s_j²/n_j)²/(n_j − 1)), t = |d|/√w,
 * p = P(Q_{k,df} > t·√2) (studentized range), interval d ± q_{1−α,k,df}·√(w/2).
 *
 * In R: `rstatix::games_howell_test(data, y ~ g)` (same formulas; rstatix rounds p to 3 digits)
 * and `PMCMRplus::gamesHowellTest`.
 *
 * @category stats
 * @param groups - record name → values, or an array of `{ name, values }`
 * @param options - `level` (default 0.95)
 * @returns Every pair with estimate, t, df, p and interval; null figures with a warning for a
 *   pair with a group of n < 2 or both variances 0
 * @throws {ServqualError} `invalid-input` for fewer than two groups, duplicate names, ±Infinity
 *   or non-numbers; `invalid-options` for a bad level
 * @example
 * gamesHowell({ a: [1, 2, 3, 4], b: [2, 4, 6, 8], c: [7, 8, 9, 9] }).comparisons[1];
 * //=> { group1: "a", group2: "c", estimate: 5.75, t: 7.17…, df: 5.55…, pValue: 0.0016…, … }
 */
export function gamesHowell(
  groups: GroupsInput,
  options: GamesHowellOptions = {},
): GamesHowellResult {
  const fn = "gamesHowell";
  checkOptionKeys(fn, options, OPTIONS);
  const level = checkLevel(options.level, fn);
  const clean = cleanGroups(groups, fn);
  const summaries = groupSummaries(clean);
  const k = clean.length;
  const warnings: Notice[] = [];
  const comparisons = pairOrder(k).map(([i, j]): GamesHowellComparison => {
    const a = summaries[i] as GroupSummary;
    const b = summaries[j] as GroupSummary;
    const base = {
      group1: a.name,
      group2: b.name,
      n1: a.n,
      n2: b.n,
      estimate: a.mean === null || b.mean === null ? null : b.mean - a.mean,
    };
    const none = {
      ...base,
      se: null,
      t: null,
      df: null,
      pValue: null,
      ci: interval(level, null, null, "t"),
    };
    if (a.n < 2 || b.n < 2 || a.sd === null || b.sd === null) {
      warnings.push(
        notice("too-few-values", `${a.name} vs ${b.name}: a group has fewer than 2 values`),
      );
      return none;
    }
    const va = (a.sd * a.sd) / a.n;
    const vb = (b.sd * b.sd) / b.n;
    const w = va + vb;
    if (!(w > 0)) {
      warnings.push(notice("zero-variance", `${a.name} vs ${b.name}: both groups are constant`));
      return none;
    }
    const df = (w * w) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
    const estimate = base.estimate as number;
    const t = Math.abs(estimate) / Math.sqrt(w);
    const se = Math.sqrt(w / 2);
    const q = studentizedRangeQuantile(level, k, df);
    const pValue = studentizedRangeUpperTail(t * Math.SQRT2, k, df);
    if (pValue === null) {
      warnings.push(
        notice(
          "undefined-statistic",
          `${a.name} vs ${b.name}: the studentized range needs df ≥ 2 (df = ${df.toFixed(2)})`,
        ),
      );
    }
    return {
      ...base,
      se,
      t,
      df,
      pValue,
      ci: interval(level, estimate - q * se, estimate + q * se, "t"),
    };
  });
  return { method: "Games-Howell", level, comparisons, groups: summaries, warnings };
}
