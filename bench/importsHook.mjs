// Load hook of bench/imports.mjs --modules (registered with `module.register`): posts the URL
// of every module the ESM loader loads to the main thread.
let port;

export function initialize(data) {
  port = data.port;
}

export async function load(url, context, nextLoad) {
  port.postMessage(url);
  return nextLoad(url, context);
}
