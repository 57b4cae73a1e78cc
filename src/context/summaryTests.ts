import { type Interval, interval } from "../_lib/interval";
import { studentTQuantile } from "../stats/distributions/studentTQuantile";
import { tPValue } from "../stats/distributions/tPValue";

/** n, mean and SD (n − 1) of one group. */
export interface MeanSummary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
}

/** A difference of two means with Welch's test. */
export interface WelchDifference {
  /** mean(a) − mean(b). */
  readonly difference: number;
  readonly t: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  readonly ci: Interval;
}

/**
 * Welch's two-sample t-test from summaries (Welch 1947): se = √(s_a²/n_a + s_b²/n_b),
 * df = se⁴ / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1)), t = (x̄_a − x̄_b)/se, interval
 * x̄_a − x̄_b ± t₁₋α/₂,df·se; as R's `t.test(a, b)`. Null statistics when a group has n < 2 or
 * both SDs are 0.
 */
export function welchFromSummaries(a: MeanSummary, b: MeanSummary, level: number): WelchDifference {
  const difference = a.mean - b.mean;
  const none = {
    difference,
    t: null,
    df: null,
    pValue: null,
    ci: interval(level, null, null, "t"),
  };
  if (a.n < 2 || b.n < 2) return none;
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(va + vb);
  if (!(se > 0)) return none;
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const t = difference / se;
  const q = studentTQuantile(1 - (1 - level) / 2, df);
  return {
    difference,
    t,
    df,
    pValue: tPValue(t, df, "two-sided"),
    ci: interval(level, difference - q * se, difference + q * se, "t"),
  };
}

/** Pools group summaries into one (exact: the n, mean and SD of the union of the groups). */
export function poolSummaries(groups: readonly MeanSummary[]): MeanSummary | null {
  const n = groups.reduce((s, g) => s + g.n, 0);
  if (n === 0) return null;
  const mean = groups.reduce((s, g) => s + g.n * g.mean, 0) / n;
  let squares = 0;
  for (const g of groups) squares += (g.n - 1) * g.sd * g.sd + g.n * (g.mean - mean) ** 2;
  return { n, mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : 0 };
}

/** A slope over periods: weighted least squares of period means on the period ordinal. */
export interface PeriodSlope {
  /** Change per period (e.g. per month). */
  readonly slope: number | null;
  readonly se: number | null;
  readonly t: number | null;
  /** Periods used − 2. */
  readonly df: number | null;
  readonly pValue: number | null;
  readonly ci: Interval;
  /** Periods with a figure (not suppressed). */
  readonly periods: number;
}

/**
 * Weighted least-squares slope of y on x with weights w (R: `lm(y ~ x, weights = w)`):
 * x̄_w = Σwx/Σw, ȳ_w = Σwy/Σw, b = Σw(x − x̄_w)(y − ȳ_w) / Σw(x − x̄_w)²,
 * σ̂² = Σw(y − a − bx)² / (k − 2), se(b) = √(σ̂² / Σw(x − x̄_w)²), t = b/se, df = k − 2,
 * interval b ± t₁₋α/₂,k−2·se. Null with fewer than 3 points or no spread in x.
 */
export function weightedSlope(
  points: readonly { readonly x: number; readonly y: number; readonly w: number }[],
  level: number,
): PeriodSlope {
  const k = points.length;
  const none: PeriodSlope = {
    slope: null,
    se: null,
    t: null,
    df: null,
    pValue: null,
    ci: interval(level, null, null, "t"),
    periods: k,
  };
  if (k < 3) return none;
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sw += p.w;
    sx += p.w * p.x;
    sy += p.w * p.y;
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += p.w * (p.x - mx) ** 2;
    sxy += p.w * (p.x - mx) * (p.y - my);
  }
  if (!(sxx > 0)) return none;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let rss = 0;
  for (const p of points) rss += p.w * (p.y - intercept - slope * p.x) ** 2;
  const df = k - 2;
  const se = Math.sqrt(rss / df / sxx);
  if (!(se > 1e-12 * Math.abs(slope)) || !(se > 0)) {
    return { ...none, slope, se, df };
  }
  const t = slope / se;
  const q = studentTQuantile(1 - (1 - level) / 2, df);
  return {
    slope,
    se,
    t,
    df,
    pValue: tPValue(t, df, "two-sided"),
    ci: interval(level, slope - q * se, slope + q * se, "t"),
    periods: k,
  };
}
