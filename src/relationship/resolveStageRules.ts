import { isRecord } from "../_lib/checkArgument";
import { checkOptionKeys } from "../_lib/checkOptionKeys";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import {
  CRITERIA,
  type Criterion,
  DEFAULT_STAGE_RULES,
  DEFAULT_TRUST_STAGE_RULES,
  type StageRules,
  type StageRulesInput,
  type TrustStageRules,
} from "./stageRules";

const RULE_KEYS = Object.keys(DEFAULT_STAGE_RULES);
const TRUST_KEYS = Object.keys(DEFAULT_TRUST_STAGE_RULES);

/**
 * Stage rules with defaults filled in and every value checked (finite numbers; weights ≥ 0).
 *
 * @throws {ServqualError} `invalid-options`.
 */
export function resolveStageRules(fn: string, rules: unknown, param = "rules"): StageRules {
  if (rules === undefined) return DEFAULT_STAGE_RULES;
  checkOptionKeys(fn, rules, [...RULE_KEYS, "trust"], param);
  const input = rules as StageRulesInput;
  const issues: Issue[] = [];
  const out: Record<string, unknown> = { ...DEFAULT_STAGE_RULES };
  for (const key of RULE_KEYS) {
    if (key === "weights") continue;
    const value = (input as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      issues.push({
        code: "invalid-option",
        message: `${param}.${key} must be a finite number`,
        path: [param, key],
      });
    } else out[key] = value;
  }
  if (input.weights !== undefined) {
    checkOptionKeys(fn, input.weights, CRITERIA, `${param}.weights`);
    const weights: Record<string, number> = { ...DEFAULT_STAGE_RULES.weights };
    if (isRecord(input.weights)) {
      for (const [criterion, weight] of Object.entries(input.weights)) {
        if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
          issues.push({
            code: "invalid-option",
            message: `${param}.weights.${criterion} must be a finite number ≥ 0`,
            path: [param, "weights", criterion],
          });
        } else weights[criterion as Criterion] = weight;
      }
    }
    out.weights = weights;
  }
  if (input.trust !== undefined) out.trust = trustRules(fn, input.trust, param, issues);
  if (issues.length > 0)
    throw new ServqualError("invalid-options", `${fn}: the rules are not valid.`, issues);
  return out as unknown as StageRules;
}

/**
 * `rules.trust` with defaults filled in: minimums and the dissolution limit on the 0–100 index
 * scale (`dissolutionBelow` may be null: low trust not read).
 */
function trustRules(fn: string, input: unknown, param: string, issues: Issue[]): TrustStageRules {
  checkOptionKeys(fn, input, TRUST_KEYS, `${param}.trust`);
  const out: Record<string, number | null> = { ...DEFAULT_TRUST_STAGE_RULES };
  if (!isRecord(input)) {
    issues.push({
      code: "invalid-option",
      message: `${param}.trust must be an object { commitmentMin?, trustMin?, dissolutionBelow? }`,
      path: [param, "trust"],
    });
    return out as unknown as TrustStageRules;
  }
  for (const key of TRUST_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (value === null && key === "dissolutionBelow") {
      out[key] = null;
    } else if (typeof value !== "number" || !(value >= 0 && value <= 100)) {
      issues.push({
        code: "invalid-option",
        message: `${param}.trust.${key} must be a number from 0 to 100${key === "dissolutionBelow" ? " or null" : ""}`,
        path: [param, "trust", key],
      });
    } else out[key] = value;
  }
  return out as unknown as TrustStageRules;
}
