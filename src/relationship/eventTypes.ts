/**
 * The event types servqual knows, in a fixed order (the order is the index an event set
 * stores, and the tie-break between events at the same instant: a complaint comes before its
 * resolution). Custom types of a CRM map onto these with the `typeMap` option.
 *
 * - `campaign-exposure`: the firm reached the customer (mailing, advertisement, call).
 * - `inquiry`: the customer asked for information.
 * - `quote-request`: a catalogue or quote request.
 * - `first-purchase`, `purchase`: an order (the first order may be marked as such; it need not).
 * - `support-request`, `complaint`, `complaint-resolved`.
 * - `referral`: the customer recommended the firm to someone.
 * - `contract`: a contract signed or renewed.
 * - `downgrade`, `cancellation`: the customer reduced or ended the relationship.
 *
 * @example
 * EVENT_TYPES.includes("purchase") //=> true
 */
export const EVENT_TYPES = [
  "campaign-exposure",
  "inquiry",
  "quote-request",
  "first-purchase",
  "purchase",
  "support-request",
  "complaint",
  "complaint-resolved",
  "referral",
  "contract",
  "downgrade",
  "cancellation",
] as const;

/** One of {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number];

/** Who started an event: the customer (inbound) or the firm (outbound). */
export type Initiator = "customer" | "firm";

/** Index of each type in {@link EVENT_TYPES} (what an event set stores). */
export const TYPE = {
  campaignExposure: 0,
  inquiry: 1,
  quoteRequest: 2,
  firstPurchase: 3,
  purchase: 4,
  supportRequest: 5,
  complaint: 6,
  complaintResolved: 7,
  referral: 8,
  contract: 9,
  downgrade: 10,
  cancellation: 11,
} as const;

/** Stored initiator codes: 1 customer, 0 firm, -1 unknown. */
export const INITIATOR_CODE = { customer: 1, firm: 0, unknown: -1 } as const;

/**
 * The stored code of an initiator cell's text, `customer` or `firm` in any case, or null when
 * the text names neither (the readers then record `bad-initiator`).
 *
 * @example
 * initiatorCodeOf("Firm"); //=> 0
 */
export function initiatorCodeOf(text: string): number | null {
  const lower = text.toLowerCase();
  if (lower === "customer") return INITIATOR_CODE.customer;
  if (lower === "firm") return INITIATOR_CODE.firm;
  return null;
}

/**
 * Who starts an event of each type when the record does not say (our documented choice):
 * the firm sends campaigns and resolves complaints; the customer inquires, requests, buys,
 * complains, refers, downgrades and cancels; a contract is signed by both (unknown).
 */
export const DEFAULT_INITIATOR: readonly number[] = [0, 1, 1, 1, 1, 1, 1, 0, 1, -1, 1, 1];

/** True for the types that carry a purchase value: first purchase, purchase, contract. */
export function isPurchaseType(type: number): boolean {
  return type === TYPE.firstPurchase || type === TYPE.purchase || type === TYPE.contract;
}

/** The canonical spelling of a type name: lower case, spaces and underscores as hyphens. */
export function normalizeTypeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
}
