export type { StageEvidence } from "./assessStage";
export { classifyStage, type NextStage, type StageAssessment } from "./classifyStage";
export {
  type AtRiskCustomer,
  type DissolutionSignal,
  type DissolutionWarningOptions,
  type DissolutionWarnings,
  dissolutionWarnings,
  type SignalEvidence,
} from "./dissolutionWarnings";
export { eventJsonSchema, eventRecordSchema } from "./eventSchema";
export { EVENT_TYPES, type EventType, type Initiator } from "./eventTypes";
export type {
  ComplaintFeatures,
  CustomerFeatures,
  FeatureOptions,
  RelationshipFeaturesResult,
  ValueTrend,
  WindowFeatures,
} from "./featureTypes";
export {
  type Gap5ByStageOptions,
  type Gap5ByStageResult,
  gap5ByStage,
  type StageGap5,
  type UngroupedRespondent,
} from "./gap5ByStage";
export { relationshipFeatures } from "./relationshipFeatures";
export {
  CRITERIA,
  type Criterion,
  DEFAULT_STAGE_RULES,
  STAGES,
  type Stage,
  type StageRules,
  type StageRulesInput,
} from "./stageRules";
export {
  type CustomerTimeline,
  type StageTimeline,
  type StageTimelineOptions,
  stageTimeline,
} from "./stageTimeline";
export { type StageTransitions, stageTransitions } from "./stageTransitions";
export type {
  EventOptions,
  EventRecord,
  EventSet,
  EventValidationReport,
  TimestampInput,
  ValidatedEvents,
} from "./types";
export { validateEvents } from "./validateEvents";
