import type { DissolutionWarnings } from "../relationship/dissolutionWarnings";
import type { Gap5ByStageTimelineResult } from "../relationship/gap5ByStageTimeline";
import { STAGES, type StageRules } from "../relationship/stageRules";
import type { StageTimeline } from "../relationship/stageTimeline";
import type { StageTransitions } from "../relationship/stageTransitions";
import { count, label, percentCell } from "./cells";
import type { ChartSpec } from "./chart";
import type { Block, Section, TableBlock } from "./document";

/** What reading the CRM events found, as a report shows it: events in = used + excluded. */
export interface EventInputSummary {
  /** The file or system the events came from. */
  readonly source: string;
  readonly eventsIn: number;
  readonly eventsUsed: number;
  readonly eventsExcluded: number;
  /** Events kept without their value (negative, not a number, another currency). */
  readonly valuesDropped: number;
  /** Issue code → count. */
  readonly issueCounts: Readonly<Record<string, number>>;
  /** The first issues (code, line or row, field, message). */
  readonly issues: readonly {
    readonly code: string;
    readonly message: string;
    readonly row?: number;
    readonly line?: number;
    readonly column?: string;
  }[];
}

/** The relationship results a report shows: a stage timeline, its transitions, the warnings. */
export interface RelationshipReport {
  readonly timeline: StageTimeline;
  readonly transitions: StageTransitions;
  readonly atRisk: DissolutionWarnings | null;
  /** Gap 5 of the survey respondents split by stage (gap5ByStageTimeline); absent or null: none. */
  readonly gap5ByStage?: Gap5ByStageTimelineResult | null;
  /** How the events were read; absent or null: not shown. */
  readonly events?: EventInputSummary | null;
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
  const distributionChart: ChartSpec = {
    kind: "chart",
    id: "stage-distribution-chart",
    title: `Customers by relationship stage, end of ${timeline.months[last]}`,
    mark: "bar",
    x: { field: "stage", type: "ordinal", title: "Stage" },
    y: { field: "customers", type: "quantitative", title: "Customers" },
    color: null,
    rules: { x: null, y: null },
    data: STAGES.map((stage, i) => ({ stage, customers: inStage[i] ?? 0 })),
  };
  const transitionChart: ChartSpec = {
    kind: "chart",
    id: "stage-transitions-chart",
    title: "Month-to-month stage transitions (share of each from-stage)",
    mark: "rect",
    x: { field: "to", type: "nominal", title: "Stage the next month" },
    y: { field: "from", type: "nominal", title: "Stage this month" },
    color: { field: "share", type: "quantitative", title: "Share of the row" },
    rules: { x: null, y: null },
    // Rows without customer-months have no shares: nothing to draw for them.
    data: STAGES.flatMap((from, i) =>
      (transitions.rowTotals[i] ?? 0) === 0
        ? []
        : STAGES.map((to, j) => ({ from, to, share: transitions.shares[i]?.[j] ?? null })),
    ),
  };
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: `Relationship stages (Dwyer, Schurr & Oh 1987) of ${total} customers at the end of ${timeline.months[last]}, and how stages moved from one month to the next over ${timeline.months[0]} – ${timeline.months[last]}.`,
    },
    ...eventBlocks(results.events ?? null),
    distribution,
    distributionChart,
    matrix,
    transitionChart,
    {
      kind: "note",
      text: `Row shares: of the customers in a stage one month, the share in each stage the next month; n = customer-months.${timeline.rules === undefined ? "" : ` ${stageRulesNote(timeline.rules)}`} Rules and thresholds: docs/relationship.md.`,
    },
  ];
  if (atRisk !== null) {
    blocks.push({
      kind: "paragraph",
      text: `${atRisk.customers.length} of ${atRisk.checked} active customers show early signs of dissolution as of ${atRisk.asOf.slice(0, 10)}${atRisk.customers.length > AT_RISK_LISTED ? ` (the first ${AT_RISK_LISTED} listed, most signals first)` : ""}.`,
    });
    if (atRisk.thresholds !== undefined) {
      blocks.push({ kind: "note", text: warningRules(atRisk.thresholds) });
    }
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

/** Events in = used + excluded, and the issues by code, when the report says how they were read. */
function eventBlocks(events: EventInputSummary | null): Block[] {
  if (events === null) return [];
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: `CRM events (${events.source}): in ${events.eventsIn} = used ${events.eventsUsed} + excluded ${events.eventsExcluded}; ${events.valuesDropped} kept without their value.`,
    },
  ];
  const counts = Object.entries(events.issueCounts);
  if (counts.length > 0) {
    blocks.push({
      kind: "table",
      id: "event-issues",
      columns: [right("Line"), left("Field"), left("Issue")],
      rows: events.issues.map((issue) => [
        count(issue.line ?? issue.row ?? null),
        label(issue.column),
        label(`${issue.code}: ${issue.message}`),
      ]),
    });
  }
  return blocks;
}

/**
 * The stage rules in force, in words with their thresholds (from the timeline's `rules`), so a
 * reader sees why a customer is in a stage.
 *
 * @example
 * stageRulesNote(DEFAULT_STAGE_RULES) //=> "Stage rules in force: awareness = no purchase yet; …"
 */
export function stageRulesNote(r: StageRules): string {
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const trust =
    r.trust === undefined
      ? ""
      : ` Survey criteria: commitment needs a trust index ≥ ${r.trust.trustMin} and a commitment index ≥ ${r.trust.commitmentMin}${r.trust.dissolutionBelow === null ? "" : `; a trust index below ${r.trust.dissolutionBelow} is a dissolution signal`}.`;
  return `Stage rules in force: awareness = no purchase yet; dissolution = a cancellation with no purchase after it, or no purchase for more than ${r.silenceDays} days (and more than ${r.silenceCycleMultiple} × the customer's own 90th-percentile gap between purchases), or a value trend ≤ ${pct(r.declineTrend)} with ${r.declineComplaints} or more recent complaints; otherwise the best-scoring of exploration (first purchase under ${r.newCustomerDays} days ago, fewer than ${r.fewPurchases} purchases in 365 days, one product, shopping around), expansion (tenure ≥ ${r.expansionTenureDays} days, ${r.fewPurchases} or more purchases in 365 days, value trend ≥ ${pct(r.growthTrend)}, more products, customer-initiated share ≥ ${r.activeReciprocity}) and commitment (tenure ≥ ${r.commitmentTenureDays} days, value trend within ±${pct(r.stableTrend)}, ≥ ${r.commitmentBreadth} products or share of wallet ≥ ${r.commitmentShareOfWallet}, a contract, at most ${r.maxRecentComplaints} recent complaint(s) and none open).${trust}`;
}

/**
 * The early warning's rules in force, in words, with the thresholds the warnings used.
 *
 * @example
 * warningRules({ fallingTrend: -0.2, risingComplaints: 2, silenceMultiple: 2, silenceDays: 180 })
 * //=> "Early warning rules in force: value falling = … ≤ −20% …"
 */
export function warningRules(t: DissolutionWarnings["thresholds"]): string {
  const pct = Math.round(-t.fallingTrend * 1000) / 10;
  return `Early warning rules in force: value falling = value of the recent trend window down ${pct}% or more against the window before (value trend ≤ ${t.fallingTrend}); complaints rising = ${t.risingComplaints} or more recent complaints and more than in the window before; long silence = more days since the last purchase than ${t.silenceMultiple} × the customer's own median purchase cycle, or than ${t.silenceDays} days for a customer without a rhythm of their own (fewer than two purchases, or a median cycle under a day).`;
}
