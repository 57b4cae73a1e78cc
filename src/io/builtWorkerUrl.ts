import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Where a worker entry built beside the reading modules lives (`dist/io/<file>`). The ES module
 * build finds it from `import.meta.url`; the CommonJS build, where `import.meta.url` is empty,
 * from `__dirname`. Null when neither is known: the reader then stays on one thread.
 *
 * Internal to the file readers (readResponsesCsv, readEventsCsv).
 *
 * @example
 * builtWorkerUrl("csvWorker.js"); // file:///…/node_modules/servqual/dist/io/csvWorker.js
 */
export function builtWorkerUrl(file: string): URL | null {
  const here: string | undefined = import.meta.url;
  if (typeof here === "string" && here.length > 0) return new URL(`./${file}`, here);
  if (typeof __dirname === "string") return pathToFileURL(join(__dirname, file));
  return null;
}
