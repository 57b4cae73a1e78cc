import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { expectShape, shapes } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { itemsOf } from "../instrument/itemsOf";
import type { Direction } from "../operations/fields";
import type { StandardSet } from "../operations/standards";
import type { Dataset } from "../responses/types";
import type { GapDimensionRow, GapEnvelope, GapItemRow } from "./envelope";
import { expectStandards } from "./gap3Accumulator";

/** The Gap 2 row of one standard (or of an attribute listed without one). */
export interface Gap2StandardRow extends GapItemRow {
  readonly attribute: string;
  /** The linked survey item, if any. */
  readonly surveyItem: string | null;
  /** A formal standard exists. */
  readonly present: boolean;
  /** It has a target (on the survey scale or operational). */
  readonly measurable: boolean;
  readonly scaleTarget: number | null;
  readonly metric: string | null;
  readonly target: number | null;
  readonly unit: string | null;
  readonly direction: Direction | null;
  /** The level management believes customers expect (operational unit with a metric, else scale points). */
  readonly believedExpectation: number | null;
  /**
   * Target vs what management believes customers expect, signed so that negative means the
   * standard asks for less than that: d·(target − believed) with d = +1 (higher is better) or
   * −1 (lower is better); the scale target (higher is better) when there is no metric.
   */
  readonly vsBelieved: number | null;
  /** Customers' mean expectation E of the linked item (scale points), when a customer dataset is given. */
  readonly customerExpectation: number | null;
  /** Customers answering the linked item. */
  readonly customerN: number;
  /** Scale target − customers' mean E (scale points; negative = the standard asks for less). */
  readonly vsCustomer: number | null;
  /**
   * Whether the target meets the requirement: `vsCustomer` ≥ 0 when known, else `vsBelieved`
   * ≥ 0; null when the standard is not measurable or neither comparison is known.
   */
  readonly meetsRequirement: boolean | null;
  /**
   * The standard's level c ∈ {0, 0.5, 1}: 0 no formal standard, 0.5 documented only (no
   * target, or a target not shown to meet the requirement), 1 measurable and meeting it.
   */
  readonly level: 0 | 0.5 | 1;
  readonly warnings: readonly Notice[];
}

/** Coverage of a group of attributes by formal standards. */
export interface Gap2Coverage {
  readonly attributes: number;
  readonly withStandard: number;
  readonly measurable: number;
  /** withStandard / attributes (the standards-coverage index); null without attributes. */
  readonly coverage: number | null;
  /** coverage − 1: negative = attributes without a standard. */
  readonly gap: number | null;
  /**
   * The importance-weighted standards index G2 = 100·(1 − Σ wᵢcᵢ / Σ wᵢ) over the attributes
   * (0 = every attribute has a measurable standard meeting the requirement, 100 = none has a
   * standard); null without weighted attributes.
   */
  readonly standardsIndex: number | null;
}

export interface Gap2DimensionRow extends GapDimensionRow, Gap2Coverage {
  /** Attributes (or survey items) without a formal standard. */
  readonly missing: readonly string[];
}

export interface Gap2Overall extends Gap2Coverage {
  /** Items of the customer instrument that no standard row links to (counted as without a standard). */
  readonly unlistedItems: readonly string[];
  /**
   * The weights wᵢ of `standardsIndex`: `importance-points` (the customers' mean importance
   * points of the attribute's dimension, split equally over its attributes) or `equal`.
   */
  readonly weighting: "importance-points" | "equal";
  /** Attributes left out of the weighted index: their dimension has no importance points. */
  readonly unweighted: readonly string[];
}

/** Gap 2 (standards): management's view of customers' expectations vs the service standards. */
export interface Gap2Result extends GapEnvelope<Gap2StandardRow, Gap2DimensionRow, Gap2Overall> {
  readonly gap: 2;
  readonly design: "index";
}

/** Options of {@link gap2}. */
export interface Gap2Options {
  /** Customers' survey answers: the mean expectation E of each linked item. */
  readonly customer?: Dataset;
}

interface AttributeEntry {
  readonly dimension: string;
  readonly formal: boolean;
  readonly measurable: boolean;
  readonly level: number;
}

/**
 * Customers' mean importance points (0–100) per dimension id: the mean over respondents who
 * gave points of their share × 100; null when the dataset has no importance points.
 */
function importancePoints(customer: Dataset): Map<string, number> | null {
  if (customer.weights === null) return null;
  const points = new Map<string, number>();
  customer.instrument.dimensions.forEach((dimension, d) => {
    const column = customer.weights?.[d];
    if (column === undefined) return;
    const m = mean(column).mean;
    if (m !== null) points.set(dimension.id, 100 * m);
  });
  return points.size === 0 ? null : points;
}

const GAP2_OPTIONS = optionNames<Gap2Options>({ customer: true });

function mean(column: ArrayLike<number>): { mean: number | null; n: number } {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < column.length; i++) {
    const x = column[i] as number;
    if (!Number.isNaN(x)) {
      sum += x;
      n += 1;
    }
  }
  return { mean: n === 0 ? null : sum / n, n };
}

/**
 * Gap 2 (standards; Parasuraman, Zeithaml & Berry 1985): whether management turned what it
 * believes customers expect into service standards. Per standard or attribute: a formal
 * standard present or missing, its target vs the expectation management believes
 * (`vsBelieved`) and vs customers' mean expectation E of the linked item (`vsCustomer`, when a
 * customer dataset is given). The standards-coverage index is the share of attributes with a
 * formal standard, per dimension and overall: C = #formal / #attributes, with the gap C − 1
 * (negative = attributes without a standard). An attribute with several standard rows counts
 * once, as covered when one of them is formal; with a customer dataset, instrument items that
 * no row links to count as attributes without a standard.
 *
 * The importance-weighted standards index (ServQual DOMAIN, Gap 2): each attribute's level
 * cᵢ ∈ {0, 0.5, 1} (no formal standard / documented only / measurable and meeting the
 * requirement: vsCustomer ≥ 0, else vsBelieved ≥ 0; the best of its rows) and
 * G2 = 100·(1 − Σ wᵢcᵢ / Σ wᵢ), 0 = no gap, 100 = no standards. wᵢ = the customers' mean
 * importance points of the attribute's dimension / its number of attributes when the
 * customer dataset has importance points (W_<dimension>), else 1.
 *
 * @param standards - From `validateStandards` or `readStandardsCsv`.
 * @param options - `customer`: a Dataset of the customer survey.
 * @returns The Gap 2 envelope (design `index`).
 * @example
 * const result = gap2(standards, { customer: dataset });
 * result.overall.coverage //=> 0.75
 * result.overall.standardsIndex //=> 100·(1 − Σ wᵢcᵢ / Σ wᵢ), e.g. 37.5
 */
export function gap2(standards: StandardSet, options?: Gap2Options): Gap2Result {
  const fn = "gap2";
  const set = expectStandards(fn, "standards", standards);
  checkOptionKeys(fn, options, GAP2_OPTIONS);
  const customer = options?.customer;
  if (customer !== undefined) expectShape(fn, "options.customer", customer, shapes.dataset);
  const expectations = new Map<string, { mean: number | null; n: number; dimension: string }>();
  if (customer !== undefined) {
    const columns = customer.facets.expectation;
    for (const item of itemsOf(customer.instrument)) {
      const column = columns?.[item.index];
      expectations.set(item.id, {
        ...(column === undefined ? { mean: null, n: 0 } : mean(column)),
        dimension: item.dimensionId,
      });
    }
  }
  const warnings: Notice[] = [];
  if (customer !== undefined && customer.facets.expectation === undefined) {
    warnings.push(
      notice(
        "no-customer-expectation",
        "the customer dataset has no expectation answers: vsCustomer is null",
      ),
    );
  }
  const items: Gap2StandardRow[] = set.standards.map((s) => {
    const rowWarnings: Notice[] = [];
    const factor = s.metric !== null ? (s.direction === "lower-is-better" ? -1 : 1) : 1;
    const target = s.metric !== null ? s.target : s.scaleTarget;
    const vsBelieved =
      s.formal && target !== null && s.believedExpectation !== null
        ? factor * (target - s.believedExpectation)
        : null;
    const e = s.item === null ? undefined : expectations.get(s.item);
    if (customer !== undefined && s.item !== null && e === undefined) {
      rowWarnings.push(
        notice(
          "no-customer-expectation",
          `standard ${s.id}: item ${s.item} is not in the customer instrument`,
        ),
      );
    }
    const customerExpectation = e?.mean ?? null;
    const measurable = s.formal && (s.scaleTarget !== null || s.target !== null);
    const vsCustomer =
      s.formal && s.scaleTarget !== null && customerExpectation !== null
        ? s.scaleTarget - customerExpectation
        : null;
    const comparison = vsCustomer ?? vsBelieved;
    const meetsRequirement = measurable && comparison !== null ? comparison >= 0 : null;
    return {
      item: s.id,
      label: s.label,
      dimension: s.dimension,
      attribute: s.attribute,
      surveyItem: s.item,
      present: s.formal,
      measurable,
      scaleTarget: s.scaleTarget,
      metric: s.metric,
      target: s.target,
      unit: s.unit,
      direction: s.direction,
      believedExpectation: s.believedExpectation,
      vsBelieved,
      customerExpectation,
      customerN: e?.n ?? 0,
      vsCustomer,
      meetsRequirement,
      level: !s.formal ? 0 : meetsRequirement === true ? 1 : 0.5,
      warnings: rowWarnings,
    };
  });
  // One entry per attribute: covered when one of its rows is formal; its level the best row's.
  const attributes = new Map<string, AttributeEntry>();
  for (const row of items) {
    const seen = attributes.get(row.attribute);
    attributes.set(row.attribute, {
      dimension: seen?.dimension ?? row.dimension,
      formal: (seen?.formal ?? false) || row.present,
      measurable: (seen?.measurable ?? false) || row.measurable,
      level: Math.max(seen?.level ?? 0, row.level),
    });
  }
  const linked = new Set(
    set.standards.map((s) => s.item).filter((item): item is string => item !== null),
  );
  const unlistedItems = [...expectations.keys()].filter(
    (item) => !linked.has(item) && !attributes.has(item),
  );
  for (const item of unlistedItems) {
    attributes.set(item, {
      dimension: (expectations.get(item) as { dimension: string }).dimension,
      formal: false,
      measurable: false,
      level: 0,
    });
  }
  const byDimension = new Map<string, [string, AttributeEntry][]>();
  for (const [attribute, entry] of attributes) {
    const list = byDimension.get(entry.dimension) ?? [];
    list.push([attribute, entry]);
    byDimension.set(entry.dimension, list);
  }
  const points = customer === undefined ? null : importancePoints(customer);
  const weightOf = (entry: AttributeEntry): number | null => {
    if (points === null) return 1;
    const p = points.get(entry.dimension);
    if (p === undefined) return null;
    return p / (byDimension.get(entry.dimension) as unknown[]).length;
  };
  const unweighted = [...attributes].filter(([, e]) => weightOf(e) === null).map(([a]) => a);
  if (points !== null && unweighted.length > 0) {
    warnings.push(
      notice(
        "no-importance-points",
        `${unweighted.length} attributes (${unweighted.join(", ")}) are in dimensions without customers' importance points: they are left out of the weighted standards index`,
      ),
    );
  }
  const coverage = (entries: AttributeEntry[]): Gap2Coverage => {
    const withStandard = entries.filter((e) => e.formal).length;
    const c = entries.length === 0 ? null : withStandard / entries.length;
    let weighted = 0;
    let total = 0;
    for (const e of entries) {
      const w = weightOf(e);
      if (w === null) continue;
      weighted += w * e.level;
      total += w;
    }
    return {
      attributes: entries.length,
      withStandard,
      measurable: entries.filter((e) => e.measurable).length,
      coverage: c,
      gap: c === null ? null : c - 1,
      standardsIndex: total > 0 ? 100 * (1 - weighted / total) : null,
    };
  };
  const dimensions: Gap2DimensionRow[] = [...byDimension.entries()].map(([dimension, list]) => ({
    dimension,
    label: dimension,
    ...coverage(list.map(([, e]) => e)),
    missing: list.filter(([, e]) => !e.formal).map(([a]) => a),
  }));
  if (items.length === 0) warnings.push(notice("no-data", "no standards were given"));
  return {
    gap: 2,
    name: "Gap 2: service standards vs management's view of customers' expectations",
    design: "index",
    unit: "share of attributes",
    sign: "standards-coverage index − 1; negative = attributes without a formal standard",
    items,
    dimensions,
    overall: {
      ...coverage([...attributes.values()]),
      unlistedItems,
      weighting: points === null ? "equal" : "importance-points",
      unweighted: points === null ? [] : unweighted,
    },
    warnings,
  };
}
