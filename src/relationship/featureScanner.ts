import { isPurchaseType, TYPE } from "./eventTypes";
import type { Cutoffs, FeatureSettings } from "./featureOptions";
import type { CustomerFeatures, WindowFeatures } from "./featureTypes";
import type { StageInputs } from "./stageInputs";
import type { EventSet } from "./types";

/** Milliseconds in a day: days are elapsed 24-hour days. */
export const DAY = 86_400_000;

/** R's default quantile (type 7) of sorted values. */
export function quantileSorted(sorted: Float64Array, n: number, p: number): number {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  return lo + 1 < n ? a + (h - lo) * ((sorted[lo + 1] as number) - a) : a;
}

/**
 * Everything one pass over a customer's events (in time order, up to the as-of date)
 * gathers: the raw material of {@link CustomerFeatures} and of the stage inputs. Reused for
 * every customer and as-of date; buffers grow once.
 */
export class FeatureScanner {
  private readonly set: EventSet;
  private readonly settings: FeatureSettings;
  /** Per product: the scan that last saw it (so breadth needs no set per customer). */
  private readonly productStamp: Int32Array;
  private stamp = 0;
  private gaps: Float64Array = new Float64Array(64);
  private resolutions: Float64Array = new Float64Array(16);
  private openQueue: Float64Array = new Float64Array(16);
  readonly windowPurchases: Int32Array;
  readonly windowValue: Float64Array;
  readonly windowKnown: Int32Array;
  // results of the last scan
  c = 0;
  asOf = 0;
  events = 0;
  firstEvent = 0;
  lastEvent = 0;
  firstPurchase = Number.NaN;
  lastPurchase = Number.NaN;
  purchases = 0;
  value = 0;
  valueKnown = 0;
  purchases365 = 0;
  value365 = 0;
  known365 = 0;
  trendRecent = 0;
  trendRecentKnown = 0;
  trendEarlier = 0;
  trendEarlierKnown = 0;
  breadth = 0;
  breadthEarlier = 0;
  customerInitiated = 0;
  firmInitiated = 0;
  complaints = 0;
  complaintsRecent = 0;
  complaintsEarlier = 0;
  open = 0;
  resolved = 0;
  unmatched = 0;
  medianResolution = Number.NaN;
  cycle = Number.NaN;
  cycleQ90 = Number.NaN;
  contracts = 0;
  lastContract = Number.NaN;
  referrals = 0;
  inquiries = 0;
  recentInquiries = 0;
  support = 0;
  campaigns = 0;
  recentDowngrades = 0;
  cancellations = 0;
  cancelled = false;

  constructor(set: EventSet, settings: FeatureSettings) {
    this.set = set;
    this.settings = settings;
    this.productStamp = new Int32Array(set.products.length);
    const w = settings.windows.length;
    this.windowPurchases = new Int32Array(w);
    this.windowValue = new Float64Array(w);
    this.windowKnown = new Int32Array(w);
  }

  /**
   * Scans customer `c`'s events up to `cut.asOf`. Returns false when the customer has no
   * event by then (not yet a customer).
   */
  scan(c: number, cut: Cutoffs): boolean {
    const set = this.set;
    const { order, time, type, value, product, initiator } = set;
    const start = set.customerStart[c] as number;
    const end = set.customerStart[c + 1] as number;
    const asOf = cut.asOf;
    if (start === end || (time[order[start] as number] as number) > asOf) return false;
    this.c = c;
    this.asOf = asOf;
    this.stamp += 1;
    const stamp = this.stamp;
    const windows = cut.windows;
    const wCount = windows.length;
    this.windowPurchases.fill(0);
    this.windowValue.fill(0);
    this.windowKnown.fill(0);
    let events = 0;
    let firstPurchase = Number.NaN;
    let lastPurchase = Number.NaN;
    let lastActivation = Number.NEGATIVE_INFINITY;
    let lastCancel = Number.NEGATIVE_INFINITY;
    let purchases = 0;
    let valueSum = 0;
    let valueKnown = 0;
    let purchases365 = 0;
    let value365 = 0;
    let known365 = 0;
    let recent = 0;
    let recentKnown = 0;
    let earlier = 0;
    let earlierKnown = 0;
    let breadth = 0;
    let breadthEarlier = 0;
    let inbound = 0;
    let outbound = 0;
    let complaints = 0;
    let complaintsRecent = 0;
    let complaintsEarlier = 0;
    let openHead = 0;
    let openTail = 0;
    let resolved = 0;
    let unmatched = 0;
    let contracts = 0;
    let lastContract = Number.NaN;
    let referrals = 0;
    let inquiries = 0;
    let recentInquiries = 0;
    let support = 0;
    let campaigns = 0;
    let recentDowngrades = 0;
    let cancellations = 0;
    let gapCount = 0;
    let lastTime = 0;
    for (let k = start; k < end; k++) {
      const e = order[k] as number;
      const t = time[e] as number;
      if (t > asOf) break;
      events += 1;
      lastTime = t;
      const ty = type[e] as number;
      const who = initiator[e] as number;
      if (who === 1) inbound += 1;
      else if (who === 0) outbound += 1;
      if (isPurchaseType(ty)) {
        if (purchases > 0) {
          if (gapCount === this.gaps.length) this.gaps = growTo(this.gaps, gapCount * 2);
          this.gaps[gapCount++] = (t - lastPurchase) / DAY;
        } else firstPurchase = t;
        purchases += 1;
        lastPurchase = t;
        lastActivation = t;
        const v = value[e] as number;
        const known = !Number.isNaN(v);
        if (known) {
          valueSum += v;
          valueKnown += 1;
        }
        for (let w = 0; w < wCount; w++) {
          if (t > (windows[w] as number)) {
            this.windowPurchases[w] = (this.windowPurchases[w] as number) + 1;
            if (known) {
              this.windowValue[w] = (this.windowValue[w] as number) + v;
              this.windowKnown[w] = (this.windowKnown[w] as number) + 1;
            }
          }
        }
        if (t > cut.year) {
          purchases365 += 1;
          if (known) {
            value365 += v;
            known365 += 1;
          }
        }
        if (known) {
          if (t > cut.trendRecent) {
            recent += v;
            recentKnown += 1;
          } else if (t > cut.trendEarlier) {
            earlier += v;
            earlierKnown += 1;
          }
        }
        const p = product[e] as number;
        if (p >= 0 && this.productStamp[p] !== stamp) {
          this.productStamp[p] = stamp;
          breadth += 1;
          if (t <= cut.trendRecent) breadthEarlier += 1;
        }
        if (ty === TYPE.contract) {
          contracts += 1;
          lastContract = t;
        }
      } else if (ty === TYPE.complaint) {
        complaints += 1;
        if (t > cut.complaintRecent) complaintsRecent += 1;
        else if (t > cut.complaintEarlier) complaintsEarlier += 1;
        if (openTail === this.openQueue.length) {
          this.openQueue = growTo(this.openQueue, openTail * 2);
        }
        this.openQueue[openTail++] = t;
      } else if (ty === TYPE.complaintResolved) {
        if (openHead < openTail) {
          if (resolved === this.resolutions.length) {
            this.resolutions = growTo(this.resolutions, resolved * 2);
          }
          this.resolutions[resolved++] = (t - (this.openQueue[openHead++] as number)) / DAY;
        } else unmatched += 1;
      } else if (ty === TYPE.inquiry || ty === TYPE.quoteRequest) {
        inquiries += 1;
        if (t > cut.complaintRecent) recentInquiries += 1;
      } else if (ty === TYPE.referral) referrals += 1;
      else if (ty === TYPE.supportRequest) support += 1;
      else if (ty === TYPE.campaignExposure) campaigns += 1;
      else if (ty === TYPE.downgrade) {
        if (t > cut.complaintRecent) recentDowngrades += 1;
      } else if (ty === TYPE.cancellation) {
        cancellations += 1;
        lastCancel = t;
      }
    }
    this.events = events;
    this.firstEvent = time[order[start] as number] as number;
    this.lastEvent = lastTime;
    this.firstPurchase = firstPurchase;
    this.lastPurchase = lastPurchase;
    this.purchases = purchases;
    this.value = valueSum;
    this.valueKnown = valueKnown;
    this.purchases365 = purchases365;
    this.value365 = value365;
    this.known365 = known365;
    this.trendRecent = recent;
    this.trendRecentKnown = recentKnown;
    this.trendEarlier = earlier;
    this.trendEarlierKnown = earlierKnown;
    this.breadth = breadth;
    this.breadthEarlier = breadthEarlier;
    this.customerInitiated = inbound;
    this.firmInitiated = outbound;
    this.complaints = complaints;
    this.complaintsRecent = complaintsRecent;
    this.complaintsEarlier = complaintsEarlier;
    this.open = openTail - openHead;
    this.resolved = resolved;
    this.unmatched = unmatched;
    this.medianResolution = medianOf(this.resolutions, resolved);
    if (gapCount > 0) {
      const sorted = this.gaps.subarray(0, gapCount).sort();
      this.cycle = quantileSorted(sorted, gapCount, 0.5);
      this.cycleQ90 = quantileSorted(sorted, gapCount, 0.9);
    } else {
      this.cycle = Number.NaN;
      this.cycleQ90 = Number.NaN;
    }
    this.contracts = contracts;
    this.lastContract = lastContract;
    this.referrals = referrals;
    this.inquiries = inquiries;
    this.recentInquiries = recentInquiries;
    this.support = support;
    this.campaigns = campaigns;
    this.recentDowngrades = recentDowngrades;
    this.cancellations = cancellations;
    this.cancelled = cancellations > 0 && lastCancel >= lastActivation;
    return true;
  }

  /** Value trend change of the last scan: recent / earlier − 1, null without an earlier value. */
  trendChange(): number | null {
    return this.trendEarlier > 0 ? this.trendRecent / this.trendEarlier - 1 : null;
  }

  shareOfWallet(): number | null {
    const wallet = this.settings.wallet;
    if (wallet === null || this.known365 === 0) return null;
    const spend = wallet[this.set.customers[this.c] as string];
    return spend === undefined ? null : this.value365 / spend;
  }

  /** Fills the stage inputs of the last scan (reusing `into`). */
  stageInputs(into: StageInputs): StageInputs {
    into.purchases = this.purchases;
    into.purchases365 = this.purchases365;
    into.tenureDays = (this.asOf - this.firstEvent) / DAY;
    into.customerDays = this.purchases > 0 ? (this.asOf - this.firstPurchase) / DAY : null;
    into.recencyDays = this.purchases > 0 ? (this.asOf - this.lastPurchase) / DAY : null;
    into.silenceDays = (this.asOf - this.lastEvent) / DAY;
    into.valueTrend = this.trendChange();
    into.productBreadth = this.breadth;
    into.productBreadthEarlier = this.breadthEarlier;
    into.shareOfWallet = this.shareOfWallet();
    const both = this.customerInitiated + this.firmInitiated;
    into.reciprocity = both > 0 ? this.customerInitiated / both : null;
    into.complaintsRecent = this.complaintsRecent;
    into.complaintsEarlier = this.complaintsEarlier;
    into.openComplaints = this.open;
    into.purchaseCycleDays = nullIfNaN(this.cycle);
    into.purchaseCycleQ90Days = nullIfNaN(this.cycleQ90);
    into.contracts = this.contracts;
    into.recentInquiries = this.recentInquiries;
    into.recentDowngrades = this.recentDowngrades;
    into.cancelled = this.cancelled;
    return into;
  }

  /** The public features of the last scan. */
  features(): CustomerFeatures {
    const inputs = this.stageInputs(emptyStageInputs());
    const windows: WindowFeatures[] = [];
    for (let w = 0; w < this.settings.windows.length; w++) {
      const purchases = this.windowPurchases[w] as number;
      windows.push({
        days: this.settings.windows[w] as number,
        purchases,
        value: purchases > 0 && this.windowKnown[w] === 0 ? null : (this.windowValue[w] as number),
      });
    }
    return {
      customer: this.set.customers[this.c] as string,
      asOf: iso(this.asOf),
      events: this.events,
      firstEventAt: iso(this.firstEvent),
      lastEventAt: iso(this.lastEvent),
      firstPurchaseAt: this.purchases > 0 ? iso(this.firstPurchase) : null,
      lastPurchaseAt: this.purchases > 0 ? iso(this.lastPurchase) : null,
      tenureDays: inputs.tenureDays,
      customerDays: inputs.customerDays,
      recencyDays: inputs.recencyDays,
      silenceDays: inputs.silenceDays,
      purchases: this.purchases,
      value: this.valueKnown > 0 ? this.value : null,
      purchases365: this.purchases365,
      value365: this.purchases365 > 0 && this.known365 === 0 ? null : this.value365,
      windows,
      valueTrend: {
        days: this.settings.trendDays,
        recent: this.valueKnown > 0 ? this.trendRecent : null,
        earlier: this.valueKnown > 0 ? this.trendEarlier : null,
        change: inputs.valueTrend,
      },
      productBreadth: this.breadth,
      productBreadthEarlier: this.breadthEarlier,
      shareOfWallet: inputs.shareOfWallet,
      customerInitiated: this.customerInitiated,
      firmInitiated: this.firmInitiated,
      reciprocity: inputs.reciprocity,
      complaints: {
        total: this.complaints,
        recent: this.complaintsRecent,
        earlier: this.complaintsEarlier,
        open: this.open,
        resolved: this.resolved,
        medianResolutionDays: nullIfNaN(this.medianResolution),
        unmatchedResolutions: this.unmatched,
      },
      purchaseCycleDays: inputs.purchaseCycleDays,
      purchaseCycleQ90Days: inputs.purchaseCycleQ90Days,
      contracts: this.contracts,
      lastContractAt: this.contracts > 0 ? iso(this.lastContract) : null,
      referrals: this.referrals,
      inquiries: this.inquiries,
      recentInquiries: this.recentInquiries,
      supportRequests: this.support,
      campaignExposures: this.campaigns,
      recentDowngrades: this.recentDowngrades,
      cancellations: this.cancellations,
      cancelled: this.cancelled,
    };
  }
}

/** Stage inputs of nobody, to be filled. */
export function emptyStageInputs(): StageInputs {
  return {
    purchases: 0,
    purchases365: 0,
    tenureDays: 0,
    customerDays: null,
    recencyDays: null,
    silenceDays: 0,
    valueTrend: null,
    productBreadth: 0,
    productBreadthEarlier: 0,
    shareOfWallet: null,
    reciprocity: null,
    complaintsRecent: 0,
    complaintsEarlier: 0,
    openComplaints: 0,
    purchaseCycleDays: null,
    purchaseCycleQ90Days: null,
    contracts: 0,
    recentInquiries: 0,
    recentDowngrades: 0,
    cancelled: false,
  };
}

function growTo(array: Float64Array, size: number): Float64Array {
  const next = new Float64Array(Math.max(16, size));
  next.set(array);
  return next;
}

function medianOf(values: Float64Array, n: number): number {
  if (n === 0) return Number.NaN;
  return quantileSorted(values.subarray(0, n).sort(), n, 0.5);
}

function nullIfNaN(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/** An instant as ISO 8601 (UTC). */
export function iso(time: number): string {
  return new Date(time).toISOString();
}
