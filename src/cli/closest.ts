/**
 * The candidate closest to a misspelt name, for "did you mean" hints.
 *
 * Distance is the optimal-string-alignment edit distance: Levenshtein's (1966) insertions,
 * deletions and substitutions plus Damerau's (1964) transposition of two adjacent characters,
 * each costing 1; compared case-insensitively. A candidate is offered only when the distance
 * is at most a third of the longer name (and at least 1).
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
  // d[i][j] = distance between the first i characters of a and the first j of b
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}
