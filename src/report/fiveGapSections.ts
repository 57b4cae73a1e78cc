import type { ExcludedRow } from "../_lib/issueLog";
import type { ContributingFactorsResult } from "../gaps/contributingFactors";
import type { CrmGapViews } from "../gaps/crmGapViews";
import type { FiveGapEvidence } from "../gaps/fiveGapEvidence";
import type { FiveGapModelResult } from "../gaps/fiveGapModel";
import type { Gap1Result } from "../gaps/gap1";
import type { Gap2Result } from "../gaps/gap2";
import type { Gap3Result } from "../gaps/gap3";
import type { Gap4Result } from "../gaps/gap4";
import { count, intervalCell, label, num } from "./cells";
import type { ChartSpec } from "./chart";
import { crmGapSection } from "./crmGapSection";
import type { Section } from "./document";
import {
  fmt,
  gap1Section,
  gap2Section,
  gap3Section,
  gap4Section,
  sectionTable,
} from "./providerGapSections";

/** How one input of gaps 1–4 was read: records in = used + excluded, and why. */
export interface FiveGapInputSummary {
  /** What the input is: `management`, `standards`, `records`, `promises` or `factors`. */
  readonly input: string;
  /** Where it came from (a file name). */
  readonly source: string;
  readonly recordsIn: number;
  readonly recordsUsed: number;
  readonly recordsExcluded: number;
  /** Reason code → records excluded for it. */
  readonly exclusionCounts: Readonly<Record<string, number>>;
  /** Issue code → count (excluded records and single answers set missing). */
  readonly issueCounts: Readonly<Record<string, number>>;
  /** The first excluded records, each with its row (and line), id and reasons. */
  readonly excludedRows: readonly ExcludedRow[];
}

/**
 * The five-gap results a gap report may carry (`GapReport.fiveGap`): the diagnosis of
 * `fiveGapModel` and the provider-gap results it joined, each shown in a section of its own
 * when present, and how each input was read.
 */
export interface FiveGapReport {
  readonly model: FiveGapModelResult;
  readonly gap1?: Gap1Result | null;
  readonly gap2?: Gap2Result | null;
  readonly gap3?: Gap3Result | null;
  readonly gap4?: Gap4Result | null;
  readonly factors?: ContributingFactorsResult | null;
  readonly inputs?: readonly FiveGapInputSummary[];
  /** The CRM names of the gaps as views of these results (`crmGapViews`). */
  readonly crm?: CrmGapViews | null;
}

/** One number behind a link; a Gap 3 interval is the compliance rate's, and says so. */
function evidenceText(e: FiveGapEvidence): string {
  const range = e.ci === null ? "" : `[${fmt(e.ci.lower, 3)}, ${fmt(e.ci.upper, 3)}]`;
  const ci = range === "" ? "" : e.gap === 3 ? ` (compliance CI ${range})` : ` ${range}`;
  const p = e.p === null ? "" : `, p ${e.p < 0.001 ? "< .001" : fmt(e.p, 3)}`;
  return `Gap ${e.gap} ${e.subject}: ${e.measure} ${fmt(e.value, 3)}${ci} ${e.unit}${p}, n ${e.n}`;
}

/** The overview: each gap present or absent, its overall figure, unit and worst dimension. */
function overviewSection(model: FiveGapModelResult): Section {
  const chart: ChartSpec = {
    kind: "chart",
    id: "five-gap-overview",
    title: "The five gaps: overall figure of each (own unit; negative = shortfall)",
    mark: "bar",
    x: { field: "value", type: "quantitative", title: "Overall gap (its own unit)" },
    y: { field: "gap", type: "nominal", title: "Gap" },
    color: null,
    rules: { x: 0, y: null },
    data: model.gaps
      .filter((g) => g.present)
      .map((g) => ({ gap: `${g.name} (${g.unit ?? "—"})`, value: g.overall })),
  };
  const short = model.dimensions.filter((d) => d.shortfall).map((d) => d.label);
  return {
    id: "five-gaps",
    title: "The five gaps",
    blocks: [
      {
        kind: "paragraph",
        text: `Gap 5 (what customers perceive vs expect) is explained by the provider gaps 1–4 (Parasuraman, Zeithaml & Berry 1985). ${model.gaps.filter((g) => g.present).length} of the 5 gaps were computed. Dimensions with a significant Gap 5 shortfall (adjusted p < ${model.alpha}): ${short.length === 0 ? "none" : short.join(", ")}.`,
      },
      sectionTable(
        "five-gap-overview",
        ["Gap", "Present", "Overall", "Unit", "Worst dimension", "Worst value"],
        2,
        model.gaps.map((g) => [
          label(g.name),
          label(g.present ? "yes" : "no (input not given)"),
          num(g.overall, 3),
          label(g.unit),
          label(g.worst?.dimension ?? null),
          num(g.worst?.value, 3),
        ]),
      ),
      chart,
    ],
  };
}

/** The diagnosis: each link from a Gap 5 shortfall to a provider gap, with its numbers. */
function diagnosisSection(model: FiveGapModelResult): Section {
  const rows = model.dimensions.flatMap((d) =>
    d.links.map((l) => [
      label(d.label),
      num(d.gap5?.value, 2),
      label(`${l.cause} (Gap ${l.gap})`),
      label(l.evidence.slice(1).map(evidenceText).join("; ")),
      label(
        l.factors === null ? "" : l.factors.map((f) => `${f.label} ${fmt(f.index, 0)}`).join("; "),
      ),
    ]),
  );
  const unexplained = model.dimensions.filter((d) => d.shortfall && d.links.length === 0);
  const blocks: Section["blocks"][number][] = [
    {
      kind: "paragraph",
      text:
        model.links.length === 0
          ? "No Gap 5 shortfall is linked to a provider gap with the inputs given."
          : `${model.links.length} link${model.links.length === 1 ? "" : "s"} from a Gap 5 shortfall to a provider gap, each with the numbers behind it. Several causes on one dimension are all listed; the model does not rank them.`,
    },
  ];
  if (rows.length > 0) {
    blocks.push(
      sectionTable(
        "five-gap-links",
        ["Dimension", "Gap 5", "Points at", "Evidence", "Weakest factors (index 0–100)"],
        1,
        rows,
      ),
    );
  }
  if (unexplained.length > 0) {
    blocks.push({
      kind: "list",
      items: unexplained.map(
        (d) =>
          `${d.label}: Gap 5 ${fmt(d.gap5?.value)} is a shortfall that no provider gap explains with the inputs given`,
      ),
    });
  }
  blocks.push({
    kind: "note",
    text: `Rules (docs/formulas-gaps.md, "The five-gap model"): delivery = a standard of the dimension whose compliance interval lies below its target share; standards = an attribute without a formal standard; knowledge = managers significantly underestimate the dimension (adjusted p < ${model.alpha}); communication = a promise on the dimension whose median delivery is worse than promised.`,
  });
  return { id: "five-gap-diagnosis", title: "Five-gap diagnosis", blocks };
}

/** The contributing factors: index per factor with its alpha, and the weakest of each gap. */
function factorsSection(result: ContributingFactorsResult): Section {
  const level = Math.round(result.level * 100);
  return {
    id: "contributing-factors",
    title: "Contributing factors (employee survey)",
    blocks: [
      {
        kind: "paragraph",
        text: `${result.respondents} respondents rated the contributing factors of gaps 1–4 (Zeithaml, Berry & Parasuraman 1988). Index 0–100, higher = better placed (factors that widen a gap are reverse-keyed). Weakest per gap: ${result.gaps
          .map(
            (g) =>
              `Gap ${g.gap}: ${g.weakest.map((w) => `${w.label} ${fmt(w.index, 0)}`).join(", ") || "—"}`,
          )
          .join("; ")}.`,
      },
      sectionTable(
        "factor-indices",
        ["Factor", "Gap", "Index", `${level}% CI`, "Alpha", "n"],
        1,
        result.factors.map((f) => [
          label(f.label),
          count(f.gap),
          num(f.index, 1),
          intervalCell(f.ci, 1),
          num(f.alpha, 2, true),
          count(f.n),
        ]),
      ),
    ],
  };
}

/** How each input of gaps 1–4 was read, and the records left out. */
function inputsSection(inputs: readonly FiveGapInputSummary[]): Section {
  const codes = (counts: Readonly<Record<string, number>>) =>
    Object.entries(counts)
      .map(([code, n]) => `${code} ${n}`)
      .join(", ");
  const excluded = inputs.flatMap((i) =>
    i.excludedRows.map((row) => [
      label(`${i.input} ${row.line === undefined ? `row ${row.row}` : `line ${row.line}`}`),
      label(row.id),
      label(row.reasons.map((r) => `${r.code}: ${r.message}`).join("; ")),
    ]),
  );
  const blocks: Section["blocks"][number][] = [
    sectionTable(
      "five-gap-inputs",
      ["Input", "Source", "Records in", "Used", "Excluded", "Issues"],
      2,
      inputs.map((i) => [
        label(i.input),
        label(i.source),
        count(i.recordsIn),
        count(i.recordsUsed),
        count(i.recordsExcluded),
        label(codes(i.issueCounts)),
      ]),
    ),
  ];
  if (excluded.length > 0) {
    blocks.push(sectionTable("five-gap-excluded", ["Record", "Id", "Reasons"], 3, excluded));
  }
  return { id: "five-gap-inputs", title: "Inputs of gaps 1–4", blocks };
}

/**
 * The sections of a five-gap report: the overview of the five gaps (table and bar chart), one
 * section per provider gap computed (Gap 1 dimensions and misjudged items, Gap 2 coverage,
 * Gap 3 compliance per standard, region and period, Gap 4 promises), the diagnosis links with
 * their numbers, the gaps in CRM terms (when `crm` is given), the contributing factors, and how
 * each input was read. None when absent.
 *
 * @param report - `GapReport.fiveGap`, or null/undefined.
 * @returns The sections in reading order.
 *
 * @example
 * fiveGapSections({ model: fiveGapModel({ gap5: gap5(dataset) }) }).map((s) => s.id)
 * //=> ["five-gaps", "five-gap-diagnosis"]
 */
export function fiveGapSections(report: FiveGapReport | null | undefined): Section[] {
  if (report == null) return [];
  const sections: Section[] = [overviewSection(report.model)];
  if (report.gap1 != null) sections.push(gap1Section(report.gap1));
  if (report.gap2 != null) sections.push(gap2Section(report.gap2));
  if (report.gap3 != null) sections.push(gap3Section(report.gap3));
  if (report.gap4 != null) sections.push(gap4Section(report.gap4));
  sections.push(diagnosisSection(report.model));
  const crm = report.crm == null ? null : crmGapSection(report.crm);
  if (crm !== null) sections.push(crm);
  if (report.factors != null) sections.push(factorsSection(report.factors));
  if (report.inputs !== undefined && report.inputs.length > 0) {
    sections.push(inputsSection(report.inputs));
  }
  return sections;
}
