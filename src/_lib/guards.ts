/** The argument checks every public function starts with (one import for all of them). */
export { expectKind, expectOneOf, expectShape, invalidArgument, isRecord } from "./checkArgument";
export { checkOptionKeys, optionNames } from "./checkOptionKeys";
export { shapes } from "./shapes";
