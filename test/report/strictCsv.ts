/**
 * A strict RFC 4180 reader for tests, written from the RFC's grammar (section 2), independent
 * of the library's writer: records end with CRLF (the last one too), a field is either plain
 * (no comma, double quote, CR or LF) or enclosed in double quotes with inner quotes doubled.
 * Anything else (a bare quote, text after a closing quote, a lone CR or LF, records of
 * different lengths) throws.
 */
export function readStrictCsv(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error("unterminated quoted field");
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          field += text[i];
          i++;
        }
      } else {
        while (i < text.length && text[i] !== "," && text[i] !== "\r") {
          if (text[i] === '"' || text[i] === "\n") {
            throw new Error(`character ${JSON.stringify(text[i])} in a plain field at ${i}`);
          }
          field += text[i];
          i++;
        }
      }
      record.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\r" && text[i + 1] === "\n") {
        i += 2;
        break;
      }
      throw new Error(`expected a comma or CRLF at ${i}, found ${JSON.stringify(text[i])}`);
    }
    if (records.length > 0 && record.length !== records[0]?.length) {
      throw new Error(`record ${records.length + 1} has ${record.length} fields`);
    }
    records.push(record);
  }
  return records;
}
