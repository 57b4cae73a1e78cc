export {
  COMPLAINT_CHANNELS,
  type Complaint,
  type ComplaintChannel,
  type ComplaintInput,
  type ComplaintSet,
  type ComplaintValidationOptions,
  type SatisfactionScale,
  validateComplaints,
} from "./complaints";
export type { LogisticFit } from "./logisticDepth";
export type { SpearmanTest } from "./rankCorrelation";
export {
  type InputCounts,
  type ResolutionTimes,
  type ServiceRecoveryOptions,
  type ServiceRecoveryResult,
  serviceRecovery,
} from "./serviceRecovery";
