import { isRecord } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import { EVENT_TYPES, type EventType, normalizeTypeName } from "./eventTypes";
import { timestampOf } from "./parseTimestamp";
import type { EventOptions } from "./types";

/** The option names of {@link EventOptions}. */
export const EVENT_OPTIONS = optionNames<EventOptions>({
  asOf: true,
  typeMap: true,
  currency: true,
  rates: true,
  customers: true,
  issueLimit: true,
  excludedLimit: true,
});

/**
 * {@link EventOptions} checked, with defaults. `typeMap` and `rates` are records without a
 * prototype, so any name (`__proto__`, `toString`, …) is an entry like any other and a lookup
 * never finds an inherited property.
 */
export interface ResolvedEventOptions {
  /** Milliseconds; +Infinity without an as-of date. */
  readonly asOf: number;
  readonly typeMap: Readonly<Record<string, EventType>>;
  readonly currency: string | null;
  readonly rates: Readonly<Record<string, number>> | null;
  readonly customers: readonly string[];
  readonly issueLimit: number;
  readonly excludedLimit: number;
}

const CURRENCY = /^[A-Za-z]{3}$/;

function limit(value: unknown, name: string, issues: Issue[]): number {
  if (value === undefined) return 1000;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  issues.push({
    code: "invalid-option",
    message: `${name} must be a whole number ≥ 0`,
    path: [name],
  });
  return 1000;
}

/**
 * Checks event options (unknown keys, kinds, type names, rates) and fills in defaults.
 *
 * @throws {ServqualError} `invalid-options` listing every problem.
 */
export function resolveEventOptions(
  fn: string,
  options: unknown,
  extra: readonly string[] = [],
): ResolvedEventOptions {
  checkOptionKeys(fn, options, [...EVENT_OPTIONS, ...extra]);
  const o = (options ?? {}) as EventOptions;
  const issues: Issue[] = [];
  let asOf = Number.POSITIVE_INFINITY;
  if (o.asOf !== undefined) {
    asOf = timestampOf(o.asOf);
    if (Number.isNaN(asOf)) {
      issues.push({
        code: "invalid-option",
        message: "asOf must be an ISO 8601 timestamp, a Date or milliseconds",
        path: ["asOf"],
      });
    }
  }
  const typeMap: Record<string, EventType> = Object.create(null);
  if (o.typeMap !== undefined) {
    if (!isRecord(o.typeMap)) {
      issues.push({
        code: "invalid-option",
        message: "typeMap must be an object of custom name → event type",
        path: ["typeMap"],
      });
    } else {
      for (const [name, type] of Object.entries(o.typeMap)) {
        if (
          typeof type !== "string" ||
          !EVENT_TYPES.includes(normalizeTypeName(type) as EventType)
        ) {
          issues.push({
            code: "invalid-option",
            message: `typeMap.${name} must be one of ${EVENT_TYPES.join(", ")}`,
            path: ["typeMap", name],
          });
        } else typeMap[name] = normalizeTypeName(type) as EventType;
      }
    }
  }
  let currency: string | null = null;
  if (o.currency !== undefined) {
    if (typeof o.currency !== "string" || !CURRENCY.test(o.currency)) {
      issues.push({
        code: "invalid-option",
        message: "currency must be a three-letter ISO 4217 code such as EUR",
        path: ["currency"],
      });
    } else currency = o.currency.toUpperCase();
  }
  let rates: Record<string, number> | null = null;
  if (o.rates !== undefined) {
    if (!isRecord(o.rates)) {
      issues.push({
        code: "invalid-option",
        message: "rates must be an object of currency → rate",
        path: ["rates"],
      });
    } else {
      rates = Object.create(null) as Record<string, number>;
      for (const [code, rate] of Object.entries(o.rates)) {
        if (
          !CURRENCY.test(code) ||
          typeof rate !== "number" ||
          !(rate > 0) ||
          !Number.isFinite(rate)
        ) {
          issues.push({
            code: "invalid-option",
            message: `rates.${code}: a three-letter currency code with a finite rate > 0`,
            path: ["rates", code],
          });
        } else rates[code.toUpperCase()] = rate;
      }
      if (currency === null) {
        issues.push({
          code: "invalid-option",
          message: "rates need currency: the currency they convert into",
          path: ["currency"],
        });
      }
    }
  }
  const customers: string[] = [];
  if (o.customers !== undefined) {
    if (!Array.isArray(o.customers)) {
      issues.push({
        code: "invalid-option",
        message: "customers must be an array of customer ids",
        path: ["customers"],
      });
    } else {
      for (const [i, id] of o.customers.entries()) {
        if (
          (typeof id === "string" && id.trim().length > 0) ||
          (typeof id === "number" && Number.isSafeInteger(id))
        ) {
          customers.push(String(id).trim());
        } else {
          issues.push({
            code: "invalid-option",
            message: "a customer id must be non-blank text or an integer",
            path: ["customers", i],
          });
        }
      }
    }
  }
  const issueLimit = limit(o.issueLimit, "issueLimit", issues);
  const excludedLimit = limit(o.excludedLimit, "excludedLimit", issues);
  if (issues.length > 0)
    throw new ServqualError("invalid-options", `${fn}: the options are not valid.`, issues);
  return { asOf, typeMap, currency, rates, customers, issueLimit, excludedLimit };
}
