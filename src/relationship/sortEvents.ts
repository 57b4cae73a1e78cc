import type { EventSet } from "./types";

/** Slices up to this length are sorted by insertion alone. */
const INSERTION_LIMIT = 12;

/** 2^53: integers below it are exact in a double. */
const EXACT = 2 ** 53;

/**
 * Reused buffers of the time pre-sort of one slice: each time packed with its position in the
 * slice into one integer double, `(t − min) · 2^b + i` (exact below 2^53), sorted by the typed
 * array's native numeric sort, so the slice is ordered by time with ties in input order.
 */
class SliceScratch {
  private keys = new Float64Array(256);
  private time = new Float64Array(256);
  private type = new Uint8Array(256);
  private product = new Int32Array(256);
  private value = new Float64Array(256);
  private initiator = new Int8Array(256);
  private order = new Int32Array(256);

  /**
   * Orders positions [start, end) by time (ties keep their order); false, changing nothing,
   * when the times are not integers or their range does not fit beside the positions.
   */
  presort(
    start: number,
    end: number,
    sTime: Float64Array,
    sType: Uint8Array,
    sProduct: Int32Array,
    sValue: Float64Array,
    sInitiator: Int8Array,
    order: Int32Array,
  ): boolean {
    const k = end - start;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = start; i < end; i++) {
      const t = sTime[i] as number;
      if (!Number.isInteger(t)) return false;
      if (t < min) min = t;
      if (t > max) max = t;
    }
    let shift = 1;
    while (shift < k) shift *= 2;
    if ((max - min + 1) * shift > EXACT) return false;
    if (this.keys.length < k) {
      const size = Math.max(k, this.keys.length * 2);
      this.keys = new Float64Array(size);
      this.time = new Float64Array(size);
      this.type = new Uint8Array(size);
      this.product = new Int32Array(size);
      this.value = new Float64Array(size);
      this.initiator = new Int8Array(size);
      this.order = new Int32Array(size);
    }
    const keys = this.keys;
    for (let i = 0; i < k; i++) keys[i] = ((sTime[start + i] as number) - min) * shift + i;
    keys.subarray(0, k).sort();
    // Copies by plain loops (a slice is short: views would cost more than the copy).
    const time = this.time;
    const type = this.type;
    const product = this.product;
    const value = this.value;
    const initiator = this.initiator;
    const was = this.order;
    for (let i = 0; i < k; i++) {
      time[i] = sTime[start + i] as number;
      type[i] = sType[start + i] as number;
      product[i] = sProduct[start + i] as number;
      value[i] = sValue[start + i] as number;
      initiator[i] = sInitiator[start + i] as number;
      was[i] = order[start + i] as number;
    }
    for (let j = 0; j < k; j++) {
      const i = (keys[j] as number) % shift;
      sTime[start + j] = time[i] as number;
      sType[start + j] = type[i] as number;
      sProduct[start + j] = product[i] as number;
      sValue[start + j] = value[i] as number;
      sInitiator[start + j] = initiator[i] as number;
      order[start + j] = was[i] as number;
    }
    return true;
  }
}

/**
 * Orders events by customer, then time (ties: type, product, value, input order), so each
 * customer's events form one slice. A counting sort by customer (one pass, stable) followed
 * by a sort of each customer's slice by time: O(n + Σ kᵢ log kᵢ), never one comparison sort of
 * the whole set. A slice longer than a few events is first ordered by the typed array's native
 * sort of packed keys (time and position in one exact integer), then an insertion pass puts
 * equal times in tie-break order; the result is the same total order. The tie-break makes the order, and every feature, independent of the order
 * the events arrived in.
 *
 * @returns `order` (event indices), `customerStart` (slice starts, length customers + 1) and
 * the sort keys (time, type, product, value) and the initiators copied into that order.
 */
export function sortEvents(
  customer: Int32Array,
  time: Float64Array,
  type: Uint8Array,
  product: Int32Array,
  value: Float64Array,
  customers: number,
  initiator: Int8Array = new Int8Array(customer.length),
): {
  order: Int32Array;
  customerStart: Int32Array;
  sorted: SortedColumns;
} {
  const n = customer.length;
  const customerStart = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) {
    const at = (customer[i] as number) + 1;
    customerStart[at] = (customerStart[at] as number) + 1;
  }
  for (let c = 0; c < customers; c++) {
    customerStart[c + 1] = (customerStart[c + 1] as number) + (customerStart[c] as number);
  }
  // Scatter the events and their sort keys into customer order (one pass of sequential
  // reads), then sort each customer's slice on these contiguous copies, moving the copies
  // with the order.
  const next = customerStart.slice(0, customers);
  const order = new Int32Array(n);
  const sTime = new Float64Array(n);
  const sType = new Uint8Array(n);
  const sProduct = new Int32Array(n);
  const sValue = new Float64Array(n);
  const sInitiator = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const c = customer[i] as number;
    const at = next[c] as number;
    next[c] = at + 1;
    order[at] = i;
    sTime[at] = time[i] as number;
    sType[at] = type[i] as number;
    sProduct[at] = product[i] as number;
    sValue[at] = value[i] as number;
    sInitiator[at] = initiator[i] as number;
  }
  /** Whether sorted position a comes before position b (time, type, product, value, input order). */
  const before = (
    ta: number,
    ya: number,
    pa: number,
    va: number,
    ea: number,
    b: number,
  ): boolean => {
    const tb = sTime[b] as number;
    if (ta !== tb) return ta < tb;
    const yb = sType[b] as number;
    if (ya !== yb) return ya < yb;
    const pb = sProduct[b] as number;
    if (pa !== pb) return pa < pb;
    const vb = sValue[b] as number;
    if (va !== vb && !(Number.isNaN(va) && Number.isNaN(vb))) return Number.isNaN(vb) || va < vb;
    return ea < (order[b] as number);
  };
  /** Sorts positions [start, end) by insertion (few comparisons on a nearly sorted slice). */
  const insertion = (start: number, end: number): void => {
    for (let i = start + 1; i < end; i++) {
      const t = sTime[i] as number;
      const y = sType[i] as number;
      const p = sProduct[i] as number;
      const v = sValue[i] as number;
      const e = order[i] as number;
      const w = sInitiator[i] as number;
      let j = i - 1;
      while (j >= start && before(t, y, p, v, e, j)) {
        sTime[j + 1] = sTime[j] as number;
        sType[j + 1] = sType[j] as number;
        sProduct[j + 1] = sProduct[j] as number;
        sValue[j + 1] = sValue[j] as number;
        sInitiator[j + 1] = sInitiator[j] as number;
        order[j + 1] = order[j] as number;
        j -= 1;
      }
      sTime[j + 1] = t;
      sType[j + 1] = y;
      sProduct[j + 1] = p;
      sValue[j + 1] = v;
      sInitiator[j + 1] = w;
      order[j + 1] = e;
    }
  };
  const scratch = new SliceScratch();
  for (let c = 0; c < customers; c++) {
    const start = customerStart[c] as number;
    const end = customerStart[c + 1] as number;
    if (end - start <= INSERTION_LIMIT) insertion(start, end);
    else if (scratch.presort(start, end, sTime, sType, sProduct, sValue, sInitiator, order)) {
      // Ordered by time (ties in input order): the insertion pass only reorders ties.
      insertion(start, end);
    } else {
      const slots = Array.from({ length: end - start }, (_, k) => start + k);
      slots.sort((a, b) =>
        before(
          sTime[a] as number,
          sType[a] as number,
          sProduct[a] as number,
          sValue[a] as number,
          order[a] as number,
          b,
        )
          ? -1
          : 1,
      );
      const keep = {
        time: slots.map((k) => sTime[k] as number),
        type: slots.map((k) => sType[k] as number),
        product: slots.map((k) => sProduct[k] as number),
        value: slots.map((k) => sValue[k] as number),
        initiator: slots.map((k) => sInitiator[k] as number),
        order: slots.map((k) => order[k] as number),
      };
      sInitiator.set(keep.initiator, start);
      sTime.set(keep.time, start);
      sType.set(keep.type, start);
      sProduct.set(keep.product, start);
      sValue.set(keep.value, start);
      order.set(keep.order, start);
    }
  }
  return {
    order,
    customerStart,
    sorted: { time: sTime, type: sType, product: sProduct, value: sValue, initiator: sInitiator },
  };
}

/** The columns the feature scanner reads, in the event set's sorted order (`order`). */
export interface SortedColumns {
  readonly time: Float64Array;
  readonly type: Uint8Array;
  readonly product: Int32Array;
  readonly value: Float64Array;
  readonly initiator: Int8Array;
}

const sortedCopies = new WeakMap<EventSet, SortedColumns>();

/** Remembers the sorted copies made while building an event set (see {@link sortedColumnsOf}). */
export function rememberSortedColumns(set: EventSet, columns: SortedColumns): void {
  sortedCopies.set(set, columns);
}

/**
 * The event set's time, type, product, value and initiator in sorted order (position i is
 * event `order[i]`), so a customer's events are contiguous in memory and a scan reads them in
 * sequence, not scattered over the columns. Kept beside the set (a WeakMap, not a field: the
 * set stays as documented and is freed with it); made by one gather for a set that was not
 * built here (e.g. after `structuredClone`). About 22 bytes per event.
 */
export function sortedColumnsOf(set: EventSet): SortedColumns {
  const known = sortedCopies.get(set);
  if (known !== undefined) return known;
  const n = set.order.length;
  const columns = {
    time: new Float64Array(n),
    type: new Uint8Array(n),
    product: new Int32Array(n),
    value: new Float64Array(n),
    initiator: new Int8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const e = set.order[i] as number;
    columns.time[i] = set.time[e] as number;
    columns.type[i] = set.type[e] as number;
    columns.product[i] = set.product[e] as number;
    columns.value[i] = set.value[e] as number;
    columns.initiator[i] = set.initiator[e] as number;
  }
  sortedCopies.set(set, columns);
  return columns;
}
