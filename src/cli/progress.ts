import type { CsvProgress } from "../io/csvProgress";

/** Where the bar is drawn: standard error, or a stand-in in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** How the bar is set up. */
export interface ProgressBarSettings {
  /** The stream to draw on; nothing is drawn unless `isTTY` is true. */
  readonly stream: ProgressStream;
  /** What is read, shown before the bar (a file name). */
  readonly label: string;
  /** No bar before the read has run this long (ms; default {@link PROGRESS_AFTER_MS}). */
  readonly afterMs?: number;
  /** The clock (ms), for tests. */
  readonly now?: () => number;
}

/** A progress bar: `onProgress` for `readResponsesCsv`, `done` to clear its line. */
export interface ProgressBar {
  readonly onProgress: (progress: CsvProgress) => void;
  /** Clears the bar's line (if one was drawn); call it when reading ends, fails or not. */
  readonly done: () => void;
}

/**
 * The bar appears only for a long input: once reading has taken 1 s (on the 2-core test
 * machine about 15–30 MB, 150,000–300,000 SERVQUAL-22 rows); a shorter read never draws it.
 */
export const PROGRESS_AFTER_MS = 1000;

const WIDEST = 100;
const CLEAR = "\r\x1b[2K";

/**
 * A one-line progress bar on a terminal's standard error while a CSV file is read:
 * `reading FILE [#####.....]  45%  39.6 of 88.0 MB, 450,123 rows`, redrawn in place (carriage
 * return, erase line) at most 10 times a second (the reader's throttle), fitted to the
 * terminal's width (at most 100 columns), and erased when reading ends. Nothing is written when
 * the stream is not a terminal (piped or redirected standard error, CI logs) or the read ends
 * within {@link PROGRESS_AFTER_MS}. The bar has no colour, so NO_COLOR changes nothing. The
 * label is stripped of control characters by the caller.
 *
 * @param settings - The stream, the label, the delay and the clock.
 * @returns The callback and `done`.
 *
 * @example
 * const bar = progressBar({ stream: process.stderr, label: "survey.csv" });
 * try { await readResponsesCsv(path, instrument, { onProgress: bar.onProgress }); }
 * finally { bar.done(); }
 */
export function progressBar(settings: ProgressBarSettings): ProgressBar {
  const { stream, label } = settings;
  const now = settings.now ?? (() => performance.now());
  const afterMs = settings.afterMs ?? PROGRESS_AFTER_MS;
  const started = now();
  let drawn = false;
  const terminal = stream.isTTY === true;
  return {
    onProgress(progress) {
      if (!terminal || progress.done || now() - started < afterMs) return;
      // A terminal that does not say its width (0) is taken as 80 columns.
      const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
      const width = Math.max(20, Math.min(columns, WIDEST) - 1);
      stream.write(`${CLEAR}${progressLine(label, progress, width)}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write(CLEAR);
      drawn = false;
    },
  };
}

/**
 * The bar's text for one progress report, at most `width` characters: the label (shortened
 * with "…" from the left, keeping the file's name), a 20-cell bar and the percentage of bytes
 * when the size is known, the megabytes and the rows read.
 *
 * @example
 * progressLine("survey.csv", { bytes: 44e6, totalBytes: 88e6, rows: 500000, done: false }, 80)
 * //=> "reading survey.csv [##########..........]  50%  44.0 of 88.0 MB, 500,000 rows"
 */
export function progressLine(label: string, progress: CsvProgress, width: number): string {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const rows = `${progress.rows.toLocaleString("en-US")} rows`;
  const total = progress.totalBytes;
  // Longest first; a narrow terminal gets a shorter tail, then a shorter name.
  const tails: string[] = [];
  if (total !== null && total > 0) {
    const share = Math.min(1, progress.bytes / total);
    const filled = Math.floor(share * 20);
    const bar = `[${"#".repeat(filled)}${".".repeat(20 - filled)}]`;
    const percent = `${String(Math.floor(share * 100)).padStart(3)}%`;
    tails.push(` ${bar} ${percent}  ${mb(progress.bytes)} of ${mb(total)} MB, ${rows}`);
    tails.push(` ${bar} ${percent}, ${rows}`);
    tails.push(` ${percent}, ${rows}`);
  } else {
    tails.push(`  ${mb(progress.bytes)} MB, ${rows}`, `  ${rows}`);
  }
  const head = "reading ";
  const shortest = 8;
  const tail =
    tails.find((t) => head.length + Math.min(label.length, shortest) + t.length <= width) ??
    (tails[tails.length - 1] as string);
  const room = Math.max(1, width - head.length - tail.length);
  const name = label.length <= room ? label : `…${label.slice(label.length - room + 1)}`;
  return `${head}${name}${tail}`.slice(0, width);
}
