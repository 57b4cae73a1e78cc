import { expectShape } from "../_lib/checkArgument";
import { closestName } from "../_lib/closestName";
import {
  checkOptionKeys,
  expectKind,
  invalidArgument,
  isRecord,
  optionNames,
  shapes,
} from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import { RELATIONSHIP_FACETS } from "../instrument/builtin/relationshipBank";
import { respondentScores } from "../responses/respondentScores";
import type { Dataset } from "../responses/types";
import { classifyStage, type StageAssessment } from "./classifyStage";
import { type CustomerCommitment, commitmentOf } from "./commitmentIndex";
import { customerIds } from "./customerIds";
import { expectEventSet } from "./eventSetShape";
import { scoreFacets } from "./facetScores";
import { cutoffsOf, dateOption, FEATURE_OPTIONS, resolveFeatureSettings } from "./featureOptions";
import { FeatureScanner } from "./featureScanner";
import type { CustomerFeatures, FeatureOptions } from "./featureTypes";
import type { StageRulesInput } from "./stageRules";
import { type CustomerTrust, trustOf } from "./trustIndex";
import type { EventSet, TimestampInput } from "./types";

/**
 * Options of {@link customerProfile}. The feature options of `relationshipFeatures`
 * (`windows`, `trendDays`, `complaintDays`, `wallet`, `timeZone`) are taken as they are and
 * checked the same way, so the card's features and stage equal those of
 * `relationshipFeatures(events, sameOptions)` and `classifyStage(features, rules)`.
 */
export interface CustomerProfileOptions extends Omit<FeatureOptions, "asOf"> {
  /** The customer's CRM events (an event set of every customer is fine). */
  readonly events?: EventSet;
  /** SERVQUAL surveys (expectation and perception) and relationship surveys, in any order. */
  readonly surveys?: readonly Dataset[];
  /** The date the card describes (required with `events`). */
  readonly asOf?: TimestampInput;
  /** Stage rules (see `classifyStage`). */
  readonly rules?: StageRulesInput;
  /** A segment column of the surveys holding the CRM customer id (default: the respondent id). */
  readonly customerColumn?: string;
}

/** Where one survey answer of the customer is. */
export interface AnswerSource {
  /** Position of the survey in `surveys`. */
  readonly survey: number;
  readonly respondent: string;
  /** 1-based data row of that survey. */
  readonly row: number;
  /** Collection date (ISO 8601), or null when the survey has none. */
  readonly date: string | null;
}

/** The customer's latest SERVQUAL answers. */
export interface LastGap5 extends AnswerSource {
  readonly items: readonly {
    readonly item: string;
    readonly dimension: string;
    readonly expectation: number | null;
    readonly perception: number | null;
    /** perception − expectation; null unless both answered. */
    readonly gap: number | null;
  }[];
  /** Dimension scores under the survey's missing-data policy (null when not scored). */
  readonly dimensions: readonly {
    readonly dimension: string;
    readonly expectation: number | null;
    readonly perception: number | null;
    readonly gap: number | null;
  }[];
}

/** How the customer's own expectations moved between their two latest SERVQUAL answers. */
export interface ExpectationChange {
  readonly from: AnswerSource;
  readonly to: AnswerSource;
  /** Per dimension in both surveys: E before, after and after − before. */
  readonly dimensions: readonly {
    readonly dimension: string;
    readonly before: number | null;
    readonly after: number | null;
    readonly change: number | null;
  }[];
}

/** A customer card. */
export interface CustomerProfile {
  readonly customer: string;
  readonly asOf: string | null;
  readonly features: CustomerFeatures | null;
  readonly stage: StageAssessment | null;
  /** From the latest relationship survey answer (null without one, or without trust facets). */
  readonly trust: CustomerTrust | null;
  /** Attitudinal commitment of that answer (no observed evidence folded in). */
  readonly commitment: CustomerCommitment | null;
  /** Where trust and commitment come from. */
  readonly relationshipAnswer: AnswerSource | null;
  /** SERVQUAL answers of the customer found, oldest first. */
  readonly gap5Answers: readonly AnswerSource[];
  readonly lastGap5: LastGap5 | null;
  readonly expectationChange: ExpectationChange | null;
  readonly warnings: readonly Notice[];
}

const OPTIONS = optionNames<CustomerProfileOptions>({
  events: true,
  surveys: true,
  asOf: true,
  rules: true,
  customerColumn: true,
  windows: true,
  trendDays: true,
  complaintDays: true,
  wallet: true,
  timeZone: true,
});

interface Answer extends AnswerSource {
  readonly dataset: Dataset;
  readonly index: number;
  readonly time: number;
}

/**
 * A customer card for CRM developers: the relationship stage (with its evidence), trust and
 * commitment from the customer's latest relationship-survey answer, the latest Gap 5 answers,
 * and how the customer's own expectations moved between their two latest SERVQUAL answers
 * (expectations are personal and change with each experience: per dimension E_after − E_before).
 *
 * Answers are ordered by collection date when every answer of the customer has one, else in
 * the order the surveys are given and the rows within them (our documented rule). A survey
 * is read as SERVQUAL when it has expectation and perception answers, as a relationship
 * survey when its dimensions are facets of the relationship bank.
 *
 * @param customerId - The CRM customer id (the respondent id in the surveys, or `customerColumn`).
 * @param options - `events` and `asOf`, `surveys`, `rules`, `customerColumn`, and the feature
 *   options of `relationshipFeatures` (`windows`, `trendDays`, `complaintDays`, `wallet`,
 *   `timeZone`; only with `events`).
 * @returns Plain JSON data; what cannot be shown is null with a coded warning.
 * @throws {ServqualError} `invalid-argument`; `invalid-input` (`unknown-customer`) when the
 *   customer is in neither the events nor the surveys.
 *
 * @example
 * const card = customerProfile("R0001", { events, surveys: [servqual, trustSurvey], asOf: "2024-12-31" });
 * card.stage?.stage; card.trust?.index; card.expectationChange?.dimensions[0]?.change
 */
export function customerProfile(
  customerId: string,
  options: CustomerProfileOptions,
): CustomerProfile {
  const fn = "customerProfile";
  if (typeof customerId !== "string" || customerId.trim() === "") {
    throw invalidArgument(fn, "customerId", "a customer id (a non-empty string)", customerId);
  }
  expectKind(fn, "options", options, "object", "an object of options ({ events, asOf, surveys })");
  checkOptionKeys(fn, options, OPTIONS);
  const events = options.events;
  if (options.surveys !== undefined && !Array.isArray(options.surveys)) {
    throw invalidArgument(fn, "options.surveys", "an array of datasets", options.surveys);
  }
  const surveys: readonly Dataset[] = options.surveys ?? [];
  if (events === undefined && surveys.length === 0) {
    throw invalidArgument(fn, "options", "events and asOf, or surveys, or both", options);
  }
  surveys.forEach((s, i) => {
    expectShape(fn, `options.surveys[${i}]`, s, shapes.dataset);
  });
  if (options.customerColumn !== undefined && typeof options.customerColumn !== "string") {
    throw invalidArgument(
      fn,
      "options.customerColumn",
      "a segment column name",
      options.customerColumn,
    );
  }
  if (options.rules !== undefined && !isRecord(options.rules)) {
    throw invalidArgument(fn, "options.rules", "stage rules (see classifyStage)", options.rules);
  }
  const featureOptions: Record<string, unknown> = {};
  for (const key of FEATURE_OPTIONS) {
    const value = (options as unknown as Record<string, unknown>)[key];
    if (key !== "asOf" && value !== undefined) featureOptions[key] = value;
  }
  if (events === undefined && Object.keys(featureOptions).length > 0) {
    throw invalidArgument(
      fn,
      "options",
      "feature options (windows, trendDays, complaintDays, wallet, timeZone) only with events",
      Object.keys(featureOptions).join(", "),
    );
  }
  const warnings: Notice[] = [];
  let features: CustomerFeatures | null = null;
  let asOfText: string | null = null;
  let eventCustomers: readonly string[] = [];
  if (events !== undefined) {
    expectEventSet(fn, "options.events", events);
    const settings = resolveFeatureSettings(fn, featureOptions, FEATURE_OPTIONS);
    const asOf = dateOption(fn, options.asOf, "asOf");
    asOfText = new Date(asOf).toISOString();
    eventCustomers = events.customers;
    const c = events.customers.indexOf(customerId);
    if (c >= 0) {
      const scanner = new FeatureScanner(events, settings);
      if (scanner.scan(c, cutoffsOf(asOf, settings))) features = scanner.features();
      else
        warnings.push(notice("no-events", `customer ${customerId} has no event up to ${asOfText}`));
    } else {
      warnings.push(notice("no-events", `customer ${customerId} has no usable event`));
    }
  } else if (options.asOf !== undefined) {
    asOfText = new Date(dateOption(fn, options.asOf, "asOf")).toISOString();
  }
  const gapAnswers: Answer[] = [];
  const relationshipAnswers: Answer[] = [];
  const known = new Set<string>(eventCustomers);
  const bank = new Set(RELATIONSHIP_FACETS.map((f) => f.id));
  surveys.forEach((dataset, survey) => {
    const isGap =
      dataset.facets.expectation !== undefined && dataset.facets.perception !== undefined;
    const isRelationship =
      dataset.facets.perception !== undefined &&
      dataset.instrument.dimensions.every((d) => bank.has(d.id));
    if (!isGap && !isRelationship) {
      throw invalidArgument(
        fn,
        `options.surveys[${survey}]`,
        "a SERVQUAL survey (expectation and perception) or a relationship survey",
        dataset.instrument.id,
      );
    }
    const ids = customerIds(fn, dataset, options.customerColumn);
    for (let r = 0; r < dataset.n; r++) {
      const id = ids[r];
      if (id === null || id === undefined) continue;
      known.add(id);
      if (id !== customerId) continue;
      const time = dataset.dates?.[r] ?? Number.NaN;
      const answer: Answer = {
        survey,
        respondent: dataset.ids[r] as string,
        row: dataset.sourceRows[r] as number,
        date: Number.isNaN(time) ? null : new Date(time).toISOString(),
        dataset,
        index: r,
        time,
      };
      (isGap ? gapAnswers : relationshipAnswers).push(answer);
    }
  });
  if (!known.has(customerId)) {
    const near = closestName(customerId, [...known]);
    throw new ServqualError("invalid-input", `${fn}: unknown customer ${customerId}.`, [
      {
        code: "unknown-customer",
        message: `customer ${JSON.stringify(customerId)} is in neither the events nor the surveys${near === null ? "" : `; did you mean ${JSON.stringify(near)}?`}`,
        path: ["customerId"],
      },
    ]);
  }
  const stage = features === null ? null : classifyStage(features, options.rules);
  order(gapAnswers);
  order(relationshipAnswers);
  let trust: CustomerTrust | null = null;
  let commitment: CustomerCommitment | null = null;
  const latestRelationship = relationshipAnswers.at(-1) ?? null;
  if (latestRelationship === null) {
    warnings.push(
      notice("no-data", "no relationship survey answer: trust and commitment are null"),
    );
  } else {
    const { dataset, index } = latestRelationship;
    const scored = scoreFacets(fn, dataset, Int32Array.of(index));
    const ids = customerIds(fn, dataset, options.customerColumn);
    const at = (construct: string) =>
      scored.facets.flatMap((f, d) => (f.construct === construct ? [d] : []));
    const trustAt = at("trust");
    const commitmentAt = at("commitment");
    trust = trustAt.length === 0 ? null : (trustOf(dataset, scored, ids, trustAt)[0] ?? null);
    commitment =
      commitmentAt.length === 0
        ? null
        : (commitmentOf(dataset, scored, ids, commitmentAt, new Map(), 0)[0] ?? null);
  }
  const latest = gapAnswers.at(-1) ?? null;
  const lastGap5 = latest === null ? null : gap5Answers(latest);
  if (latest === null) warnings.push(notice("no-data", "no SERVQUAL answer: no Gap 5 answers"));
  let expectationChange: ExpectationChange | null = null;
  const previous = gapAnswers.at(-2);
  if (latest !== null && previous !== undefined) {
    const before = expectationScores(previous);
    const after = expectationScores(latest);
    expectationChange = {
      from: source(previous),
      to: source(latest),
      dimensions: [...after.keys()]
        .filter((d) => before.has(d))
        .map((dimension) => {
          const b = before.get(dimension) ?? null;
          const a = after.get(dimension) ?? null;
          return {
            dimension,
            before: b,
            after: a,
            change: a === null || b === null ? null : a - b,
          };
        }),
    };
  } else if (latest !== null) {
    warnings.push(notice("too-few-values", "one SERVQUAL answer: no expectation change"));
  }
  return {
    customer: customerId,
    asOf: asOfText,
    features,
    stage,
    trust,
    commitment,
    relationshipAnswer: latestRelationship === null ? null : source(latestRelationship),
    gap5Answers: gapAnswers.map(source),
    lastGap5,
    expectationChange,
    warnings,
  };
}

/** Oldest first: by date when every answer has one, else by survey then row. */
function order(answers: Answer[]): void {
  const dated = answers.every((a) => !Number.isNaN(a.time));
  answers.sort((a, b) =>
    dated && a.time !== b.time ? a.time - b.time : a.survey - b.survey || a.index - b.index,
  );
}

function source(a: Answer): AnswerSource {
  return { survey: a.survey, respondent: a.respondent, row: a.row, date: a.date };
}

const nullIfNaN = (v: number | undefined): number | null =>
  v === undefined || Number.isNaN(v) ? null : v;

function expectationScores(a: Answer): Map<string, number | null> {
  const scores = respondentScores(a.dataset, {
    facet: "expectation",
    level: "dimension",
    rows: Int32Array.of(a.index),
  });
  return new Map(a.dataset.instrument.dimensions.map((d, i) => [d.id, nullIfNaN(scores[i]?.[0])]));
}

function gap5Answers(a: Answer): LastGap5 {
  const { dataset, index } = a;
  const e = dataset.facets.expectation ?? [];
  const p = dataset.facets.perception ?? [];
  const rows = Int32Array.of(index);
  const score = (facet: "expectation" | "perception" | "gap") =>
    respondentScores(dataset, { facet, level: "dimension", rows });
  const [eScores, pScores, gScores] = [score("expectation"), score("perception"), score("gap")];
  let at = 0;
  const items: LastGap5["items"][number][] = [];
  for (const dimension of dataset.instrument.dimensions) {
    for (const item of dimension.items) {
      const ev = nullIfNaN(e[at]?.[index]);
      const pv = nullIfNaN(p[at]?.[index]);
      items.push({
        item: item.id,
        dimension: dimension.id,
        expectation: ev,
        perception: pv,
        gap: ev === null || pv === null ? null : pv - ev,
      });
      at += 1;
    }
  }
  return {
    ...source(a),
    items,
    dimensions: dataset.instrument.dimensions.map((d, i) => ({
      dimension: d.id,
      expectation: nullIfNaN(eScores[i]?.[0]),
      perception: nullIfNaN(pScores[i]?.[0]),
      gap: nullIfNaN(gScores[i]?.[0]),
    })),
  };
}
