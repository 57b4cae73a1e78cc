import { checkOptionKeys, expectShape, optionNames, shapes } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import { checkRows } from "../responses/rowSelection";
import type { AnswerColumn, Dataset } from "../responses/types";
import { type Gap5Result, gap5 } from "./gap5";
import { checkResultMatchesDataset } from "./resultMatchesDataset";
import { type ServperfResult, servperf } from "./servperf";

/** A quadrant of the importance–performance grid (Martilla & James 1977). */
export type IpaQuadrant =
  | "concentrate-here"
  | "keep-up-the-good-work"
  | "low-priority"
  | "possible-overkill";

/** Options of {@link importancePerformance}. */
export interface ImportancePerformanceOptions {
  /**
   * `dimension` (importance = mean importance points per dimension, needs `W_<dimension>`
   * columns) or `item` (importance = mean of the `I_<item>` importance column). Default:
   * `dimension` when the dataset has weights, else `item`.
   */
  readonly level?: "dimension" | "item";
  /** Performance axis: mean perception (default) or the Gap 5 score P − E. */
  readonly performance?: "perception" | "gap";
  /**
   * Crosshair: `data-mean` (default; the means of the plotted points, Bacon 2003) or
   * `scale-midpoint` (performance: scale midpoint, or 0 for gaps; importance: scale midpoint
   * for item ratings, 100/D points for dimension weights).
   */
  readonly crosshair?: "data-mean" | "scale-midpoint";
  /**
   * The Gap 5 result of this dataset, already computed (e.g. for a report), used instead of
   * computing it again; implies `performance: "gap"`. It is checked against the dataset (same
   * instrument and items, same n and mean gap per item).
   */
  readonly gaps?: Gap5Result;
  /**
   * The SERVPERF result of this dataset, already computed, used for `performance:
   * "perception"` instead of computing it again; checked against the dataset like `gaps`.
   */
  readonly servperf?: ServperfResult;
  /**
   * Respondents to analyse, as row indices (a row listed twice counts twice); default all.
   * With `gaps` or `servperf`, those must be results of the same rows (checked).
   */
  readonly rows?: Int32Array;
}

/** One plotted attribute. */
export interface IpaPoint {
  readonly id: string;
  readonly label: string;
  readonly importance: number;
  readonly performance: number;
  readonly quadrant: IpaQuadrant;
  /** Importance minus the importance crosshair. */
  readonly importanceDistance: number;
  /** Performance minus the performance crosshair. */
  readonly performanceDistance: number;
}

/** The importance–performance analysis. */
export interface ImportancePerformanceResult {
  readonly kind: "importance-performance";
  readonly level: "dimension" | "item";
  readonly importanceSource:
    | "importance points (100 split over dimensions)"
    | "importance rating per item";
  readonly importanceUnit: "points" | "scale points";
  readonly performance: "perception" | "gap";
  readonly crosshair: {
    readonly method: "data-mean" | "scale-midpoint";
    readonly importance: number;
    readonly performance: number;
  };
  readonly points: readonly IpaPoint[];
  /** Attributes without importance or performance (not plotted), with the reason. */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
}

const IPA_OPTIONS = optionNames<ImportancePerformanceOptions>({
  level: true,
  performance: true,
  crosshair: true,
  gaps: true,
  servperf: true,
  rows: true,
});

/**
 * Importance–performance analysis: each attribute placed by mean importance (y) and mean
 * performance (x) into four quadrants: concentrate here (high importance, low performance), keep
 * up the good work (high, high), low priority (low, low), possible overkill (low importance, high
 * performance). Points on a crosshair count as high. With `performance: "gap"` the x axis is the
 * Gap 5 score (the gap-based variant common in SERVQUAL practice). Importance is stated
 * importance (points or ratings), never expectations in disguise.
 *
 * Reference: Martilla & James (1977), J. Marketing 41(1):77–79; Bacon (2003), IJMR 45(1):55–71.
 *
 * @param dataset - A validated dataset with importance points (`W_<dimension>`) or ratings (`I_<item>`).
 * @param options - Level, performance axis, crosshair and `rows` (a selection of respondents).
 * @throws {ServqualError} `invalid-input` when the dataset carries no importance of the requested
 * kind, `invalid-options` for an unknown `level`, `performance` or `crosshair`.
 *
 * @example
 * importancePerformance(dataset, { performance: "gap" }).points[1]
 * //=> { id: "reliability", importance: 29.4, performance: -1.31, quadrant: "concentrate-here", … }
 */
export function importancePerformance(
  dataset: Dataset,
  options: ImportancePerformanceOptions = {},
): ImportancePerformanceResult {
  expectShape("importancePerformance", "dataset", dataset, shapes.dataset);
  checkOptionKeys("importancePerformance", options, IPA_OPTIONS);
  if (options.gaps !== undefined) {
    expectShape("importancePerformance", "options.gaps", options.gaps, shapes.gap5Result);
  }
  if (options.servperf !== undefined) {
    expectShape("importancePerformance", "options.servperf", options.servperf, SERVPERF_SHAPE);
  }
  const level =
    checkChoice(options.level, ["dimension", "item"], "level") ??
    (dataset.weights !== null ? "dimension" : "item");
  const performanceKind =
    checkChoice(options.performance, ["perception", "gap"], "performance") ??
    (options.gaps !== undefined ? "gap" : "perception");
  const method =
    checkChoice(options.crosshair, ["data-mean", "scale-midpoint"], "crosshair") ?? "data-mean";
  const rows = checkRows("importancePerformance", options.rows, dataset.n);
  const selection = rows === null ? {} : { rows };
  const { instrument } = dataset;
  if (level === "dimension" && dataset.weights === null) {
    throw new ServqualError("invalid-input", "No importance points in the data.", [
      {
        code: "missing-importance",
        message:
          "a dimension-level importance–performance analysis needs importance points (W_<dimension> columns)",
      },
    ]);
  }
  if (level === "item" && dataset.importance === null) {
    throw new ServqualError("invalid-input", "No importance ratings in the data.", [
      {
        code: "missing-importance",
        message:
          "an item-level importance–performance analysis needs importance ratings (I_<item> columns)",
      },
    ]);
  }
  const results = performanceResults(dataset, performanceKind, options, selection);
  const candidates: Candidate[] = [];
  if (level === "dimension") {
    const weights = dataset.weights as readonly Float64Array[];
    instrument.dimensions.forEach((dimension, d) => {
      const importance = meanOf(weights[d] as Float64Array, 100, rows);
      candidates.push({
        ...nameOf(dimension),
        importance,
        performance: performanceOf(results, level, d),
      });
    });
  } else {
    const importance = dataset.importance as readonly AnswerColumn[];
    let index = 0;
    for (const dimension of instrument.dimensions) {
      for (const item of dimension.items) {
        const mean = meanOf(importance[index] as AnswerColumn, 1, rows);
        candidates.push({
          ...nameOf(item),
          importance: mean,
          performance: performanceOf(results, level, index),
        });
        index += 1;
      }
    }
  }
  const skipped = candidates
    .filter((c) => c.importance === null || c.performance === null)
    .map((c) => ({
      id: c.id,
      reason: c.importance === null ? "no importance answers" : "no performance answers",
    }));
  const plotted = candidates.filter((c) => c.importance !== null && c.performance !== null) as {
    id: string;
    label: string;
    importance: number;
    performance: number;
  }[];
  if (plotted.length === 0) {
    throw new ServqualError("invalid-input", "Nothing to plot.", [
      { code: "no-points", message: "no attribute has both importance and performance answers" },
    ]);
  }
  const { scale } = instrument;
  const crosshair =
    method === "data-mean"
      ? {
          importance: plotted.reduce((t, p) => t + p.importance, 0) / plotted.length,
          performance: plotted.reduce((t, p) => t + p.performance, 0) / plotted.length,
        }
      : {
          importance:
            level === "dimension"
              ? 100 / instrument.dimensions.length
              : (scale.min + scale.max) / 2,
          performance: performanceKind === "gap" ? 0 : (scale.min + scale.max) / 2,
        };
  const points = plotted.map((p) => {
    const high = p.importance >= crosshair.importance;
    const good = p.performance >= crosshair.performance;
    const quadrant: IpaQuadrant = high
      ? good
        ? "keep-up-the-good-work"
        : "concentrate-here"
      : good
        ? "possible-overkill"
        : "low-priority";
    return {
      ...p,
      quadrant,
      importanceDistance: p.importance - crosshair.importance,
      performanceDistance: p.performance - crosshair.performance,
    };
  });
  return {
    kind: "importance-performance",
    level,
    importanceSource:
      level === "dimension"
        ? "importance points (100 split over dimensions)"
        : "importance rating per item",
    importanceUnit: level === "dimension" ? "points" : "scale points",
    performance: performanceKind,
    crosshair: { method, ...crosshair },
    points,
    skipped,
  };
}

const SERVPERF_SHAPE = {
  what: "a ServperfResult (from servperf)",
  fields: { kind: "string", items: "array", dimensions: "array" },
} as const;

/**
 * The result the performance axis is read from: the one passed in (checked against the
 * dataset) or computed here.
 */
/** A dimension or item before its quadrant is known. */
interface Candidate {
  readonly id: string;
  readonly label: string;
  readonly importance: number | null;
  readonly performance: number | null;
}

function nameOf(entry: { readonly id: string; readonly label: string }): {
  id: string;
  label: string;
} {
  return { id: entry.id, label: entry.label };
}

/** The performance of dimension or item `index`: its mean gap P − E, or its mean perception. */
function performanceOf(
  { gaps, perceptions }: { gaps: Gap5Result | null; perceptions: ServperfResult | null },
  level: "dimension" | "item",
  index: number,
): number | null {
  if (gaps !== null) {
    return (level === "dimension" ? gaps.dimensions : gaps.items)[index]?.gap.mean ?? null;
  }
  if (perceptions === null) return null;
  return (level === "dimension" ? perceptions.dimensions : perceptions.items)[index]?.mean ?? null;
}

function performanceResults(
  dataset: Dataset,
  kind: "perception" | "gap",
  options: ImportancePerformanceOptions,
  selection: { readonly rows?: Int32Array },
): { gaps: Gap5Result | null; perceptions: ServperfResult | null } {
  const unused = kind === "gap" ? options.servperf : options.gaps;
  if (unused !== undefined) {
    const [name, wanted] = kind === "gap" ? ["servperf", "perception"] : ["gaps", "gap"];
    throw new ServqualError(
      "invalid-options",
      `importancePerformance: ${name} is used only with performance: "${wanted}"`,
      [
        {
          code: "conflicting-options",
          message: `${name} given with performance "${kind}"`,
          path: [name],
        },
      ],
    );
  }
  const { facets } = dataset;
  if (kind === "gap" && options.gaps !== undefined) {
    const given = options.gaps;
    if (given.gap !== 5 || given.instrument.id !== dataset.instrument.id) {
      throw new ServqualError(
        "invalid-input",
        `importancePerformance: options.gaps is not a Gap 5 result of instrument "${dataset.instrument.id}" (it is a gap ${String(given.gap)} result of "${String(given.instrument.id)}")`,
        [{ code: "result-mismatch", message: "gaps of another instrument", path: ["gaps"] }],
      );
    }
    const figures = given.items.map((s) => ({ item: s.item, n: s.n, mean: s.gap.mean }));
    const [e, p] = [facets.expectation ?? [], facets.perception ?? []];
    checkResultMatchesDataset(
      "importancePerformance",
      "gaps",
      dataset,
      figures,
      e,
      p,
      selection.rows ?? null,
    );
    return { gaps: given, perceptions: null };
  }
  if (kind === "perception" && options.servperf !== undefined) {
    const given = options.servperf;
    const figures = given.items.map((s) => ({ item: s.item, n: s.n, mean: s.mean }));
    const p = facets.perception ?? [];
    checkResultMatchesDataset(
      "importancePerformance",
      "servperf",
      dataset,
      figures,
      null,
      p,
      selection.rows ?? null,
    );
    return { gaps: null, perceptions: given };
  }
  return kind === "gap"
    ? { gaps: gap5(dataset, { reliability: false, ...selection }), perceptions: null }
    : { gaps: null, perceptions: servperf(dataset, selection) };
}

/** An option that must be one of a few names (or left out). */
function checkChoice<T extends string>(
  value: T | undefined,
  allowed: readonly T[],
  name: string,
): T | undefined {
  if (value === undefined || allowed.includes(value)) return value;
  throw new ServqualError(
    "invalid-options",
    `importancePerformance: ${name} must be ${allowed.map((a) => `"${a}"`).join(" or ")}`,
    [{ code: "unknown-value", message: `${name} is ${String(value)}`, path: [name] }],
  );
}

function meanOf(values: AnswerColumn, factor: number, rows: Int32Array | null): number | null {
  let sum = 0;
  let n = 0;
  const length = rows === null ? values.length : rows.length;
  for (let i = 0; i < length; i++) {
    const value = values[rows === null ? i : (rows[i] as number)] as number;
    if (Number.isNaN(value)) continue;
    sum += value;
    n += 1;
  }
  return n > 0 ? (sum / n) * factor : null;
}
