/**
 * Where the browser tests find Chromium, and what they do without it: on a machine without
 * it they are skipped with a plain message saying how to install it; where the browser is
 * required (CI=true, or SERVQUAL_REQUIRE_BROWSER=1 as .ci/run sets) a missing Chromium fails.
 */
import { existsSync } from "node:fs";

/** The Chromium binary: SERVQUAL_CHROMIUM, or Debian's /usr/bin/chromium. */
export const CHROMIUM = process.env.SERVQUAL_CHROMIUM ?? "/usr/bin/chromium";

/** Whether a missing browser fails the run instead of skipping its tests. */
export const browserRequired =
  process.env.CI === "true" || process.env.SERVQUAL_REQUIRE_BROWSER === "1";

/** The sentence said when Chromium is missing. */
export const missingChromium =
  `Chromium is not at ${CHROMIUM}: install Debian's chromium (\`apt-get install -y chromium\`, ` +
  "as .ci/run does) or set SERVQUAL_CHROMIUM to a Chromium binary.";

/**
 * True when the browser tests can run. Without Chromium: throws where it is required, and
 * otherwise prints that the browser tests are skipped and how to install it.
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (browserRequired)
    throw new Error(`${missingChromium} (required: CI or SERVQUAL_REQUIRE_BROWSER=1)`);
  console.warn(`SKIPPED ${what}: ${missingChromium}`);
  return false;
}
