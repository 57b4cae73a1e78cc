export * from "./_lib/index";
export * from "./instrument/index";
