import { invalidArgument, isRecord } from "../_lib/guards";
import type { StageAssessment } from "./classifyStage";
import { STAGES, type Stage } from "./stageRules";

/** Relationship stages by customer: assessments (`classifyStage`) or a `{ customer: stage }` map. */
export type StageInput = readonly StageAssessment[] | Readonly<Record<string, Stage>>;

/**
 * The stage of each customer, from an array of stage assessments or a record of stages.
 *
 * @throws {ServqualError} `invalid-argument` for another shape or a stage that is not one of
 *   `STAGES` (the element is named).
 */
export function stageLookup(fn: string, param: string, stages: unknown): Map<string, Stage> {
  const out = new Map<string, Stage>();
  const check = (stage: unknown, where: string): Stage => {
    if (typeof stage !== "string" || !(STAGES as readonly string[]).includes(stage)) {
      throw invalidArgument(fn, where, `a stage (${STAGES.join(", ")})`, stage);
    }
    return stage as Stage;
  };
  if (Array.isArray(stages)) {
    stages.forEach((s: unknown, i) => {
      if (!isRecord(s) || typeof s.customer !== "string") {
        throw invalidArgument(fn, `${param}[${i}]`, "a stage assessment (from classifyStage)", s);
      }
      out.set(s.customer, check(s.stage, `${param}[${i}].stage`));
    });
    return out;
  }
  if (!isRecord(stages)) {
    throw invalidArgument(
      fn,
      param,
      "stage assessments (classifyStage results) or a { customer: stage } record",
      stages,
    );
  }
  for (const [customer, stage] of Object.entries(stages)) {
    out.set(customer, check(stage, `${param}.${customer}`));
  }
  return out;
}
