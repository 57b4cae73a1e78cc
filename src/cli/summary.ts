import type * as Reports from "../report";
import { sectionWarnings } from "../report/sectionWarnings";
import { SUMMARY_SECTIONS, type SummarySection } from "./summarySections";
import { forTerminal } from "./terminal";

type GapReport = Reports.GapReport;

/** How the terminal summary is drawn. */
export interface SummaryStyle {
  /** Columns available (the summary never exceeds min(width, 100)). */
  readonly width: number;
  /** Whether to use ANSI colours (a terminal, and NO_COLOR unset or empty). */
  readonly color: boolean;
}

/** One warning code with how often it occurs and the dimensions it applies to. */
export interface WarningGroup {
  readonly code: string;
  readonly count: number;
  readonly dimensions: readonly string[];
  /** The first warning's sentence (an example when the group has several). */
  readonly message: string;
}

/**
 * The report's warnings grouped by code, in order of first appearance: one group per code with
 * its count and the dimensions it was raised for (reliability warnings name their dimension),
 * so five "gap less reliable than P" sentences become one line. The further sections' warnings
 * (context, recovery, comments, …; see sectionWarnings) follow, so the counts agree with the
 * report's `warningCounts`.
 *
 * @example
 * groupWarnings(results)[0] //=> { code: "gap-less-reliable", count: 5, dimensions: ["Tangibles", …], … }
 */
export function groupWarnings(results: GapReport): WarningGroup[] {
  const gap = results.gap5;
  const entries: { code: string; message: string; dimension: string | null }[] = [
    ...results.warnings,
    ...(gap?.overall.weighted?.perRespondent.warnings ?? []),
    ...(results.zones?.warnings ?? []),
  ].map((w) => ({ code: w.code, message: w.message, dimension: null }));
  (gap?.reliability ?? []).forEach((entry, d) => {
    const dimension = gap?.dimensions[d]?.label ?? entry.dimension;
    for (const w of entry.warnings) entries.push({ code: w.code, message: w.message, dimension });
  });
  // Periods, segments, events, recovery, comments and the other sections present.
  for (const w of sectionWarnings(results)) {
    entries.push({ code: w.code, message: w.message, dimension: null });
  }
  const groups = new Map<string, { count: number; dimensions: string[]; message: string }>();
  for (const entry of entries) {
    const group = groups.get(entry.code) ?? { count: 0, dimensions: [], message: entry.message };
    group.count++;
    if (entry.dimension !== null && !group.dimensions.includes(entry.dimension)) {
      group.dimensions.push(entry.dimension);
    }
    groups.set(entry.code, group);
  }
  return [...groups].map(([code, g]) => ({ code, ...g }));
}

const MAX_WIDTH = 100;

/**
 * A compact summary of a gap report for a terminal: title, rows in / used / excluded, overall
 * Gap 5, one line per dimension (E, P, gap, interval, d_z, p), the worst items, the warnings
 * grouped by code, data quality in one line, and where the full reports were written. Every
 * line fits `min(style.width, 100)` columns (labels are shortened with "…"); text from the
 * input is stripped of control characters before any colour is added.
 *
 * @param lib - `servqual/report` (for the APA cell formatting).
 * @param results - The gap report results (`document.results`).
 * @param written - The files written.
 * @param style - Width and colour.
 * @param sections - Sections after the warnings (default {@link SUMMARY_SECTIONS}).
 * @returns The text, ending with a line feed.
 *
 * @example
 * renderSummary(lib, document.results, ["/tmp/r/report.md"], { width: 80, color: false })
 */
export function renderSummary(
  lib: Pick<typeof Reports, "formatCellApa">,
  results: GapReport,
  written: readonly string[],
  style: SummaryStyle,
  sections: readonly SummarySection[] = SUMMARY_SECTIONS,
): string {
  const width = Math.max(40, Math.min(style.width, MAX_WIDTH));
  const paint = (code: string, text: string) =>
    style.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  const bold = (text: string) => paint("1", text);
  const clean = (text: string) => forTerminal(text, true);
  const clip = (text: string, room: number) =>
    text.length <= room ? text : `${text.slice(0, Math.max(0, room - 1))}…`;
  /** A line of plain text cut to the width (colour is added after cutting). */
  const line = (text: string) => clip(text, width);
  const num = (value: number | null | undefined, decimals = 2) =>
    lib.formatCellApa({ kind: "number", value: value ?? null, decimals });
  const gapText = (value: number | null | undefined): string => {
    const text = num(value);
    return value !== null && value !== undefined && value < 0 ? paint("31", text) : text;
  };
  const ci = (c: { lower: number | null; upper: number | null }) =>
    lib.formatCellApa({ kind: "interval", lower: c.lower, upper: c.upper, decimals: 2 });
  const v = results.validation;
  const out: string[] = [
    bold(line(clean(results.title))),
    line(clean(results.instrument.name)),
    line(`Rows in ${v.rowsIn}, used ${v.rowsUsed}, excluded ${v.rowsExcluded}`),
    "",
  ];
  const gap = results.gap5;
  if (gap !== null) {
    const o = gap.overall.unweighted;
    const level = Math.round(gap.level * 100);
    out.push(
      `${bold("Overall gap (P − E):")} ${gapText(o.gap.mean)}, ${level}% CI ${ci(o.gap.ci)}`,
      `  ${lib.formatCellApa({ kind: "percent", value: o.shareNegative, decimals: 1 })} of respondents negative, n ${o.n}`,
      "",
    );
    // Dimension column: what is left of the width after the fixed columns (52 characters).
    const fixed = [6, 6, 7, 16, 7, 10];
    const nameWidth = Math.max(8, Math.min(22, width - fixed.reduce((a, b) => a + b, 0)));
    const row = (cells: string[], paintGap = (t: string) => t) =>
      [
        (cells[0] ?? "").padEnd(nameWidth),
        ...cells.slice(1).map((c, i) => {
          const padded = c.padStart(fixed[i] ?? 6);
          return i === 2 ? paintGap(padded) : padded;
        }),
      ].join("");
    out.push(
      bold(
        row([
          clip("Dimension", nameWidth - 1),
          "E",
          "P",
          "Gap",
          `${level}% CI`,
          "d_z",
          `p (${gap.pAdjustMethod})`,
        ]),
      ),
    );
    for (const d of gap.dimensions) {
      const negative = d.gap.mean !== null && d.gap.mean < 0;
      out.push(
        row(
          [
            clip(clean(d.label), nameWidth - 1),
            num(d.required.mean),
            num(d.delivered.mean),
            num(d.gap.mean),
            ci(d.gap.ci),
            num(d.effectSize.dz),
            lib.formatCellApa({ kind: "p-value", value: d.tTest.pAdjusted }),
          ],
          (t) => (negative ? paint("31", t) : t),
        ),
      );
    }
    out.push("");
  }
  if (results.worstItems.length > 0) {
    out.push(bold("Worst items"));
    const room = Math.min(width, 72) - 8;
    for (const item of results.worstItems) {
      const text = clip(
        `  ${clean(item.item)}  ${clean(item.label)} (${clean(item.dimension)})`,
        room,
      );
      const value = num(item.gap);
      const painted = item.gap < 0 ? paint("31", value) : value;
      out.push(`${text.padEnd(room)}${" ".repeat(8 - value.length)}${painted}`);
    }
    out.push("");
  }
  const groups = groupWarnings(results);
  if (groups.length > 0) {
    const total = groups.reduce((sum, g) => sum + g.count, 0);
    out.push(bold(`Warnings (${total}, ${groups.length} kind${groups.length === 1 ? "" : "s"})`));
    for (const g of groups) {
      const where = g.dimensions.length > 0 ? `: ${g.dimensions.map(clean).join(", ")}` : "";
      out.push(paint("33", line(`  ${g.code} ×${g.count}${where}`)));
      out.push(line(`    ${g.count > 1 ? "e.g. " : ""}${clean(g.message)}`));
    }
    out.push("");
  }
  const tools = { width, paint, bold, clean, clip, line, num, gapText, ci };
  for (const section of sections) out.push(...section(results, tools));
  const reasons = Object.entries(v.exclusionReasons).map(([code, n]) => `${code} ${n}`);
  const issues = Object.entries(v.issueCounts).map(([code, n]) => `${code} ${n}`);
  out.push(
    line(
      `Data quality: ${v.rowsExcluded} row${v.rowsExcluded === 1 ? "" : "s"} excluded${reasons.length > 0 ? ` (${reasons.join(", ")})` : ""}; ${issues.length === 0 ? "no issues" : `issues: ${issues.join(", ")}`}`,
    ),
  );
  if (written.length > 0) {
    out.push("", bold("Full reports:"), ...written.map((path) => `  ${clean(path)}`));
  }
  return `${out.join("\n")}\n`;
}
