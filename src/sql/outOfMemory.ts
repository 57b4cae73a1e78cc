/**
 * Whether an error a database driver threw says that the engine ran out of memory: DuckDB's
 * `Out of Memory Error: …` (also `failed to pin block` / `could not allocate block` when its
 * `memory_limit` is reached and nothing can be written to `temp_directory`), or PostgreSQL's
 * SQLSTATE 53200 (`out_of_memory`, https://www.postgresql.org/docs/current/errcodes-appendix.html).
 *
 * @param error - What the driver threw.
 * @returns True for an out-of-memory error of either engine.
 * @example
 * isOutOfMemory(new Error("Out of Memory Error: could not allocate block of size 30.5 MiB")) //=> true
 * isOutOfMemory(new Error('Binder Error: Referenced column "E1" not found')) //=> false
 */
export function isOutOfMemory(error: unknown): boolean {
  if (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: unknown }).code === "53200"
  ) {
    return true;
  }
  const message = error instanceof Error ? error.message : String(error);
  return /Out of Memory Error|failed to pin block|could not allocate block/i.test(message);
}

/**
 * The first line of a driver's error message: DuckDB appends "Possible solutions" in SQL
 * (`SET threads=X`), which a caller of the runners or the command does not type.
 *
 * @example
 * firstLine(new Error("Out of Memory Error: x\n\nPossible solutions: …")) //=> "Out of Memory Error: x"
 */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]?.trim() ?? "";
}
