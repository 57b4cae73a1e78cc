import { checkOptionKeys, expectKind, invalidArgument, optionNames } from "../_lib/guards";
import { resolveEventOptions } from "../relationship/eventOptions";
import {
  DEFAULT_INITIATOR,
  EVENT_TYPES,
  normalizeTypeName,
  TYPE,
} from "../relationship/eventTypes";
import {
  type Cutoffs,
  cutoffsOf,
  dateOption,
  FEATURE_OPTIONS,
  type FeatureSettings,
  resolveFeatureSettings,
} from "../relationship/featureOptions";
import type { FeatureOptions } from "../relationship/featureTypes";
import type { SqlStatement } from "./gapSql";
import { ISO_TIMESTAMP_GRAMMAR, isoTimestampSteps } from "./isoTimestampSql";
import { quoteName } from "./quoteIdentifier";
import { DIALECTS, type SqlDialect } from "./sqlDialect";
import { resolveSqlSource, type SqlCondition, type SqlValue } from "./sqlOptions";

/** The columns of an event table (defaults: the names of `readEventsCsv`'s header). */
export interface EventSqlColumns {
  /** Event id (default `id`): events with the same id (trimmed text) are counted once. */
  readonly id?: string;
  /** Customer id (default `customer`). */
  readonly customer?: string;
  /** ISO 8601 timestamp as text (default `timestamp`). */
  readonly timestamp?: string;
  /** Event type (default `type`): one of EVENT_TYPES or a name of `typeMap`. */
  readonly type?: string;
  /** Money value (default `value`); null: the table has none. */
  readonly value?: string | null;
  /**
   * ISO 4217 currency of the value (default `currency`; trimmed, any case); null: none. A code
   * that is not three letters is `bad-currency` (the event keeps no value); blank: the base.
   */
  readonly currency?: string | null;
  /** Product (default `product`); null: none. */
  readonly product?: string | null;
  /** `customer` or `firm` (default `initiator`); null: none (every type's default). */
  readonly initiator?: string | null;
}

/** Options of {@link relationshipFeaturesSql}: the event table, and the feature options. */
export interface RelationshipFeaturesSqlOptions extends FeatureOptions {
  /** The table (or view) of events, one row per event: a name or `[schema, table]`. */
  readonly table: string | readonly string[];
  readonly dialect: SqlDialect;
  readonly columns?: EventSqlColumns;
  /** Conditions on the rows (AND); every value bound as a parameter. */
  readonly where?: readonly SqlCondition[];
  /**
   * The column giving the rows' order (a line number): of events sharing an id the first is
   * kept, customers are listed in order of their first event. Without it the engine picks
   * which record of an id is kept and customers come by id (counts and features are the same
   * unless two records of one id differ). The base currency does not depend on the order.
   */
  readonly orderBy?: string;
  /** How values are stored: `"text"` (the number grammar of validateEvents) or `"number"` (default). */
  readonly values?: "number" | "text";
  /** Custom type names mapped onto servqual's, as in validateEvents. */
  readonly typeMap?: Readonly<Record<string, (typeof EVENT_TYPES)[number]>>;
  /**
   * The currency values are summed in. Without it, the currency of the most valued events (kept,
   * a usable value, a three-letter code; a tie to the first code alphabetically), as
   * validateEvents chooses it: the same base whatever the order of the rows.
   */
  readonly currency?: string;
  /** Conversion into `currency` (1 unit = rate of the base currency), as in validateEvents. */
  readonly rates?: Readonly<Record<string, number>>;
}

/** @internal The option names of {@link RelationshipFeaturesSqlOptions}. */
export const FEATURES_SQL_OPTIONS = optionNames<RelationshipFeaturesSqlOptions>({
  asOf: true,
  windows: true,
  trendDays: true,
  complaintDays: true,
  wallet: true,
  timeZone: true,
  table: true,
  dialect: true,
  columns: true,
  where: true,
  orderBy: true,
  values: true,
  typeMap: true,
  currency: true,
  rates: true,
});

const COLUMN_OPTIONS = optionNames<EventSqlColumns>({
  id: true,
  customer: true,
  timestamp: true,
  type: true,
  value: true,
  currency: true,
  product: true,
  initiator: true,
});

/** The plain decimal grammar of validateEvents' value cells (see DECIMAL_GRAMMAR), POSIX. */
const DECIMAL_GRAMMAR_SQL = "^-?((0|[1-9][0-9]*)([.][0-9]+)?|[.][0-9]+)$";

/**
 * A currency code as validateEvents accepts it (three ASCII letters, trimmed, any case), POSIX;
 * tested before upper-casing, so no other letter can become one (UPPER('ı') is 'I').
 */
const CURRENCY_CODE_SQL = "^[A-Za-z]{3}$";

/**
 * The white space JavaScript's `trim` removes (WhiteSpace and LineTerminator of ECMA-262: tab,
 * line feed, vertical tab, form feed, carriage return, space, no-break space, the other Zs
 * spaces, U+2028, U+2029 and U+FEFF), written as the characters themselves (RE2 and
 * PostgreSQL spell escapes differently).
 */
const JS_SPACE =
  "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/** Leading or trailing JavaScript white space, to replace by nothing (`trim`). */
const JS_TRIM_SQL = `^[${JS_SPACE}]+|[${JS_SPACE}]+$`;

/** The per-customer columns of the statement, after `part`, `key` and `n`. */
export interface FeatureColumns {
  readonly names: readonly string[];
  readonly windows: number;
}

/** @internal What the finishing function needs again: settings, cutoffs and the column names. */
export interface FeaturesSqlPlan {
  readonly statement: SqlStatement;
  readonly settings: FeatureSettings;
  readonly cut: Cutoffs;
  readonly columns: readonly string[];
  readonly baseCurrency: string | null;
}

const PURCHASE = `ty IN (${TYPE.firstPurchase}, ${TYPE.purchase}, ${TYPE.contract})`;

/** @internal Builds the statement (shared by the builder and the finishing function). */
export function featuresSqlPlan(
  fn: string,
  options: RelationshipFeaturesSqlOptions,
  extraKeys: readonly string[] = [],
): FeaturesSqlPlan {
  expectKind(fn, "options", options, "object", "the options { table, dialect, asOf, … }");
  checkOptionKeys(fn, options, [...FEATURES_SQL_OPTIONS, ...extraKeys]);
  const source = resolveSqlSource(fn, {
    table: options.table,
    dialect: options.dialect,
    ...(options.where === undefined ? {} : { where: options.where }),
  });
  const featurePart = Object.fromEntries(
    Object.entries(options).filter(([key]) => FEATURE_OPTIONS.includes(key)),
  );
  const settings = resolveFeatureSettings(fn, featurePart, FEATURE_OPTIONS);
  const asOf = dateOption(fn, options.asOf, "asOf");
  const cut = cutoffsOf(asOf, settings);
  const eventPart: Record<string, unknown> = {};
  for (const key of ["typeMap", "currency", "rates"] as const) {
    if (options[key] !== undefined) eventPart[key] = options[key];
  }
  const events = resolveEventOptions(fn, eventPart);
  const dialect = source.dialect;
  const rules = DIALECTS[dialect];
  const D = rules.double;
  const valuesKind = options.values ?? "number";
  if (valuesKind !== "number" && valuesKind !== "text") {
    throw invalidArgument(fn, "values", '"number" or "text"', valuesKind);
  }
  const columns = options.columns ?? {};
  expectKind(fn, "columns", columns, "object", "the event columns { id, customer, … }");
  checkOptionKeys(fn, columns, COLUMN_OPTIONS);
  const column = (key: keyof EventSqlColumns, fallback: string, optional: boolean) => {
    const name = columns[key];
    if (name === null && optional) return null;
    return quoteName(fn, `columns.${key}`, name === undefined ? fallback : name);
  };
  const id = column("id", "id", false) as string;
  const customer = column("customer", "customer", false) as string;
  const timestamp = column("timestamp", "timestamp", false) as string;
  const type = column("type", "type", false) as string;
  const value = column("value", "value", true);
  const currency = column("currency", "currency", true);
  const product = column("product", "product", true);
  const initiator = column("initiator", "initiator", true);
  const order = options.orderBy === undefined ? null : quoteName(fn, "orderBy", options.orderBy);

  const parameters: SqlValue[] = [...source.whereValues];
  const text = (v: string) => {
    parameters.push(v);
    return `CAST(${rules.parameter(parameters.length)} AS VARCHAR)`;
  };
  const number = (v: number) => {
    parameters.push(v);
    return `CAST(${rules.parameter(parameters.length)} AS ${D})`;
  };
  const trimmed = (c: string | null) => (c === null ? "NULL" : `TRIM(CAST(${c} AS VARCHAR))`);
  // The currency cell as validateEvents reads it: blank when empty or when it starts with a
  // character up to a space and is all white space; else its text trimmed as by `trim`. A
  // cell that starts and ends with a visible ASCII character (every code as written) is its
  // own trimmed text: no regular expression for it.
  const currencyText = (c: string | null) => {
    if (c === null) return "NULL";
    const raw = `CAST(${c} AS VARCHAR)`;
    const visible = (ch: string) => `${ch} BETWEEN 33 AND 126`;
    const cut = `REGEXP_REPLACE(${raw}, ${text(JS_TRIM_SQL)}, '', ${text("g")})`;
    return (
      `CASE WHEN ${visible(`ASCII(${raw})`)} AND ${visible(`ASCII(RIGHT(${raw}, 1))`)} THEN ${raw} ` +
      `WHEN ${raw} = '' OR (${cut} = '' AND ASCII(${raw}) <= 32) THEN NULL ELSE ${cut} END`
    );
  };
  // A step read by several others is computed once: DuckDB is told so (its default for the
  // other builders is to stream each step again); PostgreSQL materialises such a CTE itself.
  const step = (name: string, body: string, shared = false) =>
    `${name} AS ${shared && dialect === "duckdb" ? "MATERIALIZED " : rules.step}(${body}${rules.fence})`;

  // Type names: typeMap (normalised keys) first, then servqual's own.
  const typeCases: string[] = [];
  for (const [name, mapped] of Object.entries(events.typeMap)) {
    typeCases.push(`WHEN ${text(normalizeTypeName(name))} THEN ${EVENT_TYPES.indexOf(mapped)}`);
  }
  EVENT_TYPES.forEach((name, i) => {
    typeCases.push(`WHEN ${text(name)} THEN ${i}`);
  });
  const spaces = text("[[:space:]_]+");
  const hyphen = text("-");
  const global = text("g");
  const src = step(
    "src",
    `SELECT ${trimmed(id)} AS id_t, ${trimmed(customer)} AS c_t, ` +
      `REGEXP_REPLACE(LOWER(${trimmed(type)}), ${spaces}, ${hyphen}, ${global}) AS ty_t, ` +
      `${trimmed(timestamp)} AS ts_t, ` +
      `${value === null ? `CAST(NULL AS ${D})` : valuesKind === "text" ? `NULLIF(${trimmed(value)}, '')` : `CAST(${value} AS ${D})`} AS v_raw, ` +
      `${currencyText(currency)} AS cur_s, ` +
      `NULLIF(${trimmed(product)}, '') AS p_t, ` +
      `NULLIF(LOWER(${trimmed(initiator)}), '') AS who_t, ` +
      `${order ?? "NULL"} AS ord FROM ${source.table}${source.where}`,
  );
  const grammar = text(ISO_TIMESTAMP_GRAMMAR);
  const vnum =
    value === null
      ? `CAST(NULL AS ${D})`
      : valuesKind === "text"
        ? `CASE WHEN ${rules.matches("v_raw", text(DECIMAL_GRAMMAR_SQL))} THEN ${dialect === "duckdb" ? "TRY_CAST" : "CAST"}(v_raw AS ${D}) END`
        : `CASE WHEN ABS(v_raw) < CAST('Infinity' AS ${D}) THEN v_raw END`;
  const stamp = isoTimestampSteps("ts_t", dialect, grammar);
  const matched = step(
    "mat",
    `SELECT src.*, CASE ty_t ${typeCases.join(" ")} END AS ty, ${stamp.check[1]} AS ${stamp.check[0]}, ${vnum} AS vnum, ` +
      `UPPER(cur_s) AS cur_t, CASE WHEN cur_s IS NOT NULL THEN ${rules.matches("cur_s", text(CURRENCY_CODE_SQL))} END AS cur_ok FROM src`,
  );
  const chk = step(
    "chk",
    `SELECT mat.*, ${stamp.parts.map(([name, sql]) => `${sql} AS ${name}`).join(", ")} FROM mat`,
  );
  const usableId = (c: string) => `${c} IS NULL OR LENGTH(${c}) < 1 OR LENGTH(${c}) > 200`;
  const timed = step("tim", `SELECT chk.*, ${stamp.instant} AS t FROM chk`);
  const rsn = step(
    "rsn",
    `SELECT tim.*, CASE WHEN ${usableId("id_t")} THEN 'missing-event-id' ` +
      `WHEN ${usableId("c_t")} THEN 'missing-customer' ` +
      `WHEN ty IS NULL THEN 'unknown-event-type' WHEN t IS NULL THEN 'bad-timestamp' END AS r0 FROM tim`,
  );
  const dd = step(
    "dd",
    `SELECT rsn.*, COALESCE(r0, CASE WHEN ROW_NUMBER() OVER (PARTITION BY r0 IS NULL, id_t${order === null ? "" : " ORDER BY ord"}) > 1 THEN 'duplicate-event' END) AS reason FROM rsn`,
    true,
  );
  const baseCurrency = events.currency;
  // The valued events in a currency: kept, with a usable value (a number, not negative but
  // for a downgrade) and a three-letter code, the events validateEvents counts for the base.
  const valued =
    `reason IS NULL AND vnum IS NOT NULL AND (vnum >= 0 OR ty = ${TYPE.downgrade}) ` +
    "AND cur_t IS NOT NULL AND cur_ok";
  // Without `currency`: the currency of the most valued events, a tie to the first code
  // alphabetically (three upper-case ASCII letters sort alike in every collation).
  const base =
    baseCurrency !== null
      ? text(baseCurrency)
      : `(SELECT cur_t FROM dd WHERE ${valued} GROUP BY cur_t ORDER BY COUNT(*) DESC, cur_t LIMIT 1)`;
  const rates = Object.entries(events.rates ?? {}).map(([code, rate]) => ({
    code: text(code),
    rate: number(rate),
  }));
  const rateCases = rates.map((r) => `WHEN cur_t = ${r.code} THEN ${r.rate}`);
  const based = step("based", `SELECT dd.*, ${base} AS base FROM dd`, true);
  const val = step(
    "val",
    `SELECT based.*, CASE WHEN reason IS NOT NULL OR v_raw IS NULL THEN NULL ` +
      `WHEN vnum IS NULL THEN 'bad-value' ` +
      `WHEN vnum < 0 AND ty <> ${TYPE.downgrade} THEN 'negative-value' ` +
      `WHEN cur_t IS NULL THEN NULL WHEN NOT cur_ok THEN 'bad-currency' WHEN cur_t = base THEN NULL ` +
      `${rates.length > 0 ? `WHEN cur_t IN (${rates.map((r) => r.code).join(", ")}) THEN NULL ` : ""}` +
      `ELSE 'mixed-currency' END AS vcode, ` +
      `CASE WHEN cur_t IS NULL OR cur_t = base THEN CAST(1 AS ${D}) ${rateCases.join(" ")} END AS rate FROM based`,
    true,
  );
  const defaults = EVENT_TYPES.map((_, i) => `WHEN ${i} THEN ${DEFAULT_INITIATOR[i]}`).join(" ");
  const ev = step(
    "ev",
    `SELECT c_t AS c, t, ty, CASE WHEN vcode IS NULL AND v_raw IS NOT NULL THEN vnum * rate END AS v, p_t AS p, ` +
      `CASE WHEN who_t = 'customer' THEN 1 WHEN who_t = 'firm' THEN 0 ELSE CASE ty ${defaults} END END AS who, id_t, ord ` +
      `FROM val WHERE reason IS NULL`,
    true,
  );
  const A = number(cut.asOf);
  const count = (condition: string) => `CAST(COUNT(CASE WHEN ${condition} THEN 1 END) AS ${D})`;
  const sum = (condition: string) => `SUM(CASE WHEN ${condition} THEN v END)`;
  const known = (condition: string) => `CAST(COUNT(CASE WHEN ${condition} THEN v END) AS ${D})`;
  const aggregates: [string, string][] = [
    ["events", `CAST(COUNT(*) AS ${D})`],
    ["first_event", "MIN(t)"],
    ["last_event", "MAX(t)"],
    ["purchases", count(PURCHASE)],
    ["first_purchase", `MIN(CASE WHEN ${PURCHASE} THEN t END)`],
    ["last_purchase", `MAX(CASE WHEN ${PURCHASE} THEN t END)`],
    ["value", sum(PURCHASE)],
    ["value_known", known(PURCHASE)],
  ];
  cut.windows.forEach((start, w) => {
    const inside = `${PURCHASE} AND t > ${number(start)}`;
    aggregates.push([`w${w}_purchases`, count(inside)]);
    aggregates.push([`w${w}_value`, sum(inside)]);
    aggregates.push([`w${w}_known`, known(inside)]);
  });
  const year = `${PURCHASE} AND t > ${number(cut.year)}`;
  const trendRecent = number(cut.trendRecent);
  const trendEarlier = number(cut.trendEarlier);
  const complaintRecent = number(cut.complaintRecent);
  const complaintEarlier = number(cut.complaintEarlier);
  const recentTrend = `${PURCHASE} AND t > ${trendRecent}`;
  const earlierTrend = `${PURCHASE} AND t > ${trendEarlier} AND t <= ${trendRecent}`;
  const isType = (...types: number[]) => `ty IN (${types.join(", ")})`;
  aggregates.push(
    ["purchases365", count(year)],
    ["value365", sum(year)],
    ["known365", known(year)],
    ["trend_recent", sum(recentTrend)],
    ["trend_earlier", sum(earlierTrend)],
    ["breadth", `CAST(COUNT(DISTINCT CASE WHEN ${PURCHASE} THEN p END) AS ${D})`],
    [
      "breadth_earlier",
      `CAST(COUNT(DISTINCT CASE WHEN ${PURCHASE} AND t <= ${trendRecent} THEN p END) AS ${D})`,
    ],
    ["customer_initiated", count("who = 1")],
    ["firm_initiated", count("who = 0")],
    ["complaints", count(isType(TYPE.complaint))],
    ["complaints_recent", count(`${isType(TYPE.complaint)} AND t > ${complaintRecent}`)],
    [
      "complaints_earlier",
      count(`${isType(TYPE.complaint)} AND t > ${complaintEarlier} AND t <= ${complaintRecent}`),
    ],
    ["resolutions", count(isType(TYPE.complaintResolved))],
    ["contracts", count(isType(TYPE.contract))],
    ["last_contract", `MAX(CASE WHEN ${isType(TYPE.contract)} THEN t END)`],
    ["referrals", count(isType(TYPE.referral))],
    ["inquiries", count(isType(TYPE.inquiry, TYPE.quoteRequest))],
    [
      "recent_inquiries",
      count(`${isType(TYPE.inquiry, TYPE.quoteRequest)} AND t > ${complaintRecent}`),
    ],
    ["support", count(isType(TYPE.supportRequest))],
    ["campaigns", count(isType(TYPE.campaignExposure))],
    ["recent_downgrades", count(`${isType(TYPE.downgrade)} AND t > ${complaintRecent}`)],
    ["cancellations", count(isType(TYPE.cancellation))],
    ["last_cancel", `MAX(CASE WHEN ${isType(TYPE.cancellation)} THEN t END)`],
  );
  const agg = step(
    "agg",
    `SELECT c, ${aggregates.map(([name, sql]) => `${sql} AS ${name}`).join(", ")} FROM ev WHERE t <= ${A} GROUP BY c`,
  );
  const firstSeen = step(
    "fa",
    "SELECT c, MIN(ord) AS o, MIN(t) AS first_t FROM ev GROUP BY c",
    true,
  );
  // Purchase cycle: days between consecutive purchases (LAG), median and 90th percentile.
  const gaps = step(
    "gaps",
    `SELECT c, (t - LAG(t) OVER (PARTITION BY c ORDER BY t)) / 86400000.0 AS g FROM ev WHERE t <= ${A} AND ${PURCHASE}`,
  );
  const cycle = step(
    "cyc",
    `SELECT c, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY g) AS cycle, PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY g) AS cycle_q90 FROM gaps WHERE g IS NOT NULL GROUP BY c`,
  );
  // Complaints first in, first out: s = complaints − resolutions so far; the open count is s
  // minus its running minimum clamped at 0 (a resolution with none open is unmatched), and the
  // m-th matched resolution closes the m-th complaint.
  const frame = "PARTITION BY c ORDER BY t, ty, id_t ROWS BETWEEN UNBOUNDED PRECEDING AND";
  const complaintWalk = step(
    "cw",
    `SELECT c, t, ty, SUM(CASE WHEN ty = ${TYPE.complaint} THEN 1 ELSE -1 END) OVER (${frame} CURRENT ROW) AS s, ` +
      `SUM(CASE WHEN ty = ${TYPE.complaint} THEN 1 ELSE 0 END) OVER (${frame} CURRENT ROW) AS cn, ` +
      `SUM(CASE WHEN ty = ${TYPE.complaintResolved} THEN 1 ELSE 0 END) OVER (${frame} CURRENT ROW) AS rn, id_t ` +
      `FROM ev WHERE t <= ${A} AND ${isType(TYPE.complaint, TYPE.complaintResolved)}`,
  );
  const complaintMinima = step(
    "cm",
    `SELECT cw.*, LEAST(0, MIN(s) OVER (${frame} CURRENT ROW)) AS mk, ` +
      `LEAST(0, COALESCE(MIN(s) OVER (${frame} 1 PRECEDING), 0)) AS pm FROM cw`,
    true,
  );
  const resolutions = step(
    "res",
    `SELECT r.c, (r.t - k.t) / 86400000.0 AS days FROM cm r JOIN cm k ON k.c = r.c AND k.ty = ${TYPE.complaint} AND k.cn = r.rn + r.mk ` +
      `WHERE r.ty = ${TYPE.complaintResolved} AND r.s >= r.pm`,
  );
  const resolved = step(
    "ra",
    `SELECT c, CAST(COUNT(*) AS ${D}) AS resolved, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY days) AS median_resolution FROM res GROUP BY c`,
  );
  const featureNames = [
    ...aggregates.map(([name]) => name),
    "cycle",
    "cycle_q90",
    "resolved",
    "median_resolution",
  ];
  const nulls = featureNames.map(() => `CAST(NULL AS ${D})`).join(", ");
  const counted = (part: string, key: string, n: string, from: string) =>
    `SELECT '${part}' AS part, ${key} AS key, CAST(${n} AS ${D}) AS n, ${nulls} FROM ${from}`;
  const customersSelect =
    `SELECT 'customer' AS part, agg.c AS key, CAST(ROW_NUMBER() OVER (ORDER BY ${order === null ? "" : "fa.o, "}agg.c) AS ${D}) AS n, ` +
    `${aggregates.map(([name]) => `agg.${name}`).join(", ")}, cyc.cycle, cyc.cycle_q90, ra.resolved, ra.median_resolution ` +
    "FROM agg JOIN fa ON fa.c = agg.c LEFT JOIN cyc ON cyc.c = agg.c LEFT JOIN ra ON ra.c = agg.c";
  const countSelects = [
    counted("count", "'events-in'", "COUNT(*)", "src"),
    `${counted("count", "reason", "COUNT(*)", "dd")} WHERE reason IS NOT NULL GROUP BY reason`,
    `${counted("count", "vcode", "COUNT(*)", "val")} WHERE vcode IS NOT NULL GROUP BY vcode`,
    `${counted("count", "'bad-initiator'", "COUNT(*)", "val")} WHERE reason IS NULL AND who_t IS NOT NULL AND who_t NOT IN ('customer', 'firm')`,
    counted("count", "'events-used'", "COUNT(*)", "ev"),
    counted("count", "'customers'", "COUNT(*)", "fa"),
    `${counted("count", "'not-yet'", "COUNT(*)", "fa")} WHERE first_t > ${A}`,
    `${counted("count", "'customers-without-events'", "COUNT(DISTINCT c_t)", "dd")} WHERE reason IN ('unknown-event-type', 'bad-timestamp') AND c_t NOT IN (SELECT c FROM fa)`,
    `${counted("currency", "cur_t", "COUNT(*)", "val")} WHERE ${valued} GROUP BY cur_t`,
    `${counted("base", "MIN(base)", "COUNT(*)", "based")} HAVING MIN(base) IS NOT NULL`,
  ];
  const statementText = `WITH ${[
    src,
    matched,
    chk,
    timed,
    rsn,
    dd,
    based,
    val,
    ev,
    agg,
    firstSeen,
    gaps,
    cycle,
    complaintWalk,
    complaintMinima,
    resolutions,
    resolved,
  ].join(",\n")}\n${[customersSelect, ...countSelects].join("\nUNION ALL\n")}`;
  return {
    statement: { dialect, text: statementText, parameters },
    settings,
    cut,
    columns: featureNames,
    baseCurrency,
  };
}

/**
 * Writes one SQL statement that computes, inside the database, each customer's relationship
 * features of `relationshipFeatures(validateEvents(rows).events, options)` from an event table:
 * the events are checked as validateEvents does (blank ids and customers, unknown types after
 * `typeMap`, timestamps that are not ISO 8601 or impossible: excluded with their code; an id
 * seen before: `duplicate-event`, counted once; values that are not numbers, negative, beside a
 * code that is not three letters (`bad-currency`) or in another currency than the base without
 * a rate: kept without their value; the base is `currency`, else the currency with the most
 * valued events, `GROUP BY` code `ORDER BY COUNT(*) DESC, code LIMIT 1`), then per customer:
 * counts and sums with CASE filters (tenure, recency, silence, purchases and value in windows,
 * the value trend, product breadth, reciprocity, complaints, contracts, inquiries, downgrades,
 * cancellations), the purchase cycle from `LAG` (window function) and `PERCENTILE_CONT` (R type
 * 7: the median and 90th percentile of the days between purchases), and complaint resolution
 * first in, first out from running sums (window functions): with s_k = complaints − resolutions
 * up to event k, a resolution is matched when s_k ≥ min(0, min_{j<k} s_j), and the m-th matched
 * resolution closes the m-th complaint. Window starts are computed here (calendar days back in
 * `timeZone`) and bound as parameters, so the engine needs no time-zone support. Share of
 * wallet, nulls and warnings are finished in {@link finishRelationshipFeaturesSql}.
 *
 * Reference: docs/relationship.md (the features), docs/sql.md (what the statement computes).
 *
 * @param options - The event table (`table`, `dialect`, `columns`, `where`, `orderBy`,
 *   `values`), validateEvents' `typeMap`, `currency`, `rates`, and the feature options (`asOf`, …).
 * @returns `{ dialect, text, parameters }`.
 * @throws {ServqualError} `invalid-argument` / `invalid-options` for a bad option.
 * @example
 * const { text, parameters } = relationshipFeaturesSql({ table: "events", dialect: "duckdb", asOf: "2025-12-31" });
 */
export function relationshipFeaturesSql(options: RelationshipFeaturesSqlOptions): SqlStatement {
  return featuresSqlPlan("relationshipFeaturesSql", options).statement;
}
