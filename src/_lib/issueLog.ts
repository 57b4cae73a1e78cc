import type { Notice } from "./notice";
import type { Issue } from "./ServqualError";

/** A row left out of an analysis, with every reason. */
export interface ExcludedRow {
  /** The 1-based data row (header not counted). */
  readonly row: number;
  /** The 1-based line of a file, when the input is a file. */
  readonly line?: number;
  readonly id: string | null;
  /** Every reason the row was excluded, each with its code. */
  readonly reasons: readonly Notice[];
}

/** How many issues and excluded rows a log lists in full (all are counted). */
export interface IssueLimits {
  readonly issueLimit: number;
  readonly excludedLimit: number;
}

/**
 * What an {@link IssueLog} holds, as plain data (it survives `JSON.stringify` and
 * `structuredClone`, so logs of chunks read in worker threads can be merged). These are the
 * fields of a validation report with the same names and meaning: `issueCounts` counts every
 * issue by code, `issues` lists the first `issueLimit` in input order and `issuesTruncated`
 * says when there are more; `rowsExcluded` counts every excluded row, `exclusionCounts`
 * counts the excluded rows by reason code (a row with two reasons counts under both),
 * `excludedRows` lists the first `excludedLimit` and `excludedRowsTruncated` says when there
 * are more.
 */
export interface IssueLogSummary {
  readonly issues: readonly Issue[];
  readonly issueCounts: Readonly<Record<string, number>>;
  readonly issuesTruncated: boolean;
  readonly rowsExcluded: number;
  readonly exclusionCounts: Readonly<Record<string, number>>;
  readonly excludedRows: readonly ExcludedRow[];
  readonly excludedRowsTruncated: boolean;
}

/**
 * The one log of problems found in an input, shared by every validator (the dataset builder,
 * the CSV reader, long-format validation, and validators of events, tickets or standards to
 * come). It records issues and excluded rows in input order: all are counted (issues by code),
 * the first `issueLimit` issues and the first `excludedLimit` excluded rows are listed, so
 * memory stays bounded however bad the input is.
 *
 * @example
 * const log = new IssueLog({ issueLimit: 1, excludedLimit: 10 });
 * log.record({ code: "out-of-range", message: "9 is above 7", row: 1 });
 * log.record({ code: "out-of-range", message: "8 is above 7", row: 2 });
 * log.summary().issueCounts; //=> { "out-of-range": 2 }
 * log.summary().issuesTruncated; //=> true
 */
export class IssueLog {
  private readonly limits: IssueLimits;
  private readonly list: Issue[] = [];
  private readonly counts: Record<string, number> = Object.create(null);
  private issueTotal = 0;
  private readonly excluded: ExcludedRow[] = [];
  private excludedTotal = 0;
  private readonly reasonCounts: Record<string, number> = Object.create(null);

  constructor(limits: IssueLimits) {
    this.limits = { issueLimit: limits.issueLimit, excludedLimit: limits.excludedLimit };
  }

  /** Counts an issue under its code and lists it while fewer than `issueLimit` are listed. */
  record(issue: Issue): void {
    this.counts[issue.code] = (this.counts[issue.code] ?? 0) + 1;
    this.issueTotal += 1;
    if (this.list.length < this.limits.issueLimit) this.list.push(issue);
  }

  /**
   * Counts an excluded row (and its reasons by code) and lists it while fewer than
   * `excludedLimit` are listed.
   */
  exclude(row: ExcludedRow): void {
    this.excludedTotal += 1;
    const codes = new Set(row.reasons.map((reason) => reason.code));
    for (const code of codes) this.reasonCounts[code] = (this.reasonCounts[code] ?? 0) + 1;
    if (this.excluded.length < this.limits.excludedLimit) this.excluded.push(row);
  }

  /** The issues listed so far, in the order recorded. */
  get issues(): readonly Issue[] {
    return this.list;
  }

  /** The excluded rows listed so far, in the order recorded. */
  get excludedRows(): readonly ExcludedRow[] {
    return this.excluded;
  }

  /** Every issue recorded, listed or not. */
  get issueCount(): number {
    return this.issueTotal;
  }

  /** Every row excluded, listed or not. */
  get excludedCount(): number {
    return this.excludedTotal;
  }

  /** The log as plain data (copies: later records do not change it). */
  summary(): IssueLogSummary {
    return {
      issues: [...this.list],
      issueCounts: { ...this.counts },
      issuesTruncated: this.issueTotal > this.list.length,
      rowsExcluded: this.excludedTotal,
      exclusionCounts: { ...this.reasonCounts },
      excludedRows: [...this.excluded],
      excludedRowsTruncated: this.excludedTotal > this.excluded.length,
    };
  }
}

/** Where an issue or excluded row is in the input: its line, else its row (header: 0). */
function positionOf(entry: { readonly row?: number; readonly line?: number }): number {
  return entry.line ?? entry.row ?? 0;
}

/**
 * Merges listed entries of several logs by line (else row), stably: entries at the same place
 * keep the order of `parts` and their order within a part. An entry is listed only when no
 * truncated part may hold an unlisted entry before it, so the merged list is always the first
 * entries of the input, never a list with holes.
 */
function mergeListed<T extends { readonly row?: number; readonly line?: number }>(
  parts: readonly { readonly listed: readonly T[]; readonly truncated: boolean }[],
  limit: number,
): T[] {
  let cutoff = Number.POSITIVE_INFINITY;
  for (const part of parts) {
    if (!part.truncated) continue;
    let last = Number.NEGATIVE_INFINITY;
    for (const entry of part.listed) last = Math.max(last, positionOf(entry));
    cutoff = Math.min(cutoff, last);
  }
  const tagged: { entry: T; at: number; order: number }[] = [];
  for (const part of parts) {
    for (const entry of part.listed) {
      const at = positionOf(entry);
      if (at <= cutoff) tagged.push({ entry, at, order: tagged.length });
    }
  }
  tagged.sort((a, b) => a.at - b.at || a.order - b.order);
  return tagged.slice(0, limit).map((t) => t.entry);
}

/**
 * Merges the logs of parts of one input into the log of the whole, in input order by line
 * (else row; header issues, row 0, first): counts add up, the listed issues and excluded rows
 * are merged by place and cut at the limits, and the truncation flags say whether anything
 * counted is not listed. Parts read in parallel (byte ranges of a file, their rows and lines
 * already shifted to the file's numbering) merge into what one pass would have logged; parts
 * whose entries interleave (long rows and the respondents gathered from them) merge by place.
 *
 * @param parts - The logs of the parts (for example validation reports).
 * @param limits - How many issues and excluded rows the merged log lists.
 * @returns The merged log.
 * @example
 * mergeIssueLogs(
 *   [
 *     { issues: [{ code: "a", message: "…", line: 5 }], issueCounts: { a: 1 }, issuesTruncated: false, rowsExcluded: 0, exclusionCounts: {}, excludedRows: [], excludedRowsTruncated: false },
 *     { issues: [{ code: "b", message: "…", line: 2 }], issueCounts: { b: 1 }, issuesTruncated: false, rowsExcluded: 0, exclusionCounts: {}, excludedRows: [], excludedRowsTruncated: false },
 *   ],
 *   { issueLimit: 10, excludedLimit: 10 },
 * ).issues.map((issue) => issue.code); //=> ["b", "a"]
 */
export function mergeIssueLogs(
  parts: readonly IssueLogSummary[],
  limits: IssueLimits,
): IssueLogSummary {
  const issueCounts: Record<string, number> = Object.create(null);
  const exclusionCounts: Record<string, number> = Object.create(null);
  let issueTotal = 0;
  let rowsExcluded = 0;
  for (const part of parts) {
    for (const [code, count] of Object.entries(part.issueCounts)) {
      if (count <= 0) continue;
      issueCounts[code] = (issueCounts[code] ?? 0) + count;
      issueTotal += count;
    }
    for (const [code, count] of Object.entries(part.exclusionCounts)) {
      exclusionCounts[code] = (exclusionCounts[code] ?? 0) + count;
    }
    rowsExcluded += part.rowsExcluded;
  }
  const issues = mergeListed(
    parts.map((part) => ({ listed: part.issues, truncated: part.issuesTruncated })),
    limits.issueLimit,
  );
  const excludedRows = mergeListed(
    parts.map((part) => ({ listed: part.excludedRows, truncated: part.excludedRowsTruncated })),
    limits.excludedLimit,
  );
  return {
    issues,
    issueCounts: { ...issueCounts },
    issuesTruncated: issueTotal > issues.length,
    rowsExcluded,
    exclusionCounts: { ...exclusionCounts },
    excludedRows,
    excludedRowsTruncated: rowsExcluded > excludedRows.length,
  };
}
