import { readFile } from "node:fs/promises";
import { closest } from "./closest";
import { UsageError } from "./usageError";

/** The column names a `--columns MAP.json` file gives (the `columns` and `rename` options). */
export interface ColumnMap {
  readonly columns: {
    readonly id?: string;
    readonly date?: string;
    readonly segments?: readonly string[];
    readonly covariates?: readonly string[];
    readonly population?: string;
    readonly expectation?: string;
    readonly perception?: string;
    readonly adequate?: string;
    readonly desired?: string;
    readonly importance?: string;
    readonly weight?: string;
  };
  readonly rename: ReadonlyMap<string, string>;
}

const NAMES = ["id", "date", "population"] as const;
const ITEM_TEMPLATES = ["expectation", "perception", "adequate", "desired", "importance"] as const;
const KEYS = [...NAMES, "segments", "covariates", ...ITEM_TEMPLATES, "weight", "rename"];

/**
 * Reads and checks a `--columns` file: one JSON object whose keys are the roles of
 * `options.columns` (`id`, `date`, `population`: a column name; `segments`, `covariates`: an
 * array of column names;
 * `expectation`, `perception`, `adequate`, `desired`, `importance`: a template containing
 * `{item}`; `weight`: a template containing `{dimension}`) and `rename` (an object, source
 * column name → name used by the roles), e.g.
 * `{"id": "Respondent", "perception": "Perf{item}", "rename": {"Q1e": "E_1"}}`.
 *
 * @param path - The file named by `--columns`.
 * @returns The columns and renames it gives.
 * @throws {UsageError} when the file cannot be read, is not JSON, is not an object, has an
 * unknown key (naming the closest valid one) or a value of the wrong kind.
 *
 * @example
 * const map = await readColumnMap("columns.json");
 * map.columns.id //=> "Respondent"
 */
export async function readColumnMap(path: string): Promise<ColumnMap> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      `--columns ${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a JSON file" : `cannot be read (${code ?? String(error)})`}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new UsageError(
      `--columns ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return checkColumnMap(value, path);
}

/**
 * Checks the parsed content of a `--columns` file (see `readColumnMap`).
 *
 * @throws {UsageError} naming the file, the key and what is expected.
 */
export function checkColumnMap(value: unknown, path: string): ColumnMap {
  const where = `--columns ${path}`;
  if (!isPlainObject(value)) {
    throw new UsageError(
      `${where} must hold a JSON object such as {"id": "Respondent", "perception": "Perf{item}"}, not ${describe(value)}`,
    );
  }
  const problems: string[] = [];
  const columns: Record<string, string | string[]> = {};
  let rename = new Map<string, string>();
  for (const [key, entry] of Object.entries(value)) {
    if (!KEYS.includes(key)) {
      const hint = key === "columns" ? "id" : closest(key, KEYS);
      problems.push(
        `unknown key "${key}"${hint === undefined ? "" : `; did you mean "${hint}"?`} (valid keys: ${KEYS.join(", ")}${key === "columns" ? "; the roles are at the top level" : ""})`,
      );
    } else if (key === "segments" || key === "covariates") {
      if (!Array.isArray(entry) || !entry.every((s) => typeof s === "string" && s.length > 0)) {
        problems.push(`"${key}" must be an array of column names, not ${describe(entry)}`);
      } else columns[key] = entry as string[];
    } else if (key === "rename") {
      if (!isPlainObject(entry)) {
        problems.push(
          `"rename" must be an object of "source name": "new name", not ${describe(entry)}`,
        );
        continue;
      }
      rename = new Map();
      for (const [from, to] of Object.entries(entry)) {
        if (typeof to !== "string" || to.length === 0 || from.length === 0) {
          problems.push(`"rename" maps "${from}" to ${describe(to)}; both must be non-empty names`);
        } else rename.set(from, to);
      }
    } else if (typeof entry !== "string" || entry.length === 0) {
      problems.push(`"${key}" must be a non-empty string, not ${describe(entry)}`);
    } else {
      const placeholder = key === "weight" ? "{dimension}" : "{item}";
      if ((ITEM_TEMPLATES as readonly string[]).includes(key) || key === "weight") {
        if (!entry.includes(placeholder)) {
          problems.push(
            `"${key}" is a template and must contain ${placeholder} (e.g. "${key === "weight" ? "W_{dimension}" : "Q{item}"}"), not "${entry}"`,
          );
          continue;
        }
      }
      columns[key] = entry;
    }
  }
  if (problems.length > 0) {
    throw new UsageError(`${where}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
  return { columns, rename };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 37)}…` : value}"`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
