// `node test/bundle/loadedModules.mjs FILE [--require]`: imports (or, with --require, requires)
// FILE in this fresh process and prints, as JSON, the absolute paths of every file Node loaded
// for it: ES modules through a load hook registered with `module.register`, CommonJS files from
// `require.cache` (which also holds the files CommonJS packages require from each other).
import { createRequire, register } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";

const HOOK = [
  "let port;",
  "export function initialize(data) { port = data.port; }",
  "export async function load(url, context, nextLoad) { port.postMessage(url); return nextLoad(url, context); }",
].join("\n");

const [file, mode] = process.argv.slice(2);
const loaded = new Set();
const { port1, port2 } = new MessageChannel();
port1.on("message", (url) => {
  if (url.startsWith("file:")) loaded.add(fileURLToPath(url));
});
port1.unref();
register(`data:text/javascript,${encodeURIComponent(HOOK)}`, {
  data: { port: port2 },
  transferList: [port2],
});
const require = createRequire(import.meta.url);
if (mode === "--require") require(file);
else await import(pathToFileURL(file).href);
// the hook thread's last messages
await new Promise((resolve) => setTimeout(resolve, 50));
for (const path of Object.keys(require.cache)) loaded.add(path);
process.stdout.write(`${JSON.stringify([...loaded].sort())}\n`);
