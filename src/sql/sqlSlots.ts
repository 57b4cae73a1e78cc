/**
 * The aggregate list of a push-down statement: each statistic's sum is one SQL expression in
 * the SELECT list, cast to the dialect's double type, and is found again by its position.
 */

/** Collects aggregate expressions into one array and hands out their positions. */
export class SqlSlots {
  readonly list: string[] = [];
  constructor(private readonly double: string) {}
  add(expression: string): number {
    this.list.push(`CAST(${expression} AS ${this.double})`);
    return this.list.length - 1;
  }
  /** SUM(CASE WHEN condition THEN value ELSE 0 END). */
  sum(value: string, condition: string | null = null): number {
    return this.add(
      condition === null ? `SUM(${value})` : `SUM(CASE WHEN ${condition} THEN ${value} ELSE 0 END)`,
    );
  }
  count(condition: string): number {
    return this.add(`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`);
  }
  /** Σ of the non-NULL values of an expression (0 when there are none). */
  total(value: string): number {
    return this.add(`COALESCE(SUM(${value}), 0)`);
  }
  /** How many rows give the expression a value (not NULL). */
  present(value: string): number {
    return this.add(`COUNT(${value})`);
  }
}
