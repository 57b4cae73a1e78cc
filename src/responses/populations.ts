import type { Issue } from "../_lib/ServqualError";

/**
 * The populations servqual knows without being told: the customers who rate the service, the
 * managers who estimate what customers expect (Gap 1: customers' expectations vs managers'
 * estimates of them, Parasuraman, Zeithaml & Berry 1985, J. Marketing 49(4)), and the
 * employees who answer the gap-factor surveys (Zeithaml, Berry & Parasuraman 1988, J.
 * Marketing 52(2)). Further labels are declared in `options.population.labels`.
 */
export const BUILT_IN_POPULATIONS = ["customers", "managers", "employees"] as const;

/** Singular spellings accepted for the built-in labels in a population cell. */
const SINGULAR: Readonly<Record<string, string>> = {
  customer: "customers",
  manager: "managers",
  employee: "employees",
};

/**
 * A user-defined population label: 1 to 40 characters, starting with a letter or digit, then
 * letters, digits, spaces, `_`, `.` or `-` (so a label can never be a spreadsheet formula or
 * markup when it is written into a report).
 */
export const POPULATION_LABEL = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u;

/** At most this many user-defined labels (codes are stored in a Uint8Array). */
export const MAX_POPULATION_LABELS = 32;

/** The population vocabulary of a read: every label a cell may name, and how cells match. */
export interface PopulationVocabulary {
  /** Built-in labels first, then the declared ones, in the order given; a code indexes this. */
  readonly labels: readonly string[];
  /** Lower-cased spelling (label or singular form) → code. */
  readonly lookup: ReadonlyMap<string, number>;
}

/**
 * Builds the vocabulary from the declared labels, or lists what is wrong with them: a label
 * outside {@link POPULATION_LABEL}, or one that repeats another (case-insensitively,
 * including the built-in labels and their singular forms).
 *
 * @example
 * populationVocabulary(["franchisees"]).vocabulary?.labels //=> ["customers", "managers", "employees", "franchisees"]
 */
export function populationVocabulary(declared: readonly string[]): {
  readonly vocabulary: PopulationVocabulary | null;
  readonly issues: readonly Issue[];
} {
  const labels: string[] = [...BUILT_IN_POPULATIONS];
  const lookup = new Map<string, number>();
  labels.forEach((label, code) => {
    lookup.set(label, code);
  });
  for (const [singular, label] of Object.entries(SINGULAR)) {
    lookup.set(singular, labels.indexOf(label));
  }
  const issues: Issue[] = [];
  declared.forEach((raw, k) => {
    const label = raw.trim();
    const path = ["population", "labels", k];
    if (!POPULATION_LABEL.test(label)) {
      issues.push({
        code: "bad-population-label",
        message: `the population label ${JSON.stringify(label.slice(0, 40))} is not a plain name (1 to 40 letters, digits, spaces, "_", "." or "-", starting with a letter or digit)`,
        path,
      });
      return;
    }
    const key = label.toLowerCase();
    const other = lookup.get(key);
    if (other !== undefined) {
      issues.push({
        code: "duplicate-population-label",
        message: `the population label "${label}" repeats "${labels[other]}"; name each population once (customers, managers and employees are built in)`,
        path,
      });
      return;
    }
    lookup.set(key, labels.length);
    labels.push(label);
  });
  if (labels.length > BUILT_IN_POPULATIONS.length + MAX_POPULATION_LABELS) {
    issues.push({
      code: "too-many-population-labels",
      message: `at most ${MAX_POPULATION_LABELS} population labels can be declared`,
      path: ["population", "labels"],
    });
  }
  return { vocabulary: issues.length === 0 ? { labels, lookup } : null, issues };
}

/**
 * The code of a population cell's trimmed text: its label, matched without regard to case
 * (the built-in labels also in the singular), or -1 when the text names no population.
 *
 * @example
 * populationCode(populationVocabulary([]).vocabulary, "Manager") //=> 1
 */
export function populationCode(vocabulary: PopulationVocabulary, text: string): number {
  return vocabulary.lookup.get(text.toLowerCase()) ?? -1;
}

/** The labels of a vocabulary for a message: "customers, managers, employees or franchisees". */
export function listPopulations(vocabulary: PopulationVocabulary): string {
  const { labels } = vocabulary;
  return labels.length === 1
    ? (labels[0] as string)
    : `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}
