import { riskyLabel } from "../_lib/labelRisk";
import type { EventSetBuilder } from "../relationship/eventSetBuilder";
import { DEFAULT_INITIATOR, initiatorCodeOf, TYPE } from "../relationship/eventTypes";
import type { EventRangeResult } from "./eventRange";

/** A table from a range's label index to a number of the builder (−2: not yet looked up). */
function table(size: number): Int32Array {
  return new Int32Array(size).fill(-2);
}

/** Per label of a range: `riskyLabel` asked (0 not yet, 1 no label issue, 2 one). */
function risks(texts: readonly string[]): Uint8Array {
  return new Uint8Array(texts.length);
}

/** Whether label `k` of `texts` has a label issue, asked once and kept in `risk`. */
function risky(k: number, risk: Uint8Array, texts: readonly string[]): boolean {
  let r = risk[k] as number;
  if (r === 0) {
    r = riskyLabel(texts[k] as string) ? 2 : 1;
    risk[k] = r;
  }
  return r === 2;
}

/**
 * Joins a range read by another thread (an {@link EventRangeResult}) to the builder in file
 * order: the checks `EventLineReader.read` makes that depend on earlier lines (type names
 * resolved by the builder, the as-of date, a negative value, the set's currency, the
 * initiator, a label that starts like a formula or holds markup, a duplicate id) and the
 * numbering of customers, products and channels by first appearance, so the event set is the
 * one a single thread builds. `take` returns false, having
 * changed nothing but the id set when it says "duplicate", for a record the general path must
 * read (as `EventLineReader.read` does).
 */
export class EventRangeMerge {
  private readonly builder: EventSetBuilder;
  private readonly r: EventRangeResult;
  private readonly typeOf: Int32Array;
  private readonly initiatorOf: Int32Array;
  private readonly productOf: Int32Array;
  private readonly channelOf: Int32Array;
  private readonly customerOf: Int32Array;
  private customerByNumber: Int32Array = new Int32Array(1024).fill(-1);
  private currencyOk: Uint8Array;
  private currencyBase: string | null = null;
  /** Whether the ids' prefix, or the numbered customers' prefix, gives each id a label issue. */
  private readonly idRisky: boolean;
  private readonly customerPrefixRisky: boolean;
  private readonly customerRisk: Uint8Array;
  private readonly productRisk: Uint8Array;
  private readonly channelRisk: Uint8Array;

  constructor(builder: EventSetBuilder, result: EventRangeResult) {
    this.builder = builder;
    this.r = result;
    // prefix + digits has a label issue exactly when prefix + "1" has one: the first character
    // is the prefix's (or a digit), a tag ends in a letter (so lies in the prefix), and the
    // prefix ends in a non-digit and the digits have no leading zero, so whether the text is a
    // number does not depend on them
    this.idRisky = riskyLabel(`${result.idPrefix}1`);
    this.customerPrefixRisky = riskyLabel(`${result.customerPrefix}1`);
    this.customerRisk = risks(result.customerTexts);
    this.productRisk = risks(result.productTexts);
    this.channelRisk = risks(result.channelTexts);
    this.typeOf = table(result.typeTexts.length);
    this.initiatorOf = table(result.initiatorTexts.length);
    this.productOf = table(result.productTexts.length);
    this.channelOf = table(result.channelTexts.length);
    this.customerOf = table(result.customerTexts.length);
    this.currencyOk = new Uint8Array(result.currencyTexts.length);
  }

  /** Adds record `i` (kind 0) at `line` when the general path would keep it without issue. */
  take(i: number, line: number): boolean {
    const r = this.r;
    const builder = this.builder;
    const t = r.type[i] as number;
    let type = this.typeOf[t] as number;
    if (type === -2) {
      type = builder.typeOf(r.typeTexts[t]);
      this.typeOf[t] = type;
    }
    if (type < 0) return false;
    const time = r.time[i] as number;
    if (time > builder.asOf) return false;
    const value = r.value[i] as number;
    let blankCurrency = false;
    if (!Number.isNaN(value)) {
      if (value < 0 && type !== TYPE.downgrade) return false;
      const k = r.currency[i] as number;
      if (k >= 0 && !this.baseCurrency(k)) return false;
      blankCurrency = k < 0;
    }
    let initiator = DEFAULT_INITIATOR[type] as number;
    const ik = r.initiator[i] as number;
    if (ik >= 0) {
      let code = this.initiatorOf[ik] as number;
      if (code === -2) {
        code = initiatorCodeOf(r.initiatorTexts[ik] as string) ?? -3;
        this.initiatorOf[ik] = code;
      }
      if (code === -3) return false;
      initiator = code;
    }
    // labels that start like a formula or hold markup: the general path warns of them
    if (this.idRisky) return false;
    const who = r.customer[i] as number;
    if (who >= 0 ? this.customerPrefixRisky : risky(-who - 1, this.customerRisk, r.customerTexts))
      return false;
    const p = r.product[i] as number;
    if (p >= 0 && risky(p, this.productRisk, r.productTexts)) return false;
    const c = r.channel[i] as number;
    if (c >= 0 && risky(c, this.channelRisk, r.channelTexts)) return false;
    if (!builder.seen.addNumbered(r.idPrefix, r.id[i] as number)) return false;
    builder.addChecked(
      this.customer(who),
      time,
      type,
      value,
      p < 0 ? -1 : this.number(p, this.productOf, r.productTexts, "product"),
      c < 0 ? -1 : this.number(c, this.channelOf, r.channelTexts, "channel"),
      initiator,
      line,
    );
    if (blankCurrency && builder.notesBlankCurrency) builder.noteBlankCurrency();
    return true;
  }

  private customer(code: number): number {
    if (code < 0) {
      const k = -code - 1;
      let c = this.customerOf[k] as number;
      if (c === -2) {
        c = this.builder.customerNumber(this.r.customerTexts[k] as string);
        this.customerOf[k] = c;
      }
      return c;
    }
    if (code >= this.customerByNumber.length) {
      const next = new Int32Array(Math.max(code + 1, this.customerByNumber.length * 2)).fill(-1);
      next.set(this.customerByNumber);
      this.customerByNumber = next;
    }
    let c = this.customerByNumber[code] as number;
    if (c < 0) {
      c = this.builder.customerNumber(`${this.r.customerPrefix}${code}`);
      this.customerByNumber[code] = c;
    }
    return c;
  }

  private number(
    k: number,
    map: Int32Array,
    texts: readonly string[],
    kind: "product" | "channel",
  ): number {
    let n = map[k] as number;
    if (n === -2) {
      const text = texts[k] as string;
      n = kind === "product" ? this.builder.productNumber(text) : this.builder.channelNumber(text);
      map[k] = n;
    }
    return n;
  }

  /** Whether currency cell `k` is the builder's currency (upper-cased), as `EventLineReader` answers it. */
  private baseCurrency(k: number): boolean {
    const base = this.builder.currency;
    if (base !== this.currencyBase) {
      this.currencyBase = base;
      this.currencyOk.fill(0);
    }
    let ok = this.currencyOk[k] as number;
    if (ok === 0) {
      ok = (this.r.currencyTexts[k] as string).toUpperCase() === base ? 1 : 2;
      this.currencyOk[k] = ok;
    }
    return ok === 1;
  }
}
