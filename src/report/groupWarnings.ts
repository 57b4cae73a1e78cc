import type { NoticeGroup } from "../_lib/notice";
import { type WarningLike, warningText } from "./readResults";

interface Bucket {
  readonly code: string;
  readonly group: NoticeGroup;
  readonly first: string;
  readonly members: Map<string, number>;
  total: number;
}

const plural = (unit: string, k: number) => (k === 1 ? unit : `${unit}s`);

/**
 * The lines of a report's Warnings list: every warning's sentence, except that warnings of the
 * same code, subject and reason (those carrying a `group`, e.g. the suppressed figures of one
 * event window in each region) become one line at the place of the first, with each member
 * and its count: `window flood-2025: figures suppressed (fewer than 10 respondents on a side):
 * North × 6 figures, South × 6 figures (12 warnings, small-cell)`. A group of one keeps its own
 * sentence. Only the list is shortened: results (and so JSON) keep every warning, and the
 * counts by code count every one.
 *
 * @example
 * groupedWarningLines([
 *   { code: "small-cell", message: "…", group: { subject: "window w", reason: "suppressed", member: "North", unit: "figure" } },
 *   { code: "small-cell", message: "…", group: { subject: "window w", reason: "suppressed", member: "North", unit: "figure" } },
 * ]) //=> ["window w: suppressed: North × 2 figures (2 warnings, small-cell)"]
 */
export function groupedWarningLines(warnings: readonly WarningLike[]): string[] {
  const slots: (string | Bucket)[] = [];
  const buckets = new Map<string, Bucket>();
  for (const warning of warnings) {
    const group =
      typeof warning === "string" ? undefined : (warning as { group?: NoticeGroup }).group;
    if (group === undefined || typeof warning === "string") {
      slots.push(warningText(warning));
      continue;
    }
    const key = JSON.stringify([warning.code, group.subject, group.reason, group.unit]);
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { code: warning.code, group, first: warning.message, members: new Map(), total: 0 };
      buckets.set(key, bucket);
      slots.push(bucket);
    }
    bucket.members.set(group.member, (bucket.members.get(group.member) ?? 0) + 1);
    bucket.total += 1;
  }
  return slots.map((slot) => {
    if (typeof slot === "string") return slot;
    if (slot.total === 1) return slot.first;
    const { subject, reason, unit } = slot.group;
    const members = [...slot.members]
      .map(([member, k]) => `${member} × ${k} ${plural(unit, k)}`)
      .join(", ");
    return `${subject}: ${reason}: ${members} (${slot.total} warnings, ${slot.code})`;
  });
}
