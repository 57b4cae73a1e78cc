/**
 * Levenshtein edit distance: the fewest single-character insertions, deletions and
 * substitutions that turn `a` into `b` (Levenshtein 1966, Soviet Physics Doklady 10(8):707–710).
 * O(|a|·|b|) time, O(|b|) memory.
 *
 * @example
 * editDistance("lvel", "level") //=> 1
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(
        Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The candidate closest to `name`: the smallest edit distance, comparing case-insensitively
 * (ties: a candidate that starts or ends the name, or is contained in it, then the first
 * listed); null when there are no candidates.
 *
 * @example
 * closestName("missingPolicy", ["columns", "missing", "weights"]) //=> "missing"
 */
export function closestName(name: string, candidates: readonly string[]): string | null {
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const related = lower.includes(other) || other.includes(lower) ? -0.5 : 0;
    const score = editDistance(lower, other) + related;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
