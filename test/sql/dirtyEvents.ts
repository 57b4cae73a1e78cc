/**
 * A seeded small CRM event set for the SQL parity tests, full of the records validateEvents
 * has to sort out: duplicate ids (a later line repeating an earlier id), custom type names
 * (mapped by typeMap), unknown and blank types, impossible timestamps (2024-13-45, 2023-02-29,
 * hour 25), timestamps with offsets, fractions, a space or no time, bad and negative values,
 * values in a second currency with a rate and a third without, bad initiators, blank ids and
 * customers. Every cell is text (as a CSV is read); the last column is the line number.
 * `options.currencies` replaces the currency mix (weights of the codes written beside a value,
 * blank and bad codes allowed) and `options.first` makes the first line a clean purchase with a
 * value in that currency (the first currency met).
 */
import { seededRandom } from "../../src/stats/seededRandom";
import type { Table } from "./engines";

const TYPES = [
  "campaign-exposure",
  "inquiry",
  "Quote Request",
  "first_purchase",
  "purchase",
  "purchase",
  "purchase",
  "support-request",
  "complaint",
  "complaint",
  "complaint-resolved",
  "complaint-resolved",
  "referral",
  "contract",
  "downgrade",
  "cancellation",
  "order",
  "ORDER ",
  "ticket",
];

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The currency mix of {@link dirtyEvents}: codes as written with their weights. */
export interface DirtyEventOptions {
  readonly currencies?: readonly (readonly [code: string, weight: number])[];
  readonly first?: string;
}

const CURRENCIES: readonly (readonly [string, number])[] = [
  ["EUR", 0.7],
  ["", 0.1],
  ["usd", 0.1],
  ["GBP", 0.1],
];

export interface DirtyEvents {
  readonly table: Table;
  readonly records: Record<string, string>[];
}

/** `n` events of about 60 customers over 2023–2025, with the dirty records mixed in. */
export function dirtyEvents(seed: number, n: number, options: DirtyEventOptions = {}): DirtyEvents {
  const random = seededRandom(seed);
  const mix = options.currencies ?? CURRENCIES;
  let totalWeight = 0;
  for (const [, weight] of mix) totalWeight += weight;
  const currencyAt = (u: number): string => {
    let left = u * totalWeight;
    for (const [code, weight] of mix) {
      if (left < weight) return code;
      left -= weight;
    }
    return (mix[mix.length - 1] as readonly [string, number])[0];
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const header = [
    "id",
    "customer",
    "timestamp",
    "type",
    "value",
    "currency",
    "product",
    "channel",
    "initiator",
  ];
  const records: Record<string, string>[] = [];
  const start = Date.UTC(2023, 0, 1);
  const span = Date.UTC(2026, 1, 1) - start;
  for (let i = 0; i < n; i++) {
    const u = random();
    let id = `E${pad(i, 5)}`;
    if (u < 0.04 && i > 10) id = `E${pad(Math.floor(random() * i), 5)}`; // duplicate id
    if (u > 0.995) id = " ";
    const customer = random() < 0.005 ? "" : `C${pad(Math.floor(random() * 60), 3)}`;
    // Whole minutes mostly, so ties between a complaint and its resolution happen.
    const time = start + Math.floor((random() * span) / 3_600_000) * 3_600_000;
    const d = new Date(time);
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    const form = random();
    let timestamp =
      form < 0.5
        ? `${date}T${clock}:00Z`
        : form < 0.6
          ? date
          : form < 0.7
            ? `${date} ${clock}`
            : form < 0.78
              ? `${date}T${clock}:00.5${pad(Math.floor(random() * 100))}Z`
              : form < 0.86
                ? `${date}T${clock}:00+05:30`
                : form < 0.9
                  ? `${date}T${clock}-0230`
                  : `${date}T${clock}:00`;
    const bad = random();
    if (bad < 0.01) timestamp = "2024-13-45";
    else if (bad < 0.015) timestamp = "2023-02-29T10:00:00Z";
    else if (bad < 0.02) timestamp = "2024-05-01T25:00:00Z";
    else if (bad < 0.025) timestamp = "yesterday";
    else if (bad < 0.03) timestamp = "";
    let type = pick(TYPES);
    if (random() < 0.01) type = "";
    const purchase = /purchase|order|contract|downgrade/i.test(type);
    let value = purchase && random() < 0.85 ? (Math.round(random() * 50000) / 100).toFixed(2) : "";
    if (type === "downgrade" && value !== "") value = `-${value}`;
    const v = random();
    if (v < 0.02) value = "12,5";
    else if (v < 0.03) value = "-40.00";
    else if (v < 0.035) value = " 007";
    const c = random();
    const currency = value === "" ? "" : currencyAt(c);
    const product = purchase ? pick(["savings", "loan", "card", "", "mortgage ", "insurance"]) : "";
    const who = random();
    const initiator = who < 0.8 ? "" : who < 0.88 ? "customer" : who < 0.96 ? " Firm" : "robot";
    if (i === 0 && options.first !== undefined) {
      records.push({
        id: "E00000",
        customer: "C000",
        timestamp: "2023-01-02T10:00:00Z",
        type: "purchase",
        value: "100.00",
        currency: options.first,
        product: "card",
        channel: "web",
        initiator: "",
      });
      continue;
    }
    records.push({
      id,
      customer,
      timestamp,
      type,
      value,
      currency,
      product,
      channel: pick(["web", "branch", ""]),
      initiator,
    });
  }
  return {
    records,
    table: {
      header: [...header, "line"],
      rows: records.map((r, i) => [
        ...header.map((name) => (r[name] === "" ? null : (r[name] as string))),
        i + 2,
      ]),
    },
  };
}
