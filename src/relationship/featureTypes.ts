import type { Notice } from "../_lib/notice";
import type { TimestampInput } from "./types";

/** Purchases and value of one customer in one window `(asOf − days, asOf]`. */
export interface WindowFeatures {
  readonly days: number;
  /** Purchase events (first purchase, purchase, contract) in the window. */
  readonly purchases: number;
  /** Sum of their values; null when a purchase in the window has no usable value and none has. */
  readonly value: number | null;
}

/**
 * Value in the recent trend window `(asOf − d, asOf]` against the one before it
 * `(asOf − 2d, asOf − d]`: `change = recent / earlier − 1` (−0.25 = a quarter less).
 */
export interface ValueTrend {
  readonly days: number;
  readonly recent: number | null;
  readonly earlier: number | null;
  /** Null when the earlier window has no value (nothing to compare with). */
  readonly change: number | null;
}

/** Complaints of a customer up to the as-of date. */
export interface ComplaintFeatures {
  readonly total: number;
  /** In `(asOf − d, asOf]`, d = `complaintDays`. */
  readonly recent: number;
  /** In `(asOf − 2d, asOf − d]`. */
  readonly earlier: number;
  /** Complaints not (yet) resolved. */
  readonly open: number;
  readonly resolved: number;
  /** Median days from a complaint to its resolution (first in, first out); null when none resolved. */
  readonly medianResolutionDays: number | null;
  /** Resolutions with no open complaint before them (the complaint predates the data). */
  readonly unmatchedResolutions: number;
}

/** What a customer's own history says at the as-of date. Days are elapsed 24-hour days. */
export interface CustomerFeatures {
  readonly customer: string;
  readonly asOf: string;
  /** Events up to the as-of date. */
  readonly events: number;
  readonly firstEventAt: string;
  readonly lastEventAt: string;
  readonly firstPurchaseAt: string | null;
  readonly lastPurchaseAt: string | null;
  /** Days since the first event of any kind (first contact). */
  readonly tenureDays: number;
  /** Days since the first purchase; null without one. */
  readonly customerDays: number | null;
  /** Days since the last purchase; null without one. */
  readonly recencyDays: number | null;
  /** Days since the last event of any kind. */
  readonly silenceDays: number;
  /** Purchase events up to the as-of date. */
  readonly purchases: number;
  /** Sum of their values; null when none has a value. */
  readonly value: number | null;
  /** Purchase events in the last 365 days (the stage rules read it whatever the windows). */
  readonly purchases365: number;
  /** Their value; null as for a window. */
  readonly value365: number | null;
  readonly windows: readonly WindowFeatures[];
  readonly valueTrend: ValueTrend;
  /** Distinct products bought up to the as-of date. */
  readonly productBreadth: number;
  /** Distinct products bought up to the start of the recent trend window. */
  readonly productBreadthEarlier: number;
  /** Value of the last 365 days / the customer's yearly spend in the category (`wallet`); null when unknown. */
  readonly shareOfWallet: number | null;
  readonly customerInitiated: number;
  readonly firmInitiated: number;
  /** customerInitiated / (customerInitiated + firmInitiated); null when neither. */
  readonly reciprocity: number | null;
  readonly complaints: ComplaintFeatures;
  /** Median days between consecutive purchases; null with fewer than 2 purchases. */
  readonly purchaseCycleDays: number | null;
  /** 90th percentile (R type 7) of the days between purchases; null with fewer than 2. */
  readonly purchaseCycleQ90Days: number | null;
  readonly contracts: number;
  readonly lastContractAt: string | null;
  readonly referrals: number;
  /** Inquiries and catalogue or quote requests. */
  readonly inquiries: number;
  /** Inquiries and quote requests in the recent complaint window (d = `complaintDays`). */
  readonly recentInquiries: number;
  readonly supportRequests: number;
  readonly campaignExposures: number;
  /** Downgrades in `(asOf − d, asOf]`, d = `complaintDays`. */
  readonly recentDowngrades: number;
  readonly cancellations: number;
  /** True when the last cancellation has no purchase or contract after it. */
  readonly cancelled: boolean;
}

/** Options of `relationshipFeatures`. */
export interface FeatureOptions {
  /** The date the features describe: events after it are left out. */
  readonly asOf: TimestampInput;
  /** Window lengths in days for purchases and value (default `[90, 365]`). */
  readonly windows?: readonly number[];
  /** Length in days of the two windows of the value trend (default 180). */
  readonly trendDays?: number;
  /** Length in days of the recent complaint window (default 90). */
  readonly complaintDays?: number;
  /** Each customer's yearly spend in the category (all suppliers), for share of wallet. */
  readonly wallet?: Readonly<Record<string, number>>;
  /** IANA time zone of the calendar (window starts, month ends); default "UTC". */
  readonly timeZone?: string;
}

/** Features of every customer with an event up to the as-of date. */
export interface RelationshipFeaturesResult {
  readonly asOf: string;
  readonly currency: string | null;
  readonly customers: readonly CustomerFeatures[];
  /** Customers left out: their first event is after the as-of date. */
  readonly notYetCustomers: number;
  /** Counts of null features, by reason. */
  readonly warnings: readonly Notice[];
}
