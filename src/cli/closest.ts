/**
 * The candidate closest to a misspelt name, for "did you mean" hints.
 *
 * Distance is the Levenshtein edit distance (Levenshtein 1966: insertions, deletions and
 * substitutions, each costing 1), compared case-insensitively; a candidate is offered only
 * when at most a third of the longer name (and at least 1 character) differs.
 *
 * @param name - What the user typed.
 * @param candidates - The valid names.
 * @returns The closest valid name, or undefined when none is close.
 *
 * @example
 * closest("segment", ["segments", "title"]) //=> "segments"
 * closest("zzz", ["segments", "title"]) //=> undefined
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const a = name.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(a, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(a.length, best.length) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** `; did you mean X?` or the empty string. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const hint = closest(name, candidates);
  return hint === undefined ? "" : `; did you mean ${hint}?`;
}

function editDistance(a: string, b: string): number {
  if (a.length > 200 || b.length > 200) return Math.max(a.length, b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
