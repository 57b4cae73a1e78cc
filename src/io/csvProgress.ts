/** How far a CSV file read has come, as `readResponsesCsv`'s `onProgress` receives it. */
export interface CsvProgress {
  /** Bytes of the file read so far (never decreasing from one call to the next). */
  readonly bytes: number;
  /** The file's size in bytes, or null when it is not a regular file (a pipe). */
  readonly totalBytes: number | null;
  /** Data rows read so far, kept or excluded (never decreasing). */
  readonly rows: number;
  /** True on the last call, made once when the whole file has been read. */
  readonly done: boolean;
}

/** Least time between two progress calls (10 a second at most). */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Throttles and orders progress reports: `update` passes one on when at least
 * {@link PROGRESS_INTERVAL_MS} have gone by since the last, `finish` always passes the last
 * one on; bytes and rows never go back (a parallel read that falls back to one thread starts
 * over from the first byte: its reports wait until they pass what was already reported).
 *
 * @example
 * const meter = new ProgressMeter((p) => console.log(p.bytes), 1000);
 * meter.update(10, 1); meter.finish(1000, 9);
 */
export class ProgressMeter {
  private last = Number.NEGATIVE_INFINITY;
  private bytes = 0;
  private rows = 0;
  private finished = false;

  constructor(
    private readonly callback: (progress: CsvProgress) => void,
    private readonly totalBytes: number | null,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Reports `bytes` and `rows` read so far, unless the last report is too recent. */
  update(bytes: number, rows: number): void {
    if (this.finished || (bytes <= this.bytes && rows <= this.rows)) return;
    const time = this.now();
    if (time - this.last < PROGRESS_INTERVAL_MS) return;
    this.last = time;
    this.bytes = Math.max(this.bytes, bytes);
    this.rows = Math.max(this.rows, rows);
    this.callback({ bytes: this.bytes, totalBytes: this.totalBytes, rows: this.rows, done: false });
  }

  /** The last report: the whole file read (`bytes`, normally the file's size) and its rows. */
  finish(bytes: number, rows: number): void {
    if (this.finished) return;
    this.finished = true;
    this.bytes = Math.max(this.bytes, bytes);
    this.rows = Math.max(this.rows, rows);
    this.callback({ bytes: this.bytes, totalBytes: this.totalBytes, rows: this.rows, done: true });
  }
}
