import { isRecord } from "../_lib/checkArgument";
import { checkOptionKeys } from "../_lib/checkOptionKeys";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import {
  CRITERIA,
  type Criterion,
  DEFAULT_STAGE_RULES,
  type StageRules,
  type StageRulesInput,
} from "./stageRules";

const RULE_KEYS = Object.keys(DEFAULT_STAGE_RULES);

/**
 * Stage rules with defaults filled in and every value checked (finite numbers; weights ≥ 0).
 *
 * @throws {ServqualError} `invalid-options`.
 */
export function resolveStageRules(fn: string, rules: unknown, param = "rules"): StageRules {
  if (rules === undefined) return DEFAULT_STAGE_RULES;
  checkOptionKeys(fn, rules, RULE_KEYS, param);
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
  if (issues.length > 0)
    throw new ServqualError("invalid-options", `${fn}: the rules are not valid.`, issues);
  return out as unknown as StageRules;
}
