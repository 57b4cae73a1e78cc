/** A value given up at the end: the event's index and the currency it was in. */
export interface SettledDrop {
  readonly at: number;
  readonly currency: string;
}

/** The base currency of an event set once every event is in, and the values not in it. */
export interface SettledCurrency {
  readonly base: string | null;
  /** Valued events by currency when there are several (the counts the choice was made on). */
  readonly counts: ReadonlyMap<string, number>;
  /** The values in another currency, by event index ascending (input order). */
  readonly dropped: readonly SettledDrop[];
}

/**
 * The base currency of an event set built without `currency`: the currency of the most
 * valued events, ties to the alphabetically first code, so the base and the values kept do
 * not depend on the order the events arrive in (our choice; with `currency` the base is
 * fixed and a value in another currency is converted by `rates` or dropped at once).
 *
 * While events arrive, the first currency met is provisional: its values are kept without
 * any record (the common single-currency case costs nothing per event), a valued event
 * without a currency after it is noted (`blank`), and so is a valued event in any other
 * currency (`other`); the values of all are kept as read. `settle` counts the valued events
 * of each currency (the provisional one's as every valued event from its first on that was
 * not noted), chooses the base and lists every value in another currency.
 *
 * @example
 * const base = new CurrencyBase();
 * base.met("EUR", 0); // the first currency: provisional
 * base.met("USD", 1);
 * base.met("USD", 2);
 * base.settle(Float64Array.of(10, 20, 30), 3).base //=> "USD" (2 valued events against 1)
 */
export class CurrencyBase {
  private provisional: string | null = null;
  /** Index of the first event valued in the provisional currency. */
  private first = -1;
  private readonly blanks: number[] = [];
  private readonly otherAt: number[] = [];
  private readonly otherCode: string[] = [];
  private readonly otherCounts = new Map<string, number>();

  /** The provisional base (null before the first currency). */
  get current(): string | null {
    return this.provisional;
  }

  /** True once a currency is met: a valued event without a currency must then be noted. */
  get notesBlanks(): boolean {
    return this.provisional !== null;
  }

  /** A valued event at index `at` in `currency` (upper-case, valid). */
  met(currency: string, at: number): void {
    if (currency === this.provisional) return;
    if (this.provisional === null) {
      this.provisional = currency;
      this.first = at;
      return;
    }
    this.otherAt.push(at);
    this.otherCode.push(currency);
    this.otherCounts.set(currency, (this.otherCounts.get(currency) ?? 0) + 1);
  }

  /** A valued event at index `at` without a currency, once a currency is met. */
  blank(at: number): void {
    this.blanks.push(at);
  }

  /**
   * The base and the values to drop, from the values of the `n` events (NaN: no value).
   * Events are indexed in input order, so `dropped` is in input order.
   */
  settle(value: Float64Array, n: number): SettledCurrency {
    const base = this.provisional;
    if (base === null || this.otherAt.length === 0) return { base, counts: new Map(), dropped: [] };
    const counts = new Map(this.otherCounts);
    counts.set(base, this.provisionalEvents(value, n, null));
    let winner = base;
    for (const [code, count] of counts) {
      const top = counts.get(winner) as number;
      if (count > top || (count === top && code < winner)) winner = code;
    }
    const provisionalDrops: number[] = [];
    if (winner !== base) this.provisionalEvents(value, n, provisionalDrops);
    const dropped: SettledDrop[] = [];
    let p = 0;
    for (let o = 0; o < this.otherAt.length; o++) {
      const at = this.otherAt[o] as number;
      while (p < provisionalDrops.length && (provisionalDrops[p] as number) < at) {
        dropped.push({ at: provisionalDrops[p] as number, currency: base });
        p += 1;
      }
      const code = this.otherCode[o] as string;
      if (code !== winner) dropped.push({ at, currency: code });
    }
    for (; p < provisionalDrops.length; p++) {
      dropped.push({ at: provisionalDrops[p] as number, currency: base });
    }
    return { base: winner, counts, dropped };
  }

  /**
   * The valued events in the provisional currency: every valued event from the first on that
   * was not noted as blank or other (their indices pushed to `into` when given).
   */
  private provisionalEvents(value: Float64Array, n: number, into: number[] | null): number {
    let count = 0;
    let b = 0;
    let o = 0;
    const blanks = this.blanks;
    const others = this.otherAt;
    for (let i = this.first; i < n; i++) {
      if (Number.isNaN(value[i] as number)) continue;
      while (b < blanks.length && (blanks[b] as number) < i) b += 1;
      if (b < blanks.length && blanks[b] === i) continue;
      while (o < others.length && (others[o] as number) < i) o += 1;
      if (o < others.length && others[o] === i) continue;
      count += 1;
      into?.push(i);
    }
    return count;
  }
}
