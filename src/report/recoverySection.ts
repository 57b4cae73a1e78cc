import type { ServiceRecoveryResult } from "../context/recovery/serviceRecovery";
import { type Cell, count, intervalCell, label, num, pCell, percentCell } from "./cells";
import type { Section, TableBlock } from "./document";

function table(id: string, headers: readonly string[], left: number, rows: Cell[][]): TableBlock {
  return {
    kind: "table",
    id,
    columns: headers.map((header, i) => ({ header, align: i < left ? "left" : "right" })),
    rows,
  };
}

/** "n excluded: code n, …" or "none excluded". */
export function excluded(input: ServiceRecoveryResult["input"]): string {
  if (input.recordsExcluded === 0) return "none excluded";
  const reasons = Object.entries(input.exclusionCounts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, n]) => `${code} ${n}`)
    .join(", ");
  return `${input.recordsExcluded} excluded: ${reasons}`;
}

const fmt = (value: number | null, decimals = 2) =>
  value === null ? "n/a" : value.toFixed(decimals);
const pText = (p: number | null) =>
  p === null ? "n/a" : p < 0.001 ? "< .001" : `= ${p.toFixed(3).replace(/^0/, "")}`;

/**
 * The service recovery section of a report (`GapReport.recovery`): escalation depth with the
 * satisfaction and staying at each depth, time to resolution by depth and channel, the share of
 * fully dissatisfied customers won back, and the tests of depth against satisfaction
 * (Spearman) and staying (logistic regression). Definitions: docs/context.md.
 */
export function recoverySection(result: ServiceRecoveryResult): Section {
  const unit = result.unit === "business-hours" ? "business hours" : "hours";
  const depth = table(
    "recovery-depth",
    ["Escalation depth", "Complaints", "Share", "Mean satisfaction after", "Stayed"],
    1,
    result.depth.map((d) => [
      label(d.depth === 0 ? "0 (first contact)" : String(d.depth)),
      count(d.n),
      percentCell(d.share),
      num(d.meanSatisfaction),
      percentCell(d.stayedShare),
    ]),
  );
  const times = table(
    "recovery-resolution",
    ["Group", "Complaints", "Resolved", `Median (${unit})`, `90th percentile (${unit})`],
    1,
    [
      ...result.resolution.byDepth.map((t) => ({ ...t, name: `depth ${t.key}` })),
      ...result.resolution.byChannel
        .filter((t) => t.complaints > 0)
        .map((t) => ({ ...t, name: t.key })),
      { ...result.resolution.all, name: "all complaints" },
    ].map((t) => [label(t.name), count(t.complaints), count(t.n), num(t.median, 1), num(t.p90, 1)]),
  );
  const s = result.depthSatisfaction;
  const l = result.depthStayed;
  const w = result.wonBack;
  const tests = table(
    "recovery-tests",
    ["Question", "Statistic", "Estimate", "95% CI", "p", "n"],
    2,
    [
      [
        label("Deeper escalation, lower satisfaction after?"),
        label("Spearman's ρ"),
        num(s.rho),
        intervalCell(null),
        pCell(s.p),
        count(s.n),
      ],
      [
        label("Deeper escalation, fewer customers stay?"),
        label("odds ratio per level (logistic, Wald)"),
        num(l.oddsRatio),
        intervalCell(l.oddsRatioCi),
        pCell(l.p),
        count(l.n),
      ],
      [
        label("Fully dissatisfied customers won back"),
        label("share (Wilson)"),
        percentCell(w.share.proportion),
        intervalCell(w.share),
        pCell(null),
        count(w.share.n),
      ],
    ],
  );
  const paradox = result.paradox;
  return {
    id: "service-recovery",
    title: "Service recovery",
    blocks: [
      {
        kind: "paragraph",
        text: `${result.complaints} complaints used of ${result.input.recordsIn} records read (${excluded(result.input)}); satisfaction after recovery on a ${result.scale.min}–${result.scale.max} scale. Spearman's ρ of escalation depth and satisfaction after recovery is ${fmt(s.rho)} (p ${pText(s.p)}, n = ${s.n}); each escalation level multiplies the odds of staying by ${fmt(l.oddsRatio)} (Wald p ${pText(l.p)}). ${w.wonBack} of ${w.share.n} fully dissatisfied customers were won back (${w.share.proportion === null ? "n/a" : `${(w.share.proportion * 100).toFixed(1)}%`}).`,
      },
      depth,
      times,
      tests,
      {
        kind: "note",
        text: `Fully dissatisfied: satisfaction when complaining ≤ ${w.dissatisfiedAtMost}; won back: stayed and satisfaction after ≥ ${w.wonBackAtLeast} (our definitions). Recovery paradox check: among ${paradox.n} complaints with both ratings, satisfaction rose by ${fmt(paradox.meanChange)} points on average and ${paradox.shareAbove === null ? "n/a" : `${(paradox.shareAbove * 100).toFixed(1)}%`} ended above their rating when complaining. Percentiles are R's type 7; open complaints are counted, not timed.`,
      },
    ],
  };
}
