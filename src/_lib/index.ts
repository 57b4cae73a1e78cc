export { accumulatorFromJson, accumulatorToJson } from "./accumulatorJson";
export type { IntervalMethod } from "./interval";
export type { IssueCode, ZodIssueCode } from "./issueCode";
export type { IssueLogSummary } from "./issueLog";
export type { Notice, NoticeCode } from "./notice";
export { describeIssue, type Issue, ServqualError, type ServqualErrorCode } from "./ServqualError";
