export * from "./index";
export * from "./io/index";
