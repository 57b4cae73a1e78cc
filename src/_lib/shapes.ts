import type { Shape } from "./checkArgument";

/**
 * The structural signatures of the library's own values, checked at the top of the public
 * functions that take them (O(fields), see `expectShape`): enough to turn a wrong argument
 * into an `invalid-argument` error instead of a TypeError deep inside.
 */
export const shapes = {
  dataset: {
    what: "a Dataset (the `dataset` from validateResponses or readResponsesCsv)",
    fields: { instrument: "object", n: "number", facets: "object", missingPolicy: "object" },
  },
  instrument: {
    what: "an Instrument (from defineInstrument or instruments)",
    fields: { scale: "object", format: "string", dimensions: "array" },
  },
  scale: {
    what: "a Scale (an instrument's `scale`)",
    fields: { min: "number", max: "number", step: "number" },
  },
  missingPolicy: {
    what: "a MissingPolicy (a dataset's `missingPolicy`)",
    fields: { kind: "string" },
  },
  validationReport: {
    what: "a ValidationReport (the `report` from validateResponses or readResponsesCsv)",
    fields: { rowsIn: "number", rowsUsed: "number", issues: "array", columns: "object" },
  },
  gapReport: {
    what: "a GapReport (from gapReportResults)",
    fields: { kind: "string", validation: "object", instrument: "object" },
  },
  reportDocument: {
    what: "a ReportDocument (from buildGapReport or layoutGapReport)",
    fields: { kind: "string", title: "string", sections: "array" },
  },
  gap5Result: {
    what: "a Gap5Result (from gap5)",
    fields: { kind: "string", instrument: "object", items: "array", dimensions: "array" },
  },
  gapAccumulator: {
    what: "a GapAccumulator (from createGapAccumulator)",
    fields: { required: "string", delivered: "string", items: "array", dimensions: "array" },
  },
  pairedAccumulator: {
    what: "a PairedAccumulator (from createPairedAccumulator)",
    fields: { step: "number", n: "number", histogram: "array" },
  },
  itemCovarianceAccumulator: {
    what: "an ItemCovarianceAccumulator (from createItemCovarianceAccumulator)",
    fields: { kind: "string", k: "number", state: "object" },
  },
} as const satisfies Readonly<Record<string, Shape>>;
