import { constants } from "node:fs";
import { access, mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "./usageError";

/** The file the command writes into `--out` for each format. */
export const REPORT_FILES = {
  md: "report.md",
  json: "report.json",
  csv: "report.csv",
  html: "report.html",
} as const;

/** The file names of some formats. */
export function reportFileNames(formats: readonly (keyof typeof REPORT_FILES)[]): string[] {
  return formats.map((format) => REPORT_FILES[format]);
}

/**
 * Checks, before any input is read, that `--out` can take the report: it is a folder (or can
 * be made: its nearest existing ancestor is a writable folder), and it holds none of the
 * files to write unless `force`.
 *
 * @param out - The folder as given on the command line.
 * @param force - Whether existing reports may be replaced.
 * @param names - The files to write (default report.md and report.json).
 * @returns The absolute folder path.
 * @throws {UsageError} naming the folder and what stands in the way.
 *
 * @example
 * await checkOutputFolder("reports", false) //=> "/home/me/reports"
 */
export async function checkOutputFolder(
  out: string,
  force: boolean,
  names: readonly string[] = ["report.md", "report.json"],
): Promise<string> {
  const folder = resolve(out);
  const info = await statOrNull(folder, out);
  if (info === null) {
    await checkCanMake(folder, out);
    return folder;
  }
  if (!info.isDirectory()) {
    throw new UsageError(`--out ${out} is a file, not a folder; name a folder for the report`);
  }
  await checkWritable(folder, out);
  for (const name of names) {
    const path = join(folder, name);
    const file = await statOrNull(path, out);
    if (file === null) continue;
    if (!file.isFile()) {
      throw new UsageError(`--out ${out}: ${name} there is not a file, so it cannot be replaced`);
    }
    if (!force) {
      throw new UsageError(
        `${path} already exists; add --force to replace it, or choose another folder with --out`,
      );
    }
  }
  return folder;
}

/**
 * Writes the report files into the folder (made when absent). Without `force` an existing
 * file is never replaced, even one that appeared after the check.
 *
 * @throws {UsageError} when the folder cannot be made or a file cannot be written.
 */
export async function writeReportFiles(
  folder: string,
  files: Readonly<Record<string, string>>,
  force: boolean,
): Promise<string[]> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out ${folder} cannot be made: ${reason(error)}`);
  }
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(folder, name);
    try {
      await writeFile(path, text, { flag: force ? "w" : "wx" });
    } catch (error) {
      throw new UsageError(
        (error as { code?: string }).code === "EEXIST"
          ? `${path} already exists; add --force to replace it, or choose another folder with --out`
          : `${path} cannot be written: ${reason(error)}`,
      );
    }
    written.push(path);
  }
  return written;
}

async function checkCanMake(folder: string, out: string): Promise<void> {
  let ancestor = dirname(folder);
  for (;;) {
    const info = await statOrNull(ancestor, out);
    if (info !== null) {
      if (!info.isDirectory()) {
        throw new UsageError(`--out ${out} cannot be made: ${ancestor} is a file, not a folder`);
      }
      await checkWritable(ancestor, out);
      return;
    }
    const parent = dirname(ancestor);
    if (parent === ancestor) return;
    ancestor = parent;
  }
}

async function checkWritable(folder: string, out: string): Promise<void> {
  try {
    await access(folder, constants.W_OK | constants.X_OK);
  } catch {
    throw new UsageError(`--out ${out} cannot be written: no permission to write in ${folder}`);
  }
}

async function statOrNull(path: string, out: string) {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // ENOTDIR: a part of the path is a file; the walk up to the nearest existing part names it.
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw new UsageError(`--out ${out} cannot be used: ${reason(error)}`);
  }
}

function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  const messages: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOTDIR: "a part of the path is a file, not a folder",
    EEXIST: "a file of that name exists",
    EISDIR: "it is a folder",
    EROFS: "the file system is read-only",
    ENOSPC: "no space left on the device",
  };
  return (
    (code !== undefined && messages[code]) ||
    (error instanceof Error ? error.message : String(error))
  );
}
