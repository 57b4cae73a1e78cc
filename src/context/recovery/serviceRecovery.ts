import { invalidArgument, isRecord } from "../../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../../_lib/checkOptionKeys";
import { type Notice, notice } from "../../_lib/notice";
import { RecordCalendars } from "../../operations/calendar";
import { checkLevel } from "../../stats/checkOptions";
import { type WilsonInterval, wilsonInterval } from "../../stats/wilsonInterval";
import type { ComplaintChannel, ComplaintSet, SatisfactionScale } from "./complaints";
import { COMPLAINT_CHANNELS } from "./complaints";
import { type LogisticFit, logisticOne } from "./logisticDepth";
import { type SpearmanTest, spearmanRho } from "./rankCorrelation";

/** Options of {@link serviceRecovery}. */
export interface ServiceRecoveryOptions {
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /**
   * Time to resolution in elapsed `hours` (default) or `business-hours` (open time of the
   * complaint set's calendar, as `businessHoursBetween`).
   */
  readonly time?: "hours" | "business-hours";
  /**
   * "Fully dissatisfied": satisfaction when the complaint was made at most this (default: the
   * bottom of the scale).
   */
  readonly dissatisfiedAtMost?: number;
  /**
   * "Won back": stayed, and satisfaction after the recovery at least this (default: the top two
   * points of the scale, max − 1).
   */
  readonly wonBackAtLeast?: number;
}

/** The option names of {@link serviceRecovery}. */
export const SERVICE_RECOVERY_OPTIONS = optionNames<ServiceRecoveryOptions>({
  level: true,
  time: true,
  dissatisfiedAtMost: true,
  wonBackAtLeast: true,
});

/** How many records were read, used and excluded (by reason code). */
export interface InputCounts {
  readonly recordsIn: number;
  readonly recordsUsed: number;
  readonly recordsExcluded: number;
  readonly exclusionCounts: Readonly<Record<string, number>>;
}

/** The input counts of a record report. */
export function inputCounts(report: InputCounts): InputCounts {
  return {
    recordsIn: report.recordsIn,
    recordsUsed: report.recordsUsed,
    recordsExcluded: report.recordsExcluded,
    exclusionCounts: { ...report.exclusionCounts },
  };
}

/** Times to resolution of one group of resolved complaints. */
export interface ResolutionTimes {
  /** Escalation depth (by depth) or channel (by channel). */
  readonly key: string;
  /** Complaints in the group. */
  readonly complaints: number;
  /** Resolved complaints (the n of the times). */
  readonly n: number;
  /** Complaints still open (no resolution time). */
  readonly open: number;
  /** Median and 90th percentile (R's quantile type 7), null when none is resolved. */
  readonly median: number | null;
  readonly p90: number | null;
  readonly mean: number | null;
}

/** Result of {@link serviceRecovery}. */
export interface ServiceRecoveryResult {
  readonly kind: "service-recovery";
  readonly complaints: number;
  /** The records read: in = used + excluded, and the exclusions by reason code. */
  readonly input: InputCounts;
  readonly scale: SatisfactionScale;
  readonly level: number;
  /** Unit of every time. */
  readonly unit: "hours" | "business-hours";
  /** Complaints per escalation depth 0 … max (0: settled at first contact), with shares. */
  readonly depth: readonly {
    readonly depth: number;
    readonly n: number;
    readonly share: number | null;
    /** Mean satisfaction after recovery at this depth, and how many gave one. */
    readonly satisfactionN: number;
    readonly meanSatisfaction: number | null;
    /** Share who stayed, of those whose staying is known. */
    readonly stayedN: number;
    readonly stayedShare: number | null;
  }[];
  /** Complaints per channel (every channel listed). */
  readonly channels: readonly { readonly channel: ComplaintChannel; readonly n: number }[];
  /** Complaints per outcome text (blank: `(none)`), most frequent first. */
  readonly outcomes: readonly { readonly outcome: string; readonly n: number }[];
  readonly resolution: {
    readonly all: ResolutionTimes;
    readonly byDepth: readonly ResolutionTimes[];
    readonly byChannel: readonly ResolutionTimes[];
  };
  /**
   * Of the fully dissatisfied (satisfaction before ≤ `dissatisfiedAtMost`) whose satisfaction
   * after and staying are known, the share won back (stayed and satisfaction after ≥
   * `wonBackAtLeast`), with Wilson's interval.
   */
  readonly wonBack: {
    readonly dissatisfiedAtMost: number;
    readonly wonBackAtLeast: number;
    /** Complaints with a satisfaction before. */
    readonly withBefore: number;
    /** Fully dissatisfied complaints. */
    readonly fullyDissatisfied: number;
    /** Fully dissatisfied complaints without satisfaction after or staying (not in the share). */
    readonly unknownOutcome: number;
    readonly wonBack: number;
    readonly share: WilsonInterval;
  };
  /**
   * Recovery paradox check (McCollough, Berry & Yadav 2000): among complaints with satisfaction
   * before and after, the mean after − before and the share whose satisfaction after is above
   * the before value.
   */
  readonly paradox: {
    readonly n: number;
    readonly meanChange: number | null;
    readonly shareAbove: number | null;
  };
  /** Does a deeper escalation go with lower satisfaction? Spearman's ρ of depth and satisfaction after. */
  readonly depthSatisfaction: SpearmanTest;
  /** Does a deeper escalation go with leaving? Logistic regression of stayed on depth. */
  readonly depthStayed: LogisticFit;
  readonly warnings: readonly Notice[];
}

/** R's quantile type 7 of sorted values (n ≥ 1). */
export function quantile7(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

function times(key: string, complaints: number, values: number[]): ResolutionTimes {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    key,
    complaints,
    n,
    open: complaints - n,
    median: n === 0 ? null : quantile7(sorted, 0.5),
    p90: n === 0 ? null : quantile7(sorted, 0.9),
    mean: n === 0 ? null : sum / n,
  };
}

function checkPoint(fn: string, name: string, value: unknown, scale: SatisfactionScale): void {
  if (
    value !== undefined &&
    (typeof value !== "number" || !(value >= scale.min && value <= scale.max))
  ) {
    throw invalidArgument(
      fn,
      `options.${name}`,
      `a point of the satisfaction scale ${scale.min}–${scale.max}`,
      value,
    );
  }
}

/**
 * Service recovery from complaint records: how deep complaints escalate, how long they take to
 * resolve (by depth and channel), how many fully dissatisfied customers are won back, and
 * whether deeper escalation goes with lower satisfaction and with leaving.
 *
 * - Depth = escalation levels passed (0: settled at first contact); distribution n and share.
 * - Time to resolution = resolved − opened (hours, or business hours of the set's calendar);
 *   median and 90th percentile (Hyndman & Fan 1996 type 7, R's default) per depth and channel;
 *   open complaints counted, not timed.
 * - Won back (our definitions): fully dissatisfied = satisfaction before ≤ `dissatisfiedAtMost`
 *   (default the scale's bottom); won back = stayed and satisfaction after ≥ `wonBackAtLeast`
 *   (default max − 1, the top two boxes); share x/n with Wilson's interval (Wilson 1927).
 * - Depth and satisfaction after: Spearman's ρ with the t test of R's
 *   `cor.test(method = "spearman", exact = FALSE)`; depth and staying: logistic regression
 *   `glm(stayed ~ depth, binomial)` with the Wald test of the slope and the odds ratio per level.
 *
 * Literature: recovery satisfaction depends on distributive, procedural (speed) and
 * interactional justice (Tax, Brown & Chandrashekaran 1998; Smith, Bolton & Wagner 1999); the
 * recovery paradox (satisfaction after a good recovery above that before the failure) has
 * limited support (McCollough, Berry & Yadav 2000).
 *
 * @param set - Complaints from `validateComplaints` or `readComplaintsCsv`.
 * @param options - `level`, `time`, `dissatisfiedAtMost`, `wonBackAtLeast`.
 * @returns Plain data; a figure that cannot be computed is null with a coded warning.
 * @throws {ServqualError} `invalid-argument` for a set that is not a ComplaintSet or a threshold
 * off the scale; `invalid-options` for an unknown option.
 * @example
 * const result = serviceRecovery(validateComplaints(records));
 * result.depthSatisfaction.rho // negative when deeper escalation goes with lower satisfaction
 */
export function serviceRecovery(
  set: ComplaintSet,
  options: ServiceRecoveryOptions = {},
): ServiceRecoveryResult {
  const fn = "serviceRecovery";
  if (!isRecord(set) || set.kind !== "complaints" || !Array.isArray(set.complaints)) {
    throw invalidArgument(
      fn,
      "set",
      "a ComplaintSet (from validateComplaints or readComplaintsCsv)",
      set,
    );
  }
  checkOptionKeys(fn, options, SERVICE_RECOVERY_OPTIONS);
  const level = checkLevel(options.level, fn);
  const unit = options.time ?? "hours";
  if (unit !== "hours" && unit !== "business-hours") {
    throw invalidArgument(fn, "options.time", '"hours" or "business-hours"', unit);
  }
  const scale = set.scale;
  checkPoint(fn, "dissatisfiedAtMost", options.dissatisfiedAtMost, scale);
  checkPoint(fn, "wonBackAtLeast", options.wonBackAtLeast, scale);
  const dissatisfiedAtMost = options.dissatisfiedAtMost ?? scale.min;
  const wonBackAtLeast = options.wonBackAtLeast ?? scale.max - 1;
  // Business hours in each complaint's region's calendar (its regional holidays, if any).
  const tables = unit === "business-hours" ? new RecordCalendars(set.calendar) : null;
  const warnings: Notice[] = [];
  const complaints = set.complaints;
  const n = complaints.length;
  if (n === 0) warnings.push(notice("no-complaints", "no complaint to analyse"));

  let maxDepth = 0;
  for (const c of complaints) maxDepth = Math.max(maxDepth, c.escalations.length);
  const depthCount = new Array<number>(maxDepth + 1).fill(0);
  const satSum = new Array<number>(maxDepth + 1).fill(0);
  const satN = new Array<number>(maxDepth + 1).fill(0);
  const stayN = new Array<number>(maxDepth + 1).fill(0);
  const stayYes = new Array<number>(maxDepth + 1).fill(0);
  const timesByDepth: number[][] = depthCount.map(() => []);
  const timesByChannel = new Map<ComplaintChannel, number[]>(
    COMPLAINT_CHANNELS.map((c) => [c, []]),
  );
  const channelCount = new Map<ComplaintChannel, number>(COMPLAINT_CHANNELS.map((c) => [c, 0]));
  const outcomeCount = new Map<string, number>();
  const all: number[] = [];
  const depthX: number[] = [];
  const satY: number[] = [];
  const stayX: number[] = [];
  const stayY: number[] = [];
  let withBefore = 0;
  let fully = 0;
  let unknownOutcome = 0;
  let won = 0;
  let paradoxN = 0;
  let paradoxSum = 0;
  let paradoxAbove = 0;
  for (const c of complaints) {
    const d = c.escalations.length;
    depthCount[d] = (depthCount[d] as number) + 1;
    channelCount.set(c.channel, (channelCount.get(c.channel) as number) + 1);
    const outcome = c.outcome ?? "(none)";
    outcomeCount.set(outcome, (outcomeCount.get(outcome) ?? 0) + 1);
    if (c.resolved !== null) {
      const t =
        tables === null
          ? (c.resolved - c.opened) / 3_600_000
          : tables.tableOf(c.region, null).businessMs(c.opened, c.resolved) / 3_600_000;
      all.push(t);
      (timesByDepth[d] as number[]).push(t);
      (timesByChannel.get(c.channel) as number[]).push(t);
    }
    if (c.satisfaction !== null) {
      satSum[d] = (satSum[d] as number) + c.satisfaction;
      satN[d] = (satN[d] as number) + 1;
      depthX.push(d);
      satY.push(c.satisfaction);
    }
    if (c.stayed !== null) {
      stayN[d] = (stayN[d] as number) + 1;
      if (c.stayed) stayYes[d] = (stayYes[d] as number) + 1;
      stayX.push(d);
      stayY.push(c.stayed ? 1 : 0);
    }
    if (c.satisfactionBefore !== null) {
      withBefore += 1;
      if (c.satisfaction !== null) {
        paradoxN += 1;
        paradoxSum += c.satisfaction - c.satisfactionBefore;
        if (c.satisfaction > c.satisfactionBefore) paradoxAbove += 1;
      }
      if (c.satisfactionBefore <= dissatisfiedAtMost) {
        fully += 1;
        if (c.satisfaction === null || c.stayed === null) unknownOutcome += 1;
        else if (c.stayed && c.satisfaction >= wonBackAtLeast) won += 1;
      }
    }
  }
  const share = wilsonInterval(won, fully - unknownOutcome, level);
  if (fully - unknownOutcome === 0) {
    warnings.push(
      notice(
        "no-complaints",
        withBefore === 0
          ? "no complaint gives the satisfaction before: the share won back is not computed"
          : "no fully dissatisfied complaint with a known outcome: the share won back is not computed",
      ),
    );
  }
  const rank = spearmanRho(depthX, satY);
  if (rank.rho === null && n > 0) {
    warnings.push(
      notice(
        depthX.length < 3 ? "too-few-values" : "zero-variance",
        depthX.length < 3
          ? "fewer than 3 complaints give a satisfaction after recovery: no rank correlation"
          : "depth or satisfaction after recovery is constant: no rank correlation",
      ),
    );
  }
  const logistic = logisticOne(stayX, stayY, level);
  if (!logistic.converged && n > 0) {
    warnings.push(
      notice(
        "separation",
        "the logistic model of staying on depth has no estimate (too few complaints, everyone stayed or left, or depth separates stayers from leavers)",
      ),
    );
  }
  return {
    kind: "service-recovery",
    complaints: n,
    input: inputCounts(set.report),
    scale,
    level,
    unit,
    depth: depthCount.map((count, d) => ({
      depth: d,
      n: count,
      share: n === 0 ? null : count / n,
      satisfactionN: satN[d] as number,
      meanSatisfaction:
        (satN[d] as number) === 0 ? null : (satSum[d] as number) / (satN[d] as number),
      stayedN: stayN[d] as number,
      stayedShare:
        (stayN[d] as number) === 0 ? null : (stayYes[d] as number) / (stayN[d] as number),
    })),
    channels: COMPLAINT_CHANNELS.map((channel) => ({
      channel,
      n: channelCount.get(channel) as number,
    })),
    outcomes: [...outcomeCount]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([outcome, count]) => ({ outcome, n: count })),
    resolution: {
      all: times("all", n, all),
      byDepth: timesByDepth.map((values, d) => times(String(d), depthCount[d] as number, values)),
      byChannel: COMPLAINT_CHANNELS.map((channel) =>
        times(
          channel,
          channelCount.get(channel) as number,
          timesByChannel.get(channel) as number[],
        ),
      ),
    },
    wonBack: {
      dissatisfiedAtMost,
      wonBackAtLeast,
      withBefore,
      fullyDissatisfied: fully,
      unknownOutcome,
      wonBack: won,
      share,
    },
    paradox: {
      n: paradoxN,
      meanChange: paradoxN === 0 ? null : paradoxSum / paradoxN,
      shareAbove: paradoxN === 0 ? null : paradoxAbove / paradoxN,
    },
    depthSatisfaction: rank,
    depthStayed: logistic,
    warnings,
  };
}
