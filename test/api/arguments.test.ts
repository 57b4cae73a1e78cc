/**
 * Every exported function of the four entries (`servqual`, `servqual/report`,
 * `servqual/node`, `servqual/sql`), called the wrong way: (a) without arguments, (b) with `{}`, (c) with a
 * misspelled option key where it takes options, plus the wrong calls named in the issue. Each
 * must throw (or reject with) a ServqualError with the listed code, never a TypeError and never
 * return quietly. The table must list every export, so a new function cannot skip its checks.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ServqualError, type ServqualErrorCode } from "../../src/_lib/ServqualError";
import * as core from "../../src/index";
import * as nodeEntry from "../../src/node";
import * as reportEntry from "../../src/report";
import * as sqlEntry from "../../src/sql";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";
import { twoByTwo } from "../io/csvFixtures";

const api: Record<string, unknown> = { ...core, ...reportEntry, ...nodeEntry, ...sqlEntry };

/** A valid call whose result is checked by `check` (it must return something real). */
interface Valid {
  readonly returns: (result: unknown) => boolean;
}

type Outcome = ServqualErrorCode | Valid;

interface Typo {
  /** A call that is right but for one misspelled option key. */
  readonly call: () => unknown;
  readonly key: string;
  /** The valid key the message must suggest. */
  readonly suggest: string;
  /** The error code (default `invalid-options`). */
  readonly code?: ServqualErrorCode;
}

interface Row {
  /** Outcome of a call without arguments (default `invalid-argument`). */
  readonly none?: Outcome;
  /** Outcome of a call with `{}` (default `invalid-argument`). */
  readonly empty?: Outcome;
  readonly typo?: Typo;
  /** Further wrong calls and their codes. */
  readonly also?: readonly (readonly [string, () => unknown, ServqualErrorCode])[];
}

// ---- fixtures (valid values, so the misspelled key is the only fault of a typo call) ----
const records = [
  tinyRecord("r1", [5, 6, 4, 5, 6], [4, 6, 5, 3, 6]),
  tinyRecord("r2", [6, 7, 5, 6, 7], [5, 5, 5, 4, 7]),
  tinyRecord("r3", [4, 5, 6, 5, 5], [4, 6, 4, 5, 5]),
  tinyRecord("r4", [7, 6, 6, 7, 6], [6, 6, 5, 6, 4]),
];
const { dataset, report: validation } = core.validateResponses(records, tinyInstrument);
const gapReport = reportEntry.buildGapReport(dataset, validation);
const gapResults = reportEntry.gapReportResults(dataset, validation);
const factorData = core.validateFactorSurvey([{ respondent_id: "e", tmw1: 5, tmw2: 6 }]).dataset;
const x = [1, 2, 3, 4, 5, 6];
const y = [2, 2, 4, 5, 7, 6];
const matrix = [
  [1, 2, 3],
  [2, 3, 3],
  [3, 3, 5],
  [4, 5, 5],
  [2, 2, 1],
];
const itemAcc = () => core.createItemCovarianceAccumulator(3);
const csvPath = fileURLToPath(new URL("../fixtures/csv/good.csv", import.meta.url));
const csvText = "respondent_id,E_s1,P_s1\nr1,5,6\n";
const isObject = (value: unknown) => typeof value === "object" && value !== null;
const crm = core.validateEvents([
  { id: "e1", customer: "c1", timestamp: "2024-01-05", type: "purchase", value: 10 },
  { id: "e2", customer: "c1", timestamp: "2024-03-05", type: "purchase", value: 20 },
]).events;
const crmFeatures = core.relationshipFeatures(crm, { asOf: "2024-06-30" });
const crmTimeline = core.stageTimeline(crm, { from: "2024-01-01", to: "2024-06-01" });
const trustData = core.validateRelationshipSurvey(
  [
    { respondent_id: "c1", tbe1: 6, tbe2: 5, tbe3: 6, caf1: 5, caf2: 5, caf3: 6, caf4: 2 },
    { respondent_id: "c2", tbe1: 3, tbe2: 4, tbe3: 3, caf1: 3, caf2: 4, caf3: 3, caf4: 5 },
  ],
  { facets: ["benevolence", "affective"] },
).dataset;
const trustRow = core.trustIndex(trustData).customers[0];
const c1Features = core.relationshipFeatures(crm, { asOf: "2024-06-30" }).customers[0];
const eventsCsvPath = fileURLToPath(new URL("../fixtures/events/events.csv", import.meta.url));
const standardSet = core.validateStandards([
  {
    attribute: "fr",
    dimension: "responsiveness",
    formal: true,
    metric: "first-response",
    target: 4,
    unit: "business-hours",
    direction: "lower",
  },
]);
const deliverySet = core.validateDeliveryRecords(
  [
    {
      id: "t1",
      attribute: "fr",
      created: "2024-03-01T09:00:00Z",
      firstResponse: "2024-03-01T10:00:00Z",
    },
  ],
  { standards: standardSet, asOf: "2024-12-31T00:00:00Z" },
);
const promiseSet = core.validatePromises([
  {
    attribute: "fr",
    metric: "first-response",
    promisedLevel: 2,
    unit: "business-hours",
    direction: "lower",
    from: "2024-01-01",
    to: "2024-12-31",
  },
]);
const gap3State = () => core.createGap3Accumulator(standardSet, { asOf: 0 });
const operationsCsv = fileURLToPath(new URL("../fixtures/operations/records.csv", import.meta.url));
const standardsCsv = fileURLToPath(
  new URL("../fixtures/operations/standards.csv", import.meta.url),
);
const complaintsCsv = fileURLToPath(
  new URL("../fixtures/recovery/complaints.csv", import.meta.url),
);
const promisesCsv = fileURLToPath(new URL("../fixtures/operations/promises.csv", import.meta.url));

const typo = (call: () => unknown, key: string, suggest: string, code?: ServqualErrorCode) => ({
  call,
  key,
  suggest,
  ...(code === undefined ? {} : { code }),
});

/** Every exported function; a new export fails the completeness test until it is listed. */
const table: Readonly<Record<string, Row>> = {
  // _lib
  describeIssue: {},
  // gaps
  contributingFactors: {
    typo: typo(() => core.contributingFactors(factorData, { tops: 1 } as never), "tops", "top"),
    also: [
      [
        "contributingFactors(gap dataset)",
        () => core.contributingFactors(dataset),
        "invalid-input",
      ],
      [
        "contributingFactors(data, { top: -1 })",
        () => core.contributingFactors(factorData, { top: -1 }),
        "invalid-argument",
      ],
    ],
  },
  factorIndexScores: {
    typo: typo(() => core.factorIndexScores(factorData, { row: 1 } as never), "row", "rows"),
  },
  finishGaps: {},
  gap1: {
    typo: typo(
      () =>
        core.gap1(dataset, core.validateManagementSurvey(records, tinyInstrument), {
          tops: 2,
        } as never),
      "tops",
      "top",
    ),
    also: [
      [
        "gap1(dataset, undefined)",
        () => core.gap1(dataset, undefined as never),
        "invalid-argument",
      ],
      [
        "gap1(dataset, managers, { top: 1.5 })",
        () => core.gap1(dataset, dataset, { top: 1.5 }),
        "invalid-argument",
      ],
      [
        "gap1(dataset, managers, { managerRows: [9] })",
        () => core.gap1(dataset, dataset, { managerRows: Int32Array.of(9) }),
        "invalid-argument",
      ],
    ],
  },
  gap5: {
    typo: typo(() => core.gap5(dataset, { levl: 0.9 } as never), "levl", "level"),
    also: [
      ["gap5(undefined)", () => core.gap5(undefined as never), "invalid-argument"],
      [
        "gap5(dataset, { rows: [0] })",
        () => core.gap5(dataset, { rows: [0] as never }),
        "invalid-argument",
      ],
      [
        "gap5(dataset, { rows: [0, 4] }) of 4 rows",
        () => core.gap5(dataset, { rows: Int32Array.of(0, 4) }),
        "invalid-argument",
      ],
      [
        "gap5(dataset, { rows: [-1] })",
        () => core.gap5(dataset, { rows: Int32Array.of(-1) }),
        "invalid-argument",
      ],
    ],
  },
  accumulateGaps: {
    also: [
      [
        "accumulateGaps(acc, dataset, [9])",
        () =>
          core.accumulateGaps(
            core.createGapAccumulator(tinyInstrument, "expectation", "perception"),
            dataset,
            Int32Array.of(9),
          ),
        "invalid-argument",
      ],
    ],
  },
  accumulateGapsByGroup: {
    also: [
      [
        "accumulateGapsByGroup(accs, dataset, 2 groups for 4 rows)",
        () =>
          core.accumulateGapsByGroup(
            [core.createGapAccumulator(tinyInstrument, "expectation", "perception")],
            dataset,
            Int32Array.of(0, 0),
          ),
        "invalid-argument",
      ],
      [
        "accumulateGapsByGroup([acc], dataset, group 1 of 1)",
        () =>
          core.accumulateGapsByGroup(
            [core.createGapAccumulator(tinyInstrument, "expectation", "perception")],
            dataset,
            Int32Array.of(0, 1, 0, 0),
          ),
        "invalid-argument",
      ],
      [
        "accumulateGapsByGroup([undefined], …)",
        () => core.accumulateGapsByGroup([undefined as never], dataset, Int32Array.of(0, 0, 0, 0)),
        "invalid-argument",
      ],
    ],
  },
  createGapAccumulator: {},
  mergeGapAccumulators: {},
  gapReliability: {
    typo: typo(
      () => core.gapReliability(dataset, [], { treshold: 0.7 } as never),
      "treshold",
      "threshold",
    ),
    also: [
      [
        "gapReliability(dataset, [], { rows: [7] })",
        () => core.gapReliability(dataset, [], { rows: Int32Array.of(7) }),
        "invalid-argument",
      ],
    ],
  },
  importancePerformance: {
    typo: typo(
      () => core.importancePerformance(dataset, { crosshairs: "data-mean" } as never),
      "crosshairs",
      "crosshair",
    ),
    also: [
      [
        "importancePerformance(dataset, { rows, gaps }) (gaps is of the whole dataset, not the rows)",
        () =>
          core.importancePerformance(dataset, {
            level: "item",
            gaps: core.gap5(dataset),
            rows: Int32Array.of(0),
          }),
        "invalid-input",
      ],
      [
        "importancePerformance(dataset, { gaps: a dataset })",
        () => core.importancePerformance(dataset, { gaps: dataset as never }),
        "invalid-argument",
      ],
      [
        "importancePerformance(dataset, { servperf: {} })",
        () => core.importancePerformance(dataset, { servperf: {} as never }),
        "invalid-argument",
      ],
    ],
  },
  reliabilityMissingMode: {},
  servperf: {
    typo: typo(() => core.servperf(dataset, { lvl: 0.9 } as never), "lvl", "level"),
    also: [
      [
        "servperf(dataset, { rows: [4] })",
        () => core.servperf(dataset, { rows: Int32Array.of(4) }),
        "invalid-argument",
      ],
    ],
  },
  zonesOfTolerance: {
    typo: typo(() => core.zonesOfTolerance(dataset, { Level: 0.9 } as never), "Level", "level"),
    also: [
      [
        "zonesOfTolerance(dataset, { rows: 1 })",
        () => core.zonesOfTolerance(dataset, { rows: 1 as never }),
        "invalid-argument",
      ],
    ],
  },
  // instrument
  defineInstrument: {
    empty: "invalid-instrument",
    typo: typo(
      () =>
        core.defineInstrument({
          id: "t",
          name: "T",
          scale: { min: 1, max: 5 },
          format: "perception-only",
          dimensions: [{ id: "d", label: "D", items: [{ id: "i", lable: "I" } as never] }],
        }),
      "lable",
      "label",
      "invalid-instrument",
    ),
  },
  defaultColumnPrefix: {},
  relationshipInstrument: {
    // without facets: the whole bank
    none: {
      returns: (instrument) =>
        isObject(instrument) &&
        (instrument as { dimensions?: unknown[] }).dimensions?.length === 10,
    },
    also: [
      [
        "relationshipInstrument(['trust'])",
        () => core.relationshipInstrument(["trust"]),
        "invalid-argument",
      ],
    ],
  },
  facetsOf: {},
  itemsOf: {},
  instrumentJsonSchema: {
    // takes no arguments: both calls are valid
    none: {
      returns: (schema) => isObject(schema) && (schema as { type?: string }).type === "object",
    },
    empty: {
      returns: (schema) => isObject(schema) && (schema as { type?: string }).type === "object",
    },
  },
  // psychometrics
  accumulateItems: {
    typo: typo(
      () => core.accumulateItems(matrix, { itemName: ["a", "b", "c"] } as never),
      "itemName",
      "itemNames",
    ),
  },
  averageVarianceExtracted: {},
  compositeReliability: {},
  cronbachAlpha: {
    typo: typo(
      () => core.cronbachAlpha(matrix, { mising: "pairwise" } as never),
      "mising",
      "missing",
    ),
  },
  differenceScoreReliability: {
    empty: "invalid-input",
    typo: typo(
      () =>
        core.differenceScoreReliability({
          reliabilityP: 0.8,
          reliabilityE: 0.7,
          varianceP: 1,
          varianceE: 1,
          correlationEP: 0.3,
        } as never),
      "correlationEP",
      "correlationPE",
    ),
  },
  fornellLarckerCriterion: {
    typo: typo(
      () =>
        core.fornellLarckerCriterion({
          ave: [0.5, 0.6],
          correlations: [
            [1, 0.3],
            [0.3, 1],
          ],
          construct: ["a", "b"],
        } as never),
      "construct",
      "constructs",
    ),
  },
  htmt: {
    typo: typo(
      () => core.htmt(matrix, { A: [0, 1], B: [2] }, { absolut: true } as never),
      "absolut",
      "absolute",
    ),
  },
  itemAnalysis: {
    typo: typo(
      () => core.itemAnalysis(matrix, { Missing: "pairwise" } as never),
      "Missing",
      "missing",
    ),
  },
  itemCovariance: {
    typo: typo(
      () => core.itemCovariance(itemAcc(), { missin: "pairwise" } as never),
      "missin",
      "missing",
    ),
  },
  accumulateItemColumns: {
    typo: typo(
      () => core.accumulateItemColumns(itemAcc(), [[1], [2], [3]], { substract: [] } as never),
      "substract",
      "subtract",
    ),
  },
  accumulateItemRows: {
    typo: typo(
      () => core.accumulateItemRows(itemAcc(), matrix, { rowOfset: 0 } as never),
      "rowOfset",
      "rowOffset",
    ),
  },
  createItemCovarianceAccumulator: {
    typo: typo(
      () => core.createItemCovarianceAccumulator(3, { reverseSums: 6 } as never),
      "reverseSums",
      "reverseSum",
    ),
  },
  mergeItemCovarianceAccumulators: {},
  mcdonaldOmega: {
    typo: typo(
      () => core.mcdonaldOmega(matrix, { missng: "pairwise" } as never),
      "missng",
      "missing",
    ),
  },
  oneFactorMinres: {},
  // relationship
  validateEvents: {
    typo: typo(() => core.validateEvents([], { asof: "2024-01-01" } as never), "asof", "asOf"),
    also: [
      ["validateEvents([])", () => core.validateEvents([]), "empty-input"],
      [
        "validateEvents([{ bad timestamp }])",
        () => core.validateEvents([{ id: 1, customer: "c", timestamp: "x", type: "purchase" }]),
        "no-usable-rows",
      ],
      [
        "validateEvents([], { typeMap: { order: 'buy' } })",
        () => core.validateEvents([], { typeMap: { order: "buy" as never } }),
        "invalid-options",
      ],
    ],
  },
  relationshipFeatures: {
    typo: typo(
      () => core.relationshipFeatures(crm, { asOf: "2024-06-30", window: [30] } as never),
      "window",
      "windows",
    ),
    also: [
      [
        "relationshipFeatures(events, {})",
        () => core.relationshipFeatures(crm, {} as never),
        "invalid-options",
      ],
      [
        "relationshipFeatures(events)",
        () => core.relationshipFeatures(crm, undefined as never),
        "invalid-argument",
      ],
    ],
  },
  classifyStage: {
    typo: typo(
      () => core.classifyStage(crmFeatures.customers[0] as never, { silenceDay: 9 } as never),
      "silenceDay",
      "silenceDays",
    ),
    also: [
      [
        "classifyStage(features result)",
        () => core.classifyStage(crmFeatures as never),
        "invalid-argument",
      ],
    ],
  },
  trustIndex: {
    typo: typo(() => core.trustIndex(trustData, { row: Int32Array.of(0) } as never), "row", "rows"),
    also: [
      ["trustIndex(gap dataset)", () => core.trustIndex(dataset), "invalid-input"],
      [
        "trustIndex(data, { customerColumn: 1 })",
        () => core.trustIndex(trustData, { customerColumn: 1 as never }),
        "invalid-argument",
      ],
    ],
  },
  commitmentIndex: {
    typo: typo(
      () => core.commitmentIndex(trustData, [], { evidenceWeights: 0.5 } as never),
      "evidenceWeights",
      "evidenceWeight",
    ),
    also: [
      ["commitmentIndex(gap dataset)", () => core.commitmentIndex(dataset), "invalid-input"],
      [
        "commitmentIndex(data, 'evidence')",
        () => core.commitmentIndex(trustData, "evidence" as never),
        "invalid-argument",
      ],
    ],
  },
  relationshipQuality: {
    typo: typo(
      () => core.relationshipQuality(trustData, { coreWeights: 0.5 } as never),
      "coreWeights",
      "coreWeight",
    ),
    also: [
      [
        "relationshipQuality(data, { bands: 5 })",
        () => core.relationshipQuality(trustData, { bands: 5 as never }),
        "invalid-argument",
      ],
    ],
  },
  trustBasis: {
    typo: typo(
      () => core.trustBasis(c1Features as never, trustRow as never, { strongTrusts: 60 } as never),
      "strongTrusts",
      "strongTrust",
    ),
    also: [
      [
        "trustBasis(features, trust result)",
        () => core.trustBasis(c1Features as never, core.trustIndex(trustData) as never),
        "invalid-argument",
      ],
    ],
  },
  gap5ByStage: {
    typo: typo(
      () => core.gap5ByStage(dataset, { r1: "commitment" }, { customerColum: "x" } as never),
      "customerColum",
      "customerColumn",
    ),
    also: [
      [
        "gap5ByStage(dataset, 'commitment')",
        () => core.gap5ByStage(dataset, "commitment" as never),
        "invalid-argument",
      ],
    ],
  },
  customerProfile: {
    typo: typo(
      () => core.customerProfile("c1", { events: crm, asOf: "2024-06-30", survey: [] } as never),
      "survey",
      "surveys",
    ),
    also: [
      [
        "customerProfile('zz', { events, asOf })",
        () => core.customerProfile("zz", { events: crm, asOf: "2024-06-30" }),
        "invalid-input",
      ],
    ],
  },
  stageTimeline: {
    typo: typo(
      () =>
        core.stageTimeline(crm, { from: "2024-01-01", to: "2024-02-01", timezone: "UTC" } as never),
      "timezone",
      "timeZone",
    ),
    also: [
      [
        "stageTimeline(events, { from })",
        () => core.stageTimeline(crm, { from: "2024-01-01" } as never),
        "invalid-options",
      ],
    ],
  },
  stageTransitions: {
    also: [
      [
        "stageTransitions(features)",
        () => core.stageTransitions(crmFeatures as never),
        "invalid-argument",
      ],
    ],
  },
  gap5ByStageTimeline: {
    typo: typo(
      () => core.gap5ByStageTimeline(dataset, crmTimeline, { month: "last-month" } as never),
      "month",
      "at",
    ),
    also: [
      [
        "gap5ByStageTimeline(dataset, features)",
        () => core.gap5ByStageTimeline(dataset, crmFeatures as never),
        "invalid-argument",
      ],
      [
        'gap5ByStageTimeline(dataset, timeline, { at: "now" })',
        () => core.gap5ByStageTimeline(dataset, crmTimeline, { at: "now" } as never),
        "invalid-argument",
      ],
    ],
  },
  dissolutionWarnings: {
    typo: typo(
      () => core.dissolutionWarnings(crmFeatures, { silenceMultiples: 2 } as never),
      "silenceMultiples",
      "silenceMultiple",
    ),
    also: [
      [
        "dissolutionWarnings(timeline)",
        () => core.dissolutionWarnings(crmTimeline as never),
        "invalid-argument",
      ],
    ],
  },
  commitmentEvidenceFromFeatures: {
    typo: typo(
      () => core.commitmentEvidenceFromFeatures(crmFeatures, { termMonth: 12 } as never),
      "termMonth",
      "termMonths",
    ),
    also: [
      [
        "commitmentEvidenceFromFeatures(timeline)",
        () => core.commitmentEvidenceFromFeatures(crmTimeline as never),
        "invalid-argument",
      ],
      [
        "commitmentEvidenceFromFeatures(features, { fullBreadth: 1 })",
        () => core.commitmentEvidenceFromFeatures(crmFeatures, { fullBreadth: 1 }),
        "invalid-argument",
      ],
      [
        "commitmentEvidenceFromFeatures(features, { exclusiveShare: 0 })",
        () => core.commitmentEvidenceFromFeatures(crmFeatures, { exclusiveShare: 0 }),
        "invalid-argument",
      ],
    ],
  },
  eventJsonSchema: {
    // takes no arguments: both calls are valid
    none: {
      returns: (schema) => isObject(schema) && (schema as { type?: string }).type === "object",
    },
    empty: {
      returns: (schema) => isObject(schema) && (schema as { type?: string }).type === "object",
    },
  },
  // responses
  createDatasetBuilder: {
    typo: typo(
      () =>
        core.createDatasetBuilder(tinyInstrument, ["respondent_id"], {
          missingPolicy: "listwise",
        } as never),
      "missingPolicy",
      "missing",
    ),
  },
  itemsNeeded: {},
  respondentScores: {
    typo: typo(
      () => core.respondentScores(dataset, { facet: "gap", level: "overall", row: [] } as never),
      "row",
      "rows",
    ),
    also: [
      [
        'respondentScores(dataset, { facet: "gaps" })',
        () => core.respondentScores(dataset, { facet: "gaps", level: "overall" } as never),
        "invalid-argument",
      ],
      [
        'respondentScores(dataset, { level: "item" })',
        () => core.respondentScores(dataset, { facet: "gap", level: "item" } as never),
        "invalid-argument",
      ],
      [
        "respondentScores(dataset)",
        () => core.respondentScores(dataset, undefined as never),
        "invalid-argument",
      ],
      [
        "respondentScores(dataset, { rows: [0..4] })",
        () =>
          core.respondentScores(dataset, {
            facet: "perception",
            level: "dimension",
            rows: Int32Array.of(0, 1, 2, 3, 4),
          }),
        "invalid-argument",
      ],
      [
        'respondentScores(dataset, { facet: "adequate" })',
        () => core.respondentScores(dataset, { facet: "adequate", level: "dimension" }),
        "invalid-input",
      ],
    ],
  },
  parseAnswer: {},
  parseDecimal: {},
  responseRowJsonSchema: {
    typo: typo(
      () => core.responseRowJsonSchema(tinyInstrument, { column: {} } as never),
      "column",
      "columns",
    ),
  },
  rowsOfPopulation: {
    also: [
      [
        "rowsOfPopulation(dataset without a population)",
        () => core.rowsOfPopulation(dataset, "customers"),
        "invalid-argument",
      ],
      [
        "rowsOfPopulation(dataset, 3)",
        () => core.rowsOfPopulation(dataset, 3 as never),
        "invalid-argument",
      ],
    ],
  },
  responseRowSchema: {
    typo: typo(
      () => core.responseRowSchema(tinyInstrument, { column: {} } as never),
      "column",
      "columns",
    ),
  },
  validateColumns: {
    typo: typo(
      () =>
        core.validateColumns({ columns: { respondent_id: ["r1"] } }, tinyInstrument, {
          issueLimt: 5,
        } as never),
      "issueLimt",
      "issueLimit",
    ),
  },
  validateLongResponses: {
    typo: typo(
      () =>
        core.validateLongResponses(
          [{ respondent_id: "r1", item: "a1", facet: "E", value: 5 }],
          tinyInstrument,
          {
            long: { respondant: "respondent_id" },
          } as never,
        ),
      "respondant",
      "respondent",
    ),
  },
  validateManagementSurvey: {
    typo: typo(
      () =>
        core.validateManagementSurvey(records, tinyInstrument, {
          scal: { min: 1, max: 7 },
        } as never),
      "scal",
      "scale",
    ),
    also: [
      [
        "validateManagementSurvey(rows, undefined)",
        () => core.validateManagementSurvey(records, undefined as never),
        "invalid-argument",
      ],
    ],
  },
  managementInstrument: {},
  joinWaves: {
    typo: typo(
      () => core.joinWaves(dataset, dataset, { issueLimt: 1 } as never),
      "issueLimt",
      "issueLimit",
    ),
    also: [
      [
        "joinWaves(dataset, undefined)",
        () => core.joinWaves(dataset, undefined as never),
        "invalid-argument",
      ],
      [
        "joinWaves(dataset without ids, …)",
        () =>
          core.joinWaves(
            core.validateResponses([{ E_a1: 5, P_a1: 4, E_a2: 5, P_a2: 4 }], tinyInstrument)
              .dataset,
            dataset,
          ),
        "invalid-input",
      ],
    ],
  },
  waveInstrument: {
    also: [
      [
        "waveInstrument(instrument, 'desired')",
        () => core.waveInstrument(tinyInstrument, "desired" as never),
        "invalid-argument",
      ],
    ],
  },
  validateFactorSurvey: {
    typo: typo(
      () =>
        core.validateFactorSurvey([{ respondent_id: "e", tmw1: 5, tmw2: 5 }], {
          mising: "listwise",
        } as never),
      "mising",
      "missing",
    ),
  },
  validateRelationshipSurvey: {
    typo: typo(
      () =>
        core.validateRelationshipSurvey([{ respondent_id: "c", tbe1: 5, tbe2: 5 }], {
          facet: ["benevolence"],
        } as never),
      "facet",
      "facets",
    ),
    also: [
      [
        "validateRelationshipSurvey(rows, { facets: ['trust'] })",
        () => core.validateRelationshipSurvey([], { facets: ["trust"] }),
        "invalid-argument",
      ],
    ],
  },
  validateResponses: {
    typo: typo(
      () => core.validateResponses(records, tinyInstrument, { missingPolicy: "listwise" } as never),
      "missingPolicy",
      "missing",
    ),
    also: [
      [
        "validateResponses(rows, undefined)",
        () => core.validateResponses(records, undefined as never),
        "invalid-argument",
      ],
    ],
  },
  resolveValidationOptions: {
    none: { returns: (r) => (r as { idColumn?: string }).idColumn === "respondent_id" },
    empty: { returns: (r) => (r as { idColumn?: string }).idColumn === "respondent_id" },
    typo: typo(
      () => core.resolveValidationOptions({ invalidAnswer: "missing" } as never),
      "invalidAnswer",
      "invalidAnswers",
    ),
  },
  // stats
  adjustPValues: {},
  bootstrapCI: {
    typo: typo(
      () => core.bootstrapCI(x, (s) => s[0] as number, { resample: 100 } as never),
      "resample",
      "resamples",
    ),
  },
  cohenD: { typo: typo(() => core.cohenD(x, y, { levels: 0.9 } as never), "levels", "level") },
  cohenDz: { typo: typo(() => core.cohenDz(x, y, { levle: 0.9 } as never), "levle", "level") },
  cohenDzFromSummary: {
    typo: typo(
      () => core.cohenDzFromSummary({ n: 5, mean: 0.2, sd: 1 }, { lvel: 0.9 } as never),
      "lvel",
      "level",
    ),
  },
  describe: { typo: typo(() => core.describe(x, { trimm: 0.1 } as never), "trimm", "trim") },
  kruskalWallis: { empty: "invalid-input" },
  gamesHowell: {
    empty: "invalid-input",
    typo: typo(
      () => core.gamesHowell({ a: [1, 2, 3], b: [2, 4, 5] }, { levle: 0.9 } as never),
      "levle",
      "level",
    ),
  },
  dunnTest: {
    empty: "invalid-input",
    typo: typo(
      () => core.dunnTest({ a: [1, 2, 3], b: [2, 4, 5] }, { padjust: "holm" } as never),
      "padjust",
      "pAdjust",
    ),
  },
  periodOf: {
    typo: typo(
      () => core.periodOf(0, { period: "month", timezone: "UTC" } as never),
      "timezone",
      "timeZone",
    ),
    also: [
      [
        "periodOf(0, { period: 'fortnight' })",
        () => core.periodOf(0, { period: "fortnight" as never }),
        "invalid-argument",
      ],
      [
        "periodOf('2024-01-01', { period: 'month' })",
        () => core.periodOf("2024-01-01" as never, { period: "month" }),
        "invalid-argument",
      ],
    ],
  },
  gapCells: {
    typo: typo(() => core.gapCells(dataset, { minimumn: 3 } as never), "minimumn", "minimumN"),
    also: [
      [
        "gapCells(dataset, { by: ['regoin'] })",
        () => core.gapCells(dataset, { by: ["regoin"] }),
        "invalid-input",
      ],
      [
        "gapCells(dataset, { period: 'month' }) without dates",
        () => core.gapCells(dataset, { period: "month" }),
        "invalid-input",
      ],
      [
        "gapCells(dataset, { rows: [9] })",
        () => core.gapCells(dataset, { rows: Int32Array.of(9) }),
        "invalid-argument",
      ],
    ],
  },
  byPeriod: {
    typo: typo(
      () => core.byPeriod(dataset, { period: "month", segmnts: [] } as never),
      "segmnts",
      "segments",
    ),
  },
  seasonalProfile: {
    typo: typo(
      () => core.seasonalProfile(dataset, { seasns: "southern" } as never),
      "seasns",
      "seasons",
    ),
  },
  compareSegments: {
    typo: typo(
      () => core.compareSegments(dataset, { by: "region", methd: "welch" } as never),
      "methd",
      "method",
    ),
    also: [
      [
        "compareSegments(dataset, { by: 3 })",
        () => core.compareSegments(dataset, { by: 3 as never }),
        "invalid-argument",
      ],
    ],
  },
  adjustAcrossReport: {
    // an empty context is a report that compared nothing: no test is counted
    empty: { returns: (r) => (r as { acrossReport: { m: number } }).acrossReport.m === 0 },
    typo: typo(() => core.adjustAcrossReport({}, { methd: "BH" } as never), "methd", "method"),
    also: [
      [
        "adjustAcrossReport({}, { method: 'tukey' })",
        () => core.adjustAcrossReport({}, { method: "tukey" as never }),
        "invalid-argument",
      ],
      [
        "adjustAcrossReport({}, { level: 95 })",
        () => core.adjustAcrossReport({}, { level: 95 }),
        "invalid-argument",
      ],
      [
        "adjustAcrossReport(null)",
        () => core.adjustAcrossReport(null as never),
        "invalid-argument",
      ],
    ],
  },
  validateEventCalendar: {
    typo: typo(
      () => core.validateEventCalendar([], { issueLimt: 1 } as never),
      "issueLimt",
      "issueLimit",
    ),
  },
  eventWindowEffects: {
    typo: typo(
      () =>
        core.eventWindowEffects(dataset, {
          calendar: core.validateEventCalendar([]),
          minimumn: 10,
        } as never),
      "minimumn",
      "minimumN",
    ),
    also: [
      [
        "eventWindowEffects(dataset, { calendar: [] })",
        () => core.eventWindowEffects(dataset, { calendar: [] as never }),
        "invalid-argument",
      ],
      [
        "eventWindowEffects(dataset, { calendar }) without dates",
        () => core.eventWindowEffects(dataset, { calendar: core.validateEventCalendar([]) }),
        "invalid-input",
      ],
    ],
  },
  allocationPriorities: {
    typo: typo(
      () => core.allocationPriorities(dataset, { acrossYear: true } as never),
      "acrossYear",
      "acrossYears",
    ),
    also: [
      [
        "allocationPriorities(dataset, { dimensions: ['nope'] })",
        () => core.allocationPriorities(dataset, { dimensions: ["nope"] }),
        "invalid-argument",
      ],
    ],
  },
  mannWhitney: {
    typo: typo(
      () => core.mannWhitney(x, y, { correction: true } as never),
      "correction",
      "correct",
    ),
  },
  meanCI: {},
  oneWayAnova: { empty: "invalid-input" },
  accumulatePair: {},
  accumulatePairs: {},
  accumulatorToJson: {
    empty: { returns: (text) => text === "{}" },
    also: [
      ["accumulatorToJson(a function)", () => core.accumulatorToJson(() => 1), "invalid-argument"],
    ],
  },
  accumulatorFromJson: {
    also: [
      [
        "accumulatorFromJson(text that is not JSON)",
        () => core.accumulatorFromJson("{n: 1"),
        "invalid-input",
      ],
    ],
  },
  createPairedAccumulator: {
    none: { returns: (acc) => (acc as { n?: number }).n === 0 },
    empty: { returns: (acc) => (acc as { unit?: number }).unit === 1 },
    typo: typo(() => core.createPairedAccumulator({ stp: 1 } as never), "stp", "step"),
  },
  finishPaired: {
    typo: typo(
      () => core.finishPaired(core.createPairedAccumulator(), { exakt: true } as never),
      "exakt",
      "exact",
    ),
  },
  mergePairedAccumulators: {},
  pairedTTest: {
    typo: typo(
      () => core.pairedTTest(x, y, { alternativ: "less" } as never),
      "alternativ",
      "alternative",
    ),
  },
  pairedTTestFromSummary: {
    typo: typo(
      () => core.pairedTTestFromSummary({ n: 5, mean: 0.2, sd: 1 }, { Mu: 0 } as never),
      "Mu",
      "mu",
    ),
  },
  rankBiserialPaired: {},
  seededRandom: {},
  xoshiro128StarStar: {},
  welchAnova: { empty: "invalid-input" },
  welchTTest: {
    typo: typo(() => core.welchTTest(x, y, { var_equal: true } as never), "var_equal", "varEqual"),
  },
  wilcoxonSignedRank: {
    typo: typo(() => core.wilcoxonSignedRank(x, y, { exactly: true } as never), "exactly", "exact"),
  },
  wilcoxonSignedRankFromCounts: {
    typo: typo(
      () =>
        core.wilcoxonSignedRankFromCounts(
          new Map([
            [1, 2],
            [-1, 1],
          ]),
          { correkt: true } as never,
        ),
      "correkt",
      "correct",
    ),
  },
  wilsonInterval: {},
  // operations and gaps 2–4
  businessHoursBetween: {
    typo: typo(
      () => core.businessHoursBetween("2024-03-01", "2024-03-02", { timezone: "UTC" } as never),
      "timezone",
      "timeZone",
    ),
    also: [
      [
        "businessHoursBetween(a, 'soon')",
        () => core.businessHoursBetween("2024-03-01", "soon"),
        "invalid-argument",
      ],
    ],
  },
  validateStandards: {
    typo: typo(
      () => core.validateStandards([], { issueLimt: 1 } as never),
      "issueLimt",
      "issueLimit",
    ),
  },
  validateDeliveryRecords: {
    typo: typo(() => core.validateDeliveryRecords([], { asof: 0 } as never), "asof", "asOf"),
    also: [
      [
        "validateDeliveryRecords([], { calendar: { timeZone: 'Nowhere/City' } })",
        () => core.validateDeliveryRecords([], { calendar: { timeZone: "Nowhere/City" } }),
        "invalid-options",
      ],
    ],
  },
  validatePromises: {
    typo: typo(
      () => core.validatePromises([], { excludedLimt: 1 } as never),
      "excludedLimt",
      "excludedLimit",
    ),
  },
  gap2: {
    typo: typo(
      () => core.gap2(standardSet, { custmer: undefined } as never),
      "custmer",
      "customer",
    ),
  },
  gap3: {
    typo: typo(
      () => core.gap3(deliverySet, standardSet, { perod: "month" } as never),
      "perod",
      "period",
    ),
    also: [
      [
        "gap3(set, standards, { asOf })",
        () => core.gap3(deliverySet, standardSet, { asOf: 0 }),
        "invalid-options",
      ],
    ],
  },
  gap4: {
    typo: typo(() => core.gap4(promiseSet, deliverySet, { levl: 0.9 } as never), "levl", "level"),
  },
  crmGapViews: {
    // every gap is optional: {} gives every view absent
    empty: {
      returns: (r) => (r as { views: { present: boolean }[] }).views.every((v) => !v.present),
    },
    typo: typo(() => core.crmGapViews({ gap55: {} } as never), "gap55", "gap5"),
    also: [
      ["crmGapViews(null)", () => core.crmGapViews(null as never), "invalid-argument"],
      [
        "crmGapViews({ gap3: not a result })",
        () => core.crmGapViews({ gap3: { gap: 3 } } as never),
        "invalid-argument",
      ],
    ],
  },
  fiveGapModel: {
    // every gap is optional: {} is a model with all five gaps absent
    empty: {
      returns: (r) => (r as { gaps: { present: boolean }[] }).gaps.every((g) => !g.present),
    },
    typo: typo(() => core.fiveGapModel({}, { alhpa: 0.1 } as never), "alhpa", "alpha"),
    also: [
      ["fiveGapModel(null)", () => core.fiveGapModel(null as never), "invalid-argument"],
      ["fiveGapModel({ gap6 })", () => core.fiveGapModel({ gap6: {} } as never), "invalid-options"],
      [
        "fiveGapModel({ gap5: not a result })",
        () => core.fiveGapModel({ gap5: { gap: 4 } } as never),
        "invalid-argument",
      ],
      [
        "fiveGapModel({}, { alpha: 2 })",
        () => core.fiveGapModel({}, { alpha: 2 }),
        "invalid-argument",
      ],
    ],
  },
  createGap3Accumulator: {
    typo: typo(
      () => core.createGap3Accumulator(standardSet, { periods: "month" } as never),
      "periods",
      "period",
    ),
    also: [
      [
        "createGap3Accumulator(standards, { calendar: { regionHolidays: [] } })",
        () =>
          core.createGap3Accumulator(standardSet, {
            calendar: { regionHolidays: [] as never },
          }),
        "invalid-argument",
      ],
      [
        'createGap3Accumulator(standards, { calendar: { regionHolidays: { North: ["2024-13-01"] } } })',
        () =>
          core.createGap3Accumulator(standardSet, {
            calendar: { regionHolidays: { North: ["2024-13-01"] } },
          }),
        "invalid-options",
      ],
    ],
  },
  accumulateGap3: {
    also: [
      [
        "accumulateGap3(state, {})",
        () => core.accumulateGap3(gap3State(), {} as never),
        "invalid-argument",
      ],
    ],
  },
  mergeGap3Accumulators: {
    also: [
      [
        "mergeGap3Accumulators(month, week)",
        () =>
          core.mergeGap3Accumulators(
            gap3State(),
            core.createGap3Accumulator(standardSet, { asOf: 0, period: "week" }),
          ),
        "invalid-argument",
      ],
    ],
  },
  finishGap3: {
    typo: typo(() => core.finishGap3(gap3State(), { levle: 0.9 } as never), "levle", "level"),
    also: [
      [
        "finishGap3(state, { holidayRows: 1 })",
        () => core.finishGap3(gap3State(), { holidayRows: 1 } as never),
        "invalid-argument",
      ],
    ],
  },
  readStandardsCsv: {
    typo: typo(
      () => nodeEntry.readStandardsCsv(standardsCsv, { delimeter: "," } as never),
      "delimeter",
      "delimiter",
    ),
  },
  readDeliveryRecordsCsv: {
    typo: typo(
      () => nodeEntry.readDeliveryRecordsCsv(operationsCsv, { onRecord: () => {} } as never),
      "onRecord",
      "onRecords",
    ),
    also: [
      [
        "readDeliveryRecordsCsv(missing)",
        () => nodeEntry.readDeliveryRecordsCsv("/no/such.csv"),
        "invalid-input",
      ],
      [
        "readDeliveryRecordsCsv(file, { onColumns, onRecords })",
        () =>
          nodeEntry.readDeliveryRecordsCsv(operationsCsv, {
            onColumns: () => {},
            onRecords: () => {},
          }),
        "invalid-argument",
      ],
    ],
  },
  readEventCalendarCsv: {
    typo: typo(
      () => nodeEntry.readEventCalendarCsv(promisesCsv, { delimitr: ";" } as never),
      "delimitr",
      "delimiter",
    ),
  },
  readPromisesCsv: {
    typo: typo(
      () => nodeEntry.readPromisesCsv(promisesCsv, { issueLimt: 1 } as never),
      "issueLimt",
      "issueLimit",
    ),
  },
  readHolidaysCsv: {
    typo: typo(
      () => nodeEntry.readHolidaysCsv(promisesCsv, { regoin: "North" } as never),
      "regoin",
      "region",
    ),
    also: [
      [
        'readHolidaysCsv(file, { region: "" })',
        () => nodeEntry.readHolidaysCsv(promisesCsv, { region: " " }),
        "invalid-argument",
      ],
      [
        'readHolidaysCsv(file, { region: "North", perRegion: true })',
        () => nodeEntry.readHolidaysCsv(promisesCsv, { region: "North", perRegion: true }),
        "invalid-argument",
      ],
      [
        'readHolidaysCsv(file, { perRegion: "yes" })',
        () => nodeEntry.readHolidaysCsv(promisesCsv, { perRegion: "yes" as never }),
        "invalid-argument",
      ],
    ],
  },
  // service recovery and comments
  validateComplaints: {
    typo: typo(() => core.validateComplaints([], { scales: {} } as never), "scales", "scale"),
    also: [
      [
        "validateComplaints([], { scale: { min: 5, max: 1 } })",
        () => core.validateComplaints([], { scale: { min: 5, max: 1 } }),
        "invalid-argument",
      ],
    ],
  },
  serviceRecovery: {
    typo: typo(
      () => core.serviceRecovery(core.validateComplaints([]), { levle: 0.9 } as never),
      "levle",
      "level",
    ),
    also: [
      [
        "serviceRecovery(set, { wonBackAtLeast: 9 })",
        () => core.serviceRecovery(core.validateComplaints([]), { wonBackAtLeast: 9 }),
        "invalid-argument",
      ],
    ],
  },
  readComplaintsCsv: {
    typo: typo(
      () => nodeEntry.readComplaintsCsv(complaintsCsv, { delimeter: "," } as never),
      "delimeter",
      "delimiter",
    ),
    also: [
      [
        "readComplaintsCsv(missing)",
        () => nodeEntry.readComplaintsCsv("/no/such.csv"),
        "invalid-input",
      ],
    ],
  },
  validateComments: {
    typo: typo(
      () => core.validateComments([], { timezone: "UTC" } as never),
      "timezone",
      "timeZone",
    ),
  },
  tagComment: {
    typo: typo(() => core.tagComment("slow", { lexicn: {} } as never), "lexicn", "lexicon"),
  },
  commentThemes: {
    typo: typo(
      () => core.commentThemes(core.validateComments([]), { perod: "month" } as never),
      "perod",
      "period",
    ),
    also: [
      [
        "commentThemes(set, { gaps: {} })",
        () => core.commentThemes(core.validateComments([]), { gaps: {} as never }),
        "invalid-argument",
      ],
    ],
  },
  readCommentsCsv: {
    typo: typo(
      () => nodeEntry.readCommentsCsv(complaintsCsv, { delimeter: "," } as never),
      "delimeter",
      "delimiter",
    ),
  },
  // report
  buildGapReport: {
    typo: typo(
      () => reportEntry.buildGapReport(dataset, validation, { titel: "T" } as never),
      "titel",
      "title",
    ),
    also: [
      [
        "buildGapReport(dataset, undefined)",
        () => reportEntry.buildGapReport(dataset, undefined as never),
        "invalid-argument",
      ],
      [
        "buildGapReport(dataset, validation, { rows: [0] })",
        () => reportEntry.buildGapReport(dataset, validation, { rows: [0] as never }),
        "invalid-argument",
      ],
    ],
  },
  gapReportResults: {
    typo: typo(
      () => reportEntry.gapReportResults(dataset, validation, { worstitems: 3 } as never),
      "worstitems",
      "worstItems",
    ),
    also: [
      [
        "gapReportResults(dataset, undefined)",
        () => reportEntry.gapReportResults(dataset, undefined as never),
        "invalid-argument",
      ],
    ],
  },
  layoutGapReport: {
    also: [
      [
        "layoutGapReport(a document)",
        () => reportEntry.layoutGapReport(gapReport as never),
        "invalid-argument",
      ],
    ],
  },
  formatCell: {
    also: [
      [
        "formatCell({ kind: 'money' })",
        () => reportEntry.formatCell({ kind: "money", value: 1 } as never),
        "invalid-argument",
      ],
    ],
  },
  toVegaLite: {
    also: [
      [
        "toVegaLite(a table block)",
        () => reportEntry.toVegaLite(gapReport.sections[1]?.blocks[0] as never),
        "invalid-argument",
      ],
    ],
  },
  walkDocument: {
    also: [
      [
        "walkDocument(document, undefined)",
        () => reportEntry.walkDocument(gapReport, undefined as never),
        "invalid-argument",
      ],
      [
        "walkDocument(results)",
        () => reportEntry.walkDocument(gapResults as never, {} as never),
        "invalid-argument",
      ],
    ],
  },
  renderJson: {
    also: [
      [
        "renderJson(undefined)",
        () => reportEntry.renderJson(undefined as never),
        "invalid-argument",
      ],
      [
        "renderJson(document, { provenance: {} })",
        () => reportEntry.renderJson(gapReport, { provenance: {} as never }),
        "invalid-argument",
      ],
    ],
  },
  renderCsv: {
    also: [
      ["renderCsv(a Dataset)", () => reportEntry.renderCsv(dataset as never), "invalid-argument"],
      [
        "renderCsv(gap report results)",
        () => reportEntry.renderCsv(gapResults as never),
        "invalid-argument",
      ],
    ],
  },
  formatCellApa: {
    also: [
      [
        "formatCellApa({ kind: 'money' })",
        () => reportEntry.formatCellApa({ kind: "money", value: 1 } as never),
        "invalid-argument",
      ],
    ],
  },
  apaTTest: {
    also: [
      [
        "apaTTest({ t: '1', df: 2, p: null, dz: null })",
        () => reportEntry.apaTTest({ t: "1", df: 2, p: null, dz: null } as never),
        "invalid-argument",
      ],
    ],
  },
  renderMarkdown: {
    also: [
      [
        "renderMarkdown(a Dataset)",
        () => reportEntry.renderMarkdown(dataset as never),
        "invalid-argument",
      ],
      [
        "renderMarkdown(gap report results)",
        () => reportEntry.renderMarkdown(gapResults as never),
        "invalid-argument",
      ],
    ],
  },
  renderHtml: {
    typo: typo(
      () => reportEntry.renderHtml(gapReport, { chartTable: false } as never),
      "chartTable",
      "chartTables",
    ),
    also: [
      ["renderHtml(a Dataset)", () => reportEntry.renderHtml(dataset as never), "invalid-argument"],
      [
        "renderHtml(document, { lang: 5 })",
        () => reportEntry.renderHtml(gapReport, { lang: 5 as never }),
        "invalid-argument",
      ],
    ],
  },
  // node
  readEventsCsv: {
    typo: typo(
      () => nodeEntry.readEventsCsv(eventsCsvPath, { delimeter: "," } as never),
      "delimeter",
      "delimiter",
    ),
    also: [
      [
        "readEventsCsv(missing file)",
        () => nodeEntry.readEventsCsv(`${eventsCsvPath}.nope`),
        "invalid-input",
      ],
    ],
  },
  readFactorSurveyCsv: {
    none: "invalid-argument",
    typo: typo(
      () => nodeEntry.readFactorSurveyCsv(csvPath, { delimeter: "," } as never),
      "delimeter",
      "delimiter",
    ),
  },
  readManagementSurveyCsv: {
    typo: typo(
      () => nodeEntry.readManagementSurveyCsv(csvPath, twoByTwo, { delimeter: "," } as never),
      "delimeter",
      "delimiter",
    ),
    also: [
      [
        "readManagementSurveyCsv(path, undefined)",
        () => nodeEntry.readManagementSurveyCsv(csvPath, undefined as never),
        "invalid-argument",
      ],
    ],
  },
  readResponsesCsv: {
    typo: typo(
      () => nodeEntry.readResponsesCsv(csvPath, twoByTwo, { delimeter: "," } as never),
      "delimeter",
      "delimiter",
    ),
    also: [
      [
        "readResponsesCsv(path, undefined)",
        () => nodeEntry.readResponsesCsv(csvPath, undefined as never),
        "invalid-argument",
      ],
    ],
  },
  reportProvenance: {
    typo: typo(
      () =>
        nodeEntry.reportProvenance({
          instrument: tinyInstrument,
          validation,
          generatedat: "2026-01-01T00:00:00Z",
        } as never),
      "generatedat",
      "generatedAt",
    ),
    also: [
      [
        "reportProvenance({ instrument, validation: a Dataset })",
        () =>
          nodeEntry.reportProvenance({ instrument: tinyInstrument, validation: dataset as never }),
        "invalid-argument",
      ],
    ],
  },
  summarizeResponsesCsv: {
    typo: typo(
      () => nodeEntry.summarizeResponsesCsv(csvPath, twoByTwo, { reliabilty: false } as never),
      "reliabilty",
      "reliability",
    ),
    also: [
      [
        "summarizeResponsesCsv(path, undefined)",
        () => nodeEntry.summarizeResponsesCsv(csvPath, undefined as never),
        "invalid-argument",
      ],
    ],
  },
  readResponsesCsvText: {
    typo: typo(
      () => nodeEntry.readResponsesCsvText(csvText, twoByTwo, { issuelimit: 3 } as never),
      "issuelimit",
      "issueLimit",
    ),
  },
  runGapSql: {
    typo: typo(
      () =>
        nodeEntry.runGapSql({ query: async () => ({ rows: [] }) }, tinyInstrument, {
          table: "t",
          groupby: ["region"],
        } as never),
      "groupby",
      "groupBy",
    ),
    also: [
      [
        "runGapSql(notAConnection, instrument, options)",
        () => nodeEntry.runGapSql({} as never, tinyInstrument, { table: "t" }),
        "invalid-argument",
      ],
    ],
  },
  runGapCellsSql: {
    typo: typo(
      () =>
        nodeEntry.runGapCellsSql({ query: async () => ({ rows: [] }) }, tinyInstrument, {
          table: "t",
          bye: ["region"],
        } as never),
      "bye",
      "by",
    ),
    also: [
      [
        "runGapCellsSql(notAConnection, instrument, options)",
        () => nodeEntry.runGapCellsSql({} as never, tinyInstrument, { table: "t" }),
        "invalid-argument",
      ],
    ],
  },
  runRelationshipFeaturesSql: {
    typo: typo(
      () =>
        nodeEntry.runRelationshipFeaturesSql({ query: async () => ({ rows: [] }) }, {
          table: "t",
          asOf: "2024-01-01",
          windws: [30],
        } as never),
      "windws",
      "windows",
    ),
    also: [
      [
        "runRelationshipFeaturesSql(notAConnection, options)",
        () => nodeEntry.runRelationshipFeaturesSql({} as never, { table: "t", asOf: "2024-01-01" }),
        "invalid-argument",
      ],
    ],
  },
  runServperfSql: {
    typo: typo(
      () =>
        nodeEntry.runServperfSql({ query: async () => ({ rows: [] }) }, tinyInstrument, {
          table: "t",
          groupby: ["region"],
        } as never),
      "groupby",
      "groupBy",
    ),
    also: [
      [
        "runServperfSql(notAConnection, instrument, options)",
        () => nodeEntry.runServperfSql({} as never, tinyInstrument, { table: "t" }),
        "invalid-argument",
      ],
    ],
  },
  runZonesSql: {
    typo: typo(
      () =>
        nodeEntry.runZonesSql(
          { query: async () => ({ rows: [] }) },
          core.instruments.servqual22Tolerance,
          { table: "t", groupby: ["region"] } as never,
        ),
      "groupby",
      "groupBy",
    ),
    also: [
      [
        "runZonesSql(notAConnection, instrument, options)",
        () =>
          nodeEntry.runZonesSql({} as never, core.instruments.servqual22Tolerance, { table: "t" }),
        "invalid-argument",
      ],
    ],
  },
  // sql
  gapSql: {
    typo: typo(
      () => sqlEntry.gapSql(tinyInstrument, { table: "t", dialect: "duckdb", were: [] } as never),
      "were",
      "where",
    ),
    also: [
      [
        "gapSql(instrument, { table: '', dialect: 'duckdb' })",
        () => sqlEntry.gapSql(tinyInstrument, { table: "", dialect: "duckdb" }),
        "invalid-argument",
      ],
      [
        "gapSql(instrument, { dialect: 'oracle' })",
        () => sqlEntry.gapSql(tinyInstrument, { table: "t", dialect: "oracle" as never }),
        "invalid-argument",
      ],
      [
        "gapSql(instrument, { where: 'x = 1' })",
        () =>
          sqlEntry.gapSql(tinyInstrument, {
            table: "t",
            dialect: "duckdb",
            where: "x = 1" as never,
          }),
        "invalid-argument",
      ],
      [
        "gapSql(instrument, { where: [{ op: 'LIKE' }] })",
        () =>
          sqlEntry.gapSql(tinyInstrument, {
            table: "t",
            dialect: "duckdb",
            where: [{ column: "x", op: "LIKE" as never, value: "%" }],
          }),
        "invalid-argument",
      ],
    ],
  },
  finishGapSql: {
    typo: typo(
      () =>
        sqlEntry.finishGapSql([], tinyInstrument, {
          table: "t",
          dialect: "duckdb",
          levl: 0.9,
        } as never),
      "levl",
      "level",
    ),
    also: [
      [
        "finishGapSql([{ part: 0, v: [1] }], instrument, options)",
        () =>
          sqlEntry.finishGapSql([{ part: 0, v: [1] }], tinyInstrument, {
            table: "t",
            dialect: "duckdb",
          }),
        "invalid-input",
      ],
    ],
  },
  gapCellsSql: {
    typo: typo(
      () =>
        sqlEntry.gapCellsSql(tinyInstrument, { table: "t", dialect: "duckdb", bye: [] } as never),
      "bye",
      "by",
    ),
    also: [
      [
        "gapCellsSql(instrument, { period: 'month' }) without date",
        () =>
          sqlEntry.gapCellsSql(tinyInstrument, { table: "t", dialect: "duckdb", period: "month" }),
        "invalid-argument",
      ],
    ],
  },
  finishGapCellsSql: {
    typo: typo(
      () =>
        sqlEntry.finishGapCellsSql([], tinyInstrument, {
          table: "t",
          dialect: "duckdb",
          minimumn: 5,
        } as never),
      "minimumn",
      "minimumN",
    ),
    also: [
      [
        "finishGapCellsSql([{ part: 0, v: [1] }], instrument, options)",
        () =>
          sqlEntry.finishGapCellsSql([{ part: 0, v: [1] }], tinyInstrument, {
            table: "t",
            dialect: "duckdb",
          }),
        "invalid-input",
      ],
    ],
  },
  relationshipFeaturesSql: {
    typo: typo(
      () =>
        sqlEntry.relationshipFeaturesSql({
          table: "t",
          dialect: "duckdb",
          asOf: "2024-01-01",
          orderby: "line",
        } as never),
      "orderby",
      "orderBy",
    ),
    also: [
      [
        "relationshipFeaturesSql({ values: 'words' })",
        () =>
          sqlEntry.relationshipFeaturesSql({
            table: "t",
            dialect: "duckdb",
            asOf: "2024-01-01",
            values: "words" as never,
          }),
        "invalid-argument",
      ],
    ],
  },
  finishRelationshipFeaturesSql: {
    typo: typo(
      () =>
        sqlEntry.finishRelationshipFeaturesSql([], {
          table: "t",
          dialect: "duckdb",
          asOf: "2024-01-01",
          trenddays: 90,
        } as never),
      "trenddays",
      "trendDays",
    ),
    also: [
      [
        "finishRelationshipFeaturesSql([{ part: 'count' }], options)",
        () =>
          sqlEntry.finishRelationshipFeaturesSql([{ part: "count" }], {
            table: "t",
            dialect: "duckdb",
            asOf: "2024-01-01",
          }),
        "invalid-input",
      ],
    ],
  },
  servperfSql: {
    typo: typo(
      () =>
        sqlEntry.servperfSql(tinyInstrument, { table: "t", dialect: "duckdb", were: [] } as never),
      "were",
      "where",
    ),
    also: [
      [
        "servperfSql(instrument, { columns: { weight } })",
        () =>
          sqlEntry.servperfSql(tinyInstrument, {
            table: "t",
            dialect: "duckdb",
            columns: { weight: "W_{dimension}" },
          }),
        "invalid-argument",
      ],
    ],
  },
  finishServperfSql: {
    typo: typo(
      () =>
        sqlEntry.finishServperfSql([], tinyInstrument, {
          table: "t",
          dialect: "duckdb",
          levl: 0.9,
        } as never),
      "levl",
      "level",
    ),
    also: [
      [
        "finishServperfSql([{ part: 0, v: [1] }], instrument, options)",
        () =>
          sqlEntry.finishServperfSql([{ part: 0, v: [1] }], tinyInstrument, {
            table: "t",
            dialect: "duckdb",
          }),
        "invalid-input",
      ],
    ],
  },
  zonesSql: {
    typo: typo(
      () =>
        sqlEntry.zonesSql(core.instruments.servqual22Tolerance, {
          table: "t",
          dialect: "duckdb",
          groupby: [],
        } as never),
      "groupby",
      "groupBy",
    ),
    also: [
      [
        "zonesSql(expectation–perception instrument, options)",
        () => sqlEntry.zonesSql(tinyInstrument, { table: "t", dialect: "duckdb" }),
        "invalid-input",
      ],
    ],
  },
  finishZonesSql: {
    typo: typo(
      () =>
        sqlEntry.finishZonesSql([], core.instruments.servqual22Tolerance, {
          table: "t",
          dialect: "duckdb",
          levl: 0.9,
        } as never),
      "levl",
      "level",
    ),
    also: [
      [
        "finishZonesSql([{ stmt: 9 }], instrument, options)",
        () =>
          sqlEntry.finishZonesSql([{ stmt: 9 }], core.instruments.servqual22Tolerance, {
            table: "t",
            dialect: "duckdb",
          }),
        "invalid-input",
      ],
    ],
  },
  quoteIdentifier: {
    empty: "invalid-argument",
    also: [["quoteIdentifier('')", () => sqlEntry.quoteIdentifier(""), "invalid-argument"]],
  },
};

/** Exports that are not functions to call this way. */
const NOT_CALLED: Readonly<Record<string, string>> = {
  ServqualError: "the error class itself, constructed with new",
  eventRecordSchema: "schema getter: takes no arguments, returns the zod schema",
  dimensionSpecSchema: "schema getter: takes no arguments, returns the zod schema",
  instrumentSpecSchema: "schema getter: takes no arguments, returns the zod schema",
  itemSpecSchema: "schema getter: takes no arguments, returns the zod schema",
  scaleSpecSchema: "schema getter: takes no arguments, returns the zod schema",
  validationOptionsSchema: "schema getter: takes no arguments, returns the zod schema",
};

type Settled = { readonly threw: unknown } | { readonly value: unknown };

/** Runs a call, waiting for a promise, and reports what came out. */
async function settle(call: () => unknown): Promise<Settled> {
  try {
    return { value: await call() };
  } catch (error) {
    return { threw: error };
  }
}

function expectOutcome(settled: Settled, outcome: Outcome, name: string) {
  if (typeof outcome === "string") {
    expect("threw" in settled, `${name} should throw ${outcome}`).toBe(true);
    const error = (settled as { threw: unknown }).threw;
    expect(error, `${name}: ${String(error)}`).toBeInstanceOf(ServqualError);
    const servqualError = error as ServqualError;
    expect(servqualError.code, `${name}: ${servqualError.message}`).toBe(outcome);
    expect(servqualError.issues.length + servqualError.message.length).toBeGreaterThan(0);
    if (outcome === "invalid-argument") {
      expect(servqualError.message.startsWith(`${name.split("(")[0]}: `)).toBe(true);
      expect(servqualError.issues[0]?.code).toBe("invalid-argument");
    }
  } else {
    expect("value" in settled, `${name} should return`).toBe(true);
    expect(outcome.returns((settled as { value: unknown }).value)).toBe(true);
  }
}

const functionNames = Object.entries(api)
  .filter(([, value]) => typeof value === "function")
  .map(([name]) => name)
  .sort();

describe("argument checks of every public function", () => {
  it("the table lists every exported function, and only those", () => {
    const listed = [...Object.keys(table), ...Object.keys(NOT_CALLED)].sort();
    expect(listed).toEqual(functionNames);
  });

  const rows = Object.entries(table);

  it.each(rows)("%s() without arguments", async (name, row) => {
    const fn = api[name] as (...args: unknown[]) => unknown;
    expectOutcome(await settle(() => fn()), row.none ?? "invalid-argument", name);
  });

  it.each(rows)("%s({})", async (name, row) => {
    const fn = api[name] as (...args: unknown[]) => unknown;
    expectOutcome(await settle(() => fn({})), row.empty ?? "invalid-argument", name);
  });

  const typos = rows.filter(([, row]) => row.typo !== undefined);
  it.each(typos)(
    "%s with a misspelled option names it and the closest valid one",
    async (name, row) => {
      const { call, key, suggest, code } = row.typo as Typo;
      const settled = await settle(call);
      expectOutcome(settled, code ?? "invalid-options", name);
      const error = (settled as { threw: ServqualError }).threw;
      const issue = error.issues.find((i) => i.code === "unknown-option");
      expect(issue?.message).toContain(`unknown option '${key}'`);
      expect(issue?.message).toContain(`did you mean '${suggest}'?`);
      expect(issue?.path?.at(-1)).toBe(key);
    },
  );

  const more = rows.flatMap(([, row]) => row.also ?? []);
  it.each(more)("%s", async (name, call, code) => {
    expectOutcome(await settle(call), code, name);
  });
});

describe("argument checks let valid calls through", () => {
  it("a report built from a dataset renders to JSON and Markdown", () => {
    expect(JSON.parse(reportEntry.renderJson(gapReport)).kind).toBe("servqual-report-document");
    expect(JSON.parse(reportEntry.renderJson(gapReport)).results.kind).toBe("servqual-gap-report");
    expect(reportEntry.renderMarkdown(gapReport).startsWith("# ")).toBe(true);
    expect(reportEntry.renderHtml(gapReport).startsWith("<!doctype html>")).toBe(true);
  });

  it("a null options object of the CSV text reader still means no options", () => {
    const { report } = nodeEntry.readResponsesCsvText(
      "respondent_id,E_s1,P_s1,E_s2,P_s2,E_c1,P_c1,E_c2,P_c2\nr1,5,6,5,6,5,6,5,6\n",
      twoByTwo,
      null as never,
    );
    expect(report.rowsUsed).toBe(1);
  });
});
