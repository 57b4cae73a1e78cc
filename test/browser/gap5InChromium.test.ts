/**
 * The core runs in a real browser: the built ESM package, bundled as a web application would
 * bundle it, is served over http on 127.0.0.1 to headless Chromium (Debian's `chromium`,
 * driven by playwright-core), which computes Gap 5 of a five-respondent survey. The numbers
 * equal the Node result of the same built package (to 12 significant digits: the engines may
 * round Math.exp, Math.log and Math.pow differently in the last bit) and the hand-worked values.
 *
 * Survey (dimension A = a1, a2; B = b1, b2, b3), G = P − E:
 *            E: a1 a2 | b1 b2 b3     P: a1 a2 | b1 b2 b3     G: a1 a2 | b1 b2 b3
 *   r1          6  7  |  5  6  7        5  5  |  5  4  6        -1 -2 |  0 -2 -1
 *   r2          5  5  |  6  6  6        6  4  |  4  5  6        +1 -1 | -2 -1  0
 *   r3          7  6  |  7  7  5        4  6  |  6  7  7        -3  0 | -1  0 +2
 *   r4          4  5  |  5  6  6        5  5  |  3  6  5        +1  0 | -2  0 -1
 *   r5          6  7  |  7  6  6        4  5  |  6  5  6        -2 -2 | -1 -1  0
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Servqual from "../../src/index";
import { bundleFromDist, repoRoot, requireBuiltPackage } from "../bundle/bundleFromDist";
import { tinySpec } from "../gaps/tinySurvey";
import { CHROMIUM, chromiumAvailable } from "./chromium";
import { expectSameUpToRounding } from "./sameUpToRounding";

const available = chromiumAvailable(
  "the Gap 5 test in Chromium (test/browser/gap5InChromium.test.ts)",
);

const spec = tinySpec;

const ITEMS = ["a1", "a2", "b1", "b2", "b3"];
const answers: [string, number[], number[]][] = [
  ["r1", [6, 7, 5, 6, 7], [5, 5, 5, 4, 6]],
  ["r2", [5, 5, 6, 6, 6], [6, 4, 4, 5, 6]],
  ["r3", [7, 6, 7, 7, 5], [4, 6, 6, 7, 7]],
  ["r4", [4, 5, 5, 6, 6], [5, 5, 3, 6, 5]],
  ["r5", [6, 7, 7, 6, 6], [4, 5, 6, 5, 6]],
];
const rows = answers.map(([id, e, p]) => {
  const row: Record<string, string | number> = { respondent_id: id };
  ITEMS.forEach((item, i) => {
    row[`E_${item}`] = e[i] as number;
    row[`P_${item}`] = p[i] as number;
  });
  return row;
});

// The page's program: the same three calls a web application makes.
const entry = `
import { defineInstrument, gap5, validateResponses } from "servqual";
globalThis.runGap5 = (spec, rows) => {
  const { dataset } = validateResponses(rows, defineInstrument(spec));
  return JSON.parse(JSON.stringify(gap5(dataset)));
};
`;

type Gap5Result = ReturnType<typeof Servqual.gap5>;

let server: Server | undefined;
let browser: Browser | undefined;
let baseUrl = "";

beforeAll(async () => {
  if (!available) return;
  requireBuiltPackage();
  const bundle = await bundleFromDist(entry);
  const page =
    '<!doctype html><meta charset="utf-8"><script type="module" src="/servqual.js"></script>';
  server = createServer((request, response) => {
    if (request.url === "/servqual.js") {
      response.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
      response.end(bundle.text);
    } else if (request.url === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(page);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function gap5InBrowser(): Promise<Gap5Result> {
  if (browser === undefined) throw new Error("Chromium did not start");
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(() => "runGap5" in globalThis);
    const result = await page.evaluate(
      ([s, r]) =>
        (globalThis as unknown as { runGap5: (s: unknown, r: unknown) => Gap5Result }).runGap5(
          s,
          r,
        ),
      [spec, rows] as const,
    );
    expect(errors).toEqual([]);
    return result;
  } finally {
    await page.close();
  }
}

describe.skipIf(!available)("the core in headless Chromium", () => {
  it("computes Gap 5 of a small survey: equal to Node and to the hand-worked values", async () => {
    const inBrowser = await gap5InBrowser();
    expect(typeof (await browser?.version())).toBe("string");

    // Node, from the same built package
    const node = (await import(
      pathToFileURL(join(repoRoot, "dist/index.js")).href
    )) as typeof Servqual;
    const { dataset } = node.validateResponses(rows, node.defineInstrument(spec));
    const inNode = JSON.parse(JSON.stringify(node.gap5(dataset))) as Gap5Result;
    // the same numbers to 12 significant digits (engines may differ in the last bits of Math.exp/log/pow)
    expectSameUpToRounding(inBrowser, inNode, 1e-12);

    // by hand: a1 gaps -1, 1, -3, 1, -2 → mean -0.8, variance 12.8/4 = 3.2, SE 0.8;
    // interval -0.8 ± qt(0.975, 4)·0.8 with qt(0.975, 4) = 2.776445105 (R)
    const a1 = inBrowser.items.find((item) => item.item === "a1");
    expect(a1?.n).toBe(5);
    expect(a1?.gap.mean).toBeCloseTo(-0.8, 12);
    expect(a1?.gap.sd).toBeCloseTo(Math.sqrt(3.2), 12);
    expect(a1?.gap.ci.lower).toBeCloseTo(-0.8 - 2.776445105 * 0.8, 8);
    // dimension A per respondent: mean of its two item gaps -1.5, 0, -1.5, 0.5, -2 → mean -0.9
    const A = inBrowser.dimensions.find((dimension) => dimension.dimension === "A");
    expect(A?.gap.mean).toBeCloseTo(-0.9, 12);
    // overall item mean: respondents' mean item gaps -6/5, -3/5, -2/5, -2/5, -6/5 → -19/25
    expect(inBrowser.respondents).toBe(5);
    expect(inBrowser.overall.itemMean.gap.mean).toBeCloseTo(-19 / 25, 12);
  });
});
