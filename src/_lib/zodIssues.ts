import type { z } from "zod";
import { unknownOptionIssue } from "./checkOptionKeys";
import type { ZodIssueCode } from "./issueCode";
import type { Issue } from "./ServqualError";

type Path = readonly (string | number)[];

interface RawIssue {
  readonly code: string;
  readonly message: string;
  readonly path: readonly PropertyKey[];
  readonly keys?: readonly string[];
  readonly errors?: readonly (readonly RawIssue[])[];
}

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas a value at `path` may meet, through optional/default wrappers and unions. */
function schemasAt(schema: z.ZodType, path: Path): z.ZodType[] {
  let current: z.ZodType[] = [schema];
  for (const step of [...path, null]) {
    const next: z.ZodType[] = [];
    const visit = (s: z.ZodType): void => {
      const def = defOf(s);
      const inner = def.innerType ?? def.in;
      if (inner !== undefined) visit(inner);
      else if (def.type === "union") def.options?.forEach(visit);
      else if (step === null) next.push(s);
      else if (def.type === "object" && typeof step === "string" && def.shape?.[step]) {
        next.push(def.shape[step]);
      } else if (def.type === "array" && typeof step === "number" && def.element) {
        next.push(def.element);
      } else if (def.type === "record" && def.valueType) next.push(def.valueType);
    };
    current.forEach(visit);
    current = next;
  }
  return current;
}

/** The keys an object at `path` of `schema` may have. */
function keysAt(schema: z.ZodType, path: Path): string[] {
  const keys = schemasAt(schema, path).flatMap((s) => Object.keys(defOf(s).shape ?? {}));
  return [...new Set(keys)];
}

/**
 * Zod's issue codes → the project's kebab-case codes (listed in docs/codes.md). An issue code
 * zod may add later becomes `invalid-value`.
 */
export const ZOD_ISSUE_CODES: Readonly<Record<string, ZodIssueCode>> = {
  invalid_type: "invalid-type",
  too_small: "too-small",
  too_big: "too-large",
  invalid_format: "invalid-format",
  not_multiple_of: "off-step",
  unrecognized_keys: "unknown-option",
  invalid_union: "no-matching-form",
  invalid_key: "invalid-key",
  invalid_element: "invalid-element",
  invalid_value: "not-allowed",
  custom: "invalid-value",
};

/** The project's code for a zod issue code. */
export function zodIssueCode(code: string): ZodIssueCode {
  return Object.hasOwn(ZOD_ISSUE_CODES, code)
    ? (ZOD_ISSUE_CODES[code] as ZodIssueCode)
    : "invalid-value";
}

/**
 * Zod's issues in the project's own terms: kebab-case codes (`invalid-type`, `too-large`…,
 * see {@link ZOD_ISSUE_CODES}),
 * one `unknown-option` issue per unrecognised key naming the closest valid key, and a union
 * that failed on an unknown key reported through the branch that knew the value's shape.
 *
 * @param schema - The schema that was parsed (to find the valid keys).
 * @param issues - `error.issues` of a failed `safeParse`.
 * @param subject - How a path is introduced in messages: "option" gives `option columns.id: …`;
 * without it, `dimensions.0.id is …`.
 */
export function zodIssues(
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  subject = "",
): Issue[] {
  const out: Issue[] = [];
  const visit = (issue: RawIssue, prefix: Path): void => {
    const path: Path = [
      ...prefix,
      ...issue.path.map((key) => (typeof key === "symbol" ? String(key) : key)),
    ];
    if (issue.code === "unrecognized_keys") {
      const allowed = keysAt(schema, path);
      for (const key of issue.keys ?? []) out.push(unknownOptionIssue(key, allowed, path));
      return;
    }
    if (issue.code === "invalid_union" && issue.errors !== undefined) {
      const branch = issue.errors.find((b) => b.some((i) => i.code === "unrecognized_keys"));
      if (branch !== undefined) {
        for (const inner of branch) visit(inner, path);
        return;
      }
    }
    const at = path.join(".");
    const where = path.length === 0 ? "" : subject ? `${subject} ${at}: ` : `${at} `;
    out.push({ code: zodIssueCode(issue.code), message: `${where}${issue.message}`, path });
  };
  for (const issue of issues) visit(issue as unknown as RawIssue, []);
  return out;
}
