import { deepFreeze } from "../_lib/deepFreeze";
import { checkOptionKeys, expectShape, invalidArgument, shapes } from "../_lib/guards";
import { IssueLog, mergeIssueLogs } from "../_lib/issueLog";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import { facetsOf } from "../instrument/facets";
import type { Instrument } from "../instrument/types";
import type { Dataset, ValidatedResponses, ValidationReport } from "./types";
import { type ResponseRecords, type ResponseTable, validateResponses } from "./validateResponses";
import { VALIDATION_OPTIONS, type ValidationOptions } from "./validationOptions";

/** The scale a management file says it was answered on. */
export interface DeclaredScale {
  readonly min: number;
  readonly max: number;
  /** Distance between allowed answers (default 1). */
  readonly step?: number;
}

/**
 * Options of {@link validateManagementSurvey}: the validation options of `validateResponses`
 * (the estimates are read from the expectation columns, `E_<item>` by default) plus `scale`.
 */
export type ManagementSurveyOptions = ValidationOptions & {
  /**
   * The scale the managers answered on, when the file states it. It must be the customer
   * instrument's scale: a file on another scale (e.g. 1–10 against 1–7) throws `invalid-input`
   * with a `scale-mismatch` issue, since its answers cannot be compared with customers'.
   */
  readonly scale?: DeclaredScale;
};

/**
 * Managers' estimates of customers' expectations, validated: a columnar {@link Dataset} (on
 * the `expectation-only` twin of the customer instrument, every respondent in the `managers`
 * population unless the file says otherwise) and its {@link ValidationReport}
 * (rowsIn = rowsUsed + rowsExcluded).
 */
export interface ManagementSurvey extends ValidatedResponses {
  readonly kind: "management-survey";
  /** Id of the customer instrument the estimates belong to. */
  readonly customerInstrument: string;
}

/** The option names of {@link validateManagementSurvey}. */
export const MANAGEMENT_SURVEY_OPTIONS: readonly string[] = [...VALIDATION_OPTIONS, "scale"];

const ROWS = "an array of row objects or a table { header, rows }";

/**
 * Validates a management survey (Gap 1, knowledge): one row per manager, each giving the
 * manager's estimate of what customers expect on every item of the customer instrument, on the
 * same scale as the customers' expectation items. Parasuraman, Zeithaml & Berry (1985, J.
 * Marketing 49(4):41–50) define Gap 1 as the difference between customers' expectations and
 * management's perception of them; `gap1` computes it from this survey.
 *
 * The rows are read by the rules of `validateResponses` (same id, duplicate-id, missing-data
 * and cell rules) against `managementInstrument(instrument)`: the same items, dimensions,
 * scale and reverse keys, asked as expectations only. Beyond those rules:
 * - a declared `options.scale` other than the instrument's throws `invalid-input`
 *   (`scale-mismatch`);
 * - answers outside the instrument's scale are each an `out-of-range` issue (the answer is
 *   missing), and the file as a whole gets one `scale-mismatch` issue saying how many there are
 *   (the usual sign of a file on another scale);
 * - a column that looks like an estimate (`E_<id>`, or the `columns.expectation` template) of an
 *   item the instrument lacks is an `unknown-item-column` issue (the column is ignored).
 *
 * @param input - Row objects, or a `{ header, rows }` table.
 * @param instrument - The customer instrument (a format that asks expectations, e.g.
 *   `instruments.servqual22`).
 * @param options - Validation options plus `scale`.
 * @returns The managers' dataset and report.
 * @throws {ServqualError} `invalid-argument`, `invalid-options`, `invalid-input`
 *   (`scale-mismatch`, no known column), `empty-input`, `no-usable-rows`.
 *
 * @example
 * const managers = validateManagementSurvey(
 *   [{ respondent_id: "m1", E_1: 6 }, { respondent_id: "m2", E_1: 5 }],
 *   oneItemInstrument,
 * );
 * managers.dataset.facets.expectation?.[0] //=> Float32Array [6, 5]
 * managers.report.rowsUsed //=> 2
 */
export function validateManagementSurvey(
  input: ResponseRecords | ResponseTable,
  instrument: Instrument,
  options: ManagementSurveyOptions = {},
): ManagementSurvey {
  const fn = "validateManagementSurvey";
  if (
    !Array.isArray(input) &&
    (input === null || typeof input !== "object" || !Array.isArray((input as ResponseTable).rows))
  ) {
    throw invalidArgument(fn, "input", ROWS, input);
  }
  const twin = prepareManagementRead(fn, instrument, options);
  const validated = validateResponses(input, twin.instrument, twin.options);
  return finishManagementSurvey(validated, instrument, twin.options);
}

/**
 * The checks and the expectation-only instrument shared by {@link validateManagementSurvey}
 * and `readManagementSurveyCsv`: the options with the `managers` default population and
 * without `scale`.
 */
export function prepareManagementRead<O extends ManagementSurveyOptions>(
  fn: string,
  instrument: Instrument,
  options: O,
  extraKeys: readonly string[] = [],
): { readonly instrument: Instrument; readonly options: Omit<O, "scale"> } {
  expectShape(fn, "instrument", instrument, shapes.instrument);
  checkOptionKeys(fn, options, [...MANAGEMENT_SURVEY_OPTIONS, ...extraKeys]);
  const { scale, ...rest } = options ?? ({} as O);
  checkDeclaredScale(fn, instrument, scale);
  const population = (rest as ValidationOptions).population;
  return {
    instrument: managementInstrument(instrument),
    options: {
      ...rest,
      population: { ...population, default: population?.default ?? "managers" },
    } as Omit<O, "scale">,
  };
}

/**
 * The instrument managers answer: the customer instrument's items, dimensions, scale and
 * reverse keys in the `expectation-only` format (one estimate per item). An `expectation-only`
 * instrument is returned as it is.
 *
 * @param instrument - A customer instrument whose format asks expectations.
 * @returns Its frozen expectation-only twin (same id).
 * @throws {ServqualError} `invalid-argument` when the format asks no expectations.
 *
 * @example
 * managementInstrument(instruments.servqual22).format //=> "expectation-only"
 */
export function managementInstrument(instrument: Instrument): Instrument {
  expectShape("managementInstrument", "instrument", instrument, shapes.instrument);
  if (!facetsOf(instrument.format).includes("expectation")) {
    throw invalidArgument(
      "managementInstrument",
      "instrument",
      "an instrument whose format asks expectations (expectation-perception or expectation-only)",
      instrument,
      ` of format "${instrument.format}"`,
    );
  }
  if (instrument.format === "expectation-only") return instrument;
  return deepFreeze({ ...instrument, format: "expectation-only" as const });
}

/** Adds the file-level checks to a validated management survey. */
export function finishManagementSurvey(
  validated: ValidatedResponses,
  instrument: Instrument,
  options: ValidationOptions,
): ManagementSurvey {
  const { report } = validated;
  const limits = {
    issueLimit: options.issueLimit ?? 1000,
    excludedLimit: options.excludedLimit ?? 1000,
  };
  const log = new IssueLog(limits);
  const template = options.columns?.expectation ?? "E_{item}";
  const known = new Set(instrument.dimensions.flatMap((d) => d.items.map((item) => item.id)));
  for (const column of report.columns.ignored) {
    const item = itemOfColumn(template, column);
    if (item !== null && !known.has(item)) {
      log.record({
        code: "unknown-item-column",
        message: `the column "${column}" reads as an estimate of item "${item}", which the instrument "${instrument.id}" does not have; the column is ignored`,
        row: 0,
        column,
      });
    }
  }
  const outside = report.issueCounts["out-of-range"] ?? 0;
  if (outside > 0) {
    const { min, max } = instrument.scale;
    log.record({
      code: "scale-mismatch",
      message: `${outside} answer${outside === 1 ? " lies" : "s lie"} outside the instrument's scale ${min}–${max} (each an out-of-range issue): the file may be on another scale; managers' estimates must use the customers' scale`,
      row: 0,
    });
  }
  const merged: ValidationReport =
    log.issueCount === 0
      ? report
      : { ...report, ...mergeIssueLogs([report, log.summary()], limits) };
  return {
    kind: "management-survey",
    customerInstrument: instrument.id,
    dataset: validated.dataset as Dataset,
    report: merged,
  };
}

function checkDeclaredScale(
  fn: string,
  instrument: Instrument,
  scale: DeclaredScale | undefined,
): void {
  if (scale === undefined) return;
  const valid =
    scale !== null &&
    typeof scale === "object" &&
    Number.isFinite(scale.min) &&
    Number.isFinite(scale.max) &&
    (scale.step === undefined || (Number.isFinite(scale.step) && scale.step > 0));
  if (!valid) {
    throw new ServqualError("invalid-options", `${fn}: the options are not valid.`, [
      {
        code: "invalid-option",
        message: "scale must be { min, max, step? } with finite numbers (step > 0)",
        path: ["scale"],
      },
    ]);
  }
  const own = instrument.scale;
  const step = scale.step ?? 1;
  if (scale.min !== own.min || scale.max !== own.max || step !== own.step) {
    const issue: Issue = {
      code: "scale-mismatch",
      message: `the management file is on the scale ${scale.min}–${scale.max} (step ${step}) but the customers' instrument "${instrument.id}" uses ${own.min}–${own.max} (step ${own.step}); estimates on another scale cannot be compared with customers' expectations (recode the file to the customers' scale first)`,
      path: ["scale"],
    };
    throw new ServqualError("invalid-input", `${fn}: the management file is on another scale.`, [
      issue,
    ]);
  }
}

/** The item id a column name stands for under a `…{item}…` template, or null. */
function itemOfColumn(template: string, column: string): string | null {
  const at = template.indexOf("{item}");
  if (at < 0) return null;
  const before = template.slice(0, at);
  const after = template.slice(at + "{item}".length);
  if (
    (before.length === 0 && after.length === 0) ||
    column.length <= before.length + after.length ||
    !column.startsWith(before) ||
    !column.endsWith(after)
  ) {
    return null;
  }
  return column.slice(before.length, column.length - after.length);
}
