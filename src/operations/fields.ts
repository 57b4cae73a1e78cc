import type { IssueCode } from "../_lib/issueCode";
import type { IssueLogSummary } from "../_lib/issueLog";
import type { Notice, NoticeCode } from "../_lib/notice";
import { parseDecimal } from "../_lib/parseDecimal";

/**
 * What a validator of operational records (standards, delivery records, promises) reports:
 * the issue log (see `IssueLogSummary`) and the counts, with `recordsIn = recordsUsed +
 * recordsExcluded` always.
 */
export interface RecordReport extends IssueLogSummary {
  readonly recordsIn: number;
  readonly recordsUsed: number;
  readonly recordsExcluded: number;
}

/** Where a record is: its 1-based data row, its file line when read from a file. */
export interface RecordPlace {
  readonly row: number;
  readonly line?: number;
}

/**
 * Collects the problems of one record: each is an issue (code, message, row, line, column)
 * and, when it makes the record unusable, a reason to exclude it.
 */
export class RecordProblems {
  readonly issues: { code: IssueCode; message: string; column: string }[] = [];
  readonly reasons: Notice[] = [];

  /** Records a problem that excludes the record (its code is both an issue and a reason). */
  fail(code: IssueCode & NoticeCode, column: string, message: string): void {
    this.issues.push({ code, message, column });
    this.reasons.push({ code, message: `${column}: ${message}` });
  }

  /** Records a problem whose issue code and exclusion reason differ. */
  failAs(issue: IssueCode, reason: NoticeCode, column: string, message: string): void {
    this.issues.push({ code: issue, message, column });
    this.reasons.push({ code: reason, message: `${column}: ${message}` });
  }

  /** Records a problem that leaves the record usable. */
  warn(code: IssueCode, column: string, message: string): void {
    this.issues.push({ code, message, column });
  }
}

/** A text cell: trimmed string, or null when blank or absent. */
export function textCell(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return text.length === 0 ? null : text;
}

/** A number cell: a finite number or decimal text; null when blank; NaN when not a number. */
export function numberCell(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== "string") return Number.NaN;
  const text = value.trim();
  if (text.length === 0) return null;
  const parsed = parseDecimal(text);
  return Number.isFinite(parsed) ? parsed : Number.NaN;
}

const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0"]);

/** A yes/no cell: a boolean or `true/false/yes/no/y/n/1/0`; null when blank; undefined when neither. */
export function booleanCell(value: unknown): boolean | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim().toLowerCase();
  if (text.length === 0) return null;
  return TRUE.has(text) ? true : FALSE.has(text) ? false : undefined;
}

/** How far a value is better than another in its direction: +1 higher is better, −1 lower. */
export type Direction = "lower-is-better" | "higher-is-better";

/** The direction named by a cell (`lower-is-better`, `lower`, `higher-is-better`, `higher`). */
export function directionCell(value: unknown): Direction | null | undefined {
  const text = textCell(value);
  if (text === null || text === undefined) return text;
  const lower = text.toLowerCase();
  if (lower === "lower-is-better" || lower === "lower") return "lower-is-better";
  if (lower === "higher-is-better" || lower === "higher") return "higher-is-better";
  return undefined;
}

/**
 * Units of delivery times: elapsed `minutes`, `hours`, `days` (instants subtracted) and
 * `business-minutes`, `business-hours` (open time of the calendar between the instants).
 */
export type TimeUnit = "minutes" | "hours" | "days" | "business-minutes" | "business-hours";

export const TIME_UNITS: readonly TimeUnit[] = [
  "minutes",
  "hours",
  "days",
  "business-minutes",
  "business-hours",
];

/** Milliseconds per unit of a time unit. */
export function unitMs(unit: TimeUnit): number {
  return unit === "minutes" || unit === "business-minutes"
    ? 60_000
    : unit === "days"
      ? 86_400_000
      : 3_600_000;
}

/**
 * What a delivery record measures: `first-response` (created → first response), `resolution`
 * (created → resolved), `lateness` (promised-by → delivered; negative when early).
 */
export type DeliveryMetric = "first-response" | "resolution" | "lateness";

export const DELIVERY_METRICS: readonly DeliveryMetric[] = [
  "first-response",
  "resolution",
  "lateness",
];
