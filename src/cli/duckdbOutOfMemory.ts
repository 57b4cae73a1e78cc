import { firstLine } from "../sql/outOfMemory";

/**
 * What `servqual report --duckdb` prints when DuckDB runs out of memory (coded
 * `sql-out-of-memory`, docs/codes.md): the cause, DuckDB's own first line, the settings the
 * instance ran with, and the three options that change them. DuckDB runs inside the Node
 * process; its `memory_limit` bounds its buffers (not the whole process), each thread keeps its
 * own working state, and what does not fit is written to `temp_directory`.
 *
 * @param settings - The instance's settings (`duckDbSettings`).
 * @param during - What was being done: "reading FILE" or "computing the report".
 * @param error - What the driver (or runGapSql's `sql-out-of-memory` issue) said.
 * @example
 * duckDbOutOfMemory({ memory_limit: "8MB", threads: "2", temp_directory: "/tmp/x" }, "reading a.csv", new Error("Out of Memory Error: …"))
 * //=> "servqual: DuckDB ran out of memory (sql-out-of-memory) reading a.csv: Out of Memory Error: …\n…"
 */
export function duckDbOutOfMemory(
  settings: Readonly<Record<string, string>>,
  during: string,
  error: unknown,
): string {
  const said = firstLine(error).replace(/^duckdb: /, "");
  return [
    `servqual: DuckDB ran out of memory (sql-out-of-memory) ${during}: ${said}`,
    `  DuckDB ran inside this process with memory_limit ${settings.memory_limit}, ${settings.threads} thread(s) and temp_directory ${settings.temp_directory}. Try:`,
    "  - a higher --duckdb-memory-limit (e.g. 512MB or 2GB; the default is 96MB)",
    "  - fewer --duckdb-threads (each thread keeps its own working memory; the default is 1)",
    "  - --duckdb-temp-directory DIR on a disk with room (DuckDB writes there what does not fit)",
    "",
  ].join("\n");
}
