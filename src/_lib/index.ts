export { describeIssue, type Issue, ServqualError, type ServqualErrorCode } from "./ServqualError";
