import type { StageEvidence } from "./assessStage";
import type { StageInputs } from "./stageInputs";
import type { Criterion, StageRules } from "./stageRules";

/** The threshold texts that depend on the rules alone, and the weights, read once per rules object. */
interface EvidenceTexts {
  readonly weight: Readonly<Record<Criterion, number>>;
  readonly newCustomer: string;
  readonly fewPurchases: string;
  readonly expansionTenure: string;
  readonly repeatBuying: string;
  readonly valueGrowing: string;
  readonly customerInitiated: string;
  readonly longTenure: string;
  readonly stableValue: string;
  readonly broadOrShare: string;
  /** `decline`'s text up to the customer's recent complaints. */
  readonly declineHead: string;
  /** `few-complaints`' text up to the customer's open complaints. */
  readonly fewComplaintsHead: string;
}

const textsOf = new WeakMap<StageRules, EvidenceTexts>();

/** The texts of a rules object (resolved rules are frozen or fresh objects, so they can be kept). */
function texts(r: StageRules): EvidenceTexts {
  let known = textsOf.get(r);
  if (known !== undefined) return known;
  known = {
    weight: { ...r.weights },
    newCustomer: `< ${r.newCustomerDays} days since the first purchase`,
    fewPurchases: `< ${r.fewPurchases} purchases in 365 days`,
    expansionTenure: `≥ ${r.expansionTenureDays} days`,
    repeatBuying: `≥ ${r.fewPurchases} purchases in 365 days`,
    valueGrowing: `value trend ≥ ${r.growthTrend}`,
    customerInitiated: `customer-initiated share ≥ ${r.activeReciprocity}`,
    longTenure: `≥ ${r.commitmentTenureDays} days`,
    stableValue: `|value trend| < ${r.stableTrend}`,
    broadOrShare: `≥ ${r.commitmentBreadth} products or share of wallet ≥ ${r.commitmentShareOfWallet}`,
    declineHead: `value trend ≤ ${r.declineTrend} with ≥ ${r.declineComplaints} recent complaints (`,
    fewComplaintsHead: `≤ ${r.maxRecentComplaints} recent complaints, none open (`,
  };
  textsOf.set(r, known);
  return known;
}

/**
 * The evidence `assessStage` pushes for one customer's inputs (every criterion with the value
 * it saw, its threshold, whether it was met and its weight; awareness alone when there is no
 * purchase), in the same order and with the same texts, written out as straight-line code:
 * no call through one closure per criterion, and the texts that depend on the rules alone
 * written once per rules object. `classifyStage` uses it beside `stageOutcome`; a fast-check
 * property checks it against `assessStage` on random inputs and rules.
 *
 * @example
 * stageEvidence(stageInputsOf(features), DEFAULT_STAGE_RULES)[0].criterion //=> "cancelled"
 */
export function stageEvidence(f: StageInputs, r: StageRules): StageEvidence[] {
  const t = texts(r);
  const w = t.weight;
  if (f.purchases === 0) {
    return [
      {
        stage: "awareness",
        criterion: "no-purchase",
        value: 0,
        threshold: "= 0 purchases",
        met: true,
        weight: w["no-purchase"],
      },
    ];
  }
  const q90 = f.purchaseCycleQ90Days;
  const silenceLimit = Math.max(r.silenceDays, q90 === null ? 0 : r.silenceCycleMultiple * q90);
  const trend = f.valueTrend;
  const breadth = f.productBreadth;
  const noProducts = breadth === 0;
  const share = f.shareOfWallet;
  const reciprocity = f.reciprocity;
  const earlier = f.productBreadthEarlier;
  return [
    {
      stage: "dissolution",
      criterion: "cancelled",
      value: f.cancelled,
      threshold: "a cancellation with no purchase after it",
      met: f.cancelled,
      weight: w.cancelled,
    },
    {
      stage: "dissolution",
      criterion: "silence",
      value: f.recencyDays,
      threshold: `> ${Math.round(silenceLimit * 100) / 100} days since the last purchase`,
      met: (f.recencyDays as number) > silenceLimit,
      weight: w.silence,
    },
    {
      stage: "dissolution",
      criterion: "decline",
      value: trend,
      threshold: `${t.declineHead}${f.complaintsRecent})`,
      met:
        trend === null
          ? null
          : trend <= r.declineTrend && f.complaintsRecent >= r.declineComplaints,
      weight: w.decline,
    },
    {
      stage: "exploration",
      criterion: "new-customer",
      value: f.customerDays,
      threshold: t.newCustomer,
      met: (f.customerDays as number) < r.newCustomerDays,
      weight: w["new-customer"],
    },
    {
      stage: "exploration",
      criterion: "few-purchases",
      value: f.purchases365,
      threshold: t.fewPurchases,
      met: f.purchases365 < r.fewPurchases,
      weight: w["few-purchases"],
    },
    {
      stage: "exploration",
      criterion: "single-product",
      value: noProducts ? null : breadth,
      threshold: "≤ 1 product",
      met: noProducts ? null : breadth <= 1,
      weight: w["single-product"],
    },
    {
      stage: "exploration",
      criterion: "shopping-around",
      value: f.recentInquiries,
      threshold: "≥ 1 recent inquiry or quote request",
      met: f.recentInquiries >= 1,
      weight: w["shopping-around"],
    },
    {
      stage: "expansion",
      criterion: "expansion-tenure",
      value: f.tenureDays,
      threshold: t.expansionTenure,
      met: f.tenureDays >= r.expansionTenureDays,
      weight: w["expansion-tenure"],
    },
    {
      stage: "expansion",
      criterion: "repeat-buying",
      value: f.purchases365,
      threshold: t.repeatBuying,
      met: f.purchases365 >= r.fewPurchases,
      weight: w["repeat-buying"],
    },
    {
      stage: "expansion",
      criterion: "value-growing",
      value: trend,
      threshold: t.valueGrowing,
      met: trend === null ? null : trend >= r.growthTrend,
      weight: w["value-growing"],
    },
    {
      stage: "expansion",
      criterion: "breadth-growing",
      value: noProducts ? null : breadth,
      threshold: `more products than the ${earlier} (≥ 1) at the start of the trend window`,
      met: noProducts ? null : earlier > 0 && breadth > earlier,
      weight: w["breadth-growing"],
    },
    {
      stage: "expansion",
      criterion: "customer-initiated",
      value: reciprocity,
      threshold: t.customerInitiated,
      met: reciprocity === null ? null : reciprocity >= r.activeReciprocity,
      weight: w["customer-initiated"],
    },
    {
      stage: "commitment",
      criterion: "long-tenure",
      value: f.tenureDays,
      threshold: t.longTenure,
      met: f.tenureDays >= r.commitmentTenureDays,
      weight: w["long-tenure"],
    },
    {
      stage: "commitment",
      criterion: "stable-value",
      value: trend,
      threshold: t.stableValue,
      met: trend === null ? null : Math.abs(trend) < r.stableTrend,
      weight: w["stable-value"],
    },
    {
      stage: "commitment",
      criterion: "broad-or-share",
      value: noProducts ? share : breadth,
      threshold: t.broadOrShare,
      met:
        noProducts && share === null
          ? null
          : breadth >= r.commitmentBreadth ||
            (share !== null && share >= r.commitmentShareOfWallet),
      weight: w["broad-or-share"],
    },
    {
      stage: "commitment",
      criterion: "contract",
      value: f.contracts,
      threshold: "≥ 1 contract or renewal",
      met: f.contracts >= 1,
      weight: w.contract,
    },
    {
      stage: "commitment",
      criterion: "few-complaints",
      value: f.complaintsRecent,
      threshold: `${t.fewComplaintsHead}${f.openComplaints} open)`,
      met: f.complaintsRecent <= r.maxRecentComplaints && f.openComplaints === 0,
      weight: w["few-complaints"],
    },
  ];
}
