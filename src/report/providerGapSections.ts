import type { Gap1Result } from "../gaps/gap1";
import type { Gap2Result } from "../gaps/gap2";
import type { Gap3Result } from "../gaps/gap3";
import type { Gap4Result } from "../gaps/gap4";
import { type Cell, count, intervalCell, label, num, pCell, percentCell } from "./cells";
import type { ChartSpec } from "./chart";
import type { Section, TableBlock } from "./document";
import { fixed } from "./format";

/** A table whose first `left` columns align left, the rest right. */
export function sectionTable(
  id: string,
  headers: readonly string[],
  left: number,
  rows: Cell[][],
): TableBlock {
  return {
    kind: "table",
    id,
    columns: headers.map((header, i) => ({ header, align: i < left ? "left" : "right" })),
    rows,
  };
}

/**
 * The Gap 1 section: managers' estimate vs customers' expectation per dimension (Welch or
 * one-sample test, Hedges' g) and the items management under- and over-estimates most.
 */
export function gap1Section(result: Gap1Result): Section {
  const level = Math.round(result.level * 100);
  const misjudged = [
    ...result.underestimated.map((m) => ({ ...m, way: "underestimated" })),
    ...result.overestimated.map((m) => ({ ...m, way: "overestimated" })),
  ];
  const o = result.overall;
  return {
    id: "gap1",
    title: "Gap 1: knowledge (managers' estimate vs customers' expectation)",
    blocks: [
      {
        kind: "paragraph",
        text: `${result.managers} managers estimated what ${result.customers} customers expect, on the same ${result.items.length} items and scale. Gap 1 = managers' estimate − customers' expectation (negative = management underestimates). Overall ${fmt(o.gap.mean)} scale points; managers are off by ${fmt(o.meanAbsoluteItemGap)} points per item on average; rank correlation of the item means ${fmt(o.itemRankCorrelation)}.`,
      },
      sectionTable(
        "gap1-dimensions",
        ["Dimension", "Customers E", "Managers", "Gap", `${level}% CI`, "Hedges' g", "p (adj.)"],
        1,
        result.dimensions.map((d) => [
          label(d.label),
          num(d.required.mean),
          num(d.delivered.mean),
          num(d.gap.mean),
          intervalCell(d.gap.ci),
          num(d.effectSize.g),
          pCell(d.test.pAdjusted),
        ]),
      ),
      sectionTable(
        "gap1-items",
        ["Item", "Statement", "Dimension", "Misjudged", "Gap", "Hedges' g"],
        4,
        misjudged.map((m) => [
          label(m.item),
          label(m.label),
          label(m.dimension),
          label(m.way),
          num(m.gap),
          num(m.g),
        ]),
      ),
      {
        kind: "note",
        text: `Test: ${result.managers >= 2 ? "Welch's t-test of managers vs customers" : "one-sample t-test of customers against the one manager's estimate"}; p adjusted within the dimension family (${result.pAdjustMethod}). Hedges' g with a normal-approximation interval. Items: the largest negative and positive item gaps.`,
      },
    ],
  };
}

/** The Gap 2 section: standards coverage per dimension and the attributes without a standard. */
export function gap2Section(result: Gap2Result): Section {
  const o = result.overall;
  return {
    id: "gap2",
    title: "Gap 2: standards (coverage of attributes by formal standards)",
    blocks: [
      {
        kind: "paragraph",
        text: `${o.withStandard} of ${o.attributes} attributes have a formal service standard (${o.measurable} with a measurable target): coverage ${fmt(o.coverage)}, Gap 2 = coverage − 1 = ${fmt(o.gap)}.`,
      },
      sectionTable(
        "gap2-coverage",
        ["Dimension", "Attributes", "With standard", "Measurable", "Coverage", "Gap", "Without"],
        1,
        result.dimensions.map((d) => [
          label(d.label),
          count(d.attributes),
          count(d.withStandard),
          count(d.measurable),
          percentCell(d.coverage),
          num(d.gap),
          label(d.missing.length === 0 ? "" : d.missing.join(", ")),
        ]),
      ),
    ],
  };
}

/** Compliance, its interval and gap of a row of Gap 3 figures. */
function complianceCells(row: {
  readonly evaluated: number;
  readonly compliance: number | null;
  readonly ci: { readonly lower: number | null; readonly upper: number | null };
  readonly gap: number | null;
}): Cell[] {
  return [
    count(row.evaluated),
    percentCell(row.compliance),
    intervalCell(row.ci, 3),
    num(row.gap, 3),
  ];
}

/**
 * The Gap 3 section: compliance per measured standard with its Wilson interval and miss sizes,
 * then by region and by period, and a chart of compliance by period.
 */
export function gap3Section(result: Gap3Result): Section {
  const level = Math.round(result.level * 100);
  const ci = `${level}% CI`;
  const o = result.overall;
  const without = o.withoutStandard.map((w) => `${w.attribute} (${w.records})`).join(", ");
  const chart: ChartSpec = {
    kind: "chart",
    id: "gap3-periods",
    title: `Compliance with each standard by ${result.period}`,
    mark: "line",
    x: { field: "period", type: "ordinal", title: result.period === "month" ? "Month" : "Period" },
    y: { field: "compliance", type: "quantitative", title: "Compliance (share of records)" },
    color: { field: "standard", type: "nominal", title: "Standard" },
    rules: { x: null, y: null },
    data: result.items.flatMap((s) =>
      s.byPeriod.map((g) => ({ period: g.group, standard: s.label, compliance: g.compliance })),
    ),
  };
  return {
    id: "gap3",
    title: "Gap 3: delivery (service delivered vs the standards)",
    blocks: [
      {
        kind: "paragraph",
        text: `${result.records.in} records in, ${result.records.used} used, ${result.records.excluded} excluded. Gap 3 = compliance − target share (negative = below the standard); overall ${fmt(o.gap, 3)} over ${o.evaluated} records with a verdict. Business time in ${result.calendar.timeZone} (records may name their own zone); open records measured up to ${result.asOf.slice(0, 10)}.${without === "" ? "" : ` Records of attributes without a measured standard: ${without}.`}`,
      },
      sectionTable(
        "gap3-standards",
        [
          "Standard",
          "Dimension",
          "Metric",
          "Target",
          "Unit",
          "Target share",
          "Evaluated",
          "Compliance",
          ci,
          "Gap",
          "Median miss",
          "P90 miss",
        ],
        3,
        result.items.map((s) => [
          label(s.label),
          label(s.dimension),
          label(s.metric),
          num(s.target, 2),
          label(s.unit),
          percentCell(s.targetShare),
          ...complianceCells(s),
          num(s.misses.median),
          num(s.misses.p90),
        ]),
      ),
      sectionTable(
        "gap3-regions",
        ["Standard / region", "Evaluated", "Compliance", ci, "Gap"],
        1,
        result.items.flatMap((s) =>
          s.byRegion.map((g) => [label(`${s.label} / ${g.group}`), ...complianceCells(g)]),
        ),
      ),
      sectionTable(
        "gap3-periods",
        ["Standard / period", "Evaluated", "Compliance", ci, "Gap"],
        1,
        result.items.flatMap((s) =>
          s.byPeriod.map((g) => [label(`${s.label} / ${g.group}`), ...complianceCells(g)]),
        ),
      ),
      chart,
      {
        kind: "note",
        text: "Compliance = met / (met + missed) with a Wilson interval; misses in the standard's unit (type-7 quantiles). Periods are the local date of creation.",
      },
    ],
  };
}

/** The Gap 4 section: each promise's kept rate, overpromise size and exposure. */
export function gap4Section(result: Gap4Result): Section {
  const level = Math.round(result.level * 100);
  const o = result.overall;
  return {
    id: "gap4",
    title: "Gap 4: communication (promises vs delivery)",
    blocks: [
      {
        kind: "paragraph",
        text: `Gap 4 = promise-kept rate − 1 (negative = customers who got less than promised): overall ${fmt(o.gap, 3)} over ${o.evaluated} records${o.exposureWeightedGap === null ? "" : `; weighted by ${o.exposures} exposures ${fmt(o.exposureWeightedGap, 3)}`}. Overpromise = d·(median delivered − promised), negative = delivery worse than promised.`,
      },
      sectionTable(
        "gap4-promises",
        [
          "Promise",
          "Channel",
          "Period",
          "Promised",
          "Unit",
          "Evaluated",
          "Kept",
          `${level}% CI`,
          "Median delivered",
          "Overpromise",
          "Exposures",
        ],
        3,
        result.items.map((p) => [
          label(p.label),
          label(p.channel),
          label(`${p.from} – ${p.to}`),
          num(p.promisedLevel),
          label(p.unit),
          count(p.evaluated),
          percentCell(p.keptRate),
          intervalCell(p.ci, 3),
          num(p.deliveredMedian),
          num(p.overpromise),
          count(p.exposures),
        ]),
      ),
    ],
  };
}

/** A number as text with fixed decimals, "—" when null (no "-0.00"). */
export function fmt(value: number | null | undefined, decimals = 2): string {
  return fixed(value, decimals);
}
