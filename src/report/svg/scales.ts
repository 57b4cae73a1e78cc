/** Scales of the SVG charts: a linear scale with round ticks and a band scale of categories. */

/** A linear scale: a domain mapped onto a pixel range, with its ticks. */
export interface LinearScale {
  readonly kind: "linear";
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  /** Decimals that show the ticks exactly. */
  readonly decimals: number;
  readonly at: (value: number) => number;
}

/** A band scale: one band per category, in the order given. */
export interface BandScale {
  readonly kind: "band";
  readonly categories: readonly string[];
  readonly bandwidth: number;
  /** The start of a category's band (NaN for an unknown category). */
  readonly at: (category: string) => number;
}

/**
 * A round tick step for a span: 1, 2 or 5 times a power of ten, giving about `count` ticks
 * (the rule of d3-array's tickIncrement; Heckbert 1990, "Nice numbers for graph labels").
 */
function tickStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const factor =
    error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * power;
}

/**
 * A linear scale over the finite values given, widened to round ticks; `range` is
 * [pixel of the low end, pixel of the high end] (for a y axis, the bottom first).
 *
 * @example
 * linearScale([-1.3, 0], [300, 0]).ticks //=> [-1.4, -1.2, …, 0]
 */
export function linearScale(
  values: readonly number[],
  range: readonly [number, number],
  count = 5,
): LinearScale {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (low > high) [low, high] = [0, 1];
  // A span too small to tick (equal values, or a difference lost to rounding) is widened:
  // around 0 to [0, 1], otherwise by half the value each way.
  if (!(high - low > 1e-9 * Math.max(1, Math.abs(low), Math.abs(high)))) {
    const centre = (low + high) / 2;
    [low, high] =
      Math.abs(centre) < 1e-9
        ? [0, 1]
        : [centre - Math.abs(centre) / 2, centre + Math.abs(centre) / 2];
  }
  const step = tickStep(high - low, count);
  const start = Math.floor(low / step + 1e-9) * step;
  const end = Math.ceil(high / step - 1e-9) * step;
  const n = Math.round((end - start) / step);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks = Array.from({ length: n + 1 }, (_, i) =>
    Number((start + i * step).toFixed(decimals)),
  );
  const [r0, r1] = range;
  const at = (value: number) => r0 + ((value - start) / (end - start)) * (r1 - r0);
  return { kind: "linear", domain: [start, end], ticks, decimals, at };
}

/**
 * A band scale: the categories split `[from, to]` into equal bands.
 *
 * @example
 * bandScale(["A", "B"], [0, 100]).at("B") //=> 50
 */
export function bandScale(
  categories: readonly string[],
  range: readonly [number, number],
): BandScale {
  const [from, to] = range;
  const bandwidth = categories.length === 0 ? to - from : (to - from) / categories.length;
  const index = new Map(categories.map((c, i) => [c, i]));
  return {
    kind: "band",
    categories,
    bandwidth,
    at: (category) => {
      const i = index.get(category);
      return i === undefined ? Number.NaN : from + i * bandwidth;
    },
  };
}

/** The distinct values of a field as text, in order of first appearance (null left out). */
export function categoriesOf(
  data: readonly Readonly<Record<string, unknown>>[],
  field: string,
): string[] {
  const seen = new Set<string>();
  for (const row of data) {
    const v = row[field];
    if (v === null || v === undefined) continue;
    seen.add(String(v));
  }
  return [...seen];
}
