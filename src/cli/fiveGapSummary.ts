import type { SummarySection } from "./summarySections";

const CAUSE_MEASURE: Readonly<Record<string, string>> = {
  knowledge: "managers underestimate",
  standards: "no standard",
  delivery: "standard missed",
  communication: "overpromise",
};

/**
 * The terminal lines of the five-gap results (a summary section): one line per gap present
 * (its overall figure, unit and worst dimension) and one per diagnosis link (the dimension's
 * Gap 5, the cause and the provider gap's number). Empty without five-gap results.
 *
 * @example
 * fiveGapSummary(results, tools)[0] //=> "Five gaps (negative = shortfall)"
 */
export const fiveGapSummary: SummarySection = (results, tools) => {
  const report = results.fiveGap;
  if (report == null) return [];
  const { line, bold, clean, num } = tools;
  const out = [bold("Five gaps (negative = shortfall)")];
  for (const g of report.model.gaps) {
    if (!g.present) continue;
    const worst =
      g.worst === null ? "" : `; worst ${clean(g.worst.dimension)} ${num(g.worst.value)}`;
    out.push(line(`  ${g.name.padEnd(24)}${num(g.overall).padStart(7)} ${g.unit ?? ""}${worst}`));
  }
  out.push("", bold("Diagnosis"));
  if (report.model.links.length === 0) out.push(line("  no Gap 5 shortfall is linked to gaps 1–4"));
  for (const d of report.model.dimensions) {
    for (const l of d.links) {
      const e = l.evidence[1];
      const what = e === undefined ? "" : `: ${clean(e.subject)} ${num(e.value)} ${clean(e.unit)}`;
      out.push(
        line(
          `  ${clean(d.label)} (Gap 5 ${num(d.gap5?.value)}) → ${l.cause}, ${CAUSE_MEASURE[l.cause] ?? `Gap ${l.gap}`}${what}`,
        ),
      );
    }
  }
  out.push("");
  return out;
};
