import { checkOptionKeys, expectKind, invalidArgument, optionNames } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import { readCorrelationRows } from "./correlationRows";
import { checkMissingMode, itemMoments } from "./itemCovariance";
import { ITEM_DATA, type ItemData, prepareItems, resolveItems } from "./prepareItems";
import type { ItemDataOptions, MissingMode } from "./types";

/** A correlation matrix given directly to {@link htmt}, with optional item names. */
export interface CorrelationInput {
  readonly correlation: ReadonlyArray<ReadonlyArray<number>>;
  readonly itemNames?: readonly string[];
}

/** Options of {@link htmt}. */
export interface HtmtOptions extends ItemDataOptions {
  /** Missing-data handling when raw data are given (default pairwise). */
  readonly missing?: MissingMode;
  /**
   * Use |r| instead of r (as semTools::htmt does by default). Default false: Henseler et al.'s
   * formula on the correlations as they are, with a warning for negative ones.
   */
  readonly absolute?: boolean;
}

/** One pair of constructs in {@link HtmtResult}. */
export interface HtmtPair {
  readonly a: string;
  readonly b: string;
  /** HTMT ratio, or null when a monotrait mean is not positive or a construct has one item. */
  readonly value: number | null;
  /** Mean heterotrait–heteromethod correlation (between the two constructs' items). */
  readonly heterotraitMean: number;
  /** Mean monotrait–heteromethod correlations (within each construct), null for one item. */
  readonly monotraitMeanA: number | null;
  readonly monotraitMeanB: number | null;
}

/** Result of {@link htmt}. */
export interface HtmtResult {
  readonly constructs: readonly string[];
  /** Constructs × constructs, HTMT off the diagonal, null on it and where undefined. */
  readonly matrix: readonly (readonly (number | null)[])[];
  readonly pairs: readonly HtmtPair[];
  /** Pairs at or above .85 (the conservative cut-off; .90 is the liberal one). */
  readonly above085: readonly string[];
  readonly warnings: readonly Notice[];
}

function isCorrelationInput(x: unknown): x is CorrelationInput {
  return typeof x === "object" && x !== null && !Array.isArray(x) && "correlation" in x;
}

function readCorrelation(
  input: CorrelationInput,
  fn: string,
): { r: Float64Array; k: number; names: string[] } {
  const rows = input.correlation;
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new ServqualError("invalid-input", `${fn} requires a non-empty correlation matrix`);
  }
  const k = rows.length;
  const issues: Issue[] = [];
  const r = readCorrelationRows(rows, k, "correlation", issues);
  if (issues.length > 0)
    throw new ServqualError("invalid-input", `${fn}: invalid correlation matrix`, issues);
  const names = input.itemNames
    ? [...input.itemNames]
    : Array.from({ length: k }, (_, i) => `item${i + 1}`);
  if (names.length !== k) {
    throw new ServqualError("invalid-options", `${fn}: ${names.length} item names for ${k} items`);
  }
  return { r, k, names };
}

const HTMT_OPTIONS = optionNames<HtmtOptions>({
  itemNames: true,
  reverse: true,
  scaleMin: true,
  scaleMax: true,
  missing: true,
  absolute: true,
});

/**
 * Heterotrait–monotrait ratio of correlations (HTMT) for every pair of constructs: the mean
 * correlation between the items of two different constructs, divided by the geometric mean of
 * the mean correlations among each construct's own items. Values near 1 mean the two
 * constructs are not empirically distinct; .85 (conservative) and .90 are the usual cut-offs.
 *
 * HTMT_ij = mean(r_gh : g ∈ i, h ∈ j) / sqrt(mean(r_gg′ : g < g′ ∈ i) · mean(r_hh′ : h < h′ ∈ j))
 *
 * Reference: Henseler, J., Ringle, C. M. & Sarstedt, M. (2015), Journal of the Academy of
 * Marketing Science 43(1), 115–135.
 *
 * In R: `semTools::htmt(model, data, absolute = FALSE)`.
 *
 * @category psychometrics
 * @param input - `{ correlation }` (an item correlation matrix), or item data (rows,
 *   `{ columns }` or an accumulator): then R = cor(x, use = "pairwise") after reverse keys
 * @param groups - construct name → its items (0-based indices or item names)
 * @param options - item names, reverse keys and scale, missing-data mode, `absolute`
 * @returns the HTMT matrix and pairs; null with a warning where a construct has a single item
 *   or a non-positive mean within-construct correlation
 * @throws {ServqualError} `invalid-input` for fewer than two constructs, an unknown or repeated
 *   item, a malformed matrix; `invalid-options` for bad options
 * @example
 * htmt({ correlation: [[1, 0.64, 0.3, 0.2], [0.64, 1, 0.25, 0.25],
 *   [0.3, 0.25, 1, 0.49], [0.2, 0.25, 0.49, 1]] }, { A: [0, 1], B: [2, 3] }).matrix[0][1];
 * //=> 0.44642… (= 0.25 / sqrt(0.64 · 0.49) = 0.25 / 0.56)
 */
export function htmt(
  input: CorrelationInput | ItemData,
  groups: Readonly<Record<string, ReadonlyArray<number | string>>>,
  options: HtmtOptions = {},
): HtmtResult {
  if (typeof input !== "object" || input === null) {
    throw invalidArgument("htmt", "input", `{ correlation } or ${ITEM_DATA}`, input);
  }
  expectKind("htmt", "groups", groups, "object", "a record of construct → item names or indices");
  checkOptionKeys("htmt", options, HTMT_OPTIONS);
  const fn = "htmt";
  let r: Float64Array;
  let k: number;
  let names: string[];
  const warnings: Notice[] = [];
  if (isCorrelationInput(input)) {
    ({ r, k, names } = readCorrelation(input, fn));
  } else {
    const missing = checkMissingMode(options.missing, fn);
    const { acc } = prepareItems(input, options, fn);
    const m = itemMoments(acc, missing);
    r = m.correlation;
    k = acc.k;
    names = [...acc.itemNames];
    if (m.nObservations < 2)
      warnings.push(notice("too-few-values", "fewer than 2 rows: correlations are undefined"));
  }
  if (typeof groups !== "object" || groups === null) {
    throw new ServqualError("invalid-input", `${fn} requires groups: construct name → items`);
  }
  const constructs = Object.keys(groups);
  if (constructs.length < 2) {
    throw new ServqualError("invalid-input", `${fn} requires at least two constructs`);
  }
  const seen = new Map<number, string>();
  const members = constructs.map((c) => {
    const items = resolveItems(groups[c], names, fn, `groups.${c}`);
    if (items.length === 0)
      throw new ServqualError("invalid-input", `${fn}: construct ${c} has no items`);
    for (const i of items) {
      const other = seen.get(i);
      if (other !== undefined) {
        throw new ServqualError(
          "invalid-input",
          `${fn}: item ${names[i]} belongs to both ${other} and ${c}`,
        );
      }
      seen.set(i, c);
    }
    return items;
  });
  const value = (i: number, j: number): number => {
    const v = r[i * k + j] as number;
    return options.absolute ? Math.abs(v) : v;
  };
  const used = [...seen.keys()];
  for (const i of used) {
    for (const j of used) {
      if (!Number.isFinite(r[i * k + j] as number)) {
        warnings.push(
          notice(
            "undefined-correlation",
            `the correlation of ${names[i]} and ${names[j]} is undefined (zero variance or too few rows)`,
          ),
        );
      }
    }
  }
  const monotrait = members.map((items, c) => {
    if (items.length < 2) {
      warnings.push(
        notice(
          "single-item-construct",
          `construct ${constructs[c]} has a single item: its within-construct mean correlation, and so HTMT, is undefined`,
        ),
      );
      return null;
    }
    let sum = 0;
    let count = 0;
    let negative = false;
    for (let a = 0; a < items.length; a++) {
      for (let b = a + 1; b < items.length; b++) {
        const v = value(items[a] as number, items[b] as number);
        if (v < 0) negative = true;
        sum += v;
        count++;
      }
    }
    if (negative) {
      warnings.push(
        notice(
          "negative-correlation",
          `construct ${constructs[c]} has negatively correlated items: recode reverse-keyed items first (or use absolute: true)`,
        ),
      );
    }
    return sum / count;
  });
  const m = constructs.length;
  const matrix: (number | null)[][] = Array.from({ length: m }, () =>
    new Array<number | null>(m).fill(null),
  );
  const pairs: HtmtPair[] = [];
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      let sum = 0;
      for (const i of members[a] as number[])
        for (const j of members[b] as number[]) sum += value(i, j);
      const heterotraitMean =
        sum / ((members[a] as number[]).length * (members[b] as number[]).length);
      const ma = monotrait[a] ?? null;
      const mb = monotrait[b] ?? null;
      let ratio: number | null = null;
      if (ma !== null && mb !== null) {
        if (ma > 0 && mb > 0) {
          ratio = heterotraitMean / Math.sqrt(ma * mb);
          if (!Number.isFinite(ratio)) ratio = null;
        } else {
          warnings.push(
            notice(
              "undefined-statistic",
              `HTMT of ${constructs[a]} and ${constructs[b]} is null: a mean within-construct correlation is not positive`,
            ),
          );
        }
      }
      (matrix[a] as (number | null)[])[b] = ratio;
      (matrix[b] as (number | null)[])[a] = ratio;
      pairs.push({
        a: constructs[a] as string,
        b: constructs[b] as string,
        value: ratio,
        heterotraitMean,
        monotraitMeanA: ma,
        monotraitMeanB: mb,
      });
    }
  }
  const above085 = pairs
    .filter((p) => p.value !== null && p.value >= 0.85)
    .map((p) => `${p.a}–${p.b}`);
  if (above085.length > 0) {
    warnings.push(
      notice(
        "htmt-above-threshold",
        `HTMT at or above .85 for ${above085.join(", ")}: discriminant validity is doubtful (Henseler et al. 2015)`,
      ),
    );
  }
  return { constructs, matrix, pairs, above085, warnings: distinct(warnings) };
}

/** The notices with repeated messages left out (first kept). */
function distinct(notices: readonly Notice[]): Notice[] {
  const seen = new Set<string>();
  return notices.filter((item) => !seen.has(item.message) && seen.add(item.message) !== undefined);
}
