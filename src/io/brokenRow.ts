import { RecordProblems } from "../operations/fields";

/** The problems of a CSV row that cannot be read (a broken quote, a wrong cell count). */
export function brokenRowProblems(
  code: "malformed-quote" | "unterminated-quote" | "wrong-cell-count",
  message: string,
): RecordProblems {
  const problems = new RecordProblems();
  if (code === "wrong-cell-count") problems.failAs("ragged-row", code, "(row)", message);
  else problems.fail(code, "(row)", message);
  return problems;
}
