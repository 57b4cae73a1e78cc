import { type GaussLegendreRule, gaussLegendre } from "./gaussLegendre";
import { logGamma } from "./logBeta";
import { probability } from "./probability";
import { normalCdf } from "./stdlib/normalCdf";

// Copenhaver & Holland (1988), the algorithm of R's ptukey/qtukey: Hartley's form of the range
// of k standard normals by a 12-point Gauss–Legendre rule, averaged over the distribution of
// the studentizing s by a 16-point rule on intervals whose width shrinks as df grows.
let rules: { readonly inner: GaussLegendreRule; readonly outer: GaussLegendreRule } | null = null;
function quadrature() {
  rules ??= { inner: gaussLegendre(12), outer: gaussLegendre(16) };
  return rules;
}

/** Beyond this many degrees of freedom s is taken as 1 (the range of normals itself). */
const DF_AS_INFINITE = 25_000;
/** Standard normal density factor 1/√(2π). */
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * P(R ≤ w) for the range R of k independent standard normals, in Hartley's form:
 * (2Φ(w/2) − 1)^k + 2k ∫_{w/2}^{8} φ(z)·(Φ(z) − Φ(z − w))^{k−1} dz, the integral by a 12-point
 * Gauss–Legendre rule on two (w > 3) or three equal parts; terms below e⁻³⁰ are left out and
 * w ≥ 16 gives 1 (Copenhaver & Holland 1988).
 */
function rangeCdf(w: number, k: number): number {
  const half = w / 2;
  const upper = 8;
  if (half >= upper) return 1;
  const centre = 2 * normalCdf(half, 0, 1) - 1;
  let total = centre >= Math.exp(-50 / k) ? centre ** k : 0;
  const { nodes, weights } = quadrature().inner;
  const parts = w > 3 ? 2 : 3;
  const width = (upper - half) / parts;
  const smallest = Math.exp(-30 / (k - 1));
  let integral = 0;
  for (let part = 0; part < parts; part++) {
    const mid = half + (part + 0.5) * width;
    const radius = width / 2;
    let sum = 0;
    for (let j = 0; j < nodes.length; j++) {
      const z = mid + radius * (nodes[j] as number);
      const square = z * z;
      // φ(z) below about 9e−14: no contribution (z beyond √60)
      if (square > 60) continue;
      const inside = normalCdf(z, 0, 1) - normalCdf(z, w, 1);
      if (inside >= smallest)
        sum += (weights[j] as number) * Math.exp(-square / 2) * inside ** (k - 1);
    }
    integral += sum * radius * 2 * k * INV_SQRT_2PI;
  }
  total += integral;
  if (total <= Math.exp(-30)) return 0;
  return Math.min(1, total);
}

/**
 * P(Q ≤ q) for the studentized range of k means with df degrees of freedom:
 * ∫₀^∞ P(R ≤ q·s)·f(s) ds with ν·s² ~ χ²_ν, integrated over x = 2s² (density
 * ν^{ν/2}·2^{−ν}·x^{ν/2−1}·e^{−νx/4}/Γ(ν/2)) by a 16-point Gauss–Legendre rule on consecutive
 * intervals of width 2h (h = 1, ½, ¼, ⅛ for df ≤ 100, 800, 5000, 25000) until an interval adds
 * less than 1e−14 (at least up to x = 2); beyond 25 000 df, the range of normals itself.
 */
function studentizedRangeCdf(q: number, k: number, df: number): number {
  if (df > DF_AS_INFINITE) return rangeCdf(q, k);
  const h = df <= 100 ? 1 : df <= 800 ? 0.5 : df <= 5000 ? 0.25 : 0.125;
  const logConstant = (df / 2) * Math.log(df) - df * Math.LN2 - logGamma(df / 2) + Math.log(h);
  const shape = df / 2 - 1;
  const rate = df / 4;
  const { nodes, weights } = quadrature().outer;
  let total = 0;
  for (let i = 1; i <= 50; i++) {
    const centre = (2 * i - 1) * h;
    let part = 0;
    for (let j = 0; j < nodes.length; j++) {
      const x = centre + h * (nodes[j] as number);
      const logTerm = logConstant + shape * Math.log(x) - rate * x;
      // e^logTerm below about 9e−14: no contribution
      if (logTerm >= -30) {
        part += (weights[j] as number) * Math.exp(logTerm) * rangeCdf(q * Math.sqrt(x / 2), k);
      }
    }
    if (i * h >= 1 && part <= 1e-14) break;
    total += part;
  }
  return Math.min(1, total);
}

/**
 * Upper tail P(Q > q) of the studentized range of k means with df degrees of freedom (R:
 * `ptukey(q, k, df, lower.tail = FALSE)`, which R computes as 1 − the lower tail). The lower
 * tail follows the algorithm of Copenhaver & Holland (1988) that R's ptukey uses: Hartley's
 * form of the range of normals by Gauss–Legendre quadrature (12 points), integrated over the
 * distribution of the studentizing standard deviation (16 points per interval). Null when
 * df < 2 or k < 2.
 *
 * Reference: Copenhaver & Holland (1988), J. Stat. Comput. Simul. 30:1–15; Hartley (1942),
 * Biometrika 32:334–348.
 *
 * @example
 * studentizedRangeUpperTail(3.5, 3, 20) //=> 0.0522… (R: ptukey(3.5, 3, 20, lower.tail = FALSE))
 */
export function studentizedRangeUpperTail(q: number, k: number, df: number): number | null {
  if (Number.isNaN(q) || !(df >= 2) || !(k >= 2)) return null;
  if (!(q > 0)) return 1;
  if (q === Number.POSITIVE_INFINITY) return 0;
  return probability(1 - studentizedRangeCdf(q, k, df));
}

/**
 * Start of the secant search: the approximation of Odeh & Evans (1974, AS 70) to the normal
 * quantile, adjusted for k and df as in R's qtukey.
 */
function startingValue(p: number, k: number, df: number): number {
  const ps = 0.5 - 0.5 * p;
  const y = Math.sqrt(Math.log(1 / (ps * ps)));
  let t =
    y +
    ((((y * -0.453642210148e-4 - 0.204231210125) * y - 0.342242088547) * y - 1) * y +
      0.322232421088) /
      ((((y * 0.38560700634e-2 + 0.10353775285) * y + 0.531103462366) * y + 0.588581570495) * y +
        0.99348462606e-1);
  if (df < 120) t += (t * t * t + t) / df / 4;
  let slope = 0.8832 - 0.2368 * t;
  if (df < 120) slope += -1.214 / df + (1.208 * t) / df;
  // 1.4142 is AS 70's published coefficient (rounded √2), kept as published.
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: a published coefficient, not √2
  return t * (slope * Math.log(k - 1) + 1.4142);
}

/** A quantile found, with the slope of the lower tail there (from the last secant step). */
interface Solved {
  readonly df: number;
  readonly q: number;
  readonly slope: number;
}

/** Quantiles already found, by p and k, each list by df (a report asks for many nearby df). */
const quantiles = new Map<string, Solved[]>();

/** A Newton step from a neighbour's slope is taken as final when it moves less than this. */
const NEIGHBOUR_STEP = 1e-5;

/**
 * The start from quantiles already found for the same p and k: the quantile is smooth in 1/df,
 * so the two nearest in 1/df give it by linear inter- or extrapolation (one gives itself), with
 * the slope of the lower tail of the nearest.
 */
function fromNeighbours(list: readonly Solved[], df: number): { q: number; slope: number } | null {
  const u = 1 / df;
  // only quantiles of df within a factor of 2 (the line in 1/df is then close)
  const near = list
    .filter((s) => s.df >= df / 2 && s.df <= df * 2 && Number.isFinite(s.q) && s.slope > 0)
    .sort((a, b) => Math.abs(1 / a.df - u) - Math.abs(1 / b.df - u));
  if (near.length === 0) return null;
  const a = near[0] as Solved;
  const b = near[1];
  if (b === undefined || a.df === b.df) return { q: a.q, slope: a.slope };
  const q = a.q + ((b.q - a.q) * (u - 1 / a.df)) / (1 / b.df - 1 / a.df);
  return { q, slope: a.slope };
}

/**
 * Quantile of the studentized range (R: `qtukey(p, k, df)`): the secant method on the lower
 * tail from the Odeh–Evans starting value, stopping when two iterates differ by less than
 * 1e−4, as R's qtukey does (Copenhaver & Holland 1988). Once a quantile of the same p and k is
 * known (Games–Howell asks for one per pair, each with its own Welch df), the search starts
 * from the quantiles of the nearest df, interpolated in 1/df, with a Newton step on the known
 * slope of the lower tail; a step under 1e−5 ends the search (about one evaluation of the
 * distribution instead of seven), else the secant goes on from there. NaN when df < 2, k < 2
 * or p is not in [0, 1).
 *
 * @example
 * studentizedRangeQuantile(0.95, 3, 20) //=> 3.5782… (R: qtukey(0.95, 3, 20))
 */
export function studentizedRangeQuantile(p: number, k: number, df: number): number {
  if (!(df >= 2) || !(k >= 2) || !(p >= 0 && p < 1)) return Number.NaN;
  if (p === 0) return 0;
  const key = `${p} ${k}`;
  let list = quantiles.get(key);
  if (list === undefined) {
    if (quantiles.size > 100) quantiles.clear();
    list = [];
    quantiles.set(key, list);
  }
  const known = list.find((s) => s.df === df);
  if (known !== undefined) return known.q;
  const neighbour = fromNeighbours(list, df);
  let x0 = Number.NaN;
  let f0 = Number.NaN;
  let x1 = Number.NaN;
  let f1 = Number.NaN;
  if (neighbour !== null) {
    x0 = neighbour.q;
    f0 = studentizedRangeCdf(x0, k, df) - p;
    const step = -f0 / neighbour.slope;
    if (Math.abs(step) < NEIGHBOUR_STEP) {
      return remember(list, { df, q: x0 + step, slope: neighbour.slope });
    }
    if (Math.abs(step) <= 0.1 && x0 + step > 0) {
      x1 = x0 + step;
      f1 = studentizedRangeCdf(x1, k, df) - p;
    }
  }
  if (Number.isNaN(f1)) {
    // no close neighbour (or its step is large): R's start
    x0 = startingValue(p, k, df);
    f0 = studentizedRangeCdf(x0, k, df) - p;
    x1 = f0 > 0 ? Math.max(0, x0 - 1) : x0 + 1;
    f1 = studentizedRangeCdf(x1, k, df) - p;
  }
  let answer = x1;
  let slope = (f1 - f0) / (x1 - x0);
  for (let iteration = 1; iteration < 50; iteration++) {
    if (f1 === f0) break;
    answer = x1 - (f1 * (x1 - x0)) / (f1 - f0);
    f0 = f1;
    x0 = x1;
    if (answer < 0) answer = 0;
    f1 = answer === 0 ? -p : studentizedRangeCdf(answer, k, df) - p;
    x1 = answer;
    if (x1 !== x0) slope = (f1 - f0) / (x1 - x0);
    if (Math.abs(x1 - x0) < 1e-4) break;
  }
  return remember(list, { df, q: answer, slope });
}

function remember(list: Solved[], solved: Solved): number {
  if (list.length > 1000) list.length = 0;
  list.push(solved);
  return solved.q;
}
