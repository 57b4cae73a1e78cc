/** Nodes and weights of an n-point Gauss–Legendre rule on [−1, 1]. */
export interface GaussLegendreRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/**
 * The n-point Gauss–Legendre rule on [−1, 1]: nodes x_i are the roots of the Legendre
 * polynomial P_n, found by Newton's method from x ≈ cos(π(i − ¼)/(n + ½)), with weights
 * w_i = 2 / ((1 − x_i²)·P_n′(x_i)²); ∫₋₁¹ f ≈ Σ w_i f(x_i), exact for polynomials of degree
 * up to 2n − 1. Nodes in increasing order.
 *
 * Reference: Abramowitz & Stegun (1964), 25.4.29; Stroud & Secrest (1966), Gaussian
 * Quadrature Formulas.
 *
 * @example
 * gaussLegendre(2).nodes //=> Float64Array [−0.5773502691896257, 0.5773502691896257] (±1/√3)
 */
export function gaussLegendre(n: number): GaussLegendreRule {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      // P_n(x) by the three-term recurrence (j + 1)P_{j+1} = (2j + 1)x·P_j − j·P_{j−1}
      let previous = 1;
      let current = x;
      for (let j = 1; j < n; j++) {
        const next = ((2 * j + 1) * x * current - j * previous) / (j + 1);
        previous = current;
        current = next;
      }
      derivative = (n * (x * current - previous)) / (x * x - 1);
      const step = current / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    // roots come largest first; store in increasing order
    nodes[n - i] = x;
    weights[n - i] = 2 / ((1 - x * x) * derivative * derivative);
  }
  return { nodes, weights };
}
