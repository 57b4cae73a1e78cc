import type { AcrossReportAdjustment, PriorityAcrossReport } from "../context/adjustAcrossReport";
import type { AllocationResult } from "../context/allocationPriorities";
import type { EventWindowResult } from "../context/eventWindows";
import { pColumns } from "./acrossReportP";
import { type Cell, count, intervalCell, label, num, pCell, percentCell } from "./cells";
import type { Section, TableBlock } from "./document";

function table(id: string, headers: readonly string[], right: number, rows: Cell[][]): TableBlock {
  return {
    kind: "table",
    id,
    columns: headers.map((header, i) => ({ header, align: i < right ? "left" : "right" })),
    rows,
  };
}

/**
 * The section of {@link EventWindowResult}: per window and region, the gap inside vs outside
 * per dimension and overall (Welch, Hedges' g) and, with delivery records, Gap 3 compliance.
 */
export function eventWindowSection(
  result: EventWindowResult,
  across?: AcrossReportAdjustment | null,
): Section {
  const p = pColumns(across, result.pAdjustMethod);
  const rows = result.effects.flatMap((effect) =>
    (effect.figures.every((f) => f.suppressed)
      ? [{ ...(effect.figures.at(-1) as (typeof effect.figures)[number]), id: "all figures" }]
      : effect.figures
    ).map((f) => [
      label(`${effect.label} (${effect.start}..${effect.end})`),
      label(effect.region),
      label(f.id),
      ...(f.suppressed
        ? [
            label(`suppressed (n < ${result.minimumN})`),
            label(null),
            label(null),
            label(null),
            label(null),
            label(null),
          ]
        : [
            num(f.inside.mean),
            num(f.outside.mean),
            num(f.welch?.difference),
            num(f.hedgesG?.g),
            ...p.cells(f, f.welch?.pValue, f.pAdjusted),
          ]),
      count(f.inside.n),
      count(f.outside.n),
    ]),
  );
  const delivery = result.effects.filter((e) => e.delivery !== null);
  return {
    id: "event-windows",
    title: "Event windows",
    blocks: [
      {
        kind: "paragraph",
        text: `Gap (P − E) of each region's respondents dated inside an event window vs those dated on no day of any window covering the region (days in ${result.timeZone}); Welch's t-test and Hedges' g; a side with fewer than ${result.minimumN} respondents is suppressed. Calendar rows: ${result.calendarRecords.in} = ${result.calendarRecords.used} valid + ${result.calendarRecords.excluded} excluded at validation; of the valid windows ${result.windowsIn - result.skipped.length} compared, ${result.skipped.length} skipped. A window × region whose figures are all suppressed is one row. ${p.note}`,
      },
      table(
        "event-window-gaps",
        [
          "Window",
          "Region",
          "Figure",
          "Inside",
          "Outside",
          "Difference",
          "Hedges g",
          ...p.headers,
          "n inside",
          "n outside",
        ],
        3,
        rows,
      ),
      ...(delivery.length === 0
        ? []
        : [
            table(
              "event-window-delivery",
              [
                "Window",
                "Region",
                "Compliance inside",
                "Compliance outside",
                "Difference",
                "CI",
                ...p.headers,
              ],
              2,
              delivery.map((e) => [
                label(e.label),
                label(e.region),
                percentCell(e.delivery?.inside.compliance),
                percentCell(e.delivery?.outside.compliance),
                num(e.delivery?.difference?.difference),
                e.delivery?.difference ? intervalCell(e.delivery.difference.ci) : label(null),
                ...(e.delivery === null
                  ? [label(null), label(null)]
                  : p.cells(e.delivery, e.delivery.difference?.pValue, e.delivery.pAdjusted)),
              ]),
            ),
          ]),
      ...(result.skipped.length === 0
        ? []
        : [
            {
              kind: "note" as const,
              text: `Skipped: ${result.skipped.map((s) => `${s.window} (row ${s.row}: ${s.reason.code})`).join("; ")}.`,
            },
          ]),
    ],
  };
}

/** The larger of two p-values, ignoring a missing one (null when both are). */
function largest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}

/** The section of {@link AllocationResult}: the ranked cells and their sentences. */
export function allocationSection(
  result: AllocationResult,
  limit = 10,
  across?: AcrossReportAdjustment | null,
): Section {
  const columns = pColumns(across, result.pAdjustMethod);
  const adjusted = columns.headers[1] !== "p adj.";
  // With the across-report adjustment, the evidence and sentence follow its p-values.
  const shown = result.priorities.slice(0, limit).map((p) => {
    const a = p as typeof p & Partial<PriorityAcrossReport>;
    return adjusted && a.evidenceAcrossReport !== undefined
      ? {
          ...p,
          pOwnAdjusted: a.ownAdjustedAcrossReport ?? null,
          pElsewhereAdjusted: a.elsewhereAdjustedAcrossReport ?? null,
          evidence: a.evidenceAcrossReport,
          sentence: a.sentenceAcrossReport ?? p.sentence,
        }
      : p;
  });
  const acted = shown.filter((p) => p.evidence !== "weak");
  return {
    id: "allocation",
    title: "Where to send resources",
    blocks: [
      {
        kind: "paragraph",
        text: `Region × ${result.period}${result.acrossYears ? " (all years pooled)" : ""} cells where ${result.dimensions.join(" or ")} is worse than both the region's other periods and the other regions in the same period; Welch's t-tests; ranked by evidence (strong: both comparisons significant after adjustment within the call), then by the smaller of the two drops; p and p adj. are the larger of the two comparisons'. ${result.cellsTested} cells tested, ${result.cellsSuppressed} with fewer than ${result.minimumN} respondents left out; ${result.priorities.length} listed${result.priorities.length > limit ? ` (first ${limit} shown)` : ""}. ${columns.note}`,
      },
      table(
        "allocation",
        [
          "Rank",
          "Region",
          "Period",
          "Dimension",
          "Gap",
          "Own baseline",
          "Other regions",
          "n",
          ...columns.headers,
          "Evidence",
        ],
        4,
        shown.map((p) => [
          count(p.rank),
          label(p.region),
          label(p.period),
          label(p.dimension),
          num(p.gap),
          num(p.ownBaseline?.gap),
          num(p.elsewhere?.gap),
          count(p.n),
          pCell(largest(p.ownBaseline?.test.pValue ?? null, p.elsewhere?.test.pValue ?? null)),
          pCell(largest(p.pOwnAdjusted, p.pElsewhereAdjusted)),
          label(p.evidence),
        ]),
      ),
      ...(acted.length === 0
        ? [
            {
              kind: "paragraph" as const,
              text:
                shown.length === 0
                  ? "No cell deteriorates against both comparisons."
                  : "No cell deteriorates beyond chance: the cells listed are weak evidence.",
            },
          ]
        : [{ kind: "list" as const, items: acted.map((p) => p.sentence) }]),
    ],
  };
}
