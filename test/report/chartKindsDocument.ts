/**
 * A hand-made report document with one chart of every kind the HTML renderer draws, including
 * the kinds whose analyses are still to come (gap trends by period, segment comparisons, the
 * five-gap overview, stage distribution and transitions). Every value is chosen so the
 * expected drawing can be worked out by hand; `payload` strings stand in labels, segment
 * values, ids and titles to prove they are shown as text.
 */
import type { ChartSpec } from "../../src/report/chart";
import type { ReportDocument } from "../../src/report/document";

/** Hostile strings: each must show as text and never run. */
export const PAYLOADS = {
  script: "<script>window.__xss = 1; alert(1)</script>",
  img: '<img src=x onerror="window.__xss = 2; alert(2)">',
  js: "javascript:window.__xss = 3; alert(3)",
  attr: '" onmouseover="window.__xss = 4" x="',
} as const;

const nominal = (field: string, title: string) => ({ field, type: "nominal" as const, title });
const quantitative = (field: string, title: string) => ({
  field,
  type: "quantitative" as const,
  title,
});

/** Gap by dimension with intervals; the third gap is not computed (no bar, no error bar). */
export const gapChart: ChartSpec = {
  kind: "chart",
  id: "dimension-gaps",
  title: "Gap by dimension",
  mark: "bar",
  x: nominal("dimension", "Dimension"),
  y: quantitative("gap", "Gap"),
  color: null,
  rules: { x: null, y: 0 },
  interval: { lower: "lower", upper: "upper", title: "95% CI" },
  data: [
    { dimension: "A", gap: -1, lower: -1.5, upper: -0.5 },
    { dimension: PAYLOADS.script, gap: 0.5, lower: 0, upper: 1 },
    { dimension: "C", gap: null, lower: null, upper: null },
  ],
};

/** Segment comparison: bars side by side, coloured by segment (one a payload). */
export const segmentChart: ChartSpec = {
  kind: "chart",
  id: "segment-gaps",
  title: "Gap by dimension and region",
  mark: "bar",
  x: nominal("dimension", "Dimension"),
  y: quantitative("gap", "Gap"),
  color: nominal("segment", "Region"),
  rules: { x: null, y: 0 },
  data: [
    { dimension: "A", segment: "North", gap: -1 },
    { dimension: "A", segment: PAYLOADS.img, gap: -0.5 },
    { dimension: "B", segment: "North", gap: -0.25 },
    { dimension: "B", segment: PAYLOADS.img, gap: 0.25 },
  ],
};

/** Items sorted by gap as horizontal bars. */
export const itemChart: ChartSpec = {
  kind: "chart",
  id: "items-by-gap",
  title: "Items sorted by gap",
  mark: "bar",
  x: quantitative("gap", "Gap"),
  y: nominal("item", "Item"),
  color: null,
  rules: { x: 0, y: null },
  interval: { lower: "lower", upper: "upper", title: "95% CI" },
  data: [
    { item: "i2", gap: -2, lower: -2.5, upper: -1.5 },
    { item: PAYLOADS.js, gap: -1, lower: -1.5, upper: -0.5 },
    { item: "i3", gap: 1, lower: 0.5, upper: 1.5 },
  ],
};

/** Zones of tolerance: adequate–desired bands with P marked. */
export const zonesChart: ChartSpec = {
  kind: "chart",
  id: "zones-of-tolerance",
  title: "Zones of tolerance",
  mark: "point",
  x: nominal("dimension", "Dimension"),
  y: quantitative("perceived", "Mean score (P marked)"),
  color: null,
  rules: { x: null, y: null },
  band: { lower: "adequate", upper: "desired", title: "Zone of tolerance" },
  data: [
    { dimension: "A", adequate: 4, desired: 6, perceived: 5 },
    { dimension: "B", adequate: 5, desired: 8, perceived: 4 },
  ],
};

/** Importance–performance quadrants with the crosshair. */
export const ipaChart: ChartSpec = {
  kind: "chart",
  id: "importance-performance",
  title: "Importance–performance grid",
  mark: "point",
  x: quantitative("performance", "Performance"),
  y: quantitative("importance", "Importance"),
  color: nominal("quadrant", "Quadrant"),
  rules: { x: -1, y: 20 },
  data: [
    { attribute: "A", performance: -2, importance: 30, quadrant: "concentrate-here" },
    { attribute: PAYLOADS.attr, performance: 0, importance: 30, quadrant: "keep-up-the-good-work" },
    { attribute: "C", performance: -2, importance: 10, quadrant: "low-priority" },
    { attribute: "D", performance: 0, importance: 10, quadrant: "possible-overkill" },
  ],
};

/** Gap trends by period: two series, the second missing its middle value (a break). */
export const trendChart: ChartSpec = {
  kind: "chart",
  id: "gap-trends",
  title: "Gap by quarter",
  mark: "line",
  x: { field: "period", type: "ordinal", title: "Quarter" },
  y: quantitative("gap", "Gap"),
  color: nominal("dimension", "Dimension"),
  rules: { x: null, y: 0 },
  data: [
    { period: "2024-Q1", dimension: "A", gap: -1 },
    { period: "2024-Q2", dimension: "A", gap: -0.8 },
    { period: "2024-Q3", dimension: "A", gap: -0.6 },
    { period: "2024-Q1", dimension: "B", gap: -0.4 },
    { period: "2024-Q2", dimension: "B", gap: null },
    { period: "2024-Q3", dimension: "B", gap: 0.2 },
  ],
};

/** The five-gap overview: one bar per gap. */
export const fiveGapChart: ChartSpec = {
  kind: "chart",
  id: "five-gaps",
  title: "The five gaps",
  mark: "bar",
  x: { field: "gap", type: "ordinal", title: "Gap" },
  y: quantitative("value", "Standardised gap"),
  color: null,
  rules: { x: null, y: 0 },
  data: [1, 2, 3, 4, 5].map((g) => ({ gap: `Gap ${g}`, value: -g / 10 })),
};

/** Stage distribution: shares of customers by stage. */
export const stageChart: ChartSpec = {
  kind: "chart",
  id: "stage-distribution",
  title: "Customers by stage",
  mark: "bar",
  x: { field: "stage", type: "ordinal", title: "Stage" },
  y: quantitative("share", "Share of customers"),
  color: null,
  rules: { x: null, y: null },
  data: [
    { stage: "new", share: 0.5 },
    { stage: "loyal", share: 0.3 },
    { stage: "lost", share: 0.2 },
  ],
};

/** Stage transitions as a heatmap: share moving from a stage (rows) to a stage (columns). */
export const transitionChart: ChartSpec = {
  kind: "chart",
  id: "stage-transitions",
  title: "Stage transitions",
  mark: "rect",
  x: nominal("to", "To stage"),
  y: nominal("from", "From stage"),
  color: quantitative("share", "Share"),
  rules: { x: null, y: null },
  data: [
    { from: "new", to: "new", share: 0.1 },
    { from: "new", to: "loyal", share: 0.6 },
    { from: "new", to: "lost", share: 0.3 },
    { from: "loyal", to: "new", share: 0 },
    { from: "loyal", to: "loyal", share: 0.9 },
    { from: "loyal", to: "lost", share: 0.1 },
  ],
};

export const ALL_CHARTS: readonly ChartSpec[] = [
  gapChart,
  segmentChart,
  itemChart,
  zonesChart,
  ipaChart,
  trendChart,
  fiveGapChart,
  stageChart,
  transitionChart,
];

/** Rows of each chart that have every value their mark needs (worked out from the data). */
export const DRAWN_ROWS: Readonly<Record<string, number>> = {
  "dimension-gaps": 2,
  "segment-gaps": 4,
  "items-by-gap": 3,
  "zones-of-tolerance": 2,
  "importance-performance": 4,
  "gap-trends": 5,
  "five-gaps": 5,
  "stage-distribution": 3,
  "stage-transitions": 6,
};

/** Every chart kind in one document, with payloads in titles, ids and list items too. */
export const chartKindsDocument: ReportDocument<{ readonly note: string }> = {
  kind: "servqual-report-document",
  version: 1,
  layout: "hand-made-charts",
  title: `Charts ${PAYLOADS.script}`,
  sections: [
    {
      id: "about",
      title: null,
      blocks: [{ kind: "list", items: [`Instrument: ${PAYLOADS.img}`, `Source: ${PAYLOADS.js}`] }],
    },
    {
      id: PAYLOADS.attr,
      title: `Section ${PAYLOADS.img}`,
      blocks: [
        { kind: "paragraph", text: `Segment value ${PAYLOADS.script}` },
        {
          kind: "table",
          id: PAYLOADS.attr,
          columns: [
            { header: "Segment", align: "left" },
            { header: "n", align: "right" },
          ],
          rows: [
            [
              { kind: "label", text: PAYLOADS.img },
              { kind: "count", value: 3 },
            ],
          ],
        },
        ...ALL_CHARTS.slice(0, 5),
      ],
    },
    { id: "later", title: "Analyses to come", blocks: [...ALL_CHARTS.slice(5)] },
  ],
  results: { note: "hand-made" },
};
