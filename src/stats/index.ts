export { type DescribeOptions, type Description, describe } from "./describe";
export type { Alternative, ConfidenceInterval, NumericInput } from "./types";
