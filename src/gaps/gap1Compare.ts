/**
 * Gap 1 on one row (an item, a dimension or overall): managers vs customers by Welch's t-test
 * (two or more managers) or the one-sample t-test (one manager), with Hedges' g.
 */
import type { Interval } from "../_lib/interval";
import { about, type Notice, notice } from "../_lib/notice";
import { hedgesG } from "../stats/hedgesG";
import { meanVariance } from "../stats/moments";
import { tTestCore } from "../stats/pairedTTestFromSummary";
import { welchTTest } from "../stats/welchTTest";
import type { Gap1Side, Gap1Statistics, Gap1Test } from "./gap1Types";

const FN = "gap1";

/** Managers − customers on one row of the tables. */
export function compareGroups(c: Float64Array, m: Float64Array, level: number): Gap1Statistics {
  const mc = meanVariance(c);
  const mm = meanVariance(m);
  const side = <S extends "customers" | "managers">(
    name: S,
    values: Float64Array,
    moments: ReturnType<typeof meanVariance>,
  ): Gap1Side<S> => ({
    side: name,
    n: values.length,
    mean: values.length > 0 ? moments.mean : null,
    sd: values.length > 1 ? Math.sqrt(moments.variance) : null,
  });
  const required = side("customers", c, mc);
  const delivered = side("managers", m, mm);
  const nullCi: Interval = { level, lower: null, upper: null, method: "t" };
  const warnings: Notice[] = [];
  if (c.length === 0 || m.length === 0) {
    warnings.push(
      notice(
        "no-data",
        `${c.length === 0 ? "no customer" : "no manager"} answered: the gap cannot be computed`,
      ),
    );
    const g = hedgesG(level, 0, 0, 0, 0, 0, 0);
    return {
      required,
      delivered,
      gap: { mean: null, se: null, ci: nullCi },
      test: { method: null, t: null, df: null, pValue: null, pAdjusted: null },
      effectSize: { g: null, ci: g.ci },
      warnings,
    };
  }
  const difference = mm.mean - mc.mean;
  let test: Gap1Test;
  let se: number | null;
  let ci: Interval;
  if (m.length >= 2) {
    const welch = welchTTest(m, c, { level });
    warnings.push(...welch.warnings);
    test = { method: "welch", t: welch.t, df: welch.df, pValue: welch.pValue, pAdjusted: null };
    se = welch.stderr;
    ci = { level, lower: welch.ci.lower, upper: welch.ci.upper, method: "t" };
  } else {
    const one = tTestCore(
      { n: c.length, mean: difference, sd: c.length > 1 ? Math.sqrt(mc.variance) : null },
      { level },
      FN,
      "One Sample t-test",
    );
    warnings.push(...one.warnings);
    test = { method: "one-sample", t: one.t, df: one.df, pValue: one.pValue, pAdjusted: null };
    se = one.stderr;
    ci = { level, lower: one.ci.lower, upper: one.ci.upper, method: "t" };
  }
  const g = hedgesG(
    level,
    mc.mean,
    c.length > 1 ? Math.sqrt(mc.variance) : 0,
    c.length,
    mm.mean,
    m.length > 1 ? Math.sqrt(mm.variance) : 0,
    m.length,
  );
  warnings.push(...g.warnings.map((w) => about("Hedges' g", w)));
  return {
    required,
    delivered,
    gap: { mean: difference, se, ci },
    test,
    effectSize: { g: g.g, ci: g.ci },
    warnings,
  };
}
