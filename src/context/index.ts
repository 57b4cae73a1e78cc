export {
  type AcrossReportAdjustment,
  type AcrossReportInput,
  type AcrossReportOptions,
  type AcrossReportResult,
  adjustAcrossReport,
} from "./adjustAcrossReport";
export {
  type AllocationOptions,
  type AllocationPriority,
  type AllocationResult,
  allocationPriorities,
} from "./allocationPriorities";
export {
  type ByPeriodOptions,
  type ByPeriodResult,
  byPeriod,
  type ExpectationDrift,
  type GapTrend,
  type PeriodChange,
  type Series,
} from "./byPeriod";
export type { CellFigure, CellFigures } from "./cellFigures";
export { type CellOptions, DEFAULT_MINIMUM_N, type StudyWindow } from "./cellPlan";
export * from "./comments/index";
export {
  type CompareSegmentsOptions,
  type CompareSegmentsResult,
  compareSegments,
  type SegmentComparison,
  type SegmentPair,
} from "./compareSegments";
export type { ComplianceComparison, ComplianceSide } from "./complianceComparison";
export type { DeliveryInput } from "./deliveryDays";
export {
  CALENDAR_EVENT_TYPES,
  type CalendarEventType,
  type EventCalendar,
  type EventWindow,
  type EventWindowInput,
  validateEventCalendar,
} from "./eventCalendar";
export {
  type EventWindowOptions,
  type EventWindowResult,
  eventWindowEffects,
  type WindowEffect,
} from "./eventWindows";
export {
  type CellLevel,
  type GapCell,
  type GapCellsOptions,
  type GapCellsResult,
  gapCells,
} from "./gapCells";
export { periodOf } from "./periodOf";
export type { CalendarPeriod, PeriodKind, PeriodOptions } from "./periodSpec";
export * from "./recovery/index";
export {
  type SeasonalProfileOptions,
  type SeasonalProfileResult,
  type SeasonFigure,
  seasonalProfile,
} from "./seasonalProfile";
export type { Hemisphere, Seasons } from "./seasons";
export type { PeriodSlope, WelchDifference } from "./summaryTests";
export type { HedgesG, ProportionDifference } from "./twoGroupEffects";
export type { ComparisonFigure, SideFigure } from "./windowFigures";
