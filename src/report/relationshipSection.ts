import type { DissolutionWarnings } from "../relationship/dissolutionWarnings";
import { STAGES } from "../relationship/stageRules";
import type { StageTimeline } from "../relationship/stageTimeline";
import type { StageTransitions } from "../relationship/stageTransitions";
import { count, label, percentCell } from "./cells";
import type { Section, TableBlock } from "./document";

/** The relationship results a report shows: a stage timeline, its transitions, the warnings. */
export interface RelationshipReport {
  readonly timeline: StageTimeline;
  readonly transitions: StageTransitions;
  readonly atRisk: DissolutionWarnings | null;
}

/** Customers at risk listed in full (all are counted). */
const AT_RISK_LISTED = 20;

const left = (header: string) => ({ header, align: "left" as const });
const right = (header: string) => ({ header, align: "right" as const });

/**
 * The relationship section of a report: the stage distribution in the last month of the
 * timeline, the transition matrix (row shares with counts), and the customers at risk of
 * dissolution with the evidence of each signal.
 */
export function relationshipSection(results: RelationshipReport): Section {
  const { timeline, transitions, atRisk } = results;
  const last = timeline.months.length - 1;
  const inStage = STAGES.map((stage) => timeline.distribution[stage][last] ?? 0);
  const total = inStage.reduce((a, b) => a + b, 0);
  const distribution: TableBlock = {
    kind: "table",
    id: "stage-distribution",
    columns: [left("Stage"), right("Customers"), right("Share")],
    rows: STAGES.map((stage, i) => [
      label(stage),
      count(inStage[i]),
      percentCell(total > 0 ? (inStage[i] as number) / total : null),
    ]),
  };
  const matrix: TableBlock = {
    kind: "table",
    id: "stage-transitions",
    columns: [left("From \\ to"), ...STAGES.map(right), right("n")],
    rows: STAGES.map((stage, i) => [
      label(stage),
      ...STAGES.map((_, j) => percentCell(transitions.shares[i]?.[j] ?? null)),
      count(transitions.rowTotals[i]),
    ]),
  };
  const blocks: Section["blocks"][number][] = [
    {
      kind: "paragraph",
      text: `Relationship stages (Dwyer, Schurr & Oh 1987) of ${total} customers at the end of ${timeline.months[last]}, and how stages moved from one month to the next over ${timeline.months[0]} – ${timeline.months[last]}.`,
    },
    distribution,
    matrix,
    {
      kind: "note",
      text: "Row shares: of the customers in a stage one month, the share in each stage the next month; n = customer-months. Rules and thresholds: docs/relationship.md.",
    },
  ];
  if (atRisk !== null) {
    blocks.push({
      kind: "paragraph",
      text: `${atRisk.customers.length} of ${atRisk.checked} active customers show early signs of dissolution as of ${atRisk.asOf.slice(0, 10)}${atRisk.customers.length > AT_RISK_LISTED ? ` (the first ${AT_RISK_LISTED} listed, most signals first)` : ""}.`,
    });
    if (atRisk.customers.length > 0) {
      blocks.push({
        kind: "table",
        id: "at-risk",
        columns: [left("Customer"), left("Evidence")],
        rows: atRisk.customers
          .slice(0, AT_RISK_LISTED)
          .map((c) => [
            label(c.customer),
            label(c.signals.map((s) => `${s.signal}: ${s.message}`).join("; ")),
          ]),
      });
    }
  }
  return { id: "relationships", title: "Relationship stages", blocks };
}
