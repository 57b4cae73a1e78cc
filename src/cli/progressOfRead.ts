import { basename } from "node:path";
import { PROGRESS_AFTER_MS, type ProgressBar, progressBar } from "./progress";
import { forTerminal } from "./terminal";

/**
 * The progress bar of the command's read of FILE on standard error (see {@link progressBar}):
 * drawn only when standard error is a terminal and the read takes more than 1 s.
 * `SERVQUAL_PROGRESS_AFTER_MS` changes the delay (tests set 0 to see it on a small file).
 *
 * @example
 * const bar = readingBar("survey.csv"); // then onProgress: bar.onProgress, finally bar.done()
 */
export function readingBar(path: string): ProgressBar {
  const setting = process.env.SERVQUAL_PROGRESS_AFTER_MS;
  const after = setting === undefined || setting === "" ? Number.NaN : Number(setting);
  return progressBar({
    stream: process.stderr,
    label: forTerminal(basename(path), true),
    afterMs: Number.isFinite(after) && after >= 0 ? after : PROGRESS_AFTER_MS,
  });
}
