import { expectKind, invalidArgument, isRecord } from "../../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../../_lib/checkOptionKeys";
import {
  DEFAULT_LEXICON,
  NEGATION_WINDOW,
  NEGATIVE_WORDS,
  NEGATORS,
  POSITIVE_WORDS,
} from "./lexicon";

/** Lexicon options: entries added to (or, with `replaceLexicon`, replacing) the defaults. */
export interface LexiconOptions {
  /** Dimension → words and phrases (see `DEFAULT_LEXICON` for the syntax); new dimensions allowed. */
  readonly lexicon?: Readonly<Record<string, readonly string[]>>;
  /** True: use only `lexicon`, not the default entries. */
  readonly replaceLexicon?: boolean;
}

/** The option names of {@link LexiconOptions}. */
export const LEXICON_OPTIONS = optionNames<LexiconOptions>({ lexicon: true, replaceLexicon: true });

/** A compiled lexicon entry: its words, each exact or a prefix. */
interface Term {
  readonly text: string;
  readonly words: readonly { readonly stem: string; readonly prefix: boolean }[];
}

/** A lexicon compiled for matching. */
export interface CompiledLexicon {
  readonly dimensions: readonly string[];
  readonly terms: readonly (readonly Term[])[];
  /** The effective entries, as given. */
  readonly entries: Readonly<Record<string, readonly string[]>>;
}

/** What {@link tagComment} finds in one comment. */
export interface CommentTags {
  /** Words in the comment. */
  readonly words: number;
  /** The dimensions the comment is about (lexicon order); empty when it matched nothing. */
  readonly dimensions: readonly string[];
  /** Each match: the dimension and the entry that matched. */
  readonly matches: readonly { readonly dimension: string; readonly term: string }[];
  /** Tone words found (after negation) and the tone score (pos − neg)/(pos + neg), 0 without any. */
  readonly positive: number;
  readonly negative: number;
  readonly tone: number;
  readonly toneLabel: "positive" | "negative" | "neutral";
}

function compileEntry(fn: string, dimension: string, entry: unknown): Term {
  if (typeof entry !== "string" || entry.trim().length === 0) {
    throw invalidArgument(fn, `options.lexicon.${dimension}`, "non-empty words or phrases", entry);
  }
  const words = tokens(entry).map((word) => ({ stem: word, prefix: false }));
  if (/\*\s*$/.test(entry) && words.length > 0) {
    const last = words.length - 1;
    words[last] = { stem: (words[last] as { stem: string }).stem, prefix: true };
  }
  const inner = entry.trim().split(/\s+/);
  for (let k = 0; k < inner.length - 1; k++) {
    if ((inner[k] as string).endsWith("*") && words[k] !== undefined) {
      words[k] = { stem: (words[k] as { stem: string }).stem, prefix: true };
    }
  }
  if (words.length === 0) {
    throw invalidArgument(
      fn,
      `options.lexicon.${dimension}`,
      "entries with letters or digits",
      entry,
    );
  }
  return { text: entry.trim(), words };
}

/**
 * Resolves and compiles the lexicon of the options (the defaults, plus or instead of the
 * caller's entries).
 *
 * @throws {ServqualError} `invalid-argument` for a lexicon that is not dimension → entries.
 */
export function compileLexicon(fn: string, options: LexiconOptions | undefined): CompiledLexicon {
  const extra = options?.lexicon;
  if (extra !== undefined && !isRecord(extra)) {
    throw invalidArgument(
      fn,
      "options.lexicon",
      "an object of dimension → words and phrases",
      extra,
    );
  }
  const replace = options?.replaceLexicon ?? false;
  expectKind(fn, "options.replaceLexicon", replace, "boolean", "true or false");
  const entries: Record<string, string[]> = {};
  if (!replace) for (const [d, list] of Object.entries(DEFAULT_LEXICON)) entries[d] = [...list];
  for (const [d, list] of Object.entries(extra ?? {})) {
    if (!Array.isArray(list)) {
      throw invalidArgument(fn, `options.lexicon.${d}`, "an array of words and phrases", list);
    }
    entries[d] = [...(entries[d] ?? []), ...(list as string[])];
  }
  const dimensions = Object.keys(entries);
  if (dimensions.length === 0) {
    throw invalidArgument(fn, "options.lexicon", "at least one dimension with entries", extra);
  }
  return {
    dimensions,
    terms: dimensions.map((d) => (entries[d] as string[]).map((e) => compileEntry(fn, d, e))),
    entries,
  };
}

/** Lower-case words of a text: runs of letters, digits and apostrophes (apostrophes dropped). */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}'’]+/gu)) {
    const word = match[0].replace(/['’]/g, "");
    if (word.length > 0) out.push(word);
  }
  return out;
}

/** Clauses of a text: split at . ! ? ; , : and the word "but" (negation does not cross them). */
function clauses(text: string): string[][] {
  return text
    .split(/[.!?;,:]+|\bbut\b/i)
    .map(tokens)
    .filter((c) => c.length > 0);
}

const compileList = (list: readonly string[]) =>
  list.map((w) =>
    w.endsWith("*") ? { stem: w.slice(0, -1), prefix: true } : { stem: w, prefix: false },
  );
const POSITIVE = compileList(POSITIVE_WORDS);
const NEGATIVE = compileList(NEGATIVE_WORDS);
const NEGATOR_SET = new Set(NEGATORS);

const hits = (word: string, list: readonly { stem: string; prefix: boolean }[]) =>
  list.some((w) => (w.prefix ? word.startsWith(w.stem) : word === w.stem));

const isNegator = (word: string) => NEGATOR_SET.has(word);
const isTone = (word: string) => hits(word, POSITIVE) || hits(word, NEGATIVE);

/**
 * Tags one comment with the dimensions its words name and scores its tone.
 *
 * - Dimensions: every lexicon entry found in the comment (an entry's words in a row; a word
 *   ending in `*` matches as a prefix) tags the comment with its dimension; a comment may get
 *   several dimensions, or none.
 * - Tone (our choice): each word of `POSITIVE_WORDS` counts +1 and of `NEGATIVE_WORDS` −1,
 *   turned around when one of the three words before it in the same clause is a negator
 *   (`NEGATORS`, contractions such as didn't included); tone = (pos − neg)/(pos + neg) in [−1, 1], 0 when no
 *   tone word is found. "never" is a negator before a tone word and negative otherwise
 *   ("never called back").
 *
 * The text is only read, never evaluated or rendered: markup and formulas are plain words.
 *
 * @param text - The comment.
 * @param options - `lexicon` (entries to add per dimension), `replaceLexicon`.
 * @returns The dimensions, the matches and the tone.
 * @throws {ServqualError} `invalid-argument` for a text that is not a string or a bad lexicon.
 * @example
 * tagComment("Waited two hours for a call back, not helpful").dimensions //=> ["responsiveness"]
 * tagComment("Waited two hours for a call back, not helpful").toneLabel //=> "negative"
 */
export function tagComment(text: string, options?: LexiconOptions): CommentTags {
  const fn = "tagComment";
  expectKind(fn, "text", text, "string", "the comment text");
  checkOptionKeys(fn, options, LEXICON_OPTIONS);
  return tagWith(text, compileLexicon(fn, options));
}

/** {@link tagComment} with a compiled lexicon. */
export function tagWith(text: string, lexicon: CompiledLexicon): CommentTags {
  const parts = clauses(text);
  const words = parts.flat();
  const matches: { dimension: string; term: string }[] = [];
  const dimensions: string[] = [];
  lexicon.dimensions.forEach((dimension, d) => {
    let found = false;
    for (const term of lexicon.terms[d] as readonly Term[]) {
      if (matchesTerm(words, term)) {
        matches.push({ dimension, term: term.text });
        found = true;
      }
    }
    if (found) dimensions.push(dimension);
  });
  let positive = 0;
  let negative = 0;
  for (const clause of parts) {
    clause.forEach((word, i) => {
      let polarity = hits(word, POSITIVE) ? 1 : hits(word, NEGATIVE) ? -1 : 0;
      if (polarity === 0) return;
      if (word === "never") {
        // "never" before a tone word turns it around; on its own it is negative.
        const next = clause.slice(i + 1, i + 1 + NEGATION_WINDOW);
        if (next.some(isTone)) return;
      }
      for (let k = Math.max(0, i - NEGATION_WINDOW); k < i; k++) {
        if (isNegator(clause[k] as string)) {
          polarity = -polarity;
          break;
        }
      }
      if (polarity > 0) positive += 1;
      else negative += 1;
    });
  }
  const total = positive + negative;
  const tone = total === 0 ? 0 : (positive - negative) / total;
  return {
    words: words.length,
    dimensions,
    matches,
    positive,
    negative,
    tone,
    toneLabel: tone > 0 ? "positive" : tone < 0 ? "negative" : "neutral",
  };
}

function matchesTerm(words: readonly string[], term: Term): boolean {
  const k = term.words.length;
  outer: for (let i = 0; i + k <= words.length; i++) {
    for (let j = 0; j < k; j++) {
      const w = term.words[j] as { stem: string; prefix: boolean };
      const word = words[i + j] as string;
      if (w.prefix ? !word.startsWith(w.stem) : word !== w.stem) continue outer;
    }
    return true;
  }
  return false;
}
