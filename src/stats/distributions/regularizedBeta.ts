import { logBeta } from "./logBeta";

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/**
 * Continued fraction of the incomplete beta function, evaluated by the modified Lentz method;
 * converges quickly for x < (a + 1)/(a + b + 2). Returns NaN if it does not converge.
 */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  return Number.NaN;
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), the CDF of the
 * Beta(a, b) distribution at x. The caller passes x and y = 1 − x separately, each as ln, so
 * that a y computed without cancellation (t²/(ν + t²) in the t distribution) keeps its
 * digits. The continued fraction runs on the side where it converges; the other side is
 * 1 − I_y(b, a). Returns NaN when a or b is not positive.
 *
 * I_x(a, b) = x^a y^b / (a B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …))) (Numerical Recipes §6.4).
 *
 * Reference: Press, Teukolsky, Vetterling & Flannery (2007), Numerical Recipes, 3rd ed., §6.4;
 * Lentz (1976), Appl. Opt. 15:668–671.
 *
 * @example
 * regularizedBeta(Math.log(0.5), Math.log(0.5), 2, 2) //=> 0.5
 */
export function regularizedBeta(logX: number, logY: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || Number.isNaN(logX) || Number.isNaN(logY)) return Number.NaN;
  if (logX === Number.NEGATIVE_INFINITY) return 0;
  if (logY === Number.NEGATIVE_INFINITY) return 1;
  const x = Math.exp(logX);
  const y = Math.exp(logY);
  const logFront = a * logX + b * logY - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logFront) * betaFraction(a, b, x)) / a;
  }
  return 1 - (Math.exp(logFront) * betaFraction(b, a, y)) / b;
}
