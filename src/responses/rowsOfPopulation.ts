import { expectKind, expectShape, invalidArgument, shapes } from "../_lib/guards";
import type { Dataset } from "./types";

/**
 * The respondents of one population, as a row selection: the indices r (ascending) with
 * `dataset.population.labels[dataset.population.codes[r]] === label`, matched without regard
 * to case. Gap 1 compares two such selections of one dataset (customers' expectations vs
 * managers' estimates of them; Parasuraman, Zeithaml & Berry 1985, J. Marketing 49(4)).
 *
 * @param dataset - A dataset read with a population column or a default population.
 * @param label - A label of `dataset.population.labels` (e.g. `"managers"`).
 * @returns The rows of that population (empty when the label has no respondent).
 * @throws {ServqualError} `invalid-argument` when the dataset has no population or the label
 * is not one of its labels.
 *
 * @example
 * const { dataset } = validateResponses(rows, instrument, { columns: { population: "role" } });
 * rowsOfPopulation(dataset, "managers") //=> Int32Array [1, 4]
 */
export function rowsOfPopulation(dataset: Dataset, label: string): Int32Array {
  expectShape("rowsOfPopulation", "dataset", dataset, shapes.dataset);
  expectKind("rowsOfPopulation", "label", label, "string", "a population label such as customers");
  const population = dataset.population;
  if (population === null || population === undefined) {
    throw invalidArgument(
      "rowsOfPopulation",
      "dataset",
      "a Dataset with a population (read with options.columns.population or options.population.default)",
      dataset,
      " without a population",
    );
  }
  const wanted = label.trim().toLowerCase();
  const code = population.labels.findIndex((known) => known.toLowerCase() === wanted);
  if (code === -1) {
    throw invalidArgument(
      "rowsOfPopulation",
      "label",
      `one of the dataset's populations (${population.labels.join(", ")})`,
      label,
      ` ${JSON.stringify(label.slice(0, 40))}`,
    );
  }
  const { codes } = population;
  let count = 0;
  for (let r = 0; r < codes.length; r++) if (codes[r] === code) count += 1;
  const rows = new Int32Array(count);
  let at = 0;
  for (let r = 0; r < codes.length; r++) if (codes[r] === code) rows[at++] = r;
  return rows;
}
