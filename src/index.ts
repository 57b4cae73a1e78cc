export * from "./_lib/index";
export * from "./gaps/index";
export * from "./instrument/index";
export * from "./operations/index";
export * from "./psychometrics/index";
export * from "./responses/index";
export * from "./stats/index";
