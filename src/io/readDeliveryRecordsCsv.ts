import { invalidArgument } from "../_lib/checkArgument";
import { checkOptionKeys } from "../_lib/checkOptionKeys";
import { type DeliveryColumns, DeliveryColumnsBuilder } from "../operations/deliveryColumns";
import {
  deliveryBytesReader,
  deliveryBytesScanner,
  deliveryLineReader,
} from "../operations/deliveryLine";
import {
  checkDeliveryCells,
  DELIVERY_COLUMNS,
  DELIVERY_FIELDS,
  DELIVERY_VALIDATION_OPTIONS,
  type DeliveryRecord,
  type DeliverySet,
  type DeliveryValidationOptions,
  deliveryContext,
} from "../operations/deliveryRecords";
import { RecordCollector, recordLimits } from "../operations/standards";
import { brokenRowProblems } from "./brokenRow";
import { streamRecordsCsv } from "./readOperationsCsv";

/**
 * Options of {@link readDeliveryRecordsCsv}: those of `validateDeliveryRecords`, the CSV
 * `delimiter` (default `,`) and, to stream, `onRecords` or `onColumns`.
 */
export interface DeliveryCsvOptions extends DeliveryValidationOptions {
  readonly delimiter?: string;
  /**
   * Streaming: called with each batch of validated records (up to 16,384, in file order); the
   * records are then not kept, and the set returned has none (only the report). Feed the
   * batches to `accumulateGap3` to compute Gap 3 in constant memory.
   */
  readonly onRecords?: (records: readonly DeliveryRecord[]) => void;
  /**
   * Streaming as columns: called with each batch of validated records (up to 16,384, in file
   * order) as a {@link DeliveryColumns} batch (typed arrays, no object or id string per
   * record; the cheapest way to feed `accumulateGap3`, with the same result). Not with
   * `onRecords`.
   */
  readonly onColumns?: (batch: DeliveryColumns) => void;
}

const BATCH = 16384;

/**
 * Whether lines without quotes are read by the fast paths (`enabled`: `deliveryLineReader` on
 * text, and with `bytes` the file is read as bytes and quote-free blocks go through
 * `deliveryBytesReader`); tests turn them off to compare with the general path. Not part of
 * the public API.
 */
export const fastLines = { enabled: true, bytes: true };

/**
 * Reads delivery records from a CSV file (UTF-8, header row) with the columns `id`,
 * `attribute`, `created` (required) and `first_response`, `resolved`, `promised_by`,
 * `delivered`, `region`, `channel`, `time_zone` (optional), streaming: validated as by
 * `validateDeliveryRecords`, every issue names its line; with `onRecords` the records are
 * handed over in batches and not kept.
 *
 * @param path - The file.
 * @param options - `standards`, `calendar`, `asOf`, `delimiter`, `onRecords`, `issueLimit`, `excludedLimit`.
 * @returns The records (none when streaming), the report, the calendar and `asOf`.
 * @throws {ServqualError} `invalid-input` for a missing file or required column;
 * `invalid-options` for a bad calendar (`unknown-time-zone`).
 * @example
 * const state = createGap3Accumulator(standards, { calendar });
 * const { report } = await readDeliveryRecordsCsv("tickets.csv", {
 *   standards, calendar, onRecords: (batch) => accumulateGap3(state, batch),
 * });
 * const result = finishGap3(state, { report });
 */
export async function readDeliveryRecordsCsv(
  path: string | URL,
  options?: DeliveryCsvOptions,
): Promise<DeliverySet> {
  const fn = "readDeliveryRecordsCsv";
  checkOptionKeys(fn, options, [
    ...DELIVERY_VALIDATION_OPTIONS,
    "delimiter",
    "onRecords",
    "onColumns",
  ]);
  const onRecords = options?.onRecords;
  const onColumns = options?.onColumns;
  if (onRecords !== undefined && typeof onRecords !== "function") {
    throw invalidArgument(fn, "options.onRecords", "a function", onRecords);
  }
  if (onColumns !== undefined && typeof onColumns !== "function") {
    throw invalidArgument(fn, "options.onColumns", "a function", onColumns);
  }
  if (onColumns !== undefined && onRecords !== undefined) {
    throw invalidArgument(fn, "options.onColumns", "not given together with onRecords", onColumns);
  }
  const collector = new RecordCollector<DeliveryRecord>(recordLimits(fn, options));
  let context = deliveryContext(fn, options, Object.values(DELIVERY_COLUMNS));
  const columns = onColumns === undefined ? null : new DeliveryColumnsBuilder(BATCH);
  const flush = () => {
    if (columns !== null && onColumns !== undefined) {
      if (columns.length > 0) onColumns(columns.take());
    } else if (onRecords !== undefined && collector.kept.length > 0) onRecords(collector.take());
  };
  /** Moves the records kept into the columns (file order), when streaming as columns. */
  const moved = () => {
    if (columns === null) {
      if (collector.kept.length >= BATCH) flush();
      return;
    }
    if (collector.kept.length === 0) return;
    for (const record of collector.take()) {
      columns.push(record);
      if (columns.full) flush();
    }
  };
  const delimiter = typeof options?.delimiter === "string" ? options.delimiter : ",";
  let fast: ReturnType<typeof deliveryLineReader> | null = null;
  let fastBytes: ReturnType<typeof deliveryBytesReader> | null = null;
  let scanner: ReturnType<typeof deliveryBytesScanner> | null = null;
  /** Interned label (scanner's index) → label index of the columns, −1 not yet looked up. */
  let labelOf = new Int32Array(0);
  const columnLabel = (index: number): number => {
    if (index < 0 || scanner === null || columns === null) return -1;
    if (index >= labelOf.length) {
      const grown = new Int32Array(Math.max(64, index * 2 + 1)).fill(-1);
      grown.set(labelOf);
      labelOf = grown;
    }
    let at = labelOf[index] as number;
    if (at < 0) {
      at = columns.label(scanner.result.names.text(index));
      labelOf[index] = at;
    }
    return at;
  };
  const keep = (record: DeliveryRecord) => {
    collector.keep(record, context.columns[0]);
    moved();
  };
  const readLine = (text: string, start: number, end: number, row: number, line: number) => {
    if (fast === null) return false;
    const record = fast(text, start, end, row, line);
    if (record === null) return false;
    keep(record);
    return true;
  };
  const readBytes = (bytes: Uint8Array, start: number, end: number, row: number, line: number) => {
    if (fastBytes === null) return false;
    const record = fastBytes(bytes, start, end, row, line);
    if (record === null) return false;
    keep(record);
    return true;
  };
  const readColumns = (
    bytes: Uint8Array,
    start: number,
    end: number,
    row: number,
    line: number,
  ) => {
    if (scanner === null || columns === null) return false;
    const { scan, result } = scanner;
    if (!scan(bytes, start, end)) return false;
    if (!collector.keepId(bytes, result.idStart, result.idEnd, row, line, context.columns[0]))
      return true;
    const t = result.times;
    columns.pushValues(
      row,
      line,
      columnLabel(result.attribute),
      t[0] as number,
      t[1] as number,
      t[2] as number,
      t[3] as number,
      t[4] as number,
      columnLabel(result.region),
      columnLabel(result.channel),
      -1,
    );
    if (columns.full) flush();
    return true;
  };
  await streamRecordsCsv(
    fn,
    path,
    options?.delimiter,
    { fields: DELIVERY_FIELDS, names: DELIVERY_COLUMNS, required: ["id", "attribute", "created"] },
    {
      columns(names, positions, width) {
        context = { ...context, columns: names };
        fast = deliveryLineReader(context, delimiter, positions, width);
        if (columns === null) fastBytes = deliveryBytesReader(context, delimiter, positions, width);
        else scanner = deliveryBytesScanner(context, delimiter, positions, width);
      },
      row(cells, place) {
        const { record, problems } = checkDeliveryCells(cells, place, context);
        collector.add(
          place,
          record?.id ?? (cells[0]?.trim() || null),
          record,
          problems,
          context.columns[0],
        );
        moved();
      },
      ...(fastLines.enabled ? { line: readLine } : {}),
      ...(fastLines.enabled && fastLines.bytes
        ? { bytesLine: columns === null ? readBytes : readColumns }
        : {}),
      broken(place, code, message) {
        collector.add(place, null, null, brokenRowProblems(code, message));
      },
    },
  );
  flush();
  return {
    kind: "delivery-records",
    records: collector.kept,
    report: collector.report(),
    calendar: context.calendar,
    asOf: context.asOf,
  };
}
