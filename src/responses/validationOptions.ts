import * as z from "zod";
import { optionNames } from "../_lib/checkOptionKeys";
import { lazy } from "../_lib/lazy";
import { ServqualError } from "../_lib/ServqualError";
import { zodIssues } from "../_lib/zodIssues";
import { FACET_NAMES, FACETS } from "../instrument/facets";
import type { Facet } from "../instrument/types";
import { type PopulationVocabulary, populationCode, populationVocabulary } from "./populations";
import type { MissingPolicy } from "./types";

const missingSchema = /* @__PURE__ */ lazy(() =>
  z.union([
    z.literal("listwise"),
    z.literal("pairwise"),
    z.strictObject({
      minimumShare: z.number().gt(0).lte(1),
      atLeast: z.number().int().positive().optional(),
    }),
  ]),
);

/** Zod schema of the options of `validateResponses` and `readResponsesCsv` (built on first call). */
export const validationOptionsSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    columns: z
      .strictObject({
        id: z.string().min(1).optional(),
        date: z.string().min(1).optional(),
        segments: z.array(z.string().min(1)).optional(),
        covariates: z.array(z.string().min(1)).optional(),
        population: z.string().min(1).optional(),
        ...(Object.fromEntries(
          FACET_NAMES.map((facet) => [facet, z.string().includes("{item}").optional()]),
        ) as { [F in Facet]: z.ZodOptional<z.ZodString> }),
        importance: z.string().includes("{item}").optional(),
        weight: z.string().includes("{dimension}").optional(),
      })
      .optional(),
    rename: z.record(z.string(), z.string()).optional(),
    population: z
      .strictObject({
        default: z.string().min(1).optional(),
        labels: z.array(z.string()).optional(),
      })
      .optional(),
    missing: missingSchema().optional(),
    invalidAnswers: z.enum(["missing", "exclude-row"]).optional(),
    weights: z
      .strictObject({
        tolerance: z.number().min(0).max(50).optional(),
        onMismatch: z.enum(["reject", "rescale"]).optional(),
      })
      .optional(),
    maxCellLength: z.number().int().positive().optional(),
    issueLimit: z.number().int().nonnegative().optional(),
    excludedLimit: z.number().int().nonnegative().optional(),
  }),
);

/**
 * Options of `validateResponses`.
 * - `columns`: names of the id, date and segment columns, of the numeric covariate columns
 *   (`covariates`, e.g. `["temperature", "tenure"]`) and of the population column
 *   (`population`, e.g. `"role"`), and column templates (`{item}` / `{dimension}` stand for
 *   the id): defaults `respondent_id`, `date`, no segments, covariates or population column,
 *   `E_{item}`, `P_{item}`, `MIN_{item}`, `DES_{item}`, `I_{item}`, `W_{dimension}`.
 * - `population`: `default`, the population of respondents without a population column or
 *   with a blank cell in it (e.g. `"managers"` for a file of managers' estimates), and
 *   `labels`, populations beyond the built-in customers, managers and employees (plain names,
 *   see `POPULATION_LABEL`). Population cells are matched to the labels without regard to
 *   case (built-in labels also in the singular); a cell naming no label excludes its row.
 * - `rename`: source column name → name used above, applied first (a column map).
 * - `missing`: `"listwise"`, `"pairwise"` or `{ minimumShare, atLeast? }` (default
 *   `{ minimumShare: 0.5 }`): a dimension score needs max(atLeast, ⌈minimumShare·k⌉) of its k
 *   items; `{ minimumShare: 0.5, atLeast: 2 }` is the index rule max(2, ⌈k/2⌉).
 * - `invalidAnswers`: a rejected answer becomes missing (`"missing"`, default) or excludes its row.
 * - `weights`: importance points must sum to 100 ± `tolerance` (default 1); otherwise
 *   `"reject"` (default: the row's weights are dropped, the row stays) or `"rescale"` to 100.
 * - `maxCellLength`: longer cells are rejected (default 1000 characters).
 * - `issueLimit`: how many issues are listed in full (default 1000; all are counted).
 * - `excludedLimit`: how many excluded rows are listed with their reasons (default 1000; all are
 *   counted in `rowsExcluded`, and `excludedRowsTruncated` says when the list is cut).
 */
export type ValidationOptions = z.input<ReturnType<typeof validationOptionsSchema>>;

/** Options with every default filled in. */
export interface ResolvedValidationOptions {
  readonly idColumn: string;
  readonly dateColumn: string;
  readonly segmentColumns: readonly string[];
  readonly covariateColumns: readonly string[];
  /** The population column, or null. */
  readonly populationColumn: string | null;
  readonly populations: PopulationVocabulary;
  /** Code of `population.default` in `populations`, or -1 when none is given. */
  readonly populationDefault: number;
  readonly templates: {
    readonly [F in Facet]: string;
  } & {
    readonly importance: string;
    readonly weight: string;
  };
  readonly rename: ReadonlyMap<string, string>;
  readonly missing: MissingPolicy;
  readonly invalidAnswers: "missing" | "exclude-row";
  readonly weightTolerance: number;
  readonly weightMismatch: "reject" | "rescale";
  readonly maxCellLength: number;
  readonly issueLimit: number;
  readonly excludedLimit: number;
}

/**
 * Checks validation options and fills in the defaults.
 *
 * @throws {ServqualError} `invalid-options` naming each bad option.
 */
export function resolveValidationOptions(
  options: ValidationOptions = {},
): ResolvedValidationOptions {
  const parsed = validationOptionsSchema().safeParse(options);
  if (!parsed.success) {
    throw new ServqualError(
      "invalid-options",
      "The validation options are not valid.",
      zodIssues(validationOptionsSchema(), parsed.error.issues, "option"),
    );
  }
  const o = parsed.data;
  const columns = o.columns ?? {};
  const { populations, populationDefault } = resolvePopulations(o.population);
  const missing: MissingPolicy =
    o.missing === "listwise"
      ? { kind: "listwise" }
      : o.missing === "pairwise"
        ? { kind: "pairwise" }
        : o.missing?.atLeast === undefined
          ? { kind: "minimum-share", share: o.missing?.minimumShare ?? 0.5 }
          : { kind: "minimum-share", share: o.missing.minimumShare, atLeast: o.missing.atLeast };
  return {
    idColumn: columns.id ?? "respondent_id",
    dateColumn: columns.date ?? "date",
    segmentColumns: columns.segments ?? [],
    covariateColumns: columns.covariates ?? [],
    populationColumn: columns.population ?? null,
    populations,
    populationDefault,
    templates: {
      ...(Object.fromEntries(
        FACET_NAMES.map((facet) => [facet, columns[facet] ?? `${FACETS[facet].prefix}{item}`]),
      ) as { [F in Facet]: string }),
      importance: columns.importance ?? "I_{item}",
      weight: columns.weight ?? "W_{dimension}",
    },
    rename: new Map(Object.entries(o.rename ?? {})),
    missing,
    invalidAnswers: o.invalidAnswers ?? "missing",
    weightTolerance: o.weights?.tolerance ?? 1,
    weightMismatch: o.weights?.onMismatch ?? "reject",
    maxCellLength: o.maxCellLength ?? 1000,
    issueLimit: o.issueLimit ?? 1000,
    excludedLimit: o.excludedLimit ?? 1000,
  };
}

/** The population vocabulary and the default's code; throws `invalid-options` naming a bad label. */
function resolvePopulations(option: { default?: string; labels?: string[] } | undefined): {
  populations: PopulationVocabulary;
  populationDefault: number;
} {
  const { vocabulary, issues } = populationVocabulary(option?.labels ?? []);
  const problems = [...issues];
  let populationDefault = -1;
  if (vocabulary !== null && option?.default !== undefined) {
    populationDefault = populationCode(vocabulary, option.default.trim());
    if (populationDefault === -1) {
      problems.push({
        code: "unknown-population",
        message: `the default population "${option.default.slice(0, 40)}" is not one of ${vocabulary.labels.join(", ")}; declare it in options.population.labels (--population-labels on the command line)`,
        path: ["population", "default"],
      });
    }
  }
  if (vocabulary === null || problems.length > 0) {
    throw new ServqualError("invalid-options", "The population options are not valid.", problems);
  }
  return { populations: vocabulary, populationDefault };
}

/** The names of the validation options (for functions that take them plus their own). */
export const VALIDATION_OPTIONS: readonly string[] = /* @__PURE__ */ optionNames<ValidationOptions>(
  {
    columns: true,
    rename: true,
    population: true,
    missing: true,
    invalidAnswers: true,
    weights: true,
    maxCellLength: true,
    issueLimit: true,
    excludedLimit: true,
  },
);
