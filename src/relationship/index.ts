export type { StageEvidence } from "./assessStage";
export { classifyStage, type NextStage, type StageAssessment } from "./classifyStage";
export type {
  CommitmentEvidence,
  CommitmentEvidenceRecord,
  EvidenceReport,
} from "./commitmentEvidence";
export {
  type CommitmentIndexOptions,
  type CommitmentIndexResult,
  type CustomerCommitment,
  commitmentIndex,
} from "./commitmentIndex";
export {
  type AnswerSource,
  type CustomerProfile,
  type CustomerProfileOptions,
  customerProfile,
  type ExpectationChange,
  type LastGap5,
} from "./customerProfile";
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
export {
  commitmentEvidenceFromFeatures,
  type EvidenceFromFeaturesOptions,
} from "./evidenceFromFeatures";
export type { FacetScore, FacetSummary, IndexSummary } from "./facetScores";
export type { FacetWeights } from "./facetWeights";
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
  type LeftOutReason,
  type StageGap5,
  type StageSource,
  type UngroupedRespondent,
  type UnmatchedRespondent,
} from "./gap5ByStage";
export {
  type Gap5ByStageTimelineOptions,
  type Gap5ByStageTimelineResult,
  gap5ByStageTimeline,
  type TimelineStageGap5,
} from "./gap5ByStageTimeline";
export type {
  RepeatedCustomers,
  RepeatedResponse,
  RepeatedResponses,
} from "./latestPerCustomer";
export { relationshipFeatures } from "./relationshipFeatures";
export {
  type CustomerQuality,
  type QualityBand,
  type RelationshipQualityOptions,
  type RelationshipQualityResult,
  relationshipQuality,
  type StageJoinReport,
  type StageQuality,
  type UnjoinedRespondent,
} from "./relationshipQuality";
export type { StageJoinAt, StageJoinReason } from "./stageJoin";
export type { StageInput } from "./stageLookup";
export {
  CRITERIA,
  type Criterion,
  DEFAULT_STAGE_RULES,
  DEFAULT_TRUST_STAGE_RULES,
  STAGES,
  type Stage,
  type StageRules,
  type StageRulesInput,
  type SurveyCriterion,
  type SurveyIndices,
  type TrustStageRules,
} from "./stageRules";
export {
  type CustomerTimeline,
  type StageTimeline,
  type StageTimelineOptions,
  stageTimeline,
} from "./stageTimeline";
export { type StageTransitions, stageTransitions } from "./stageTransitions";
export type { SurveyByCustomer } from "./surveyByCustomer";
export {
  type BasisEvidence,
  type TrustBasisKind,
  type TrustBasisOptions,
  type TrustBasisResult,
  trustBasis,
} from "./trustBasis";
export {
  type CustomerTrust,
  type RelationshipIndexOptions,
  type TrustIndexResult,
  trustIndex,
} from "./trustIndex";
export type {
  EventOptions,
  EventRecord,
  EventSet,
  EventValidationReport,
  TimestampInput,
  ValidatedEvents,
} from "./types";
export { validateEvents } from "./validateEvents";
