/** Gap 1 inputs: the managers' dataset, the same-instrument check, expectation columns, scores. */
import { expectShape, shapes } from "../_lib/guards";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";
import type { Dataset } from "../responses/types";
import type { ManagementSurvey } from "../responses/validateManagementSurvey";

const FN = "gap1";

/** The managers' dataset of a management survey, or the dataset itself. */
export function managersDataset(managers: ManagementSurvey | Dataset): Dataset {
  if (
    managers !== null &&
    typeof managers === "object" &&
    (managers as ManagementSurvey).kind === "management-survey"
  ) {
    const { dataset } = managers as ManagementSurvey;
    expectShape(FN, "managers.dataset", dataset, shapes.dataset);
    return dataset;
  }
  expectShape(FN, "managers", managers, {
    what: "a ManagementSurvey (from validateManagementSurvey) or a Dataset of managers' estimates",
    fields: shapes.dataset.fields,
  });
  return managers as Dataset;
}

export function checkSameInstrument(customers: Instrument, managers: Instrument): void {
  const issues: Issue[] = [];
  const a = customers.scale;
  const b = managers.scale;
  if (a.min !== b.min || a.max !== b.max || a.step !== b.step) {
    issues.push({
      code: "scale-mismatch",
      message: `customers answered on ${a.min}–${a.max} (step ${a.step}) but managers on ${b.min}–${b.max} (step ${b.step}); Gap 1 needs one scale`,
      path: ["managers", "instrument", "scale"],
    });
  }
  const layout = (instrument: Instrument) =>
    instrument.dimensions
      .map((d) => `${d.id}:${d.items.map((item) => item.id).join(",")}`)
      .join(";");
  if (layout(customers) !== layout(managers)) {
    issues.push({
      code: "instrument-mismatch",
      message: `the managers' instrument "${managers.id}" does not have the dimensions and items of the customers' instrument "${customers.id}" in the same order; read the management file with the customers' instrument`,
      path: ["managers", "instrument"],
    });
  }
  if (issues.length > 0) {
    throw new ServqualError("invalid-input", `${FN}: customers and managers do not match.`, issues);
  }
}

export function expectationColumns(dataset: Dataset, who: string): readonly ArrayLike<number>[] {
  const columns = dataset.facets.expectation;
  if (columns === undefined) {
    throw new ServqualError(
      "invalid-input",
      `${FN}: the ${who}' dataset has no expectation answers.`,
      [
        {
          code: "absent-facet",
          message: `the ${who}' dataset (format "${dataset.instrument.format}") has no expectation answers`,
          path: [who],
        },
      ],
    );
  }
  return columns;
}

export function noOne(
  who: "managers" | "customers",
  code: "no-managers" | "no-customers",
): ServqualError {
  return new ServqualError("invalid-input", `${FN}: no ${who} to compare.`, [
    {
      code,
      message: `no ${who === "managers" ? "manager" : "customer"} has a score on any dimension (or the row selection is empty); Gap 1 needs at least one`,
      path: [who],
    },
  ]);
}

/** The finite values of a column, as a Float64Array. */
export function finite(column: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < column.length; i++) if (Number.isFinite(column[i])) count += 1;
  const out = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (Number.isFinite(v)) out[at++] = v;
  }
  return out;
}

/** Per respondent: the mean of their scored dimensions (NaN when none is scored). */
export function meanOfScored(dimensions: readonly Float64Array[]): Float64Array {
  const n = dimensions[0]?.length ?? 0;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let sum = 0;
    let count = 0;
    for (const column of dimensions) {
      const v = column[r] as number;
      if (!Number.isNaN(v)) {
        sum += v;
        count += 1;
      }
    }
    out[r] = count === 0 ? Number.NaN : sum / count;
  }
  return out;
}

export function countScored(values: Float64Array): number {
  let count = 0;
  for (const v of values) if (!Number.isNaN(v)) count += 1;
  return count;
}
