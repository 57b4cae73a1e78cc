import type { DeliveryRecord } from "./deliveryRecords";

/**
 * A batch of validated delivery records as columns (what `readDeliveryRecordsCsv` hands to
 * `onColumns`): record `i` is entry `i` of every array. Instants are epoch milliseconds, NaN
 * where the record has none; attribute, region, channel and time zone are indices into
 * `labels`, −1 where the record has none. The record id is not carried (ids are checked for
 * duplicates by the reader; a duplicate is excluded with its coded issue, as with `onRecords`).
 * `accumulateGap3` takes a batch as it takes an array of records, with the same result.
 */
export interface DeliveryColumns {
  readonly kind: "delivery-columns";
  /** Number of records in the batch. */
  readonly length: number;
  /** Data row (1-based) and file line of each record. */
  readonly row: Int32Array;
  readonly line: Int32Array;
  readonly created: Float64Array;
  readonly firstResponse: Float64Array;
  readonly resolved: Float64Array;
  readonly promisedBy: Float64Array;
  readonly delivered: Float64Array;
  readonly attribute: Int32Array;
  readonly region: Int32Array;
  readonly channel: Int32Array;
  readonly timeZone: Int32Array;
  /** The labels the indices point at (all those of the read so far). */
  readonly labels: readonly string[];
}

const NO_LINE = 0;

/** True when `value` has the shape of a {@link DeliveryColumns} batch. */
export function isDeliveryColumns(value: unknown): value is DeliveryColumns {
  if (typeof value !== "object" || value === null) return false;
  const batch = value as Partial<DeliveryColumns>;
  const n = batch.length;
  if (batch.kind !== "delivery-columns" || typeof n !== "number" || !Number.isInteger(n) || n < 0)
    return false;
  const floats = [
    batch.created,
    batch.firstResponse,
    batch.resolved,
    batch.promisedBy,
    batch.delivered,
  ];
  const ints = [batch.row, batch.attribute, batch.region, batch.channel, batch.timeZone];
  return (
    floats.every((a) => a instanceof Float64Array && a.length >= n) &&
    ints.every((a) => a instanceof Int32Array && a.length >= n) &&
    Array.isArray(batch.labels)
  );
}

/**
 * The record `i` of a batch as a {@link DeliveryRecord}, with `id` set to `id` (the batch has
 * none): the record `onRecords` would have had.
 *
 * @example
 * columnRecord(batch, 0, "t1").created //=> batch.created[0]
 */
export function columnRecord(batch: DeliveryColumns, i: number, id: string): DeliveryRecord {
  const label = (k: number) => (k < 0 ? null : (batch.labels[k] as string));
  const time = (t: number) => (Number.isNaN(t) ? null : t);
  const line = batch.line[i] as number;
  return {
    row: batch.row[i] as number,
    ...(line === NO_LINE ? {} : { line }),
    id,
    attribute: batch.labels[batch.attribute[i] as number] as string,
    created: batch.created[i] as number,
    firstResponse: time(batch.firstResponse[i] as number),
    resolved: time(batch.resolved[i] as number),
    promisedBy: time(batch.promisedBy[i] as number),
    delivered: time(batch.delivered[i] as number),
    region: label(batch.region[i] as number),
    channel: label(batch.channel[i] as number),
    timeZone: label(batch.timeZone[i] as number),
  };
}

/**
 * Fills {@link DeliveryColumns} batches record by record (from a record object, or from the
 * values a byte-level reader found, with labels given by index), and hands out a batch with
 * `take`; labels are numbered once for the whole read.
 */
export class DeliveryColumnsBuilder {
  private readonly capacity: number;
  private readonly labelIndex = new Map<string, number>();
  private readonly labels: string[] = [];
  private n = 0;
  private row!: Int32Array;
  private line!: Int32Array;
  private created!: Float64Array;
  private firstResponse!: Float64Array;
  private resolved!: Float64Array;
  private promisedBy!: Float64Array;
  private delivered!: Float64Array;
  private attribute!: Int32Array;
  private region!: Int32Array;
  private channel!: Int32Array;
  private timeZone!: Int32Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.fresh();
  }

  private fresh(): void {
    const c = this.capacity;
    this.n = 0;
    this.row = new Int32Array(c);
    this.line = new Int32Array(c);
    this.created = new Float64Array(c);
    this.firstResponse = new Float64Array(c);
    this.resolved = new Float64Array(c);
    this.promisedBy = new Float64Array(c);
    this.delivered = new Float64Array(c);
    this.attribute = new Int32Array(c);
    this.region = new Int32Array(c);
    this.channel = new Int32Array(c);
    this.timeZone = new Int32Array(c);
  }

  /** Records in the batch being filled. */
  get length(): number {
    return this.n;
  }

  /** True when the batch is full. */
  get full(): boolean {
    return this.n >= this.capacity;
  }

  /** The index of a label (numbered on first sight); −1 for null. */
  label(text: string | null): number {
    if (text === null) return -1;
    let index = this.labelIndex.get(text);
    if (index === undefined) {
      index = this.labels.length;
      this.labels.push(text);
      this.labelIndex.set(text, index);
    }
    return index;
  }

  /** Adds a record object. */
  push(record: DeliveryRecord): void {
    this.pushValues(
      record.row,
      record.line ?? NO_LINE,
      this.label(record.attribute),
      record.created,
      record.firstResponse ?? Number.NaN,
      record.resolved ?? Number.NaN,
      record.promisedBy ?? Number.NaN,
      record.delivered ?? Number.NaN,
      this.label(record.region),
      this.label(record.channel),
      this.label(record.timeZone),
    );
  }

  /** Adds a record given by its values (times NaN when absent, labels by index, −1 when absent). */
  pushValues(
    row: number,
    line: number,
    attribute: number,
    created: number,
    firstResponse: number,
    resolved: number,
    promisedBy: number,
    delivered: number,
    region: number,
    channel: number,
    timeZone: number,
  ): void {
    const i = this.n++;
    this.row[i] = row;
    this.line[i] = line;
    this.attribute[i] = attribute;
    this.created[i] = created;
    this.firstResponse[i] = firstResponse;
    this.resolved[i] = resolved;
    this.promisedBy[i] = promisedBy;
    this.delivered[i] = delivered;
    this.region[i] = region;
    this.channel[i] = channel;
    this.timeZone[i] = timeZone;
  }

  /** The batch filled so far (its arrays are the caller's from now on); the next one starts empty. */
  take(): DeliveryColumns {
    const batch: DeliveryColumns = {
      kind: "delivery-columns",
      length: this.n,
      row: this.row,
      line: this.line,
      created: this.created,
      firstResponse: this.firstResponse,
      resolved: this.resolved,
      promisedBy: this.promisedBy,
      delivered: this.delivered,
      attribute: this.attribute,
      region: this.region,
      channel: this.channel,
      timeZone: this.timeZone,
      labels: this.labels.slice(),
    };
    this.fresh();
    return batch;
  }
}
