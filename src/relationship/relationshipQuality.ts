import { invalidArgument, isRecord, optionNames } from "../_lib/guards";
import { type Notice, type NoticeCode, notice } from "../_lib/notice";
import type { Dataset } from "../responses/types";
import {
  type CommitmentEvidenceRecord,
  type EvidenceReport,
  validateEvidence,
} from "./commitmentEvidence";
import {
  type CommitmentIndexOptions,
  type CustomerCommitment,
  commitmentOf,
  evidenceSettings,
} from "./commitmentIndex";
import {
  type FacetSummary,
  facetScore,
  type IndexSummary,
  meanOf,
  summarizeFacets,
  summarizeIndex,
} from "./facetScores";
import { COMMITMENT_WEIGHTED, TRUST_WEIGHTED } from "./facetWeights";
import { type RepeatedCustomers, repeatedWarning } from "./latestPerCustomer";
import {
  type StageJoinAt,
  type StageJoiner,
  type StageJoinReason,
  type StageSource,
  stageJoiner,
} from "./stageJoin";
import { STAGES, type Stage } from "./stageRules";
import { type CustomerTrust, constructFacets, openIndex, trustOf } from "./trustIndex";

/** Options of {@link relationshipQuality}. */
export interface RelationshipQualityOptions extends CommitmentIndexOptions {
  /** Observed commitment evidence per customer (see `commitmentIndex`). */
  readonly evidence?: readonly CommitmentEvidenceRecord[];
  /** Weight of the core (T + C)/2 in the extended index (0–1, default 0.6). */
  readonly coreWeight?: number;
  /** Band limits: below `weak` is weak, above `strong` is strong (defaults 40 and 65). */
  readonly bands?: { readonly weak?: number; readonly strong?: number };
  /**
   * Stages by customer (`classifyStage` results or a `{ customer: stage }` record), or a stage
   * timeline (`stageTimeline`): adds the mean indices per stage (`byStage`) and the join's
   * accounting (`stageJoin`).
   */
  readonly stages?: StageSource;
  /**
   * With a timeline in `stages`, the month whose stage a respondent is joined at:
   * `"response-month"` (default when the survey has response dates) or `"last-month"` (default
   * without dates). Not taken with one stage per customer.
   */
  readonly at?: StageJoinAt;
}

/** A respondent of the survey left out of every stage, with why. */
export interface UnjoinedRespondent {
  /** Row index in the dataset. */
  readonly row: number;
  /** The source row (file line or record) the respondent came from. */
  readonly sourceRow: number;
  readonly respondent: string;
  /** The customer id the respondent was joined by (null when blank). */
  readonly customer: string | null;
  readonly reason: StageJoinReason;
}

/** How the respondents were joined to stages: respondents = joined + the sum of leftOut. */
export interface StageJoinReport {
  /** `stages`: one stage per customer; `timeline`: the stage of a month of a stage timeline. */
  readonly source: "stages" | "timeline";
  /** With a timeline, which month's stage; null with one stage per customer. */
  readonly at: StageJoinAt | null;
  /** The timeline's first and last month (`yyyy-MM`); null with one stage per customer. */
  readonly months: { readonly first: string; readonly last: string } | null;
  /** Entries of `customers` joined (one per customer unless `responses: "all"`; see `repeated`). */
  readonly respondents: number;
  readonly joined: number;
  /** Left out by reason (every one counted). */
  readonly leftOut: Readonly<Record<StageJoinReason, number>>;
  /** The first 100 respondents left out, with their row and reason. */
  readonly unjoined: readonly UnjoinedRespondent[];
}

/** A band of the relationship-quality index (our labels, not normed). */
export type QualityBand = "weak" | "moderate" | "strong";

/** One customer's relationship quality (from one response: see `responses`). */
export interface CustomerQuality {
  readonly customer: string | null;
  readonly respondent: string;
  readonly row: number;
  /** T (see `trustIndex`). */
  readonly trust: number | null;
  /** C (see `commitmentIndex`). */
  readonly commitment: number | null;
  readonly calculative: number | null;
  readonly satisfaction: number | null;
  readonly mutualGoals: number | null;
  readonly cooperativeNorms: number | null;
  /** RQI_core = (T + C)/2; null when T or C is. */
  readonly core: number | null;
  /**
   * RQI_ext = coreWeight·core + (1 − coreWeight)·mean(S, MG, CN scored); null when the core is
   * null or none of the three is scored.
   */
  readonly extended: number | null;
  /** Band of `extended` (or `core` when there is no extended index); null when neither. */
  readonly band: QualityBand | null;
}

/** Mean indices of the customers in one stage. */
export interface StageQuality {
  readonly stage: Stage;
  readonly respondents: number;
  readonly trust: IndexSummary;
  readonly commitment: IndexSummary;
  /** The calculative (continuance) commitment index, shown beside C, never part of it. */
  readonly calculative: IndexSummary;
  readonly core: IndexSummary;
  readonly extended: IndexSummary;
}

/** Result of {@link relationshipQuality}. */
export interface RelationshipQualityResult {
  readonly kind: "relationship-quality";
  readonly scale: { readonly min: number; readonly max: number };
  readonly coreWeight: number;
  readonly bandLimits: { readonly weak: number; readonly strong: number };
  readonly evidenceWeight: number;
  /** Every facet the survey measured, over the sample (indices, alpha, omega). */
  readonly facets: readonly FacetSummary[];
  readonly summary: {
    readonly trust: IndexSummary;
    readonly commitment: IndexSummary;
    readonly core: IndexSummary;
    readonly extended: IndexSummary;
  };
  /** Customers per band. */
  readonly bands: Readonly<Record<QualityBand, number>>;
  /** One entry per customer (rows of the same customer: see `repeated`). */
  readonly customers: readonly CustomerQuality[];
  /** Respondents = customers + responses left out as a customer's earlier answer. */
  readonly repeated: RepeatedCustomers;
  /** Per stage (stages with respondents, in stage order), or null without `stages`. */
  readonly byStage: readonly StageQuality[] | null;
  /** Respondents whose customer has no stage (null without `stages`): the sum of `stageJoin.leftOut`. */
  readonly withoutStage: number | null;
  /** How respondents were joined to stages (null without `stages`). */
  readonly stageJoin: StageJoinReport | null;
  readonly evidence: EvidenceReport | null;
  readonly warnings: readonly Notice[];
}

const OPTIONS = optionNames<RelationshipQualityOptions>({
  customerColumn: true,
  rows: true,
  responses: true,
  facetWeights: true,
  evidenceWeight: true,
  fullContractMonths: true,
  evidence: true,
  coreWeight: true,
  bands: true,
  stages: true,
  at: true,
});

/**
 * Relationship quality per customer: trust, commitment and, when measured, satisfaction,
 * mutual goals and cooperative norms, combined into a core and an extended index (0–100).
 * One entry per customer: of repeated responses the latest is used (`responses`, as in
 * {@link trustIndex}), so `byStage` counts each customer once.
 *
 * - T and C as {@link trustIndex} and {@link commitmentIndex} (C with the evidence folded in).
 * - RQI_core = (T + C)/2 (trust and commitment as the key mediating variables of Morgan &
 *   Hunt 1994; the equal weights are our choice).
 * - RQI_ext = a·RQI_core + (1 − a)·mean(S, MG, CN of those scored), a = `coreWeight` (0.6):
 *   relationship-quality reviews (Vieira, Winklhofer & Ennew 2008; Athanasopoulou 2009) name
 *   these as further dimensions but give no weighting, so the weights are ours.
 * - Bands (ours, not normed): < 40 weak, 40–65 moderate, > 65 strong.
 *
 * @param dataset - A relationship survey with trust and commitment facets.
 * @param options - `evidence`, `evidenceWeight`, `fullContractMonths`, `coreWeight`, `bands`,
 *   `stages`, `at`, `customerColumn`, `rows`, `responses`, `facetWeights` (trust facets,
 *   `affective`, `normative`).
 * @returns Plain JSON data; null values carry coded warnings.
 * @throws {ServqualError} `invalid-argument`; `invalid-input` when the survey lacks trust or
 *   commitment facets.
 *
 * @example
 * // T = 80, C = 60, satisfaction 90 (no MG, CN): core 70, extended 0.6·70 + 0.4·90 = 78
 * relationshipQuality(dataset).customers[0] //=> { …, core: 70, extended: 78, band: "strong" }
 */
export function relationshipQuality(
  dataset: Dataset,
  options: RelationshipQualityOptions = {},
): RelationshipQualityResult {
  const fn = "relationshipQuality";
  const { scored, customers, repeated, weights } = openIndex(fn, dataset, options, OPTIONS, [
    TRUST_WEIGHTED,
    COMMITMENT_WEIGHTED,
  ]);
  const { weight, fullMonths } = evidenceSettings(fn, options);
  const coreWeight = options.coreWeight ?? 0.6;
  if (typeof coreWeight !== "number" || !(coreWeight >= 0 && coreWeight <= 1)) {
    throw invalidArgument(fn, "options.coreWeight", "a number from 0 to 1", coreWeight);
  }
  if (options.bands !== undefined && !isRecord(options.bands)) {
    throw invalidArgument(fn, "options.bands", "{ weak?, strong? }", options.bands);
  }
  const weak = options.bands?.weak ?? 40;
  const strong = options.bands?.strong ?? 65;
  if (
    typeof weak !== "number" ||
    typeof strong !== "number" ||
    !(weak >= 0 && weak <= strong && strong <= 100)
  ) {
    throw invalidArgument(fn, "options.bands", "0 ≤ weak ≤ strong ≤ 100", options.bands);
  }
  const join =
    options.stages === undefined
      ? null
      : stageJoiner(fn, "options.stages", dataset, options.stages, options.at);
  if (join === null && options.at !== undefined) {
    throw invalidArgument(
      fn,
      "options.at",
      "`at` goes with a stage timeline in `stages`",
      options.at,
    );
  }
  const trustAt = constructFacets(fn, scored, "trust", "trust");
  const commitmentAt = constructFacets(fn, scored, "commitment", "commitment");
  const known = new Set<string>();
  for (const r of scored.rows) {
    const c = customers[r];
    if (c !== null && c !== undefined) known.add(c);
  }
  const checked =
    options.evidence === undefined
      ? null
      : validateEvidence(fn, options.evidence, known, fullMonths);
  const trust: CustomerTrust[] = trustOf(dataset, scored, customers, trustAt, weights);
  const commitment: CustomerCommitment[] = commitmentOf(
    dataset,
    scored,
    customers,
    commitmentAt,
    checked?.byCustomer ?? new Map(),
    weight,
    weights,
  );
  const other = (construct: string, i: number): number | null => {
    const d = scored.facets.findIndex((f) => f.construct === construct);
    return d < 0 ? null : facetScore(scored, dataset, d, i).index;
  };
  const bandOf = (v: number | null): QualityBand | null =>
    v === null ? null : v < weak ? "weak" : v > strong ? "strong" : "moderate";
  const rows: CustomerQuality[] = trust.map((t, i) => {
    const c = commitment[i] as CustomerCommitment;
    const satisfaction = other("satisfaction", i);
    const mutualGoals = other("mutualGoals", i);
    const cooperativeNorms = other("cooperativeNorms", i);
    const core = t.index === null || c.index === null ? null : (t.index + c.index) / 2;
    const extra = meanOf([satisfaction, mutualGoals, cooperativeNorms]);
    const extended =
      core === null || extra === null ? null : coreWeight * core + (1 - coreWeight) * extra;
    return {
      customer: t.customer,
      respondent: t.respondent,
      row: t.row,
      trust: t.index,
      commitment: c.index,
      calculative: c.facets.calculative?.index ?? null,
      satisfaction,
      mutualGoals,
      cooperativeNorms,
      core,
      extended,
      band: bandOf(extended ?? core),
    };
  });
  const summary = {
    trust: summarizeIndex(rows.map((r) => r.trust)),
    commitment: summarizeIndex(rows.map((r) => r.commitment)),
    core: summarizeIndex(rows.map((r) => r.core)),
    extended: summarizeIndex(rows.map((r) => r.extended)),
  };
  const bands: Record<QualityBand, number> = { weak: 0, moderate: 0, strong: 0 };
  for (const r of rows) if (r.band !== null) bands[r.band] += 1;
  const warnings: Notice[] = repeatedWarning(repeated);
  const noCore = rows.length - summary.core.n;
  if (noCore > 0) {
    warnings.push(
      notice(
        "unscored-respondents",
        `${noCore} respondent${noCore === 1 ? " has" : "s have"} no core index (trust or commitment not scored)`,
      ),
    );
  }
  if (
    summary.core.n > 0 &&
    summary.extended.n === 0 &&
    !scored.facets.some((f) =>
      ["satisfaction", "mutualGoals", "cooperativeNorms"].includes(f.construct),
    )
  ) {
    warnings.push(
      notice(
        "not-computable",
        "the extended index is null: the survey measured no satisfaction, mutual-goals or cooperative-norms facet",
      ),
    );
  }
  if (checked !== null && checked.report.recordsExcluded > 0) {
    warnings.push(
      notice(
        "rows-left-out",
        `${checked.report.recordsExcluded} of ${checked.report.recordsIn} evidence records were excluded (see evidence.excludedRows)`,
      ),
    );
  }
  let byStage: StageQuality[] | null = null;
  let stageJoin: StageJoinReport | null = null;
  if (join !== null) {
    const joined = joinRows(join, rows, scored.rows);
    stageJoin = joined.report;
    byStage = STAGES.flatMap((stage, s) => {
      const list = joined.members[s] as CustomerQuality[];
      if (list.length === 0) return [];
      return [
        {
          stage,
          respondents: list.length,
          trust: summarizeIndex(list.map((r) => r.trust)),
          commitment: summarizeIndex(list.map((r) => r.commitment)),
          calculative: summarizeIndex(list.map((r) => r.calculative)),
          core: summarizeIndex(list.map((r) => r.core)),
          extended: summarizeIndex(list.map((r) => r.extended)),
        },
      ];
    });
    warnings.push(...joinWarnings(stageJoin));
  }
  return {
    kind: "relationship-quality",
    scale: { min: dataset.instrument.scale.min, max: dataset.instrument.scale.max },
    coreWeight,
    bandLimits: { weak, strong },
    evidenceWeight: weight,
    facets: summarizeFacets(dataset, scored, () => true),
    summary,
    bands,
    customers: rows,
    repeated,
    byStage,
    withoutStage: stageJoin === null ? null : stageJoin.respondents - stageJoin.joined,
    stageJoin,
    evidence: checked?.report ?? null,
    warnings,
  };
}

/** Respondents listed in `stageJoin.unjoined` (all are counted). */
const UNJOINED_LISTED = 100;

/**
 * Joins each respondent to a stage: the respondents of each stage (in `STAGES` order) and the
 * accounting (respondents = joined + left out by reason).
 *
 * @example
 * joinRows(join, rows, scored.rows).report.joined //=> 310
 */
function joinRows(
  join: StageJoiner,
  rows: readonly CustomerQuality[],
  datasetRows: ArrayLike<number>,
): { members: CustomerQuality[][]; report: StageJoinReport } {
  const members: CustomerQuality[][] = STAGES.map(() => []);
  const leftOut: Record<StageJoinReason, number> = {
    "no-customer": 0,
    "respondent-without-events": 0,
    "no-stage": 0,
    undated: 0,
    "outside-timeline": 0,
  };
  const unjoined: UnjoinedRespondent[] = [];
  for (const [i, r] of rows.entries()) {
    const row = datasetRows[i] as number;
    const group = join.stageOf(row, r.customer);
    if (typeof group === "number") {
      members[group]?.push(r);
      continue;
    }
    leftOut[group] += 1;
    if (unjoined.length < UNJOINED_LISTED) {
      unjoined.push({
        row,
        sourceRow: r.row,
        respondent: r.respondent,
        customer: r.customer,
        reason: group,
      });
    }
  }
  const months = join.months;
  return {
    members,
    report: {
      source: join.source,
      at: join.at,
      months:
        months.length === 0
          ? null
          : { first: months[0] as string, last: months[months.length - 1] as string },
      respondents: rows.length,
      joined: members.reduce((sum, m) => sum + m.length, 0),
      leftOut,
      unjoined,
    },
  };
}

/** One warning per reason with respondents left out of every stage. */
function joinWarnings(join: StageJoinReport): Notice[] {
  const n = join.leftOut;
  const range = join.months === null ? "" : `${join.months.first} – ${join.months.last}`;
  const texts: [StageJoinReason, NoticeCode, string][] = [
    ["no-customer", "no-stage", "have a blank customer id"],
    [
      "respondent-without-events",
      "respondent-without-events",
      "have no CRM events (no customer with their id)",
    ],
    [
      "no-stage",
      "no-stage",
      join.source === "stages"
        ? "have a customer with no stage given"
        : `have no relationship stage in ${join.at === "last-month" ? join.months?.last : "their response month"} (no event yet)`,
    ],
    ["undated", "undated", "have no response date"],
    [
      "outside-timeline",
      "outside-timeline",
      `answered in a month outside the stage timeline (${range})`,
    ],
  ];
  return texts.flatMap(([reason, code, text]) =>
    n[reason] > 0 ? [notice(code, `${n[reason]} respondent(s) ${text}: not in byStage`)] : [],
  );
}
