import { type Notice, notice } from "../_lib/notice";
import type { Dataset } from "../responses/types";

/** How repeated responses of one customer are read: one entry each, or the latest only. */
export type RepeatedResponses = "latest" | "all";

/** A response left out because the same customer answered again later. */
export interface RepeatedResponse {
  /** Row index in the dataset. */
  readonly row: number;
  /** The source row (file line or record) of the response left out. */
  readonly sourceRow: number;
  readonly respondent: string;
  readonly customer: string;
  /** The dataset row of the customer's response that is kept. */
  readonly keptRow: number;
  /** Its source row. */
  readonly keptSourceRow: number;
}

/** How respondents became customers: respondents = customers + leftOut. */
export interface RepeatedCustomers {
  /** `latest` (one entry per customer) or `all` (one entry per response). */
  readonly rule: RepeatedResponses;
  /** Respondents selected (`rows`, default all). */
  readonly respondents: number;
  /** Entries of `customers` (a respondent without a customer id is an entry of its own). */
  readonly customers: number;
  /** Customers with more than one response among the selected respondents. */
  readonly repeatedCustomers: number;
  /** Responses left out as an earlier response of a customer (0 with `all`). */
  readonly leftOut: number;
  /** The first 100 responses left out (all are counted in `leftOut`). */
  readonly rows: readonly RepeatedResponse[];
}

/** Responses listed in `RepeatedCustomers.rows` (all are counted). */
const LISTED = 100;

/**
 * One entry per customer: of the selected rows with the same customer id, the customer's
 * latest response is kept. Latest = the latest response date when every response of that
 * customer has a date (equal dates: the later row), else the last row of the dataset (the
 * same rule as `customerProfile`). Rows without a customer id (blank customer column) cannot
 * be matched and each stay an entry. With `rule: "all"` every row stays and only the count of
 * repeated customers is reported.
 *
 * @returns The kept rows in the order of `rows`, and the accounting (respondents = customers +
 *   leftOut, each response left out listed with the row kept instead, up to 100).
 *
 * @example
 * // rows 0 and 2 are customer C1 (no dates): row 2 is kept
 * latestPerCustomer(dataset, Int32Array.of(0, 1, 2), ["C1", "C2", "C1"], "latest").rows
 * //=> Int32Array [1, 2]
 */
export function latestPerCustomer(
  dataset: Dataset,
  rows: Int32Array,
  customers: readonly (string | null)[],
  rule: RepeatedResponses,
): { rows: Int32Array; report: RepeatedCustomers } {
  const byCustomer = new Map<string, number[]>();
  for (const r of rows) {
    const c = customers[r];
    if (c === null || c === undefined) continue;
    const list = byCustomer.get(c);
    if (list === undefined) byCustomer.set(c, [r]);
    else list.push(r);
  }
  let repeatedCustomers = 0;
  const dropped = new Map<number, number>();
  for (const list of byCustomer.values()) {
    if (list.length < 2) continue;
    repeatedCustomers += 1;
    if (rule === "all") continue;
    const kept = latestOf(list, dataset.dates);
    for (const r of list) if (r !== kept) dropped.set(r, kept);
  }
  const kept = rule === "all" ? rows : rows.filter((r) => !dropped.has(r));
  const listed: RepeatedResponse[] = [];
  for (const r of rows) {
    const k = dropped.get(r);
    if (k === undefined) continue;
    if (listed.length === LISTED) break;
    listed.push({
      row: r,
      sourceRow: dataset.sourceRows[r] as number,
      respondent: dataset.ids[r] as string,
      customer: customers[r] as string,
      keptRow: k,
      keptSourceRow: dataset.sourceRows[k] as number,
    });
  }
  return {
    rows: kept,
    report: {
      rule,
      respondents: rows.length,
      customers: kept.length,
      repeatedCustomers,
      leftOut: dropped.size,
      rows: listed,
    },
  };
}

/** The latest of one customer's rows: by date when all are dated (ties: later row), else the last row. */
function latestOf(list: readonly number[], dates: Float64Array | null): number {
  let best = list[0] as number;
  for (const r of list) if (r > best) best = r;
  if (dates === null || list.some((r) => Number.isNaN(dates[r] as number))) return best;
  best = list[0] as number;
  for (const r of list) {
    const t = dates[r] as number;
    const b = dates[best] as number;
    if (t > b || (t === b && r > best)) best = r;
  }
  return best;
}

/** The `repeated-customer` warning of a {@link RepeatedCustomers} report (none when no repeats). */
export function repeatedWarning(report: RepeatedCustomers): Notice[] {
  if (report.repeatedCustomers === 0) return [];
  const who = `${report.repeatedCustomers} customer${report.repeatedCustomers === 1 ? "" : "s"} answered more than once`;
  return [
    notice(
      "repeated-customer",
      report.rule === "latest"
        ? `${who}: the latest response of each is used, ${report.leftOut} earlier response${report.leftOut === 1 ? " is" : "s are"} left out (see repeated.rows)`
        : `${who}: every response is an entry of its own (responses: "all"), so such a customer counts more than once in the summaries and byStage`,
    ),
  ];
}
