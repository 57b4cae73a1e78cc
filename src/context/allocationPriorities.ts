import { TZDate } from "@date-fns/tz/date";
import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import type { Notice } from "../_lib/notice";
import { respondentScores } from "../responses/respondentScores";
import type { Dataset } from "../responses/types";
import { adjustPValues, type PAdjustMethod } from "../stats/adjustPValues";
import { type CellOptions, planCells } from "./cellPlan";
import { type ComplianceComparison, compareCompliance } from "./complianceComparison";
import { ALL_STANDARDS, countDays, type DeliveryInput, deliveryDays } from "./deliveryDays";
import { createPeriodIndexer, periodIndex } from "./periodIndexer";
import { periodOfInstant } from "./periodOf";
import type { CalendarPeriod, PeriodKind } from "./periodSpec";
import { type MeanSummary, type WelchDifference, welchFromSummaries } from "./summaryTests";

/** Options of {@link allocationPriorities}. */
export interface AllocationOptions
  extends Pick<
    CellOptions,
    "timeZone" | "fiscalYearStart" | "seasons" | "window" | "minimumN" | "level" | "rows"
  > {
  /** Period of the cells (default "month"). */
  readonly period?: PeriodKind;
  /**
   * Pool each period with its namesakes of other years (every January, every winter, every
   * Q1, every week 9); not with year or fiscal-year (default false).
   */
  readonly acrossYears?: boolean;
  /** The segment column holding the region (default "region"). */
  readonly region?: string;
  /** Dimensions to watch (default those of "responsiveness" and "reliability" the instrument has). */
  readonly dimensions?: readonly string[];
  /** What to send, per dimension id (defaults for responsiveness and reliability). */
  readonly actions?: Readonly<Record<string, string>>;
  /** Adjustment across every gap test (one family) and every compliance test (another); default "holm". */
  readonly pAdjust?: PAdjustMethod;
  /** Delivery records and standards: Gap 3 compliance of the cell vs the region's other periods. */
  readonly delivery?: DeliveryInput;
}

/** The option names of {@link allocationPriorities}. */
export const ALLOCATION_OPTIONS = optionNames<AllocationOptions>({
  period: true,
  acrossYears: true,
  timeZone: true,
  fiscalYearStart: true,
  seasons: true,
  window: true,
  minimumN: true,
  level: true,
  rows: true,
  region: true,
  dimensions: true,
  actions: true,
  pAdjust: true,
  delivery: true,
});

/** One region × period cell where a watched dimension deteriorates. */
export interface AllocationPriority {
  /** 1 = act first. */
  readonly rank: number;
  readonly region: string;
  /** The period key (`2025-01`, `2024/25-winter`), or with `acrossYears` its name (`January`, `winter`). */
  readonly period: string;
  readonly dimension: string;
  /** Respondents of the cell with a score on the dimension. */
  readonly n: number;
  /** Mean gap of the cell. */
  readonly gap: number;
  /** Mean gap of the region in its other periods, and Welch's test of cell − that. */
  readonly ownBaseline: {
    readonly n: number;
    readonly gap: number;
    readonly test: WelchDifference;
  } | null;
  /** Mean gap of the other regions in the same period, and Welch's test of cell − that. */
  readonly elsewhere: {
    readonly n: number;
    readonly gap: number;
    readonly test: WelchDifference;
  } | null;
  /** Adjusted p of the own-baseline and elsewhere tests (null when not tested). */
  readonly pOwnAdjusted: number | null;
  readonly pElsewhereAdjusted: number | null;
  /** Both comparisons below α after adjustment: strong; one: some; none: weak. */
  readonly evidence: "strong" | "some" | "weak";
  /** The smaller of the two drops (baseline − cell, elsewhere − cell): the size ranked on. */
  readonly shortfall: number;
  /** Gap 3 compliance of the cell vs the region's other periods (the dimension's standards, else all). */
  readonly delivery: ComplianceComparison | null;
  /** What to send (the `actions` entry of the dimension, or its default). */
  readonly action: string;
  /** The plain sentence for operations. */
  readonly sentence: string;
}

/** Result of {@link allocationPriorities}. */
export interface AllocationResult {
  readonly kind: "allocation-priorities";
  readonly region: string;
  readonly period: PeriodKind;
  readonly acrossYears: boolean;
  readonly dimensions: readonly string[];
  readonly minimumN: number;
  readonly level: number;
  readonly pAdjustMethod: PAdjustMethod;
  /** Respondents considered = used (dated in the window, with a region) + each reason left out. */
  readonly rows: {
    readonly in: number;
    readonly used: number;
    readonly undated: number;
    readonly blankRegion: number;
    readonly outsideWindow: number;
  };
  /** Region × period × dimension cells with at least `minimumN` scored respondents. */
  readonly cellsTested: number;
  /** Cells with fewer (never ranked). */
  readonly cellsSuppressed: number;
  readonly priorities: readonly AllocationPriority[];
  readonly warnings: readonly Notice[];
}

const DEFAULT_ACTIONS: Readonly<Record<string, string>> = {
  responsiveness: "spare engineers and phone/SMS/web capacity",
  reliability: "spare engineers and fix-first-time support",
};

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The name a period shares with its namesakes of other years. */
function pooledName(period: CalendarPeriod): string {
  if (period.kind === "season") return period.season ?? period.key;
  if (period.kind === "month") return MONTHS[Number(period.key.slice(5)) - 1] ?? period.key;
  return period.key.slice(5);
}

/** A signed number with one decimal and a true minus sign. */
function signed(x: number): string {
  const text = Math.abs(x).toFixed(1);
  return x < 0 && text !== "0.0" ? `−${text}` : text;
}

/** p in APA style: `.003`, `< .001`. */
function apa(p: number): string {
  if (p < 0.001) return "< .001";
  return `= ${p.toFixed(3).replace(/^0/, "")}`;
}

interface Moments {
  n: number;
  sum: number;
  squares: number;
}

function summary(m: Moments): MeanSummary {
  const mean = m.sum / m.n;
  const variance = m.n > 1 ? Math.max(0, (m.squares - m.n * mean * mean) / (m.n - 1)) : 0;
  return { n: m.n, mean, sd: Math.sqrt(variance) };
}

function minus(a: Moments, b: Moments): Moments {
  return { n: a.n - b.n, sum: a.sum - b.sum, squares: a.squares - b.squares };
}

/**
 * Where to send resources, and when: the region × period cells in which a watched dimension's
 * Gap 5 (default responsiveness and reliability) is worse than both the region's own other
 * periods and the other regions in the same period, ranked, each with its size, n, evidence,
 * Gap 3 delivery compliance where records exist, and a plain sentence.
 *
 * Per cell (at least `minimumN` scored respondents; default 30): the mean gap score
 * (respondentScores), Welch's t-test (Welch 1947) against the region's respondents of its other
 * periods and against the other regions' respondents of the same period; p adjusted across all
 * these tests (`pAdjust`, default Holm). The ranking rule is our documented choice: a cell is
 * listed when its gap is below both comparisons (a comparison with too few respondents is left
 * out); evidence is `strong` when both adjusted p are below 1 − level, `some` when one is,
 * `weak` otherwise; cells are ranked by evidence, then by shortfall = the smaller of the two
 * drops (so a cell must be bad on both counts), then by n. With delivery records: compliance of
 * the cell (the dimension's standards, or all when it has none) vs the region's other days,
 * difference of proportions with Newcombe's interval and the z-test, adjusted as a family of its
 * own; it is reported beside the gap, not ranked on.
 *
 * @param dataset - Validated responses with dates and a region column.
 * @param options - `period` (default month), `acrossYears`, `timeZone`, `region`, `dimensions`,
 *   `actions`, `minimumN`, `level`, `pAdjust`, `delivery`, `window`, `rows`, and the period
 *   options of periodOf.
 * @returns The ranked priorities and how many cells were tested or too small.
 * @throws {ServqualError} `invalid-argument` for bad options or an unknown dimension;
 *   `invalid-input` for an unknown region column or a dataset without dates.
 * @example
 * const result = allocationPriorities(dataset, { period: "season", acrossYears: true });
 * result.priorities[0].sentence
 * //=> "Send spare engineers and phone/SMS/web capacity to North in winter: responsiveness gap −1.9 vs −1.0 in North's other periods and −1.0 in other regions, n = 48, p = .003."
 */
export function allocationPriorities(
  dataset: Dataset,
  options: AllocationOptions = {},
): AllocationResult {
  const fn = "allocationPriorities";
  expectShape(fn, "dataset", dataset, shapes.dataset);
  checkOptionKeys(fn, options, ALLOCATION_OPTIONS);
  const regionColumn = options.region ?? "region";
  if (typeof regionColumn !== "string") {
    throw invalidArgument(fn, "options.region", "a segment column name", regionColumn);
  }
  const acrossYears = options.acrossYears ?? false;
  if (typeof acrossYears !== "boolean") {
    throw invalidArgument(fn, "options.acrossYears", "true or false", acrossYears);
  }
  const kind = options.period ?? "month";
  if (acrossYears && (kind === "year" || kind === "fiscal-year")) {
    throw invalidArgument(
      fn,
      "options.acrossYears",
      "false with period year or fiscal-year (they have no namesakes in other years)",
      acrossYears,
    );
  }
  const method = options.pAdjust ?? "holm";
  adjustPValues([], method);
  const known = dataset.instrument.dimensions.map((d) => d.id);
  const dimensions =
    options.dimensions ?? known.filter((id) => id === "responsiveness" || id === "reliability");
  if (
    !Array.isArray(dimensions) ||
    dimensions.length === 0 ||
    dimensions.some((d) => typeof d !== "string" || !known.includes(d))
  ) {
    throw invalidArgument(
      fn,
      "options.dimensions",
      `a non-empty list of dimension ids of the instrument (${known.join(", ")})`,
      dimensions,
    );
  }
  const actions = options.actions ?? {};
  if (
    typeof actions !== "object" ||
    actions === null ||
    Object.values(actions).some((a) => typeof a !== "string")
  ) {
    throw invalidArgument(fn, "options.actions", "an object of dimension id → text", actions);
  }
  const plan = planCells(fn, dataset, {
    period: kind,
    by: [regionColumn],
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    ...(options.fiscalYearStart === undefined ? {} : { fiscalYearStart: options.fiscalYearStart }),
    ...(options.seasons === undefined ? {} : { seasons: options.seasons }),
    ...(options.window === undefined ? {} : { window: options.window }),
    ...(options.minimumN === undefined ? {} : { minimumN: options.minimumN }),
    ...(options.level === undefined ? {} : { level: options.level }),
    ...(options.rows === undefined ? {} : { rows: options.rows }),
  });
  const delivery = options.delivery === undefined ? null : deliveryDays(fn, options.delivery);
  const spec = plan.period as NonNullable<typeof plan.period>;
  const { minimumN, level } = plan;
  const labels = (plan.segments[0] as { values: readonly (string | null)[] }).values;
  const dates = dataset.dates as Float64Array;
  const selected = plan.rows ?? Int32Array.from({ length: dataset.n }, (_, i) => i);
  const rows: number[] = [];
  let first = Infinity;
  let last = -Infinity;
  const left = { undated: 0, blankRegion: 0, outsideWindow: 0 };
  for (const row of selected) {
    const t = dates[row] as number;
    if (!Number.isFinite(t)) left.undated += 1;
    else if (labels[row] === null) left.blankRegion += 1;
    else if (t < plan.from || t > plan.to) left.outsideWindow += 1;
    if (labels[row] === null || !Number.isFinite(t) || t < plan.from || t > plan.to) continue;
    rows.push(row);
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const warnings: Notice[] = [];
  const groupName = (period: CalendarPeriod) => (acrossYears ? pooledName(period) : period.key);
  const scores = respondentScores(dataset, { facet: "gap", level: "dimension" });
  // Per dimension: region → period name → moments; period totals; region totals.
  const cells = dimensions.map(() => new Map<string, Map<string, Moments>>());
  const periodOrder: string[] = [];
  if (rows.length > 0) {
    const indexer = createPeriodIndexer(spec, first, last);
    const names = indexer.periods.map(groupName);
    for (const name of names) if (!periodOrder.includes(name)) periodOrder.push(name);
    for (const row of rows) {
      const name = names[periodIndex(indexer, dates[row] as number)] as string;
      const region = labels[row] as string;
      dimensions.forEach((dimension, k) => {
        const x = (scores[known.indexOf(dimension)] as Float64Array)[row] as number;
        if (!Number.isFinite(x)) return;
        const byRegion = cells[k] as Map<string, Map<string, Moments>>;
        let byPeriod = byRegion.get(region);
        if (byPeriod === undefined) {
          byPeriod = new Map();
          byRegion.set(region, byPeriod);
        }
        const m = byPeriod.get(name) ?? { n: 0, sum: 0, squares: 0 };
        m.n += 1;
        m.sum += x;
        m.squares += x * x;
        byPeriod.set(name, m);
      });
    }
  }
  const dayName = new Map<string, string | null>();
  const nameOfDay = (day: string) => {
    let name = dayName.get(day);
    if (name === undefined) {
      const [y, m, d] = day.split("-").map(Number) as [number, number, number];
      const period = periodOfInstant(spec, new TZDate(y, m - 1, d, spec.timeZone).getTime());
      name = period === null ? null : groupName(period);
      dayName.set(day, name);
    }
    return name;
  };
  interface Candidate
    extends Omit<
      AllocationPriority,
      "rank" | "pOwnAdjusted" | "pElsewhereAdjusted" | "evidence" | "sentence" | "action"
    > {}
  const candidates: Candidate[] = [];
  let cellsTested = 0;
  let cellsSuppressed = 0;
  dimensions.forEach((dimension, k) => {
    const byRegion = cells[k] as Map<string, Map<string, Moments>>;
    const regionTotal = new Map<string, Moments>();
    const periodTotal = new Map<string, Moments>();
    for (const [region, byPeriod] of byRegion) {
      for (const [name, m] of byPeriod) {
        for (const [map, key] of [
          [regionTotal, region],
          [periodTotal, name],
        ] as const) {
          const t = map.get(key) ?? { n: 0, sum: 0, squares: 0 };
          t.n += m.n;
          t.sum += m.sum;
          t.squares += m.squares;
          map.set(key, t);
        }
      }
    }
    for (const region of [...byRegion.keys()].sort()) {
      const byPeriod = byRegion.get(region) as Map<string, Moments>;
      for (const name of periodOrder) {
        const m = byPeriod.get(name);
        if (m === undefined) continue;
        if (m.n < minimumN) {
          cellsSuppressed += 1;
          continue;
        }
        cellsTested += 1;
        const cell = summary(m);
        const compare = (rest: Moments) => {
          if (rest.n < minimumN) return null;
          const other = summary(rest);
          return { n: other.n, gap: other.mean, test: welchFromSummaries(cell, other, level) };
        };
        const ownBaseline = compare(minus(regionTotal.get(region) as Moments, m));
        const elsewhere = compare(minus(periodTotal.get(name) as Moments, m));
        const drops = [ownBaseline, elsewhere]
          .filter((c) => c !== null)
          .map((c) => c.gap - cell.mean);
        if (drops.length === 0 || drops.some((d) => !(d > 0))) continue;
        let compliance: ComplianceComparison | null = null;
        if (delivery !== null) {
          const key = delivery.dimensions.has(dimension) ? dimension : ALL_STANDARDS;
          compliance = compareCompliance(
            key === ALL_STANDARDS ? "all" : dimension,
            countDays(delivery, region, key, (day) => nameOfDay(day) === name),
            countDays(delivery, region, key, (day) => nameOfDay(day) !== name),
            level,
            `${region} in ${name}`,
            warnings,
          );
        }
        candidates.push({
          region,
          period: name,
          dimension,
          n: cell.n,
          gap: cell.mean,
          ownBaseline,
          elsewhere,
          shortfall: Math.min(...drops),
          delivery: compliance,
        });
      }
    }
  });
  return {
    kind: "allocation-priorities",
    region: regionColumn,
    period: kind,
    acrossYears,
    dimensions,
    minimumN,
    level,
    pAdjustMethod: method,
    rows: { in: selected.length, used: rows.length, ...left },
    cellsTested,
    cellsSuppressed,
    priorities: rank(candidates, method, level, actions),
    warnings,
  };
}

const EVIDENCE_ORDER = { strong: 0, some: 1, weak: 2 } as const;

function rank(
  candidates: readonly Omit<
    AllocationPriority,
    "rank" | "pOwnAdjusted" | "pElsewhereAdjusted" | "evidence" | "sentence" | "action"
  >[],
  method: PAdjustMethod,
  level: number,
  actions: Readonly<Record<string, string>>,
): AllocationPriority[] {
  const gapP = adjustPValues(
    candidates.flatMap((c) => [
      c.ownBaseline?.test.pValue ?? null,
      c.elsewhere?.test.pValue ?? null,
    ]),
    method,
  ).adjusted;
  const deliveryP = adjustPValues(
    candidates.map((c) => c.delivery?.difference?.pValue ?? null),
    method,
  ).adjusted;
  const listed = candidates.map((c, i) => {
    const pOwn = gapP[2 * i] ?? null;
    const pElsewhere = gapP[2 * i + 1] ?? null;
    const delivery =
      c.delivery === null ? null : { ...c.delivery, pAdjusted: deliveryP[i] ?? null };
    return {
      ...c,
      pOwnAdjusted: pOwn,
      pElsewhereAdjusted: pElsewhere,
      evidence: evidenceOf(pOwn, pElsewhere, level),
      delivery,
      action: actions[c.dimension] ?? DEFAULT_ACTIONS[c.dimension] ?? "extra capacity",
    };
  });
  listed.sort(
    (a, b) =>
      EVIDENCE_ORDER[a.evidence] - EVIDENCE_ORDER[b.evidence] ||
      b.shortfall - a.shortfall ||
      b.n - a.n,
  );
  return listed.map((c, i) => ({
    ...c,
    rank: i + 1,
    sentence: prioritySentence(c, c.pOwnAdjusted, c.pElsewhereAdjusted),
  }));
}

/**
 * The evidence of a cell from its two adjusted p-values: `strong` when every tested one is
 * below α = 1 − level, `some` when one is, `weak` when none is.
 */
export function evidenceOf(
  pOwn: number | null,
  pElsewhere: number | null,
  level: number,
): AllocationPriority["evidence"] {
  const alpha = 1 - level;
  const significant = [pOwn, pElsewhere].filter((p) => p !== null && p < alpha).length;
  const tested = [pOwn, pElsewhere].filter((p) => p !== null).length;
  return significant === 0 ? "weak" : significant === tested ? "strong" : "some";
}

/** The plain sentence of a cell, quoting the larger of the two adjusted p-values given. */
export function prioritySentence(
  c: Pick<
    AllocationPriority,
    | "action"
    | "region"
    | "period"
    | "dimension"
    | "gap"
    | "n"
    | "ownBaseline"
    | "elsewhere"
    | "delivery"
  >,
  pOwn: number | null,
  pElsewhere: number | null,
): string {
  const what = c.action;
  const parts: string[] = [];
  if (c.ownBaseline !== null) {
    parts.push(`${signed(c.ownBaseline.gap)} in ${c.region}'s other periods`);
  }
  if (c.elsewhere !== null) parts.push(`${signed(c.elsewhere.gap)} in other regions`);
  const ps = [pOwn, pElsewhere].filter((p) => p !== null);
  const p = ps.length === 0 ? "" : `, p ${apa(Math.max(...ps))}`;
  let text = `Send ${what} to ${c.region} in ${c.period}: ${c.dimension} gap ${signed(c.gap)} vs ${parts.join(" and ")}, n = ${c.n}${p}`;
  const d = c.delivery;
  if (d?.inside.compliance != null && d.outside.compliance != null) {
    text += `; delivery compliance ${Math.round(d.inside.compliance * 100)} % vs ${Math.round(d.outside.compliance * 100)} % in its other periods`;
  }
  return `${text}.`;
}
