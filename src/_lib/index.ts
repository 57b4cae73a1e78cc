export { accumulatorFromJson, accumulatorToJson } from "./accumulatorJson";
export { describeIssue, type Issue, ServqualError, type ServqualErrorCode } from "./ServqualError";
