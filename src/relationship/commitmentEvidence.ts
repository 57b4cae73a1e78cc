import { invalidArgument, isRecord } from "../_lib/guards";
import type { IssueCode } from "../_lib/issueCode";
import { IssueLog, type IssueLogSummary } from "../_lib/issueLog";
import type { NoticeCode } from "../_lib/notice";

type ExclusionCode = IssueCode & NoticeCode;

/**
 * Observed commitment of one customer, from the CRM or the contract file (every field optional).
 * Each present field becomes a component from 0 to 1 (see docs/relationship.md).
 */
export interface CommitmentEvidenceRecord {
  readonly customer: string | number;
  /** Relationship-specific investments the customer made, 0 (none) to 1 (heavy). */
  readonly investments?: number | null;
  /** Length of the current contract in months (0 = none); counts fully at `fullContractMonths`. */
  readonly contractMonths?: number | null;
  /** True when the customer deals with this firm only (in the category). */
  readonly exclusive?: boolean | null;
  /** What leaving would cost the customer, 0 (nothing) to 1 (very much). */
  readonly switchingCosts?: number | null;
}

/** One customer's evidence, each component on 0–1, and their mean on 0–100. */
export interface CommitmentEvidence {
  readonly customer: string;
  /** 1-based position of the record in the evidence array. */
  readonly record: number;
  readonly investments: number | null;
  /** min(contractMonths / fullContractMonths, 1). */
  readonly contract: number | null;
  readonly exclusive: number | null;
  readonly switchingCosts: number | null;
  /** 100 × the mean of the present components. */
  readonly index: number;
}

/** What the evidence check found: records in = used + excluded. */
export interface EvidenceReport extends IssueLogSummary {
  readonly recordsIn: number;
  readonly recordsUsed: number;
  readonly recordsExcluded: number;
}

/** Validated evidence by customer id, and the report. */
export interface ValidatedEvidence {
  readonly byCustomer: ReadonlyMap<string, CommitmentEvidence>;
  readonly report: EvidenceReport;
}

const FIELDS = ["customer", "investments", "contractMonths", "exclusive", "switchingCosts"];

/**
 * Checks evidence records. A field with a bad value (not a number, outside 0–1, a negative or
 * non-finite contract length, a non-boolean exclusivity) is an issue and is left out of that
 * customer's evidence; a record that is not an object, has no customer, repeats a customer
 * (`duplicate-id`: the first is kept), has no usable component (`no-evidence`), or names a
 * customer the survey does not have (`unknown-customer`) is excluded. Records in = used +
 * excluded.
 */
export function validateEvidence(
  fn: string,
  records: unknown,
  known: ReadonlySet<string>,
  fullContractMonths: number,
): ValidatedEvidence {
  if (!Array.isArray(records)) {
    throw invalidArgument(fn, "evidence", "an array of evidence records", records);
  }
  const log = new IssueLog({ issueLimit: 1000, excludedLimit: 1000 });
  const byCustomer = new Map<string, CommitmentEvidence>();
  const exclude = (row: number, id: string | null, code: ExclusionCode, message: string) => {
    log.record({ code, message, row, column: "customer" });
    log.exclude({ row, id, reasons: [{ code, message }] });
  };
  records.forEach((record: unknown, i) => {
    const row = i + 1;
    if (!isRecord(record)) {
      exclude(row, null, "not-an-object", `evidence record ${row} is not an object`);
      return;
    }
    const raw = record.customer;
    const customer =
      typeof raw === "string" && raw.trim() !== ""
        ? raw.trim()
        : typeof raw === "number" && Number.isFinite(raw)
          ? String(raw)
          : null;
    if (customer === null) {
      exclude(row, null, "missing-customer", `evidence record ${row} has no customer id`);
      return;
    }
    for (const key of Object.keys(record)) {
      if (!FIELDS.includes(key)) {
        log.record({
          code: "unknown-option",
          message: `evidence record ${row}: unknown field "${key}" is ignored (fields: ${FIELDS.join(", ")})`,
          row,
          column: key,
        });
      }
    }
    const share = (key: "investments" | "switchingCosts"): number | null => {
      const v = record[key];
      if (v === undefined || v === null) return null;
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1) {
        log.record({
          code: "out-of-range",
          message: `evidence record ${row} (customer ${customer}): ${key} must be a number from 0 to 1, got ${JSON.stringify(v)}; left out`,
          row,
          column: key,
        });
        return null;
      }
      return v;
    };
    const investments = share("investments");
    const switchingCosts = share("switchingCosts");
    let contract: number | null = null;
    const months = record.contractMonths;
    if (months !== undefined && months !== null) {
      if (typeof months !== "number" || !Number.isFinite(months) || months < 0) {
        log.record({
          code: "out-of-range",
          message: `evidence record ${row} (customer ${customer}): contractMonths must be a number ≥ 0, got ${JSON.stringify(months)}; left out`,
          row,
          column: "contractMonths",
        });
      } else {
        contract = Math.min(months / fullContractMonths, 1);
      }
    }
    let exclusive: number | null = null;
    const ex = record.exclusive;
    if (ex !== undefined && ex !== null) {
      if (typeof ex !== "boolean") {
        log.record({
          code: "invalid-type",
          message: `evidence record ${row} (customer ${customer}): exclusive must be true or false, got ${JSON.stringify(ex)}; left out`,
          row,
          column: "exclusive",
        });
      } else {
        exclusive = ex ? 1 : 0;
      }
    }
    if (byCustomer.has(customer)) {
      exclude(
        row,
        customer,
        "duplicate-id",
        `evidence record ${row}: customer ${customer} was given before (record ${byCustomer.get(customer)?.record}); the first is kept`,
      );
      return;
    }
    if (!known.has(customer)) {
      exclude(
        row,
        customer,
        "unknown-customer",
        `evidence record ${row}: customer ${customer} did not answer the survey`,
      );
      return;
    }
    const parts = [investments, contract, exclusive, switchingCosts].filter(
      (v): v is number => v !== null,
    );
    if (parts.length === 0) {
      exclude(
        row,
        customer,
        "no-evidence",
        `evidence record ${row} (customer ${customer}) has no usable field`,
      );
      return;
    }
    byCustomer.set(customer, {
      customer,
      record: row,
      investments,
      contract,
      exclusive,
      switchingCosts,
      index: (100 * parts.reduce((s, v) => s + v, 0)) / parts.length,
    });
  });
  const summary = log.summary();
  return {
    byCustomer,
    report: {
      recordsIn: records.length,
      recordsUsed: byCustomer.size,
      recordsExcluded: summary.rowsExcluded,
      ...summary,
    },
  };
}
