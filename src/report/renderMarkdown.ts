import { expectShape, shapes } from "../_lib/guards";
import type { GapStatistics } from "../gaps/types";
import { fixed, interval, markdownTable, markdownText, percent, pValue } from "./format";
import type { GapReport } from "./types";

type AnyGap = Pick<
  GapStatistics<"expectation", "perception">,
  "n" | "gap" | "shareNegative" | "tTest" | "effectSize"
>;

function side(stats: AnyGap, name: string): number | null {
  const value: unknown = (stats as unknown as Record<string, unknown>)[name];
  return typeof value === "object" && value !== null && "mean" in value
    ? (value as { mean: number | null }).mean
    : null;
}

function gapCells(stats: AnyGap, required: string): string[] {
  return [
    fixed(side(stats, required)),
    fixed(side(stats, "perception")),
    fixed(stats.gap.mean),
    interval(stats.gap.ci.lower, stats.gap.ci.upper),
    percent(stats.shareNegative),
    String(stats.n),
  ];
}

/**
 * The report as Markdown for a person: overall scores, the dimension table, the worst items,
 * the item table, zones of tolerance or importance–performance when present, and the data
 * quality section (rows in, used, excluded and why). Labels from the data are escaped.
 *
 * @example
 * console.log(renderMarkdown(buildGapReport(dataset, report)));
 */
export function renderMarkdown(report: GapReport): string {
  expectShape("renderMarkdown", "report", report, shapes.gapReport);
  const out: string[] = [];
  const v = report.validation;
  out.push(`# ${markdownText(report.title)}`, "");
  out.push(`- Instrument: ${markdownText(report.instrument.name)}`);
  if (report.source !== null) out.push(`- Source: ${markdownText(report.source)}`);
  out.push(
    `- Rows in: ${v.rowsIn} · used: ${v.rowsUsed} · excluded: ${v.rowsExcluded}`,
    `- Missing data: ${describePolicy(v.missingPolicy)}`,
    "- Sign: gap = delivered − required (P − E); negative = service falls short. Unit: scale points.",
    "",
  );
  const gap = report.gap5;
  if (gap !== null) {
    const level = Math.round(gap.level * 100);
    out.push("## Overall service quality (Gap 5 = P − E)", "");
    const rows: string[][] = [
      ["Unweighted (mean of dimension scores)", ...gapCells(gap.overall.unweighted, "expectation")],
    ];
    const weighted = gap.overall.weighted;
    if (weighted !== null) {
      rows.push([
        "Weighted by importance points",
        ...gapCells(weighted.perRespondent, "expectation"),
      ]);
    }
    rows.push(["Mean of all item gaps", ...gapCells(gap.overall.itemMean, "expectation")]);
    out.push(
      markdownTable(["Score", "E", "P", "Gap", `${level}% CI`, "% negative", "n"], rows, [
        "l",
        "r",
        "r",
        "r",
        "r",
        "r",
        "r",
      ]),
      "",
    );
    if (weighted !== null) {
      const shares = Object.entries(weighted.meanWeights)
        .map(([id, share]) => `${markdownText(id)} ${fixed(share * 100, 1)}`)
        .join(", ");
      out.push(
        `Mean importance points: ${shares}. Weighted gap from mean weights: ${fixed(weighted.fromMeanWeights.gap)}.`,
        "",
        weightedCountNote(weighted, gap.overall.unweighted.n),
        "",
      );
    }
    out.push("## Dimensions", "");
    out.push(
      markdownTable(
        [
          "Dimension",
          "Items",
          "E",
          "P",
          "Gap",
          `${level}% CI`,
          "% negative",
          "n",
          "d_z",
          `p (${gap.pAdjustMethod})`,
        ],
        gap.dimensions.map((d) => [
          markdownText(d.label),
          String(d.items.length),
          ...gapCells(d, "expectation"),
          fixed(d.effectSize.dz),
          pValue(d.tTest.pAdjusted),
        ]),
        ["l", "r", "r", "r", "r", "r", "r", "r", "r", "r"],
      ),
      "",
      `d_z = mean gap / SD of gaps (Cohen's effect size for paired data). p: paired t-test of P − E against 0, adjusted across the ${gap.dimensions.length} dimensions (${gap.pAdjustMethod}); items are adjusted across the ${gap.items.length} items. Wilcoxon signed-rank tests are in report.json.`,
      "",
    );
  }
  const reliability = gap?.reliability ?? null;
  if (reliability !== null && reliability.length > 0) {
    out.push("## Reliability (Cronbach's alpha)", "");
    out.push(
      markdownTable(
        ["Dimension", "α E", "α P", "α gap", "Gap-score reliability", "E and P correlation"],
        reliability.map((entry, d) => [
          markdownText(gap?.dimensions[d]?.label ?? entry.dimension),
          fixed(entry.expectation?.alpha.rawAlpha),
          fixed(entry.perception?.alpha.rawAlpha),
          fixed(entry.gap?.alpha.rawAlpha),
          fixed(entry.differenceScore),
          fixed(gap?.dimensions[d]?.correlation),
        ]),
        ["l", "r", "r", "r", "r", "r"],
      ),
      "",
      "Gap-score reliability: r_D = (σ²_P·α_P + σ²_E·α_E − 2·r_PE·σ_P·σ_E)/(σ²_P + σ²_E − 2·r_PE·σ_P·σ_E) (Peter, Churchill & Brown 1993). Alpha below 0.70 (Nunnally 1978), or a gap score less reliable than P alone, is listed under Warnings.",
      "",
    );
    const constantNotes = reliability.flatMap((entry, d) =>
      (
        [
          ["E", entry.expectation],
          ["P", entry.perception],
          ["gap", entry.gap],
        ] as const
      ).flatMap(([facet, result]) => {
        if (result === null || result.alpha.constantItems.length === 0) return [];
        const dimension = markdownText(gap?.dimensions[d]?.label ?? entry.dimension);
        const items = result.alpha.constantItems.map(markdownText).join(", ");
        const without = result.withoutConstantItems;
        return [
          `- α ${facet} of ${dimension} includes ${items} with zero variance (everyone gave the same answer): raw alpha is from the covariance matrix, standardised alpha is not defined.${
            without === null
              ? ""
              : ` Without ${without.dropped.length === 1 ? "it" : "them"} (as psych::alpha reports): α ${fixed(without.alpha.rawAlpha)}.`
          }`,
        ];
      }),
    );
    if (constantNotes.length > 0) out.push("Constant items:", "", ...constantNotes, "");
  }
  if (report.worstItems.length > 0) {
    out.push("## Worst items", "");
    out.push(
      markdownTable(
        ["Item", "Statement", "Dimension", "Gap", "% negative"],
        report.worstItems.map((item) => [
          markdownText(item.item),
          markdownText(item.label),
          markdownText(item.dimension),
          fixed(item.gap),
          percent(item.shareNegative),
        ]),
        ["l", "l", "l", "r", "r"],
      ),
      "",
    );
  }
  if (gap !== null) {
    out.push("## Items", "");
    out.push(
      markdownTable(
        [
          "Item",
          "Statement",
          "Dimension",
          "E",
          "P",
          "Gap",
          "CI",
          "% negative",
          "n",
          "d_z",
          `p (${gap.pAdjustMethod})`,
        ],
        gap.items.map((item) => [
          markdownText(item.item),
          markdownText(item.label),
          markdownText(item.dimension),
          ...gapCells(item, "expectation"),
          fixed(item.effectSize.dz),
          pValue(item.tTest.pAdjusted),
        ]),
        ["l", "l", "l", "r", "r", "r", "r", "r", "r", "r", "r"],
      ),
      "",
    );
  }
  const zones = report.zones;
  if (zones !== null) {
    out.push("## Zones of tolerance (MSA = P − adequate, MSS = P − desired)", "");
    out.push(
      markdownTable(
        [
          "Dimension",
          "Adequate",
          "Desired",
          "Perceived",
          "MSA",
          "MSS",
          "Below",
          "Within",
          "Above",
          "n",
        ],
        zones.dimensions.map((d, i) => [
          markdownText(d.label),
          fixed(d.adequate),
          fixed(d.desired),
          fixed(d.perception),
          fixed(zones.msa.dimensions[i]?.gap.mean),
          fixed(zones.mss.dimensions[i]?.gap.mean),
          percent(d.shareBelow),
          percent(d.shareWithin),
          percent(d.shareAbove),
          String(d.n),
        ]),
        ["l", "r", "r", "r", "r", "r", "r", "r", "r", "r"],
      ),
      "",
    );
  }
  const ipa = report.importancePerformance;
  if (ipa !== null) {
    out.push(`## Importance–performance (${ipa.level}s, performance = ${ipa.performance})`, "");
    out.push(
      markdownTable(
        ["Attribute", "Importance", "Performance", "Quadrant"],
        ipa.points.map((p) => [
          markdownText(p.label),
          fixed(p.importance, 1),
          fixed(p.performance),
          p.quadrant.replace(/-/g, " "),
        ]),
        ["l", "r", "r", "l"],
      ),
      "",
      `Crosshair (${ipa.crosshair.method}): importance ${fixed(ipa.crosshair.importance, 1)}, performance ${fixed(ipa.crosshair.performance)}.`,
      "",
    );
  }
  out.push("## Data quality", "");
  out.push(`Rows in ${v.rowsIn} = used ${v.rowsUsed} + excluded ${v.rowsExcluded}.`, "");
  const reasons = Object.entries(v.exclusionReasons);
  if (reasons.length > 0) {
    out.push(
      markdownTable(
        ["Why rows were excluded", "Rows"],
        reasons.map(([reason, count]) => [markdownText(reason), String(count)]),
        ["l", "r"],
      ),
      "",
    );
    out.push(
      markdownTable(
        ["Row", "Id", "Reasons"],
        v.excludedRows.map((row) => [
          String(row.line === undefined ? row.row : `${row.row} (line ${row.line})`),
          markdownText(row.id ?? "—"),
          markdownText(row.reasons.join("; ")),
        ]),
        ["r", "l", "l"],
      ),
      "",
    );
  }
  const counts = Object.entries(v.issueCounts);
  if (counts.length > 0) {
    out.push(
      markdownTable(
        ["Issue", "Count"],
        counts.map(([code, count]) => [markdownText(code), String(count)]),
        ["l", "r"],
      ),
      "",
    );
    out.push(
      markdownTable(
        ["Row", "Column", "Issue"],
        v.issues.map((issue) => [
          String(issue.line ?? issue.row ?? "—"),
          markdownText(issue.column ?? "—"),
          markdownText(issue.message),
        ]),
        ["r", "l", "l"],
      ),
      "",
    );
  }
  out.push(`In the rows used: ${v.blank} blank answers; ${v.notApplicable} "not applicable".`);
  if (v.ignoredColumns.length > 0)
    out.push(`Columns not used: ${v.ignoredColumns.map(markdownText).join(", ")}.`);
  out.push("");
  const warnings = [
    ...report.warnings,
    ...(gap?.overall.weighted?.perRespondent.warnings ?? []),
    ...(zones?.warnings ?? []),
    ...(reliability ?? []).flatMap((entry) => entry.warnings),
  ];
  if (warnings.length > 0) {
    out.push("## Warnings", "", ...warnings.map((w) => `- ${markdownText(w)}`), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/**
 * Why the weighted n differs from the unweighted n: the weighted score needs every dimension
 * score; respondents without usable points are scored with the mean weights, not left out.
 */
function weightedCountNote(
  weighted: NonNullable<NonNullable<GapReport["gap5"]>["overall"]["weighted"]>,
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
