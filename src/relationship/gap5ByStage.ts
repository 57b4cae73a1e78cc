import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { type Gap5Options, type Gap5Result, gap5 } from "../gaps/gap5";
import { checkRows } from "../responses/rowSelection";
import type { Dataset } from "../responses/types";
import { customerIds } from "./customerIds";
import { type StageInput, stageLookup } from "./stageLookup";
import { STAGES, type Stage } from "./stageRules";

/** Options of {@link gap5ByStage}: those of `gap5`, and how respondents join customers. */
export interface Gap5ByStageOptions extends Gap5Options {
  /** A segment column holding each respondent's CRM customer id (default: the respondent id). */
  readonly customerColumn?: string;
  /** How many unmatched respondents are listed in full (all are counted; default 1,000). */
  readonly listLimit?: number;
}

/** Gap 5 of the respondents whose customer is in one stage. */
export interface StageGap5 {
  readonly stage: Stage;
  /** Respondents of the stage. */
  readonly respondents: number;
  /** Gap 5 of those respondents (the core's row selection); null when the stage has none. */
  readonly gap5: Gap5Result | null;
  readonly warnings: readonly Notice[];
}

/** A survey respondent that could not be joined to a stage. */
export interface UnmatchedRespondent {
  readonly respondent: string;
  /** 1-based data row of the survey. */
  readonly row: number;
  /** The customer id read (null when blank). */
  readonly customer: string | null;
}

/** Result of {@link gap5ByStage}. */
export interface Gap5ByStageResult {
  readonly kind: "gap5-by-stage";
  /** Respondents selected = matched + unmatched. */
  readonly respondents: number;
  readonly matched: number;
  /** Respondents whose customer has no stage: counted and listed, never dropped silently. */
  readonly unmatched: {
    readonly count: number;
    readonly listed: readonly UnmatchedRespondent[];
    readonly truncated: boolean;
  };
  /** One entry per stage, in stage order (awareness … dissolution). */
  readonly stages: readonly StageGap5[];
  readonly warnings: readonly Notice[];
}

const OPTIONS = optionNames<Gap5ByStageOptions>({
  level: true,
  pAdjust: true,
  reliability: true,
  dropConstantItems: true,
  rows: true,
  customerColumn: true,
  listLimit: true,
});

/**
 * Gap 5 split by relationship stage: each survey respondent is joined to its CRM customer (the
 * respondent id, or the segment column `customerColumn`) and that customer's stage, and
 * `gap5` runs on each stage's respondents through the core's row selection (`rows`), so each
 * table equals Gap 5 of a dataset holding just those respondents. Respondents whose customer
 * has no stage are counted and listed in `unmatched` (warning `no-stage`); matched + unmatched
 * = respondents selected. A team sees what disappoints committed customers against new ones.
 *
 * @param dataset - A SERVQUAL dataset (expectation and perception).
 * @param stages - Stages by customer: `classifyStage` results or a `{ customer: stage }` record.
 * @param options - The options of `gap5`, `customerColumn`, `listLimit`.
 * @returns One Gap 5 result per stage with respondents, and the unmatched respondents.
 * @throws {ServqualError} `invalid-argument`; as `gap5`.
 *
 * @example
 * const byStage = gap5ByStage(dataset, { R0001: "commitment", R0002: "exploration" });
 * byStage.stages.find((s) => s.stage === "commitment")?.gap5?.overall.unweighted.mean
 */
export function gap5ByStage(
  dataset: Dataset,
  stages: StageInput,
  options: Gap5ByStageOptions = {},
): Gap5ByStageResult {
  const fn = "gap5ByStage";
  expectShape(fn, "dataset", dataset, shapes.dataset);
  const stageOf = stageLookup(fn, "stages", stages);
  checkOptionKeys(fn, options, OPTIONS);
  if (options.customerColumn !== undefined && typeof options.customerColumn !== "string") {
    throw invalidArgument(
      fn,
      "options.customerColumn",
      "a segment column name",
      options.customerColumn,
    );
  }
  const limit = options.listLimit ?? 1000;
  if (!Number.isInteger(limit) || limit < 0) {
    throw invalidArgument(fn, "options.listLimit", "a whole number ≥ 0", limit);
  }
  const selected = checkRows(fn, options.rows, dataset.n);
  const customers = customerIds(fn, dataset, options.customerColumn);
  const { customerColumn: _c, listLimit: _l, rows: _r, ...gapOptions } = options;
  const groups: number[][] = STAGES.map(() => []);
  const listed: UnmatchedRespondent[] = [];
  let unmatched = 0;
  const n = selected === null ? dataset.n : selected.length;
  for (let i = 0; i < n; i++) {
    const r = selected === null ? i : (selected[i] as number);
    const customer = customers[r] ?? null;
    const stage = customer === null ? undefined : stageOf.get(customer);
    if (stage === undefined) {
      unmatched += 1;
      if (listed.length < limit) {
        listed.push({
          respondent: dataset.ids[r] as string,
          row: dataset.sourceRows[r] as number,
          customer,
        });
      }
      continue;
    }
    groups[STAGES.indexOf(stage)]?.push(r);
  }
  const perStage: StageGap5[] = STAGES.map((stage, s) => {
    const rows = groups[s] as number[];
    if (rows.length === 0) {
      return {
        stage,
        respondents: 0,
        gap5: null,
        warnings: [notice("no-data", `no respondent's customer is in the ${stage} stage`)],
      };
    }
    return {
      stage,
      respondents: rows.length,
      gap5: gap5(dataset, { ...gapOptions, rows: Int32Array.from(rows) }),
      warnings: [],
    };
  });
  const warnings: Notice[] = [];
  if (unmatched > 0) {
    warnings.push(
      notice(
        "no-stage",
        `${unmatched} of ${n} respondents could not be joined to a customer with a stage (listed in unmatched)`,
      ),
    );
  }
  return {
    kind: "gap5-by-stage",
    respondents: n,
    matched: n - unmatched,
    unmatched: { count: unmatched, listed, truncated: unmatched > listed.length },
    stages: perStage,
    warnings,
  };
}
