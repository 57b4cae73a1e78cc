import { optionNames } from "../_lib/guards";
import type { Issue } from "../_lib/ServqualError";
import { ServqualError } from "../_lib/ServqualError";
import { VALIDATION_OPTIONS, type ValidationOptions } from "../responses/validationOptions";
import type { CsvProgress } from "./csvProgress";

/**
 * Options of `readResponsesCsvText`: the validation options plus the CSV `delimiter`
 * (a non-empty string without a quote, a line break or a byte-order mark; by default it is
 * detected from the first rows among `,` tab `|` `;`).
 */
export type CsvTextOptions = ValidationOptions & {
  readonly delimiter?: string;
};

/** Text encodings `readResponsesCsv` can decode. */
export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "latin1";

/**
 * Options of `readResponsesCsv`: those of `readResponsesCsvText` plus the file's `encoding`.
 * Without it, a byte-order mark at the start of the file picks UTF-8 (EF BB BF), UTF-16LE
 * (FF FE) or UTF-16BE (FE FF), and a file without one is read as UTF-8. A byte-order mark is
 * always removed.
 */
export type CsvFileOptions = CsvTextOptions & {
  readonly encoding?: CsvEncoding;
  /**
   * Threads that read a large file. Files of 8 MiB or more without any double quote are split
   * at line ends and read in parallel, with the same result as one thread; 1 reads on one
   * thread. Default: the machine's cores (at most 4) unless its 1-minute load average is twice
   * the cores or more, then 1 (on a busy machine a second thread only adds work).
   */
  readonly threads?: number;
  /**
   * Called while the file is read, at most 10 times a second, with the bytes and rows read so
   * far, and once more at the end (`done: true`, bytes = the bytes read, normally the file's
   * size). Bytes and rows never decrease. Works on one thread and in parallel (the threads'
   * counts are added up). It must not throw.
   */
  readonly onProgress?: (progress: CsvProgress) => void;
};

/** CSV options split into the validation options and the CSV-level settings. */
export interface SplitCsvOptions {
  readonly validation: ValidationOptions;
  /** The delimiter, or null to detect it. */
  readonly delimiter: string | null;
  /** The encoding given, or null to detect it from a byte-order mark (UTF-8 without one). */
  readonly encoding: CsvEncoding | null;
  /** Threads asked for, or null for the default. */
  readonly threads: number | null;
  /** The progress callback, or null. */
  readonly onProgress: ((progress: CsvProgress) => void) | null;
}

const ENCODINGS: readonly CsvEncoding[] = ["utf-8", "utf-16le", "utf-16be", "latin1"];

/**
 * The option names of the CSV readers: the validation options, `delimiter` and `encoding`
 * (the text reader names `encoding` in its own message: text is already decoded).
 */
export const CSV_FILE_OPTIONS: readonly string[] = [
  ...VALIDATION_OPTIONS,
  ...optionNames<Omit<CsvFileOptions, keyof ValidationOptions>>({
    delimiter: true,
    encoding: true,
    threads: true,
    onProgress: true,
  }),
];

/**
 * Checks the CSV-level options and separates them from the validation options (which
 * `createDatasetBuilder` checks).
 *
 * @param options - The caller's options.
 * @param allowEncoding - Whether `encoding` is accepted (files) or not (text).
 * @returns The validation options, the delimiter (null = detect) and the encoding (null = detect).
 * @throws {ServqualError} `invalid-options` naming each bad option.
 */
export function splitCsvOptions(
  options: CsvFileOptions | undefined,
  allowEncoding: boolean,
): SplitCsvOptions {
  if (options === undefined || options === null) {
    return { validation: {}, delimiter: null, encoding: null, threads: null, onProgress: null };
  }
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new ServqualError("invalid-options", "The CSV options are not valid.", [
      { code: "invalid-type", message: `the options must be an object, not ${typeof options}` },
    ]);
  }
  const { delimiter, encoding, threads, onProgress, ...validation } = options as CsvFileOptions;
  const issues: Issue[] = [];
  if (delimiter !== undefined) {
    if (typeof delimiter !== "string" || delimiter.length === 0 || delimiter.length > 8) {
      issues.push({
        code: "invalid-delimiter",
        message: "option delimiter: must be a string of 1 to 8 characters",
        path: ["delimiter"],
      });
    } else if (/[\r\n"\uFEFF]/.test(delimiter)) {
      issues.push({
        code: "invalid-delimiter",
        message:
          "option delimiter: must not contain a line break, a double quote or a byte-order mark",
        path: ["delimiter"],
      });
    }
  }
  if (encoding !== undefined) {
    if (!allowEncoding) {
      issues.push({
        code: "unknown-option",
        message: "option encoding: only files have an encoding; the text is already decoded",
        path: ["encoding"],
      });
    } else if (!ENCODINGS.includes(encoding)) {
      issues.push({
        code: "invalid-encoding",
        message: `option encoding: must be one of ${ENCODINGS.map((e) => `"${e}"`).join(", ")}`,
        path: ["encoding"],
      });
    }
  }
  if (threads !== undefined) {
    if (!allowEncoding) {
      issues.push({
        code: "unrecognized-key",
        message: "option threads: only files are read in parallel",
        path: ["threads"],
      });
    } else if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
      issues.push({
        code: "invalid-threads",
        message: "option threads: must be a whole number from 1 to 64",
        path: ["threads"],
      });
    }
  }
  if (onProgress !== undefined) {
    if (!allowEncoding) {
      issues.push({
        code: "unrecognized-key",
        message: "option onProgress: only files report progress",
        path: ["onProgress"],
      });
    } else if (typeof onProgress !== "function") {
      issues.push({
        code: "invalid-type",
        message: "option onProgress: must be a function (progress) => void",
        path: ["onProgress"],
      });
    }
  }
  if (issues.length > 0) {
    throw new ServqualError("invalid-options", "The CSV options are not valid.", issues);
  }
  return {
    validation,
    delimiter: delimiter ?? null,
    encoding: encoding ?? null,
    threads: threads ?? null,
    onProgress: onProgress ?? null,
  };
}
