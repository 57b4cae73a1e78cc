import { expectShape, shapes } from "../_lib/guards";
import { countByCode, type Notice } from "../_lib/notice";
import type { Gap5Result } from "../gaps/gap5";
import type { ImportancePerformanceResult } from "../gaps/importancePerformance";
import type { ZonesOfToleranceResult } from "../gaps/zonesOfTolerance";
import { type Cell, count, intervalCell, label, num, pCell, percentCell } from "./cells";
import type { ChartSpec } from "./chart";
import { commentsSection } from "./commentsSection";
import { contextSections } from "./contextSections";
import type { Block, ReportDocument, Section, TableBlock, TableColumn } from "./document";
import { fiveGapSections } from "./fiveGapSections";
import { fixed } from "./format";
import { apaTTest } from "./formatApa";
import { reportWarnings } from "./gapReportResults";
import { groupedWarningLines } from "./groupWarnings";
import { type SidedStatistics, sideMean, sideReliability, warningText } from "./readResults";
import { recoverySection } from "./recoverySection";
import { relationshipSection } from "./relationshipSection";
import { stageGapSection } from "./stageGapSection";
import { trustSection } from "./trustSection";
import type { GapReport } from "./types";

/** A table column from a header: `r` aligns right (numbers), anything else left. */
function columns(spec: readonly (readonly [string, "l" | "r"])[]): TableColumn[] {
  return spec.map(([header, align]) => ({ header, align: align === "r" ? "right" : "left" }));
}

function table(
  id: string,
  spec: readonly (readonly [string, "l" | "r"])[],
  rows: Cell[][],
): TableBlock {
  return { kind: "table", id, columns: columns(spec), rows };
}

type GapRow = SidedStatistics & {
  readonly n: number;
  readonly gap: {
    readonly mean: number | null;
    readonly ci: { readonly lower: number | null; readonly upper: number | null };
  };
  readonly shareNegative: number | null;
};

/** E, P, gap, interval, share negative and n of one row of gap statistics. */
function gapCells(stats: GapRow): Cell[] {
  return [
    num(sideMean(stats, "required")),
    num(sideMean(stats, "delivered")),
    num(stats.gap.mean),
    intervalCell(stats.gap.ci),
    percentCell(stats.shareNegative),
    count(stats.n),
  ];
}

/** The headers of gapCells' six cells, the interval headed `ci`. */
function gapColumns(ci: string): [string, "r"][] {
  return [
    ["E", "r"],
    ["P", "r"],
    ["Gap", "r"],
    [ci, "r"],
    ["% negative", "r"],
    ["n", "r"],
  ];
}

type TestedRow = {
  readonly effectSize: { readonly dz: number | null };
  readonly tTest: { readonly pAdjusted: number | null };
};

/** Effect size d_z and adjusted p of one dimension or item, after its gapCells. */
function testCells(row: TestedRow): Cell[] {
  return [num(row.effectSize.dz), pCell(row.tTest.pAdjusted)];
}

/** The headers of testCells' two cells. */
function testColumns(gap: Gap5Result): [string, "r"][] {
  return [
    ["d_z", "r"],
    [`p (${gap.pAdjustMethod})`, "r"],
  ];
}

/** The item, its statement and its dimension: the first cells of an item row. */
function itemCells(item: {
  readonly item: string;
  readonly label: string;
  readonly dimension: string;
}): Cell[] {
  return [label(item.item), label(item.label), label(item.dimension)];
}

const ITEM_COLUMNS: readonly (readonly [string, "l"])[] = [
  ["Item", "l"],
  ["Statement", "l"],
  ["Dimension", "l"],
];

/** The x axis of a chart by dimension. */
function dimensionAxis(): ChartSpec["x"] {
  return { field: "dimension", type: "nominal", title: "Dimension" };
}

/**
 * The gap report layout: turns the results of a gap report (from gapReportResults, or made by
 * hand with null for what was not computed) into a document: the opening facts, overall Gap 5
 * with its dimensions, reliability, the worst items, the item table, zones of tolerance,
 * importance–performance (table and chart), data quality (rows in = used + excluded, and why)
 * and every warning. Sections whose results are null are left out. Pure: no computation beyond
 * choosing and labelling what the results hold.
 *
 * @param results - What was computed (see GapReport).
 * @returns A document for renderMarkdown, renderJson or any renderer built on walkDocument.
 *
 * @example
 * renderMarkdown(layoutGapReport(gapReportResults(dataset, report)))
 */
export function layoutGapReport(results: GapReport): ReportDocument<GapReport> {
  expectShape("layoutGapReport", "results", results, shapes.gapReport);
  const sections: Section[] = [openingSection(results)];
  const gap = results.gap5;
  if (gap !== null) sections.push(overallSection(gap), dimensionSection(gap));
  const reliability = gap === null ? null : reliabilitySection(gap);
  if (reliability !== null) sections.push(reliability);
  if (results.worstItems.length > 0) sections.push(worstSection(results));
  if (gap !== null) sections.push(itemSection(gap));
  if (results.zones !== null) sections.push(zonesSection(results.zones));
  if (results.importancePerformance !== null) {
    sections.push(ipaSection(results.importancePerformance));
  }
  sections.push(...contextSections(results.context));
  if (results.relationship != null) sections.push(relationshipSection(results.relationship));
  const byStage = results.relationship?.gap5ByStage;
  if (byStage != null) sections.push(stageGapSection(byStage));
  sections.push(...fiveGapSections(results.fiveGap));
  if (results.recovery != null) sections.push(recoverySection(results.recovery));
  if (results.comments != null) sections.push(commentsSection(results.comments));
  if (results.trust != null) sections.push(trustSection(results.trust));
  sections.push(dataQualitySection(results));
  const notices = reportWarnings(results);
  // Repeated warnings of one code and subject are one line each (the results keep them all).
  const warnings = groupedWarningLines(notices);
  if (warnings.length > 0) {
    sections.push({
      id: "warnings",
      title: "Warnings",
      blocks: [{ kind: "list", items: warnings }],
    });
  }
  return {
    kind: "servqual-report-document",
    version: 1,
    layout: "gap-report",
    title: results.title,
    sections,
    results: withAllCounted(results, notices),
  };
}

/**
 * The results with `warningCounts` covering every warning laid out, also those of sections
 * added to the results after gapReportResults counted its own (context, recovery, comments, …);
 * the same object when the counts already agree.
 */
function withAllCounted(results: GapReport, notices: readonly Notice[]): GapReport {
  const counts = countByCode(notices);
  const before = results.warningCounts;
  const same =
    Object.keys(counts).length === Object.keys(before).length &&
    Object.entries(counts).every(([code, n]) => before[code] === n);
  return same ? results : { ...results, warningCounts: counts };
}

function openingSection(results: GapReport): Section {
  const v = results.validation;
  const items = [`Instrument: ${results.instrument.name}`];
  if (results.source !== null) items.push(`Source: ${results.source}`);
  items.push(`Rows in: ${v.rowsIn} · used: ${v.rowsUsed} · excluded: ${v.rowsExcluded}`);
  // `?? null`: documents written before the option have no selection field.
  const selection = results.selection ?? null;
  if (selection !== null) {
    const { respondents, of } = selection;
    items.push(
      `Selected respondents: ${respondents} of ${of} (the analyses use these; the row counts describe the whole input)`,
    );
  }
  items.push(
    `Missing data: ${describePolicy(v.missingPolicy)}`,
    "Sign: gap = delivered − required (P − E); negative = service falls short. Unit: scale points.",
  );
  return { id: "about", title: null, blocks: [{ kind: "list", items }] };
}

function overallSection(gap: Gap5Result): Section {
  const level = Math.round(gap.level * 100);
  const weighted = gap.overall.weighted;
  const rows: Cell[][] = [
    [label("Unweighted (mean of dimension scores)"), ...gapCells(gap.overall.unweighted)],
  ];
  if (weighted !== null) {
    rows.push([label("Weighted by importance points"), ...gapCells(weighted.perRespondent)]);
  }
  rows.push([label("Mean of all item gaps"), ...gapCells(gap.overall.itemMean)]);
  const blocks: Block[] = [table("overall", [["Score", "l"], ...gapColumns(`${level}% CI`)], rows)];
  if (weighted !== null) {
    const shares = Object.entries(weighted.meanWeights)
      .map(([id, share]) => `${id} ${fixed(share * 100, 1)}`)
      .join(", ");
    blocks.push(
      {
        kind: "paragraph",
        text: `Mean importance points: ${shares}. Weighted gap from mean weights: ${fixed(weighted.fromMeanWeights.gap)}.`,
      },
      { kind: "note", text: weightedCountNote(weighted, gap.overall.unweighted.n) },
    );
  }
  return { id: "overall", title: "Overall service quality (Gap 5 = P − E)", blocks };
}

function dimensionSection(gap: Gap5Result): Section {
  const level = Math.round(gap.level * 100);
  const chart: ChartSpec = {
    kind: "chart",
    id: "dimension-gaps",
    title: "Gap 5 by dimension (P − E)",
    mark: "bar",
    x: dimensionAxis(),
    y: { field: "gap", type: "quantitative", title: "Gap (scale points)" },
    color: null,
    rules: { x: null, y: 0 },
    interval: { lower: "lower", upper: "upper", title: `${level}% CI` },
    data: gap.dimensions.map((d) => ({
      dimension: d.label,
      gap: d.gap.mean,
      lower: d.gap.ci.lower,
      upper: d.gap.ci.upper,
    })),
  };
  const sides: ChartSpec = {
    kind: "chart",
    id: "expected-perceived",
    title: "Expected (E) and perceived (P) service by dimension",
    mark: "bar",
    x: dimensionAxis(),
    y: { field: "score", type: "quantitative", title: "Mean score" },
    color: { field: "side", type: "nominal", title: "Side" },
    rules: { x: null, y: null },
    data: gap.dimensions.flatMap((d) => [
      { dimension: d.label, side: "E (expected)", score: sideMean(d, "required") },
      { dimension: d.label, side: "P (perceived)", score: sideMean(d, "delivered") },
    ]),
  };
  return {
    id: "dimensions",
    title: "Dimensions",
    blocks: [
      table(
        "dimensions",
        [["Dimension", "l"], ["Items", "r"], ...gapColumns(`${level}% CI`), ...testColumns(gap)],
        gap.dimensions.map((d) => [
          label(d.label),
          count(d.items.length),
          ...gapCells(d),
          ...testCells(d),
        ]),
      ),
      {
        kind: "note",
        text: `d_z = mean gap / SD of gaps (Cohen's effect size for paired data). p: paired t-test of P − E against 0, adjusted across the ${gap.dimensions.length} dimensions (${gap.pAdjustMethod}); items are adjusted across the ${gap.items.length} items. Wilcoxon signed-rank tests are in report.json.`,
      },
      ...apaBlocks(gap),
      chart,
      sides,
    ],
  };
}

/** Each dimension's paired t-test in APA running text, ready to paste into a paper. */
function apaBlocks(gap: Gap5Result): Block[] {
  return [
    {
      kind: "paragraph",
      text: `In APA style (paired t-test of P − E, p ${gap.pAdjustMethod}-adjusted across dimensions):`,
    },
    {
      kind: "list",
      items: gap.dimensions.map(
        (d) =>
          `${d.label}: ${apaTTest({ t: d.tTest.t, df: d.tTest.df, p: d.tTest.pAdjusted, dz: d.effectSize.dz })}`,
      ),
    },
  ];
}

function reliabilitySection(gap: Gap5Result): Section | null {
  const reliability = gap.reliability;
  if (reliability === null || reliability.length === 0) return null;
  const dimensionLabel = (d: number, fallback: string) => gap.dimensions[d]?.label ?? fallback;
  const blocks: Block[] = [
    table(
      "reliability",
      [
        ["Dimension", "l"],
        ["α E", "r"],
        ["α P", "r"],
        ["α gap", "r"],
        ["Gap-score reliability", "r"],
        ["E and P correlation", "r"],
      ],
      reliability.map((entry, d) => [
        label(dimensionLabel(d, entry.dimension)),
        num(sideReliability(entry, "required")?.alpha.rawAlpha, 2, true),
        num(sideReliability(entry, "delivered")?.alpha.rawAlpha, 2, true),
        num(entry.gap?.alpha.rawAlpha, 2, true),
        num(entry.differenceScore, 2, true),
        num(gap.dimensions[d]?.correlation, 2, true),
      ]),
    ),
    {
      kind: "note",
      text: "Gap-score reliability: r_D = (σ²_P·α_P + σ²_E·α_E − 2·r_PE·σ_P·σ_E)/(σ²_P + σ²_E − 2·r_PE·σ_P·σ_E) (Peter, Churchill & Brown 1993). Alpha below 0.70 (Nunnally 1978), or a gap score less reliable than P alone, is listed under Warnings.",
    },
  ];
  const constantNotes = reliability.flatMap((entry, d) =>
    (
      [
        ["E", sideReliability(entry, "required")],
        ["P", sideReliability(entry, "delivered")],
        ["gap", entry.gap],
      ] as const
    ).flatMap(([facet, result]) => {
      if (result === null || result.alpha.constantItems.length === 0) return [];
      const items = result.alpha.constantItems.join(", ");
      const without = result.withoutConstantItems;
      return [
        `α ${facet} of ${dimensionLabel(d, entry.dimension)} includes ${items} with zero variance (everyone gave the same answer): raw alpha is from the covariance matrix, standardised alpha is not defined.${
          without === null
            ? ""
            : ` Without ${without.dropped.length === 1 ? "it" : "them"} (as psych::alpha reports): α ${fixed(without.alpha.rawAlpha)}.`
        }`,
      ];
    }),
  );
  if (constantNotes.length > 0) {
    blocks.push(
      { kind: "paragraph", text: "Constant items:" },
      { kind: "list", items: constantNotes },
    );
  }
  return { id: "reliability", title: "Reliability (Cronbach's alpha)", blocks };
}

function worstSection(results: GapReport): Section {
  return {
    id: "worst-items",
    title: "Worst items",
    blocks: [
      table(
        "worst-items",
        [...ITEM_COLUMNS, ["Gap", "r"], ["% negative", "r"]],
        results.worstItems.map((item) => [
          ...itemCells(item),
          num(item.gap),
          percentCell(item.shareNegative),
        ]),
      ),
    ],
  };
}

function itemSection(gap: Gap5Result): Section {
  // Largest shortfall first; items whose gap could not be computed last, in instrument order.
  const sorted = [...gap.items].sort(
    (a, b) => (a.gap.mean ?? Number.POSITIVE_INFINITY) - (b.gap.mean ?? Number.POSITIVE_INFINITY),
  );
  const chart: ChartSpec = {
    kind: "chart",
    id: "items-by-gap",
    title: "Items sorted by gap (P − E), largest shortfall first",
    mark: "bar",
    x: { field: "gap", type: "quantitative", title: "Gap (scale points)" },
    y: { field: "item", type: "nominal", title: "Item" },
    color: null,
    rules: { x: 0, y: null },
    interval: { lower: "lower", upper: "upper", title: `${Math.round(gap.level * 100)}% CI` },
    data: sorted.map((item) => ({
      item: item.item,
      statement: item.label,
      dimension: item.dimension,
      gap: item.gap.mean,
      lower: item.gap.ci.lower,
      upper: item.gap.ci.upper,
    })),
  };
  return {
    id: "items",
    title: "Items",
    blocks: [
      table(
        "items",
        [...ITEM_COLUMNS, ...gapColumns("CI"), ...testColumns(gap)],
        gap.items.map((item) => [...itemCells(item), ...gapCells(item), ...testCells(item)]),
      ),
      chart,
    ],
  };
}

function zonesSection(zones: ZonesOfToleranceResult): Section {
  const chart: ChartSpec = {
    kind: "chart",
    id: "zones-of-tolerance",
    title: "Zones of tolerance: adequate, desired and perceived service by dimension",
    mark: "point",
    x: dimensionAxis(),
    y: { field: "perceived", type: "quantitative", title: "Mean score (P marked)" },
    color: null,
    rules: { x: null, y: null },
    band: { lower: "adequate", upper: "desired", title: "Zone of tolerance (adequate to desired)" },
    data: zones.dimensions.map((d) => ({
      dimension: d.label,
      adequate: d.adequate,
      desired: d.desired,
      perceived: d.perception,
    })),
  };
  return {
    id: "zones-of-tolerance",
    title: "Zones of tolerance (MSA = P − adequate, MSS = P − desired)",
    blocks: [
      table(
        "zones-of-tolerance",
        [
          ["Dimension", "l"],
          ["Adequate", "r"],
          ["Desired", "r"],
          ["Perceived", "r"],
          ["MSA", "r"],
          ["MSS", "r"],
          ["Below", "r"],
          ["Within", "r"],
          ["Above", "r"],
          ["n", "r"],
        ],
        zones.dimensions.map((d, i) => [
          label(d.label),
          num(d.adequate),
          num(d.desired),
          num(d.perception),
          num(zones.msa.dimensions[i]?.gap.mean),
          num(zones.mss.dimensions[i]?.gap.mean),
          percentCell(d.shareBelow),
          percentCell(d.shareWithin),
          percentCell(d.shareAbove),
          count(d.n),
        ]),
      ),
      chart,
    ],
  };
}

function ipaSection(ipa: ImportancePerformanceResult): Section {
  const chart: ChartSpec = {
    kind: "chart",
    id: "importance-performance",
    title: `Importance–performance grid (${ipa.level}s)`,
    mark: "point",
    x: {
      field: "performance",
      type: "quantitative",
      title: ipa.performance === "gap" ? "Performance: gap P − E" : "Performance: mean perception",
    },
    y: { field: "importance", type: "quantitative", title: `Importance (${ipa.importanceUnit})` },
    color: { field: "quadrant", type: "nominal", title: "Quadrant" },
    rules: { x: ipa.crosshair.performance, y: ipa.crosshair.importance },
    data: ipa.points.map((p) => ({
      attribute: p.label,
      importance: p.importance,
      performance: p.performance,
      quadrant: p.quadrant,
    })),
  };
  return {
    id: "importance-performance",
    title: `Importance–performance (${ipa.level}s, performance = ${ipa.performance})`,
    blocks: [
      table(
        "importance-performance",
        [
          ["Attribute", "l"],
          ["Importance", "r"],
          ["Performance", "r"],
          ["Quadrant", "l"],
        ],
        ipa.points.map((p) => [
          label(p.label),
          num(p.importance, 1),
          num(p.performance),
          label(p.quadrant.replace(/-/g, " ")),
        ]),
      ),
      {
        kind: "paragraph",
        text: `Crosshair (${ipa.crosshair.method}): importance ${fixed(ipa.crosshair.importance, 1)}, performance ${fixed(ipa.crosshair.performance)}.`,
      },
      chart,
    ],
  };
}

/** A two-column table of what was counted (a reason, a code) and how often. */
function countsTable(
  id: string,
  [what, unit]: readonly [string, string],
  counts: readonly (readonly [string, number])[],
): TableBlock {
  return table(
    id,
    [
      [what, "l"],
      [unit, "r"],
    ],
    counts.map(([key, n]) => [label(key), count(n)]),
  );
}

function dataQualitySection(results: GapReport): Section {
  const v = results.validation;
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: `Rows in ${v.rowsIn} = used ${v.rowsUsed} + excluded ${v.rowsExcluded}.`,
    },
  ];
  const reasons = Object.entries(v.exclusionReasons);
  if (reasons.length > 0) {
    blocks.push(
      countsTable("exclusion-reasons", ["Why rows were excluded", "Rows"], reasons),
      table(
        "excluded-rows",
        [
          ["Row", "r"],
          ["Id", "l"],
          ["Reasons", "l"],
        ],
        v.excludedRows.map((row) => [
          label(row.line === undefined ? String(row.row) : `${row.row} (line ${row.line})`),
          label(row.id),
          label(row.reasons.map(warningText).join("; ")),
        ]),
      ),
    );
  }
  const counts = Object.entries(v.issueCounts);
  if (counts.length > 0) {
    blocks.push(
      countsTable("issue-counts", ["Issue", "Count"], counts),
      table(
        "issues",
        [
          ["Row", "r"],
          ["Column", "l"],
          ["Issue", "l"],
        ],
        v.issues.map((issue) => [
          count(issue.line ?? issue.row ?? null),
          label(issue.column),
          label(issue.message),
        ]),
      ),
    );
  }
  const ignored =
    v.ignoredColumns.length > 0 ? ` Columns not used: ${v.ignoredColumns.join(", ")}.` : "";
  blocks.push({
    kind: "paragraph",
    text: `In the rows used: ${v.blank} blank answers; ${v.notApplicable} "not applicable".${ignored}`,
  });
  return { id: "data-quality", title: "Data quality", blocks };
}

/**
 * Why the weighted n differs from the unweighted n: the weighted score needs every dimension
 * score; respondents without usable points are scored with the mean weights, not left out.
 */
function weightedCountNote(
  weighted: NonNullable<Gap5Result["overall"]["weighted"]>,
  unweightedN: number,
): string {
  const p = weighted.perRespondent;
  const parts = [
    `Weighted n ${p.n}: ${p.respondentsWithOwnWeights} with their own importance points and ${p.respondentsWithMeanWeights} without usable points, scored with the mean weights.`,
  ];
  const left = weighted.respondentsMissingADimension;
  if (left > 0) {
    parts.push(
      `The weighted score needs a score on every dimension, so ${left} respondent${left === 1 ? "" : "s"} with some but not every dimension score ${left === 1 ? "is" : "are"} left out of it while counted in the unweighted score (n ${unweightedN}).`,
    );
  }
  return parts.join(" ");
}

function describePolicy(policy: GapReport["validation"]["missingPolicy"]): string {
  switch (policy.kind) {
    case "listwise":
      return "listwise (respondents with any missing answer excluded)";
    case "pairwise":
      return "pairwise (each statistic uses every respondent who answered what it needs)";
    case "minimum-share":
      return `a dimension score needs at least ${Math.round(policy.share * 100)}% of its items answered${(policy.atLeast ?? 1) > 1 ? ` and at least ${policy.atLeast} items` : ""}`;
  }
}
