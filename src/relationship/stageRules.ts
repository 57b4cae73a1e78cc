/** The stages of a relationship (Dwyer, Schurr & Oh 1987), in order of build-up. */
export const STAGES = [
  "awareness",
  "exploration",
  "expansion",
  "commitment",
  "dissolution",
] as const;

/** One of {@link STAGES}. */
export type Stage = (typeof STAGES)[number];

/** The criteria the stage rules evaluate (see docs/relationship.md). */
export const CRITERIA = [
  "no-purchase",
  "cancelled",
  "silence",
  "decline",
  "new-customer",
  "few-purchases",
  "single-product",
  "shopping-around",
  "expansion-tenure",
  "repeat-buying",
  "value-growing",
  "breadth-growing",
  "customer-initiated",
  "long-tenure",
  "stable-value",
  "broad-or-share",
  "contract",
  "few-complaints",
] as const;

/** One of {@link CRITERIA}. */
export type Criterion = (typeof CRITERIA)[number];

/**
 * The criteria read from a relationship survey when `rules.trust` is given: the commitment
 * stage's minimums of the trust and commitment indices, and low trust as dissolution evidence.
 */
export type SurveyCriterion = "trust-index" | "commitment-index" | "low-trust";

/**
 * Trust and commitment as stage criteria (Morgan & Hunt 1994: the key mediating variables of a
 * relationship). Off unless `rules.trust` is given; every value is our documented choice.
 */
export interface TrustStageRules {
  /** Commitment needs the survey's commitment index (0–100) at least this (60). */
  readonly commitmentMin: number;
  /** … and the survey's trust index (0–100) at least this (60). */
  readonly trustMin: number;
  /** Dissolution evidence: a trust index below this (30); null: low trust is not read. */
  readonly dissolutionBelow: number | null;
}

/** The defaults of `rules.trust` (used when it is given, for the keys it leaves out). */
export const DEFAULT_TRUST_STAGE_RULES: TrustStageRules = Object.freeze({
  commitmentMin: 60,
  trustMin: 60,
  dissolutionBelow: 30,
});

/** A customer's survey indices (0–100; null when not scored), e.g. from `relationshipQuality`. */
export interface SurveyIndices {
  readonly trust: number | null;
  readonly commitment: number | null;
}

/**
 * The thresholds and weights of the stage rules. Every default is our documented choice
 * after DOMAIN's indicators of the stages (docs/relationship.md); tune them per business.
 */
export interface StageRules {
  /** Dissolution: days without a purchase beyond which a customer is silent (180). */
  readonly silenceDays: number;
  /** …or beyond this multiple of their own 90th-percentile purchase gap, if larger (1). */
  readonly silenceCycleMultiple: number;
  /** Dissolution: a value trend at or below this (−0.2) … */
  readonly declineTrend: number;
  /** … together with at least this many recent complaints (2). */
  readonly declineComplaints: number;
  /** Exploration: first purchase fewer than this many days ago (180). */
  readonly newCustomerDays: number;
  /** Exploration: fewer than this many purchases in 365 days; expansion: at least (3). */
  readonly fewPurchases: number;
  /** Expansion: tenure of at least this many days (180). */
  readonly expansionTenureDays: number;
  /** Expansion: value trend of at least this (+0.05). */
  readonly growthTrend: number;
  /** Expansion: customer-initiated share of at least this (0.5). */
  readonly activeReciprocity: number;
  /** Commitment: tenure of at least this many days (730). */
  readonly commitmentTenureDays: number;
  /** Commitment: |value trend| below this (0.05). */
  readonly stableTrend: number;
  /** Commitment: at least this many products (3) … */
  readonly commitmentBreadth: number;
  /** … or a share of wallet of at least this (0.5). */
  readonly commitmentShareOfWallet: number;
  /** Commitment: at most this many recent complaints and none open (1). */
  readonly maxRecentComplaints: number;
  /** Weight of each criterion in its stage's score (defaults 1; shopping-around, customer-initiated and few-complaints 0.5). */
  readonly weights: Readonly<Record<Criterion, number>>;
  /** Trust and commitment as criteria (off when absent; see {@link TrustStageRules}). */
  readonly trust?: TrustStageRules;
}

/** Partial rules: anything left out keeps its default (`trust` stays off unless given). */
export type StageRulesInput = Partial<Omit<StageRules, "weights" | "trust">> & {
  readonly weights?: Partial<Record<Criterion, number>>;
  readonly trust?: Partial<TrustStageRules>;
};

/** The default rules. */
export const DEFAULT_STAGE_RULES: StageRules = Object.freeze({
  silenceDays: 180,
  silenceCycleMultiple: 1,
  declineTrend: -0.2,
  declineComplaints: 2,
  newCustomerDays: 180,
  fewPurchases: 3,
  expansionTenureDays: 180,
  growthTrend: 0.05,
  activeReciprocity: 0.5,
  commitmentTenureDays: 730,
  stableTrend: 0.05,
  commitmentBreadth: 3,
  commitmentShareOfWallet: 0.5,
  maxRecentComplaints: 1,
  weights: Object.freeze({
    "no-purchase": 1,
    cancelled: 1,
    silence: 1,
    decline: 1,
    "new-customer": 1,
    "few-purchases": 1,
    "single-product": 1,
    "shopping-around": 0.5,
    "expansion-tenure": 1,
    "repeat-buying": 1,
    "value-growing": 1,
    "breadth-growing": 1,
    "customer-initiated": 0.5,
    "long-tenure": 1,
    "stable-value": 1,
    "broad-or-share": 1,
    contract: 1,
    "few-complaints": 0.5,
  }),
});
