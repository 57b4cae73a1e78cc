/** Slices up to this length are sorted by insertion (most customers have few events). */
const INSERTION_LIMIT = 48;

/**
 * Orders events by customer, then time (ties: type, product, value, input order), so each
 * customer's events form one slice. A counting sort by customer (one pass, stable) followed
 * by a sort of each customer's slice by time: O(n + Σ kᵢ log kᵢ), never one comparison sort of
 * the whole set. The tie-break makes the order, and every feature, independent of the order
 * the events arrived in.
 *
 * @returns `order` (event indices) and `customerStart` (slice starts, length customers + 1).
 */
export function sortEvents(
  customer: Int32Array,
  time: Float64Array,
  type: Uint8Array,
  product: Int32Array,
  value: Float64Array,
  customers: number,
): { order: Int32Array; customerStart: Int32Array } {
  const n = customer.length;
  const customerStart = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) {
    const at = (customer[i] as number) + 1;
    customerStart[at] = (customerStart[at] as number) + 1;
  }
  for (let c = 0; c < customers; c++) {
    customerStart[c + 1] = (customerStart[c + 1] as number) + (customerStart[c] as number);
  }
  const next = customerStart.slice(0, customers);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = customer[i] as number;
    const at = next[c] as number;
    order[at] = i;
    next[c] = at + 1;
  }
  const before = (a: number, b: number): boolean => {
    const ta = time[a] as number;
    const tb = time[b] as number;
    if (ta !== tb) return ta < tb;
    const ya = type[a] as number;
    const yb = type[b] as number;
    if (ya !== yb) return ya < yb;
    const pa = product[a] as number;
    const pb = product[b] as number;
    if (pa !== pb) return pa < pb;
    const va = value[a] as number;
    const vb = value[b] as number;
    if (va !== vb && !(Number.isNaN(va) && Number.isNaN(vb))) return Number.isNaN(vb) || va < vb;
    return false;
  };
  const compare = (a: number, b: number): number => (before(a, b) ? -1 : before(b, a) ? 1 : a - b);
  for (let c = 0; c < customers; c++) {
    const start = customerStart[c] as number;
    const end = customerStart[c + 1] as number;
    if (end - start <= INSERTION_LIMIT) {
      for (let i = start + 1; i < end; i++) {
        const e = order[i] as number;
        let j = i - 1;
        while (j >= start && before(e, order[j] as number)) {
          order[j + 1] = order[j] as number;
          j -= 1;
        }
        order[j + 1] = e;
      }
    } else {
      order.subarray(start, end).sort(compare);
    }
  }
  return { order, customerStart };
}
