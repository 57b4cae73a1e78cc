export { DECIMAL_GRAMMAR, parseDecimal } from "../_lib/parseDecimal";
export {
  createDatasetBuilder,
  type DatasetBuilder,
  type RowOrigin,
} from "./createDatasetBuilder";
export { itemsNeeded } from "./itemsNeeded";
export {
  type JoinedWaves,
  type JoinWavesOptions,
  joinWaves,
  type WaveCount,
  type WaveJoinReport,
  waveInstrument,
} from "./joinWaves";
export { type AnswerFault, type ParsedAnswer, parseAnswer } from "./parseAnswer";
export { BUILT_IN_POPULATIONS, POPULATION_LABEL } from "./populations";
export { type RespondentScoresOptions, respondentScores } from "./respondentScores";
export { responseRowJsonSchema, responseRowSchema } from "./responseSchema";
export { rowsOfPopulation } from "./rowsOfPopulation";
export type {
  AnswerColumn,
  ColumnSummary,
  CovariateColumn,
  Dataset,
  ExcludedRow,
  FacetColumns,
  MissingPolicy,
  PopulationColumn,
  SegmentColumn,
  ValidatedResponses,
  ValidationReport,
} from "./types";
export { type ResponseColumns, validateColumns } from "./validateColumns";
export { validateFactorSurvey } from "./validateFactorSurvey";
export { type LongColumns, validateLongResponses } from "./validateLongResponses";
export {
  type DeclaredScale,
  type ManagementSurvey,
  type ManagementSurveyOptions,
  managementInstrument,
  validateManagementSurvey,
} from "./validateManagementSurvey";
export {
  type RelationshipSurveyOptions,
  validateRelationshipSurvey,
} from "./validateRelationshipSurvey";
export {
  type ResponseRecords,
  type ResponseTable,
  validateResponses,
} from "./validateResponses";
export {
  type ResolvedValidationOptions,
  resolveValidationOptions,
  type ValidationOptions,
  validationOptionsSchema,
} from "./validationOptions";
