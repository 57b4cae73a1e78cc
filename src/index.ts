export * from "./_lib/index";
