import { expectKind, invalidArgument, isRecord } from "../../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../../_lib/checkOptionKeys";
import { type Notice, notice } from "../../_lib/notice";
import { checkLevel } from "../../stats/checkOptions";
import { probability } from "../../stats/distributions/probability";
import { normalCdf } from "../../stats/distributions/stdlib/normalCdf";
import { wilsonInterval } from "../../stats/wilsonInterval";
import type { GapCellsResult } from "../gapCells";
import { periodOfInstant } from "../periodOf";
import { type PeriodKind, type PeriodSpec, resolvePeriod } from "../periodSpec";
import { type InputCounts, inputCounts } from "../recovery/serviceRecovery";
import type { Seasons } from "../seasons";
import type { CommentSet } from "./comments";
import { compileLexicon, type LexiconOptions, tagWith } from "./tagComment";

/** Options of {@link commentThemes}. */
export interface CommentThemesOptions extends LexiconOptions {
  /** Split by period (`month`, `quarter`, `season`, …; see `periodOf`); default: no periods. */
  readonly period?: PeriodKind;
  readonly timeZone?: string;
  readonly fiscalYearStart?: number;
  readonly seasons?: Seasons;
  /** Split by region (default true). */
  readonly byRegion?: boolean;
  /**
   * Gap 5 cells to show beside the comments (from `gapCells(dataset, { period, by: ["region"] })`
   * with the same period kind and zone): each comment cell gets the matching cell's dimension gap.
   */
  readonly gaps?: GapCellsResult;
  /** The segment column of `gaps` that holds the region (default `"region"`). */
  readonly regionColumn?: string;
  /** Confidence level of the share intervals (default 0.95). */
  readonly level?: number;
  /** Fewest comments a period × region cell needs to be a dimension's peak (default 20). */
  readonly minimumComments?: number;
}

/** The option names of {@link commentThemes}. */
export const COMMENT_THEMES_OPTIONS = optionNames<CommentThemesOptions>({
  lexicon: true,
  replaceLexicon: true,
  period: true,
  timeZone: true,
  fiscalYearStart: true,
  seasons: true,
  byRegion: true,
  gaps: true,
  regionColumn: true,
  level: true,
  minimumComments: true,
});

/** Where a dimension is talked about most: a period × region cell against all other comments. */
export interface CommentPeak {
  readonly dimension: string;
  readonly period: string | null;
  readonly region: string | null;
  readonly n: number;
  readonly comments: number;
  readonly share: number;
  /** The dimension's share among every comment outside the cell. */
  readonly restShare: number | null;
  readonly restComments: number;
  /** Two-proportion z test (R: prop.test(correct = FALSE)), two-sided. */
  readonly z: number | null;
  readonly p: number | null;
  /** p × the cells searched (Bonferroni: the cell was chosen as the largest share), at most 1. */
  readonly pAdjusted: number | null;
  readonly cellsSearched: number;
}

/** One dimension in one cell of comments. */
export interface CommentDimensionFigure {
  readonly dimension: string;
  /** Comments tagged with the dimension. */
  readonly n: number;
  /** Their share of the cell's comments, with Wilson's interval. */
  readonly share: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Mean tone (−1 … 1) of the tagged comments; null when none. */
  readonly tone: number | null;
  /** Share of the tagged comments whose tone is negative. */
  readonly negativeShare: number | null;
  /** Gap 5 of the dimension in the matching gap cell (null: no cell, suppressed, or no gaps given). */
  readonly gap: number | null;
  readonly gapN: number | null;
}

/** One cell: all comments, one period, one region, or one period × region. */
export interface CommentCell {
  readonly level: "total" | "period" | "region" | "period-region";
  /** Period key, `(undated)`, or null when the cell is not split by period. */
  readonly period: string | null;
  /** Region label, `(blank)`, or null when the cell is not split by region. */
  readonly region: string | null;
  readonly comments: number;
  /** Comments no lexicon entry matched. */
  readonly matchedNothing: number;
  /** Mean tone of all the cell's comments. */
  readonly tone: number | null;
  readonly dimensions: readonly CommentDimensionFigure[];
}

/** Result of {@link commentThemes}. */
export interface CommentThemesResult {
  readonly kind: "comment-themes";
  readonly comments: number;
  /** The records read: in = used + excluded, and the exclusions by reason code. */
  readonly input: InputCounts;
  readonly matchedNothing: number;
  readonly period: { readonly kind: PeriodKind; readonly timeZone: string } | null;
  readonly level: number;
  /** The lexicon used (dimension → entries). */
  readonly lexicon: Readonly<Record<string, readonly string[]>>;
  readonly dimensions: readonly string[];
  /** The total cell first, then periods (in time order), regions, period × region. */
  readonly cells: readonly CommentCell[];
  /** Per dimension, the period × region cell (with `minimumComments` or more) of largest share. */
  readonly peaks: readonly CommentPeak[];
  readonly warnings: readonly Notice[];
}

interface Acc {
  readonly level: CommentCell["level"];
  readonly period: string | null;
  readonly order: number;
  readonly region: string | null;
  comments: number;
  nothing: number;
  toneSum: number;
  readonly n: number[];
  readonly toneByDim: number[];
  readonly negative: number[];
}

const UNDATED = "(undated)";
const BLANK = "(blank)";

/**
 * What customers said, per SERVQUAL dimension: each comment is tagged with the dimensions whose
 * lexicon entries it contains (`tagComment`; a comment may have several, or none) and scored for
 * tone; per cell (all comments, each period, each region, each period × region) the share of
 * comments about each dimension with Wilson's interval (Wilson 1927), their mean tone and share
 * negative, the comments that matched nothing, and, when `gaps` are given, the Gap 5 of the
 * dimension in the same period and region beside them; and per dimension its peak, the
 * period × region cell (of `minimumComments` or more) with the largest share, against all other
 * comments by a two-proportion z test, Bonferroni-adjusted for the cells searched.
 *
 * Literature: the dimensions are SERVQUAL's (Parasuraman, Zeithaml & Berry 1988, 1991); tagging
 * free text against a dictionary is content analysis by dictionary (Krippendorff 2018, ch. 11).
 * The entries, the tone word lists, the three-word negation window and the tone score are this
 * library's documented choices (docs/context.md).
 *
 * @param set - Comments from `validateComments` or `readCommentsCsv`.
 * @param options - `period`, `timeZone`, `fiscalYearStart`, `seasons`, `byRegion`, `lexicon`,
 * `replaceLexicon`, `gaps`, `regionColumn`, `level`.
 * @returns Plain data; shares of empty cells are null with a `no-comments` warning.
 * @throws {ServqualError} `invalid-argument` for a set that is not a CommentSet, bad period
 * options or lexicon; `invalid-options` for an unknown option.
 * @example
 * const themes = commentThemes(validateComments(rows), { period: "season", lexicon: { responsiveness: ["ring* back"] } });
 * themes.cells[0].dimensions.find((d) => d.dimension === "responsiveness")?.share
 */
export function commentThemes(
  set: CommentSet,
  options: CommentThemesOptions = {},
): CommentThemesResult {
  const fn = "commentThemes";
  if (!isRecord(set) || set.kind !== "comments" || !Array.isArray(set.comments)) {
    throw invalidArgument(
      fn,
      "set",
      "a CommentSet (from validateComments or readCommentsCsv)",
      set,
    );
  }
  checkOptionKeys(fn, options, COMMENT_THEMES_OPTIONS);
  const level = checkLevel(options.level, fn);
  const lexicon = compileLexicon(fn, options);
  const byRegion = options.byRegion ?? true;
  expectKind(fn, "options.byRegion", byRegion, "boolean", "true or false");
  const regionColumn = options.regionColumn ?? "region";
  expectKind(fn, "options.regionColumn", regionColumn, "string", "a segment column name");
  let spec: PeriodSpec | null = null;
  if (options.period !== undefined) {
    const {
      lexicon: _l,
      replaceLexicon: _r,
      byRegion: _b,
      gaps: _g,
      regionColumn: _c,
      level: _v,
      ...period
    } = options;
    spec = resolvePeriod(fn, period as Parameters<typeof resolvePeriod>[1]);
  } else {
    for (const key of ["timeZone", "fiscalYearStart", "seasons"] as const) {
      if (options[key] !== undefined) {
        throw invalidArgument(
          fn,
          `options.${key}`,
          "absent unless a period is given",
          options[key],
        );
      }
    }
  }
  const gaps = options.gaps;
  if (gaps !== undefined && !(isRecord(gaps) && gaps.kind === "gap-cells")) {
    throw invalidArgument(fn, "options.gaps", "a gapCells result", gaps);
  }
  const k = lexicon.dimensions.length;
  const cells = new Map<string, Acc>();
  const cell = (
    level: Acc["level"],
    period: string | null,
    order: number,
    region: string | null,
  ): Acc => {
    const key = `${level}\u0000${period}\u0000${region}`;
    let acc = cells.get(key);
    if (acc === undefined) {
      acc = {
        level,
        period,
        order,
        region,
        comments: 0,
        nothing: 0,
        toneSum: 0,
        n: new Array(k).fill(0),
        toneByDim: new Array(k).fill(0),
        negative: new Array(k).fill(0),
      };
      cells.set(key, acc);
    }
    return acc;
  };
  cell("total", null, 0, null);
  let matchedNothing = 0;
  const index = new Map(lexicon.dimensions.map((d, i) => [d, i]));
  for (const comment of set.comments) {
    const tags = tagWith(comment.text, lexicon);
    if (tags.dimensions.length === 0) matchedNothing += 1;
    const p =
      spec === null ? null : comment.date === null ? null : periodOfInstant(spec, comment.date);
    const periodKey = spec === null ? null : (p?.key ?? UNDATED);
    const order = p?.ordinal ?? Number.MAX_SAFE_INTEGER;
    const region = byRegion ? (comment.region ?? BLANK) : null;
    const targets = [cell("total", null, 0, null)];
    if (periodKey !== null) targets.push(cell("period", periodKey, order, null));
    if (region !== null) targets.push(cell("region", null, 0, region));
    if (periodKey !== null && region !== null)
      targets.push(cell("period-region", periodKey, order, region));
    for (const acc of targets) {
      acc.comments += 1;
      acc.toneSum += tags.tone;
      if (tags.dimensions.length === 0) acc.nothing += 1;
      for (const d of tags.dimensions) {
        const i = index.get(d) as number;
        acc.n[i] = (acc.n[i] as number) + 1;
        acc.toneByDim[i] = (acc.toneByDim[i] as number) + tags.tone;
        if (tags.tone < 0) acc.negative[i] = (acc.negative[i] as number) + 1;
      }
    }
  }
  const gapOf = gapLookup(gaps, regionColumn);
  const rank = { total: 0, period: 1, region: 2, "period-region": 3 } as const;
  const ordered = [...cells.values()].sort(
    (a, b) =>
      rank[a.level] - rank[b.level] ||
      a.order - b.order ||
      String(a.region).localeCompare(String(b.region)),
  );
  const minimumComments = options.minimumComments ?? 20;
  if (!(Number.isInteger(minimumComments) && minimumComments >= 1)) {
    throw invalidArgument(fn, "options.minimumComments", "a whole number ≥ 1", minimumComments);
  }
  const total = cells.get(`total\u0000null\u0000null`) as Acc;
  const candidates = ordered.filter(
    (c) => c.level === "period-region" && c.comments >= minimumComments,
  );
  const peaks: CommentPeak[] = [];
  lexicon.dimensions.forEach((dimension, i) => {
    let best: Acc | null = null;
    for (const c of candidates) {
      if (best === null || (c.n[i] as number) / c.comments > (best.n[i] as number) / best.comments)
        best = c;
    }
    if (best === null) return;
    const x1 = best.n[i] as number;
    const n1 = best.comments;
    const x2 = (total.n[i] as number) - x1;
    const n2 = total.comments - n1;
    const pooled = (x1 + x2) / (n1 + n2);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / (n2 || Number.NaN)));
    const z = se > 0 ? (x1 / n1 - x2 / n2) / se : null;
    const p = z === null ? null : probability(2 * normalCdf(-Math.abs(z), 0, 1));
    peaks.push({
      dimension,
      period: best.period,
      region: best.region,
      n: x1,
      comments: n1,
      share: x1 / n1,
      restShare: n2 === 0 ? null : x2 / n2,
      restComments: n2,
      z,
      p,
      pAdjusted: p === null ? null : Math.min(1, p * candidates.length),
      cellsSearched: candidates.length,
    });
  });
  const warnings: Notice[] = [];
  if (set.comments.length === 0) warnings.push(notice("no-comments", "no comment to analyse"));
  return {
    kind: "comment-themes",
    comments: set.comments.length,
    input: inputCounts(set.report),
    matchedNothing,
    period: spec === null ? null : { kind: spec.kind, timeZone: spec.timeZone },
    level,
    lexicon: lexicon.entries,
    dimensions: lexicon.dimensions,
    peaks,
    cells: ordered.map((acc) => ({
      level: acc.level,
      period: acc.period,
      region: acc.region,
      comments: acc.comments,
      matchedNothing: acc.nothing,
      tone: acc.comments === 0 ? null : acc.toneSum / acc.comments,
      dimensions: lexicon.dimensions.map((dimension, i) => {
        const n = acc.n[i] as number;
        const ci = wilsonInterval(n, acc.comments, level);
        const gap = gapOf(acc, dimension);
        return {
          dimension,
          n,
          share: ci.proportion,
          lower: ci.lower,
          upper: ci.upper,
          tone: n === 0 ? null : (acc.toneByDim[i] as number) / n,
          negativeShare: n === 0 ? null : (acc.negative[i] as number) / n,
          gap: gap?.gap ?? null,
          gapN: gap?.n ?? null,
        };
      }),
    })),
    warnings,
  };
}

/** Finds the Gap 5 dimension figure of the gap cell matching a comment cell. */
function gapLookup(gaps: GapCellsResult | undefined, regionColumn: string) {
  if (gaps === undefined) return () => null;
  const byKey = new Map<string, GapCellsResult["cells"][number]>();
  const levels = {
    total: "total",
    period: "period",
    segment: "region",
    "period-segment": "period-region",
  };
  for (const c of gaps.cells) {
    const level = levels[c.level as keyof typeof levels];
    if (level === undefined) continue;
    const segments = Object.keys(c.segments);
    if (
      (level === "region" || level === "period-region") &&
      (segments.length !== 1 || segments[0] !== regionColumn)
    )
      continue;
    const period =
      level === "period" || level === "period-region"
        ? c.undated
          ? UNDATED
          : (c.period?.key ?? UNDATED)
        : null;
    const region =
      level === "region" || level === "period-region" ? (c.segments[regionColumn] ?? BLANK) : null;
    byKey.set(`${level}\u0000${period}\u0000${region}`, c);
  }
  return (acc: Acc, dimension: string): { gap: number | null; n: number } | null => {
    const c = byKey.get(`${acc.level}\u0000${acc.period}\u0000${acc.region}`);
    const figure = c?.dimensions.find((f) => f.id === dimension);
    return figure === undefined ? null : { gap: figure.gap, n: figure.n };
  };
}
