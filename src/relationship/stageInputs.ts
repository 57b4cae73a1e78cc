import type { CustomerFeatures } from "./featureTypes";

/**
 * The features the stage rules and the dissolution warning read, flat. A
 * {@link CustomerFeatures} gives them through {@link stageInputsOf}; the timeline fills them
 * straight from the events.
 */
export interface StageInputs {
  purchases: number;
  purchases365: number;
  tenureDays: number;
  customerDays: number | null;
  recencyDays: number | null;
  silenceDays: number;
  valueTrend: number | null;
  productBreadth: number;
  productBreadthEarlier: number;
  shareOfWallet: number | null;
  reciprocity: number | null;
  complaintsRecent: number;
  complaintsEarlier: number;
  openComplaints: number;
  purchaseCycleDays: number | null;
  purchaseCycleQ90Days: number | null;
  contracts: number;
  recentInquiries: number;
  recentDowngrades: number;
  cancelled: boolean;
}

/** The stage inputs of a customer's features. */
export function stageInputsOf(f: CustomerFeatures): StageInputs {
  return {
    purchases: f.purchases,
    purchases365: f.purchases365,
    tenureDays: f.tenureDays,
    customerDays: f.customerDays,
    recencyDays: f.recencyDays,
    silenceDays: f.silenceDays,
    valueTrend: f.valueTrend.change,
    productBreadth: f.productBreadth,
    productBreadthEarlier: f.productBreadthEarlier,
    shareOfWallet: f.shareOfWallet,
    reciprocity: f.reciprocity,
    complaintsRecent: f.complaints.recent,
    complaintsEarlier: f.complaints.earlier,
    openComplaints: f.complaints.open,
    purchaseCycleDays: f.purchaseCycleDays,
    purchaseCycleQ90Days: f.purchaseCycleQ90Days,
    contracts: f.contracts,
    recentInquiries: f.recentInquiries,
    recentDowngrades: f.recentDowngrades,
    cancelled: f.cancelled,
  };
}
