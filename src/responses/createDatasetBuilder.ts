import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";
import { expectKind, expectShape, shapes } from "../_lib/guards";
import { IssueLog } from "../_lib/issueLog";
import { formulaLike, holdsMarkup } from "../_lib/labelRisk";
import { type Notice, notice } from "../_lib/notice";
import { parseDecimal } from "../_lib/parseDecimal";
import type { Issue } from "../_lib/ServqualError";
import { ServqualError } from "../_lib/ServqualError";
import { itemsOf } from "../instrument/itemsOf";
import type { Facet, Instrument } from "../instrument/types";
import { ColumnRole, columnLayout, displayName } from "./columnLayout";
import { itemsNeeded } from "./itemsNeeded";
import { noUsableRowsIssues } from "./noUsableRowsIssues";
import {
  type AnswerFault,
  cellText,
  describeAnswerFault,
  isNotApplicable,
  parseAnswer,
  showCell,
} from "./parseAnswer";
import { listPopulations, populationCode } from "./populations";
import type { AnswerColumn, Dataset, ValidatedResponses, ValidationReport } from "./types";
import {
  type ResolvedValidationOptions,
  resolveValidationOptions,
  type ValidationOptions,
} from "./validationOptions";

/** Where a pushed row came from: its 1-based data row and, for files, its line. */
export interface RowOrigin {
  readonly row: number;
  readonly line?: number;
}

/**
 * How many excluded rows claim their ids for the duplicate check: an excluded row's id is kept
 * (so that a later row with it is excluded as a duplicate) for the first 100,000 excluded rows
 * with ids; beyond them ids of excluded rows are not kept, so the memory for excluded rows stays
 * flat (about 100 bytes per kept id, ≈ 10 MB at most) however long the input is.
 */
export const EXCLUDED_ID_LIMIT = 100_000;

/**
 * Validates rows one at a time into a columnar {@link Dataset}; the engine behind
 * `validateResponses` and the streaming CSV reader. Cells are given in header order.
 */
export interface DatasetBuilder {
  /** The input's columns as the builder understood them. */
  readonly header: readonly string[];
  /**
   * Validates one row; returns true when the row is kept. Respondent ids follow one rule: the
   * first row that carries a readable id claims it, whether that row is used or excluded;
   * every later row with the same id is excluded as a duplicate. A row whose cells cannot be
   * matched to columns (wrong cell count) shows its id cell in the exclusion but claims no id.
   */
  push(cells: ArrayLike<unknown>, origin: RowOrigin): boolean;
  /**
   * Records an issue the caller found in a row before pushing it (for example a hole in a
   * sparse row array), in the same log as the builder's own issues.
   */
  note(issue: Issue): void;
  /**
   * Counts a row that could not be read as a row of the table (a CSV line whose quotes are
   * broken, or too long to read) and excludes it with `reason`; its id is taken from the id
   * cell when that is readable. Returns false (the row is never kept).
   */
  reject(cells: ArrayLike<unknown>, origin: RowOrigin, reason: Notice): false;
  /**
   * Ends the input and returns the dataset with its validation report.
   *
   * @throws {ServqualError} `empty-input` when no row was pushed, `no-usable-rows` when every
   * row was excluded (the issues say why).
   */
  finish(): ValidatedResponses;
  /**
   * Hands over the rows kept since the last drain as a dataset and starts the next piece
   * (`n` = those rows; ids, duplicate checks, issues and counts carry on across pieces). The
   * dataset's columns are views of the builder's storage, valid until the next `push`:
   * consume it (e.g. add it to an accumulator) first. `finish` then returns the rows kept since
   * the last drain, with the report of every row pushed. This keeps memory at one piece of
   * rows however long the input is.
   */
  drain(): Dataset;
}

/**
 * Creates a {@link DatasetBuilder} for an instrument and a header.
 *
 * @param instrument - The instrument the answers belong to.
 * @param header - Column names of the input, in order (after `options.rename`).
 * @param options - Column names, missing-data policy and the other validation options.
 * @param expectedRows - A capacity hint; columns grow as needed.
 * @throws {ServqualError} `invalid-options`, or `invalid-input` when the header has no answer column.
 */
export function createDatasetBuilder(
  instrument: Instrument,
  header: readonly string[],
  options: ValidationOptions = {},
  expectedRows = 1024,
): DatasetBuilder {
  expectShape("createDatasetBuilder", "instrument", instrument, shapes.instrument);
  expectKind("createDatasetBuilder", "header", header, "array", "an array of column names");
  const resolved = resolveValidationOptions(options);
  return new Builder(
    instrument,
    header,
    resolved,
    Math.max(16, Math.ceil(expectedRows)),
    new IssueLog(resolved),
  );
}

/**
 * A {@link DatasetBuilder} that records into a given issue log (the CSV reader's, which also
 * holds the problems found while splitting lines into rows, so everything is in input order).
 * Options must be resolved already.
 */
export function createDatasetBuilderOnLog(
  instrument: Instrument,
  header: readonly string[],
  options: ResolvedValidationOptions,
  expectedRows: number,
  log: IssueLog,
): DatasetBuilder {
  return new Builder(instrument, header, options, Math.max(16, Math.ceil(expectedRows)), log);
}

class Builder implements DatasetBuilder {
  readonly header: readonly string[];
  private readonly instrument: Instrument;
  private readonly options: ResolvedValidationOptions;
  private readonly layout: ReturnType<typeof columnLayout>;
  private readonly itemCount: number;
  private readonly dimensionCount: number;
  private readonly itemDimension: Int32Array;
  private readonly dimensionSize: Int32Array;
  private readonly reverse: Uint8Array;
  /** The importance-point columns, named in issues about a row's weights as a whole. */
  private readonly weightColumns: string;
  private capacity: number;
  private count = 0;
  /** Rows kept and handed over by `drain`. */
  private drained = 0;
  private rowsIn = 0;
  private columns: AnswerColumn[][];
  private readonly answerArray: typeof Float32Array | typeof Float64Array;
  private weights: Float64Array[] | null;
  private importance: AnswerColumn[] | null;
  private dates: Float64Array | null;
  private sourceRows: Int32Array;
  private ids: string[] = [];
  private segments: (string | null)[][];
  /** One column per covariate, NaN = missing. */
  private covariates: Float64Array[];
  /** Population code per row, or null when the dataset has no population. */
  private population: Uint8Array | null;
  /** Each id read so far → the data row that claimed it, negated when that row was excluded. */
  private readonly seenIds = new Map<string, number>();
  /** Excluded rows whose id claims it in `seenIds` (at most {@link EXCLUDED_ID_LIMIT}). */
  private excludedClaims = 0;
  /** Issues and excluded rows, counted in full, listed up to the limits. */
  private readonly log: IssueLog;
  /** Input position of the id column, or -1. */
  private readonly idColumn: number;
  /** Not-applicable and blank answers in used rows. */
  private notApplicable = 0;
  private blank = 0;
  private weightsRescaled = 0;
  /** Why the last label read was unreadable, or null (blank and readable labels). */
  private unreadable: string | null = null;
  // per-row scratch
  private readonly rowWeights: Float64Array;
  private readonly answered: Uint8Array;
  /** Input positions of the answer columns, their facet-major slot (f·items + i) and item. */
  private readonly answerCells: Int32Array;
  private readonly answerSlots: Int32Array;
  private readonly answerItems: Int32Array;
  /** Input positions of the id, date, weight, importance and segment columns. */
  private readonly otherCells: Int32Array;
  /** The answer columns by slot; refreshed when the columns grow. */
  private flatColumns: AnswerColumn[];
  private readonly usableByDimension: Int32Array;

  constructor(
    instrument: Instrument,
    header: readonly string[],
    options: ResolvedValidationOptions,
    capacity: number,
    log: IssueLog,
  ) {
    this.log = log;
    this.instrument = instrument;
    this.options = options;
    this.layout = columnLayout(header, instrument, options);
    this.header = this.layout.header;
    this.weightColumns = this.header
      .filter((_, c) => this.layout.role[c] === ColumnRole.Weight)
      .map(displayName)
      .join(", ");
    const items = itemsOf(instrument);
    this.itemCount = items.length;
    this.dimensionCount = instrument.dimensions.length;
    this.itemDimension = Int32Array.from(items, (item) => item.dimensionIndex);
    this.dimensionSize = Int32Array.from(instrument.dimensions, (d) => d.items.length);
    this.reverse = Uint8Array.from(items, (item) => (item.reverse ? 1 : 0));
    this.capacity = capacity;
    this.answerArray = exactInSinglePrecision(instrument) ? Float32Array : Float64Array;
    this.columns = this.layout.facets.map(() =>
      this.allocate<AnswerColumn>(this.itemCount, capacity, this.answerArray),
    );
    this.weights = this.layout.hasWeights
      ? this.allocate(this.dimensionCount, capacity, Float64Array)
      : null;
    this.importance = this.layout.hasImportance
      ? this.allocate<AnswerColumn>(this.itemCount, capacity, this.answerArray)
      : null;
    this.dates = this.layout.hasDate ? new Float64Array(capacity) : null;
    this.sourceRows = new Int32Array(capacity);
    this.segments = this.layout.segmentNames.map(() => []);
    this.covariates = this.allocate(this.layout.covariateNames.length, capacity, Float64Array);
    this.population =
      this.layout.hasPopulation || options.populationDefault >= 0 ? new Uint8Array(capacity) : null;
    this.rowWeights = new Float64Array(this.dimensionCount);
    this.answered = new Uint8Array(this.itemCount * this.layout.facets.length);
    const answerCells: number[] = [];
    const otherCells: number[] = [];
    this.layout.role.forEach((kind, c) => {
      if (kind === ColumnRole.Answer) answerCells.push(c);
      else if (kind !== ColumnRole.Ignored) otherCells.push(c);
    });
    this.answerCells = Int32Array.from(answerCells);
    this.answerItems = Int32Array.from(answerCells, (c) => this.layout.item[c] as number);
    this.answerSlots = Int32Array.from(
      answerCells,
      (c) => (this.layout.target[c] as number) * this.itemCount + (this.layout.item[c] as number),
    );
    this.otherCells = Int32Array.from(otherCells);
    this.idColumn = this.layout.role.indexOf(ColumnRole.Id);
    this.flatColumns = this.columns.flat();
    this.usableByDimension = new Int32Array(this.dimensionCount);
    for (const warning of this.layout.warnings) this.record(warning);
  }

  push(cells: ArrayLike<unknown>, origin: RowOrigin): boolean {
    this.rowsIn += 1;
    if (this.count === this.capacity) this.grow();
    const { layout, options } = this;
    const scale = this.instrument.scale;
    const reasons: Notice[] = [];
    const at = this.count;
    const where = origin;

    if (cells.length !== layout.header.length) {
      reasons.push(
        notice(
          "wrong-cell-count",
          `the row has ${cells.length} cells but the header has ${layout.header.length} columns, so its values cannot be matched to columns`,
        ),
      );
      return this.exclude(origin, this.idOf(cells), reasons);
    }

    let id: string | null = null;
    let idUnreadable = false;
    let rejectedAnswers = 0;
    let weightsGiven = 0;
    let weightsBad = false;
    let blankWeights: string[] | null = null;
    let rowBlank = 0;
    let rowNotApplicable = 0;
    this.answered.fill(0);
    this.rowWeights.fill(0);
    const segmentValues: (string | null)[] = this.segments.map(() => null);
    let population: number | Notice = options.populationDefault;
    const { role, target } = layout;
    const min = scale.min;
    const max = scale.max;
    const integerScale = scale.step === 1 && Number.isInteger(min);

    // Answers first, in a tight loop over the answer columns only.
    const { answerCells, answerSlots, answerItems, answered, reverse } = this;
    const columns = this.flatColumns;
    for (let a = 0; a < answerCells.length; a++) {
      const c = answerCells[a] as number;
      const slot = answerSlots[a] as number;
      const i = answerItems[a] as number;
      const cell = cells[c];
      let value = Number.NaN;
      // Fast paths: a one-digit string, or a whole number, on an integer scale.
      if (integerScale) {
        if (typeof cell === "string") {
          if (cell.length === 1) {
            const digit = cell.charCodeAt(0) - 48;
            if (digit >= min && digit <= max) value = digit;
          }
        } else if (
          typeof cell === "number" &&
          Number.isInteger(cell) &&
          cell >= min &&
          cell <= max
        ) {
          value = cell;
        }
      }
      if (Number.isNaN(value)) {
        const parsed = parseAnswer(cell, scale, options.maxCellLength);
        if (parsed.ok) value = parsed.value;
        else if (parsed.fault === "blank") rowBlank += 1;
        else if (parsed.fault === "not-applicable") rowNotApplicable += 1;
        else {
          rejectedAnswers += 1;
          this.rejectCell(where, c, cell, parsed.fault);
        }
      }
      if (!Number.isNaN(value)) {
        if (reverse[i] === 1) value = min + max - value;
        answered[slot] = 1;
      }
      (columns[slot] as AnswerColumn)[at] = value;
    }

    for (let o = 0; o < this.otherCells.length; o++) {
      const c = this.otherCells[o] as number;
      const kind = role[c];
      const cell = cells[c];
      if (kind === ColumnRole.Id) {
        id = this.readLabel(cell, where, c, "id");
        // readLabel gives null for a blank id and for one it cannot read (too long, an object).
        idUnreadable = this.unreadable !== null;
      } else if (kind === ColumnRole.Weight) {
        const text = typeof cell === "string" ? cell.trim() : cell;
        if (text === "" || text === null || text === undefined) {
          blankWeights ??= [];
          blankWeights.push(displayName(layout.header[c] ?? ""));
          continue;
        }
        const points =
          typeof text === "number"
            ? text
            : typeof text === "string" && text.length <= options.maxCellLength
              ? parseDecimal(text)
              : Number.NaN;
        if (typeof text === "string" && text.length > options.maxCellLength) {
          weightsBad = true;
          this.record({
            code: "bad-weight",
            message: "the importance cell is too long to read",
            ...whereOf(where),
            column: displayName(layout.header[c] ?? ""),
          });
        } else if (!Number.isFinite(points) || points < 0 || points > 100) {
          weightsBad = true;
          this.record({
            code: "bad-weight",
            message: `${showCell(cell)} is not a number of importance points from 0 to 100 (a plain decimal number such as 20 or 12.5); this row's weights are not used`,
            ...whereOf(where),
            column: displayName(layout.header[c] ?? ""),
          });
        } else {
          this.rowWeights[target[c] as number] = points;
          weightsGiven += 1;
        }
      } else if (kind === ColumnRole.Importance) {
        const importance = this.importance?.[target[c] as number] as AnswerColumn;
        const parsed = parseAnswer(cell, scale, options.maxCellLength);
        if (parsed.ok) importance[at] = parsed.value;
        else {
          importance[at] = Number.NaN;
          if (parsed.fault !== "blank" && parsed.fault !== "not-applicable") {
            this.rejectCell(where, c, cell, parsed.fault);
          }
        }
      } else if (kind === ColumnRole.Date) {
        (this.dates as Float64Array)[at] = this.readDate(cell, where, c);
      } else if (kind === ColumnRole.Segment) {
        segmentValues[target[c] as number] = this.readLabel(cell, where, c, "label");
      } else if (kind === ColumnRole.Covariate) {
        (this.covariates[target[c] as number] as Float64Array)[at] = this.readCovariate(
          cell,
          where,
          c,
        );
      } else if (kind === ColumnRole.Population) {
        population = this.readPopulation(cell, where, c);
      }
    }

    if (id === null) id = layout.hasId ? null : `row-${origin.row}`;
    let claims = false;
    if (id === null) {
      reasons.push(
        idUnreadable
          ? notice("unreadable-id", `the respondent id ${this.unreadable}`)
          : notice("blank-id", "the respondent id is blank"),
      );
    } else if (layout.hasId) {
      // Generated ids (`row-<n>`) cannot collide: only ids from the data are tracked.
      const first = this.seenIds.get(id);
      if (first !== undefined) {
        reasons.push(
          notice(
            "duplicate-id",
            `the respondent id ${showCell(id)} was already claimed by data row ${Math.abs(first)}${first < 0 ? " (itself excluded)" : ""}; the first row with an id claims it, later rows with that id are excluded`,
          ),
        );
      } else claims = true;
    }
    if (typeof population === "object") reasons.push(population);
    else if (this.population !== null) this.population[at] = population;
    if (rejectedAnswers > 0 && options.invalidAnswers === "exclude-row") {
      reasons.push(
        notice(
          "rejected-answers",
          `${rejectedAnswers} answer(s) rejected and invalidAnswers is "exclude-row"`,
        ),
      );
    }
    const usability = this.usability();
    if (usability !== null) reasons.push(usability);
    if (reasons.length > 0) {
      if (claims) this.claimExcluded(id as string, origin.row);
      return this.exclude(origin, id, reasons);
    }

    this.blank += rowBlank;
    this.notApplicable += rowNotApplicable;
    if (this.weights !== null) {
      if (blankWeights !== null && (weightsGiven > 0 || weightsBad)) {
        weightsBad = true;
        this.record({
          code: "blank-weight",
          message: `the importance points are blank for ${blankWeights.length === 1 ? "this dimension" : "these dimensions"} while others are given; a blank is not read as 0 points, so this row's weights are not used and sample-mean weights stand in (write 0 for no points)`,
          ...whereOf(where),
          column: blankWeights.join(", "),
        });
      }
      this.storeWeights(at, weightsGiven, weightsBad, where);
    }
    if (claims) this.seenIds.set(id as string, origin.row);
    this.ids.push(id as string);
    this.sourceRows[at] = origin.row;
    segmentValues.forEach((value, s) => {
      (this.segments[s] as (string | null)[]).push(value);
    });
    this.count += 1;
    return true;
  }

  note(issue: Issue): void {
    this.record(issue);
  }

  reject(cells: ArrayLike<unknown>, origin: RowOrigin, reason: Notice): false {
    this.rowsIn += 1;
    return this.exclude(origin, this.idOf(cells), [reason]);
  }

  finish(): ValidatedResponses {
    if (this.rowsIn === 0) {
      throw new ServqualError("empty-input", "The input has no data rows.", [
        {
          code: "empty-input",
          message:
            "there are no respondent rows to validate (is the file empty, or only a header?)",
        },
      ]);
    }
    const n = this.count;
    if (n + this.drained === 0) {
      throw new ServqualError(
        "no-usable-rows",
        `None of the ${this.rowsIn} rows can be used.`,
        noUsableRowsIssues(this.log.issues, this.log.excludedRows),
      );
    }
    const dataset = this.piece();
    const report: ValidationReport = {
      rowsIn: this.rowsIn,
      rowsUsed: n + this.drained,
      ...this.log.summary(),
      unreadableLines: 0,
      notApplicable: this.notApplicable,
      blank: this.blank,
      columns: this.layout.summary,
      missingPolicy: this.options.missing,
      weightsRescaled: this.weightsRescaled,
    };
    return { dataset, report };
  }

  drain(): Dataset {
    const dataset = this.piece();
    this.drained += this.count;
    this.count = 0;
    this.ids = [];
    this.segments = this.layout.segmentNames.map(() => []);
    return dataset;
  }

  /** The rows kept since the last drain as a dataset of views (no copy). */
  private piece(): Dataset {
    const n = this.count;
    this.fillAbsentColumns();
    // A view of the first n rows: no copy, so finishing never doubles the memory.
    const trim = <T extends Float32Array | Float64Array>(array: T): T =>
      (array.length === n ? array : array.subarray(0, n)) as T;
    const facets: Partial<Record<Facet, AnswerColumn[]>> = {};
    this.layout.facets.forEach((facet, f) => {
      facets[facet] = (this.columns[f] as AnswerColumn[]).map(trim);
    });
    return {
      instrument: this.instrument,
      n,
      ids: this.ids,
      sourceRows: this.sourceRows.subarray(0, n),
      facets,
      weights: this.weights === null ? null : this.weights.map(trim),
      importance: this.importance === null ? null : this.importance.map(trim),
      dates: this.dates === null ? null : trim(this.dates),
      segments: this.layout.segmentNames.map((name, s) => ({
        name,
        values: this.segments[s] ?? [],
      })),
      covariates: this.layout.covariateNames.map((name, k) => ({
        name,
        values: trim(this.covariates[k] as Float64Array),
      })),
      population:
        this.population === null
          ? null
          : {
              column: this.layout.hasPopulation ? this.options.populationColumn : null,
              labels: this.options.populations.labels,
              codes:
                this.population.length === n ? this.population : this.population.subarray(0, n),
            },
      missingPolicy: this.options.missing,
    };
  }

  /** Null when the row can be used under the missing-data policy, else the reason. */
  private usability(): Notice | null {
    const { answered, itemCount } = this;
    const facetCount = this.layout.facets.length;
    const policy = this.options.missing;
    let anyAnswer = false;
    let complete = true;
    // An item is usable when every facet of it is answered.
    const usableByDimension = this.usableByDimension;
    usableByDimension.fill(0);
    for (let i = 0; i < itemCount; i++) {
      let all = true;
      for (let f = 0; f < facetCount; f++) {
        if (answered[f * itemCount + i] === 1) anyAnswer = true;
        else all = false;
      }
      if (all) {
        const d = this.itemDimension[i] as number;
        usableByDimension[d] = (usableByDimension[d] as number) + 1;
      } else complete = false;
    }
    if (!anyAnswer)
      return notice(
        "no-answers",
        "the row has no usable answer (every answer blank or refused: see its issues)",
      );
    if (policy.kind === "listwise" && !complete) {
      return notice(
        "incomplete-listwise",
        "some answers are missing and the missing-data policy is listwise",
      );
    }
    if (policy.kind === "minimum-share") {
      for (let d = 0; d < this.dimensionCount; d++) {
        if (
          (usableByDimension[d] as number) >= itemsNeeded(policy, this.dimensionSize[d] as number)
        )
          return null;
      }
      const atLeast = (policy.atLeast ?? 1) > 1 ? ` (and at least ${policy.atLeast} items)` : "";
      return notice(
        "too-few-items",
        `no dimension has at least ${Math.round(policy.share * 100)}% of its items answered${atLeast}`,
      );
    }
    let anyUsable = false;
    for (let d = 0; d < this.dimensionCount; d++)
      if ((usableByDimension[d] as number) > 0) anyUsable = true;
    return anyUsable ? null : notice("no-complete-item", "no item has all of its answers");
  }

  private storeWeights(
    at: number,
    given: number,
    bad: boolean,
    where: { row: number; line?: number },
  ) {
    const weights = this.weights as Float64Array[];
    let total = 0;
    for (let d = 0; d < this.dimensionCount; d++) total += this.rowWeights[d] as number;
    let usable = given > 0 && !bad;
    if (usable && Math.abs(total - 100) > this.options.weightTolerance) {
      if (this.options.weightMismatch === "rescale" && total > 0) {
        this.weightsRescaled += 1;
        this.record({
          code: "weights-rescaled",
          message: `importance points sum to ${total}, not 100; rescaled to 100`,
          ...whereOf(where),
          column: this.weightColumns,
        });
      } else {
        usable = false;
        this.record({
          code: "weights-sum",
          message: `importance points sum to ${total}, not 100 (tolerance ${this.options.weightTolerance}); this row's weights are not used and sample-mean weights stand in`,
          ...whereOf(where),
          column: this.weightColumns,
        });
      }
    }
    for (let d = 0; d < this.dimensionCount; d++) {
      (weights[d] as Float64Array)[at] = usable
        ? (this.rowWeights[d] as number) / total
        : Number.NaN;
    }
  }

  private readLabel(
    cell: unknown,
    where: { row: number; line?: number },
    c: number,
    what: "id" | "label",
  ): string | null {
    this.unreadable = null;
    if (cell === null || cell === undefined) return null;
    const column = displayName(this.layout.header[c] ?? "");
    const kind = typeof cell;
    if (kind === "number" && Number.isNaN(cell)) return null;
    if (
      !(kind === "string" || kind === "number" || kind === "bigint" || kind === "boolean") ||
      (kind === "number" && !Number.isFinite(cell))
    ) {
      const shown =
        kind === "number" ? String(cell) : kind === "object" ? describeObject(cell) : `a ${kind}`;
      this.unreadable = `is ${shown}, not text or a number`;
      this.record({
        code: what === "id" ? "bad-id" : "bad-label",
        message: `the ${what === "id" ? "respondent id" : "label"} is ${shown}, not text or a number; it is not read`,
        ...whereOf(where),
        column,
      });
      return null;
    }
    const text = cellText(cell).trim();
    if (text.length === 0) return null;
    if (text.length > this.options.maxCellLength) {
      this.unreadable = `is longer than ${this.options.maxCellLength} characters and cannot be read`;
      this.record({
        code: "cell-too-long",
        message: `the ${what} has ${text.length} characters, more than the limit of ${this.options.maxCellLength}; it is not read`,
        ...whereOf(where),
        column,
      });
      return null;
    }
    if (formulaLike(text)) {
      this.record({
        code: "formula-like-label",
        message: `${showCell(text)} starts like a spreadsheet formula; it is kept as plain text (never evaluated) and escaped in reports`,
        ...whereOf(where),
        column,
      });
    }
    if (holdsMarkup(text)) {
      this.record({
        code: "markup-in-label",
        message: `${showCell(text)} contains markup; it is kept as plain text and escaped in reports`,
        ...whereOf(where),
        column,
      });
    }
    return text;
  }

  /**
   * A covariate cell: a number under the grammar of `parseDecimal` (or a finite JavaScript
   * number); blank, NaN and the scale's not-applicable tokens are missing without an issue;
   * anything else is a `bad-covariate` issue and missing (the row stays).
   */
  private readCovariate(cell: unknown, where: RowOrigin, c: number): number {
    if (cell === null || cell === undefined) return Number.NaN;
    if (typeof cell === "number") {
      if (Number.isFinite(cell)) return cell + 0;
      if (Number.isNaN(cell)) return Number.NaN;
    } else if (typeof cell === "string") {
      if (cell.length <= this.options.maxCellLength) {
        const text = cell.trim();
        if (text.length === 0 || isNotApplicable(text, this.instrument.scale)) return Number.NaN;
        const value = parseDecimal(text);
        if (Number.isFinite(value)) return value;
      }
    }
    const shown =
      typeof cell === "string"
        ? cell.length > this.options.maxCellLength
          ? `a cell of ${cell.length} characters (more than the limit of ${this.options.maxCellLength})`
          : showCell(cell)
        : typeof cell === "object"
          ? describeObject(cell)
          : showCell(cell);
    this.record({
      code: "bad-covariate",
      message: `${shown} is not a number (a plain decimal number such as 21.5 or -3; no +, exponent, leading zero or decimal comma); the covariate is missing for this row, which is kept`,
      ...whereOf(where),
      column: displayName(this.layout.header[c] ?? ""),
    });
    return Number.NaN;
  }

  /**
   * A population cell: the code of the label it names (trimmed, any case; see
   * `populationCode`), the default's code when it is blank and a default is given, else the
   * reason the row is excluded (coded and recorded as `blank-population` / `unknown-population`).
   */
  private readPopulation(cell: unknown, where: RowOrigin, c: number): number | Notice {
    const column = displayName(this.layout.header[c] ?? "");
    const readable =
      typeof cell === "string" ||
      (typeof cell === "number" && !Number.isNaN(cell)) ||
      typeof cell === "boolean" ||
      typeof cell === "bigint";
    const text = readable ? cellText(cell).trim() : "";
    const { populations, populationDefault } = this.options;
    if (!readable && (cell === null || cell === undefined || typeof cell === "number")) {
      // null, undefined and NaN are blanks
    } else if (!readable) {
      const shown = typeof cell === "object" ? describeObject(cell) : `a ${typeof cell}`;
      const reason = `the population is ${shown}, not a label; the row is excluded`;
      this.record({ code: "unknown-population", message: reason, ...whereOf(where), column });
      return notice("unknown-population", reason);
    } else if (text.length > 0) {
      const code = text.length > 40 ? -1 : populationCode(populations, text);
      if (code >= 0) return code;
      const reason = `the population ${showCell(text)} is not one of ${listPopulations(populations)} (declare further populations in options.population.labels, or --population-labels on the command line); the row is excluded`;
      this.record({ code: "unknown-population", message: reason, ...whereOf(where), column });
      return notice("unknown-population", reason);
    }
    if (populationDefault >= 0) return populationDefault;
    const reason =
      "the population is blank and no default population is given (options.population.default); the row is excluded";
    this.record({ code: "blank-population", message: reason, ...whereOf(where), column });
    return notice("blank-population", reason);
  }

  private readDate(cell: unknown, where: { row: number; line?: number }, c: number): number {
    if (cell === null || cell === undefined) return Number.NaN;
    if (cell instanceof Date) {
      const time = cell.getTime();
      if (!Number.isNaN(time)) return time;
      this.record({
        code: "bad-date",
        message:
          "the date is an invalid Date object (its time is NaN); the date is treated as unknown",
        ...whereOf(where),
        column: displayName(this.layout.header[c] ?? ""),
      });
      return Number.NaN;
    }
    const text = cellText(cell).trim();
    if (text.length === 0) return Number.NaN;
    // A calendar date alone is read as UTC midnight, so results do not depend on the time zone.
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
    const parsed =
      text.length > 40
        ? new Date(Number.NaN)
        : dateOnly
          ? parseISO(`${text}T00:00:00Z`)
          : parseISO(text);
    if (isValid(parsed)) return parsed.getTime();
    this.record({
      code: "bad-date",
      message: `${showCell(text)} is not an ISO 8601 date (yyyy-mm-dd); the date is treated as unknown`,
      ...whereOf(where),
      column: displayName(this.layout.header[c] ?? ""),
    });
    return Number.NaN;
  }

  private rejectCell(
    where: { row: number; line?: number },
    c: number,
    cell: unknown,
    fault: Exclude<AnswerFault, "blank" | "not-applicable">,
  ) {
    this.record({
      code: fault,
      message: `${describeAnswerFault(fault, cell, this.instrument.scale)}; the answer is ${this.options.invalidAnswers === "missing" ? "treated as missing" : "rejected"}`,
      ...whereOf(where),
      column: displayName(this.layout.header[c] ?? ""),
    });
  }

  private exclude(origin: RowOrigin, id: string | null, reasons: Notice[]): false {
    this.log.exclude({ ...origin, id, reasons });
    return false;
  }

  /**
   * The id of a row that cannot be validated cell by cell (wrong cell count, broken quotes):
   * the trimmed id cell when it exists, is text of at most `maxCellLength` characters and holds
   * no line break; else null. Nothing is recorded about it.
   */
  private idOf(cells: ArrayLike<unknown>): string | null {
    const c = this.idColumn;
    if (c < 0 || c >= cells.length) return null;
    const cell = cells[c];
    if (cell === null || cell === undefined || typeof cell === "object") return null;
    const text = cellText(cell).trim();
    if (text.length === 0 || text.length > this.options.maxCellLength || /[\r\n]/.test(text)) {
      return null;
    }
    return text;
  }

  /**
   * An excluded row claims its id while fewer than {@link EXCLUDED_ID_LIMIT} excluded rows did
   * (memory stays flat however many rows are excluded); past the limit, one `ids-not-tracked`
   * issue says that later duplicates of such ids are no longer found.
   */
  private claimExcluded(id: string, row: number) {
    if (this.excludedClaims < EXCLUDED_ID_LIMIT) {
      this.excludedClaims += 1;
      this.seenIds.set(id, -row);
      return;
    }
    if (this.excludedClaims === EXCLUDED_ID_LIMIT) {
      this.excludedClaims += 1;
      this.record({
        code: "ids-not-tracked",
        message: `more than ${EXCLUDED_ID_LIMIT} excluded rows carry an id: from data row ${row} on, the ids of excluded rows claim nothing, so a later row with such an id is not excluded as a duplicate (the ids of used rows are always checked)`,
        row,
        column: this.header[this.idColumn] ?? "id",
      });
    }
  }

  private record(issue: Issue) {
    this.log.record(issue);
  }

  /**
   * Columns are not pre-filled: every row writes each column the input has (NaN when missing);
   * columns the input lacks are filled with NaN once, at the end (`fillAbsentColumns`).
   */
  private allocate<T extends AnswerColumn>(
    count: number,
    capacity: number,
    type: { new (length: number): T },
  ): T[] {
    return Array.from({ length: count }, () => new type(capacity));
  }

  /** Answer and importance columns that no input column feeds become all-NaN (missing). */
  private fillAbsentColumns() {
    const { role, target, item } = this.layout;
    const fed = new Set<string>();
    for (let c = 0; c < role.length; c++) {
      if (role[c] === ColumnRole.Answer) fed.add(`a${target[c]}:${item[c]}`);
      else if (role[c] === ColumnRole.Importance) fed.add(`i${target[c]}`);
    }
    this.columns.forEach((facet, f) => {
      facet.forEach((column, i) => {
        if (!fed.has(`a${f}:${i}`)) column.fill(Number.NaN);
      });
    });
    this.importance?.forEach((column, i) => {
      if (!fed.has(`i${i}`)) column.fill(Number.NaN);
    });
  }

  private grow() {
    const capacity = this.capacity * 2;
    const enlarge = <T extends AnswerColumn>(array: T): T => {
      const bigger = new (array.constructor as { new (length: number): T })(capacity);
      bigger.set(array);
      return bigger;
    };
    this.columns = this.columns.map((facet) => facet.map(enlarge));
    this.flatColumns = this.columns.flat();
    if (this.weights !== null) this.weights = this.weights.map(enlarge);
    if (this.importance !== null) this.importance = this.importance.map(enlarge);
    if (this.dates !== null) this.dates = enlarge(this.dates);
    this.covariates = this.covariates.map(enlarge);
    if (this.population !== null) {
      const codes = new Uint8Array(capacity);
      codes.set(this.population);
      this.population = codes;
    }
    const rows = new Int32Array(capacity);
    rows.set(this.sourceRows);
    this.sourceRows = rows;
    this.capacity = capacity;
  }
}

/**
 * True when every answer on the instrument's scale is exact in single precision: integer or
 * binary-fraction steps (1, 0.5, 0.25 …) on a scale well inside ±2²⁰.
 */
export function exactInSinglePrecision(instrument: Instrument): boolean {
  const { min, max, step } = instrument.scale;
  const exact = (value: number) => Math.fround(value) === value;
  const binaryStep = Number.isInteger(Math.log2(step)) || Number.isInteger(step);
  return (
    binaryStep && exact(min) && exact(step) && Math.abs(min) < 2 ** 20 && Math.abs(max) < 2 ** 20
  );
}

/** How an object cell is named in a message: "an array", "a Date object", "an object". */
function describeObject(cell: unknown): string {
  if (Array.isArray(cell)) return "an array";
  if (cell instanceof Date) return "a Date object";
  return "an object";
}

/** The location of an issue: the row and, when known, the line. */
function whereOf(origin: RowOrigin): { row: number; line?: number } {
  return origin.line === undefined ? { row: origin.row } : { row: origin.row, line: origin.line };
}
