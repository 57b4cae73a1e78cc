export * from "./report/index";
