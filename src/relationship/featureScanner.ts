import { TYPE } from "./eventTypes";
import type { Cutoffs, FeatureSettings } from "./featureOptions";
import type { CustomerFeatures, WindowFeatures } from "./featureTypes";
import { isoInstant } from "./isoInstant";
import { type SortedColumns, sortedColumnsOf } from "./sortEvents";
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

/** Grows a buffer to hold at least `size` values, keeping its contents. */
function ensure(array: Float64Array, size: number): Float64Array {
  if (array.length >= size) return array;
  const next = new Float64Array(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** The first index in `values[0…n)` (ascending) whose value is above `bound`. */
function firstAbove(values: Float64Array, n: number, bound: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) > bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Inserts a value into the ascending `values[0…n)` (room for one more is assumed). */
function insertSorted(values: Float64Array, n: number, value: number): void {
  let j = n - 1;
  while (j >= 0 && (values[j] as number) > value) {
    values[j + 1] = values[j] as number;
    j -= 1;
  }
  values[j + 1] = value;
}

/**
 * Walks one customer's events in time order (their slice of the event set, sorted once) and
 * answers the features at any as-of date not earlier than the last: `scan(c, cut)` starts
 * over for a new customer and otherwise continues where it stopped, so a monthly timeline
 * visits each event once. Running totals are kept as prefix sums over the customer's events,
 * so a window `(start, asOf]` is a difference of two prefix sums found by binary search; the
 * purchase gaps and resolution times are kept sorted as they come (median and quantiles in
 * O(1)); products are stamped per customer (no set per customer). Buffers are reused.
 */
export class FeatureScanner {
  private readonly set: EventSet;
  /** The set's columns in sorted order: a customer's events are read in sequence. */
  private readonly sorted: SortedColumns;
  private readonly settings: FeatureSettings;
  /** Per product: the customer walk that last saw it (so breadth needs no set per customer). */
  private readonly productStamp: Int32Array;
  private stamp = 0;
  // prefix sums over the customer's events processed so far (index k = after k events)
  private times: Float64Array = new Float64Array(64);
  private cumPurchases: Float64Array = new Float64Array(65);
  private cumValue: Float64Array = new Float64Array(65);
  private cumKnown: Float64Array = new Float64Array(65);
  private cumComplaints: Float64Array = new Float64Array(65);
  private cumInquiries: Float64Array = new Float64Array(65);
  private cumDowngrades: Float64Array = new Float64Array(65);
  /** First time each product was bought (ascending, as events come in time order). */
  private productFirst: Float64Array = new Float64Array(16);
  private gaps: Float64Array = new Float64Array(64);
  private resolutions: Float64Array = new Float64Array(16);
  private openQueue: Float64Array = new Float64Array(16);
  private openHead = 0;
  private gapCount = 0;
  private next = 0;
  private end = 0;
  private lastActivation = Number.NEGATIVE_INFINITY;
  private lastCancel = Number.NEGATIVE_INFINITY;
  /** Per bound of `snapshot`: the last bound and the position found for it (see `above`). */
  private readonly bounds: Float64Array;
  private readonly positions: Int32Array;
  private readonly scratchInputs: StageInputs = emptyStageInputs();
  private isoAsOf = "";
  private isoAsOfTime = Number.NaN;
  readonly windowPurchases: Int32Array;
  readonly windowValue: Float64Array;
  readonly windowKnown: Int32Array;
  // results of the last scan
  c = -1;
  asOf = Number.NEGATIVE_INFINITY;
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
    this.sorted = sortedColumnsOf(set);
    this.settings = settings;
    this.productStamp = new Int32Array(set.products.length);
    const w = settings.windows.length;
    this.windowPurchases = new Int32Array(w);
    this.windowValue = new Float64Array(w);
    this.windowKnown = new Int32Array(w);
    this.bounds = new Float64Array(w + 6).fill(Number.POSITIVE_INFINITY);
    this.positions = new Int32Array(w + 6);
  }

  /** Starts the walk of customer `c`. */
  private reset(c: number): void {
    const set = this.set;
    this.c = c;
    this.asOf = Number.NEGATIVE_INFINITY;
    this.next = set.customerStart[c] as number;
    this.end = set.customerStart[c + 1] as number;
    const size = this.end - this.next;
    this.times = ensure(this.times, size);
    this.cumPurchases = ensure(this.cumPurchases, size + 1);
    this.cumValue = ensure(this.cumValue, size + 1);
    this.cumKnown = ensure(this.cumKnown, size + 1);
    this.cumComplaints = ensure(this.cumComplaints, size + 1);
    this.cumInquiries = ensure(this.cumInquiries, size + 1);
    this.cumDowngrades = ensure(this.cumDowngrades, size + 1);
    this.gaps = ensure(this.gaps, size);
    this.resolutions = ensure(this.resolutions, size);
    this.openQueue = ensure(this.openQueue, size);
    this.productFirst = ensure(this.productFirst, Math.min(size, set.products.length));
    this.cumPurchases[0] = 0;
    this.cumValue[0] = 0;
    this.cumKnown[0] = 0;
    this.cumComplaints[0] = 0;
    this.cumInquiries[0] = 0;
    this.cumDowngrades[0] = 0;
    this.stamp += 1;
    this.bounds.fill(Number.POSITIVE_INFINITY);
    this.events = 0;
    this.firstEvent = size > 0 ? (this.sorted.time[this.next] as number) : 0;
    this.lastEvent = 0;
    this.firstPurchase = Number.NaN;
    this.lastPurchase = Number.NaN;
    this.lastActivation = Number.NEGATIVE_INFINITY;
    this.lastCancel = Number.NEGATIVE_INFINITY;
    this.purchases = 0;
    this.value = 0;
    this.valueKnown = 0;
    this.breadth = 0;
    this.customerInitiated = 0;
    this.firmInitiated = 0;
    this.complaints = 0;
    this.open = 0;
    this.openHead = 0;
    this.resolved = 0;
    this.unmatched = 0;
    this.gapCount = 0;
    this.contracts = 0;
    this.lastContract = Number.NaN;
    this.referrals = 0;
    this.inquiries = 0;
    this.support = 0;
    this.campaigns = 0;
    this.cancellations = 0;
  }

  /**
   * The features of customer `c` at `cut.asOf`: continues the walk when `c` is the customer of
   * the last scan and `cut.asOf` is not earlier, else starts over. Returns false when the
   * customer has no event by then (not yet a customer).
   */
  scan(c: number, cut: Cutoffs): boolean {
    if (c !== this.c || cut.asOf < this.asOf) this.reset(c);
    const asOf = cut.asOf;
    this.asOf = asOf;
    if (this.next === this.end && this.events === 0) return false;
    if (this.events === 0 && this.firstEvent > asOf) return false;
    this.advance(asOf);
    this.snapshot(cut);
    return true;
  }

  /** Takes in the customer's events up to `asOf`. */
  private advance(asOf: number): void {
    const { time, type, value, product, initiator } = this.sorted;
    const end = this.end;
    const times = this.times;
    const cumPurchases = this.cumPurchases;
    const cumValue = this.cumValue;
    const cumKnown = this.cumKnown;
    const cumComplaints = this.cumComplaints;
    const cumInquiries = this.cumInquiries;
    const cumDowngrades = this.cumDowngrades;
    const productStamp = this.productStamp;
    const stamp = this.stamp;
    let k = this.events;
    let next = this.next;
    let sumPurchases = cumPurchases[k] as number;
    let sumValue = cumValue[k] as number;
    let sumKnown = cumKnown[k] as number;
    let sumComplaints = cumComplaints[k] as number;
    let sumInquiries = cumInquiries[k] as number;
    let sumDowngrades = cumDowngrades[k] as number;
    let lastEvent = this.lastEvent;
    for (; next < end; next++) {
      const t = time[next] as number;
      if (t > asOf) break;
      times[k] = t;
      const ty = type[next] as number;
      const who = initiator[next] as number;
      if (who === 1) this.customerInitiated += 1;
      else if (who === 0) this.firmInitiated += 1;
      if (ty === TYPE.purchase || ty === TYPE.firstPurchase || ty === TYPE.contract) {
        sumPurchases += 1;
        if (this.purchases > 0) {
          insertSorted(this.gaps, this.gapCount, (t - this.lastPurchase) / DAY);
          this.gapCount += 1;
        } else this.firstPurchase = t;
        this.purchases += 1;
        this.lastPurchase = t;
        this.lastActivation = t;
        const amount = value[next] as number;
        if (!Number.isNaN(amount)) {
          sumValue += amount;
          sumKnown += 1;
          this.value += amount;
          this.valueKnown += 1;
        }
        const p = product[next] as number;
        if (p >= 0 && productStamp[p] !== stamp) {
          productStamp[p] = stamp;
          this.productFirst[this.breadth] = t;
          this.breadth += 1;
        }
        if (ty === TYPE.contract) {
          this.contracts += 1;
          this.lastContract = t;
        }
      } else if (ty === TYPE.complaint) {
        sumComplaints += 1;
        this.complaints += 1;
        this.openQueue[this.open + this.openHead] = t;
        this.open += 1;
      } else if (ty === TYPE.complaintResolved) {
        if (this.open > 0) {
          const since = (t - (this.openQueue[this.openHead] as number)) / DAY;
          this.openHead += 1;
          this.open -= 1;
          insertSorted(this.resolutions, this.resolved, since);
          this.resolved += 1;
        } else this.unmatched += 1;
      } else if (ty === TYPE.inquiry || ty === TYPE.quoteRequest) {
        sumInquiries += 1;
        this.inquiries += 1;
      } else if (ty === TYPE.referral) this.referrals += 1;
      else if (ty === TYPE.supportRequest) this.support += 1;
      else if (ty === TYPE.campaignExposure) this.campaigns += 1;
      else if (ty === TYPE.downgrade) sumDowngrades += 1;
      else if (ty === TYPE.cancellation) {
        this.cancellations += 1;
        this.lastCancel = t;
      }
      k += 1;
      cumPurchases[k] = sumPurchases;
      cumValue[k] = sumValue;
      cumKnown[k] = sumKnown;
      cumComplaints[k] = sumComplaints;
      cumInquiries[k] = sumInquiries;
      cumDowngrades[k] = sumDowngrades;
      lastEvent = t;
    }
    this.lastEvent = lastEvent;
    this.events = k;
    this.next = next;
  }

  /**
   * The first of the customer's first `n` values above `bound`: walked forward from the
   * previous answer when the walk continues with a bound not below the previous one (a
   * timeline's next month moves it by a few events), else by binary search.
   */
  private above(slot: number, values: Float64Array, n: number, bound: number): number {
    let i: number;
    if (bound >= (this.bounds[slot] as number)) {
      i = this.positions[slot] as number;
      while (i < n && (values[i] as number) <= bound) i++;
    } else i = firstAbove(values, n, bound);
    this.positions[slot] = i;
    this.bounds[slot] = bound;
    return i;
  }

  /** The windowed figures at the cut, from the prefix sums. */
  private snapshot(cut: Cutoffs): void {
    const n = this.events;
    const times = this.times;
    const windows = cut.windows;
    const w0 = windows.length;
    for (let w = 0; w < windows.length; w++) {
      const from = this.above(w, times, n, windows[w] as number);
      this.windowPurchases[w] =
        (this.cumPurchases[n] as number) - (this.cumPurchases[from] as number);
      this.windowValue[w] = (this.cumValue[n] as number) - (this.cumValue[from] as number);
      this.windowKnown[w] = (this.cumKnown[n] as number) - (this.cumKnown[from] as number);
    }
    const year = this.above(w0, times, n, cut.year);
    this.purchases365 = (this.cumPurchases[n] as number) - (this.cumPurchases[year] as number);
    this.value365 = (this.cumValue[n] as number) - (this.cumValue[year] as number);
    this.known365 = (this.cumKnown[n] as number) - (this.cumKnown[year] as number);
    const recent = this.above(w0 + 1, times, n, cut.trendRecent);
    const earlier = this.above(w0 + 2, times, n, cut.trendEarlier);
    this.trendRecent = (this.cumValue[n] as number) - (this.cumValue[recent] as number);
    this.trendRecentKnown = (this.cumKnown[n] as number) - (this.cumKnown[recent] as number);
    this.trendEarlier = (this.cumValue[recent] as number) - (this.cumValue[earlier] as number);
    this.trendEarlierKnown = (this.cumKnown[recent] as number) - (this.cumKnown[earlier] as number);
    this.breadthEarlier = this.above(w0 + 3, this.productFirst, this.breadth, cut.trendRecent);
    const cRecent = this.above(w0 + 4, times, n, cut.complaintRecent);
    const cEarlier = this.above(w0 + 5, times, n, cut.complaintEarlier);
    this.complaintsRecent =
      (this.cumComplaints[n] as number) - (this.cumComplaints[cRecent] as number);
    this.complaintsEarlier =
      (this.cumComplaints[cRecent] as number) - (this.cumComplaints[cEarlier] as number);
    this.recentInquiries =
      (this.cumInquiries[n] as number) - (this.cumInquiries[cRecent] as number);
    this.recentDowngrades =
      (this.cumDowngrades[n] as number) - (this.cumDowngrades[cRecent] as number);
    this.medianResolution =
      this.resolved > 0 ? quantileSorted(this.resolutions, this.resolved, 0.5) : Number.NaN;
    if (this.gapCount > 0) {
      this.cycle = quantileSorted(this.gaps, this.gapCount, 0.5);
      this.cycleQ90 = quantileSorted(this.gaps, this.gapCount, 0.9);
    } else {
      this.cycle = Number.NaN;
      this.cycleQ90 = Number.NaN;
    }
    this.cancelled = this.cancellations > 0 && this.lastCancel >= this.lastActivation;
  }

  /** Value trend change of the last scan: recent / earlier − 1, null without an earlier value. */
  trendChange(): number | null {
    return this.trendEarlier > 0 ? this.trendRecent / this.trendEarlier - 1 : null;
  }

  shareOfWallet(): number | null {
    const wallet = this.settings.wallet;
    if (wallet === null || this.known365 === 0) return null;
    const spend = wallet.get(this.set.customers[this.c] as string);
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

  /** The as-of date as ISO 8601 (formatted once per date). */
  private asOfText(): string {
    if (this.isoAsOfTime !== this.asOf) {
      this.isoAsOf = iso(this.asOf);
      this.isoAsOfTime = this.asOf;
    }
    return this.isoAsOf;
  }

  /** The public features of the last scan. */
  features(): CustomerFeatures {
    // Scratch inputs, reused: only their values (numbers, null, booleans) are copied out.
    const inputs = this.stageInputs(this.scratchInputs);
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
      asOf: this.asOfText(),
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

function nullIfNaN(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/** An instant as ISO 8601 (UTC), as `toISOString` writes it (see {@link isoInstant}). */
export function iso(time: number): string {
  return isoInstant(time);
}
