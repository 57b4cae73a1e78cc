export type { CellFigure, CellFigures } from "./cellFigures";
export { type CellOptions, DEFAULT_MINIMUM_N, type StudyWindow } from "./cellPlan";
export {
  type CellLevel,
  type GapCell,
  type GapCellsOptions,
  type GapCellsResult,
  gapCells,
} from "./gapCells";
export { periodOf } from "./periodOf";
export type { Period, PeriodKind, PeriodOptions } from "./periodSpec";
export type { Hemisphere, Seasons } from "./seasons";
